"""An action that reads on its own: a passive one names what is acted on.

"The first cards would be issued in 2008" gives the action "be issued in 2008", which says
nothing without its subject; about one item in nine on the BBC politics corpus was such a
passive. It becomes "have the first cards issued in 2008" ("detainees will not be freed": "not have
detainees freed"): the subject kept in the sentence's own words, the verb left as written (no
guessing at "issue" from "issued"). An opening "also" or "to" is dropped ("also press
Labour": "press Labour").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TypeVar

from briefing.models import Ask, Commitment
from briefing.offline.attribution import _PAST_PARTICIPLE

Item = TypeVar("Item", Commitment, Ask)

_PASSIVE_ACTION = re.compile(
    rf"(?P<not>(?:not|never)\s+)?(?:(?:also|then|now|still)\s+)?be\s+(?P<verb>{_PAST_PARTICIPLE})\b"
)
_BE = re.compile(r"\bbe\s+")
_PUNCTUATION = ",.;:!?\"“”‘’'()"
_MODAL = (
    r"(?:will|would|should|must|shall|could|can|may|might|'ll|’ll|is\s+to|are\s+to|was\s+to"
    r"|were\s+to|needs?\s+to|needed\s+to|ought\s+to|has\s+to|have\s+to|had\s+to)"
)
_MODAL_BEFORE = re.compile(rf"\s+{_MODAL}\s+(?:(?:not|never|also|then|now|still)\s+){{0,2}}$")
# Where the subject's clause starts: the sentence's start, a clause break, "that", a verb of
# saying, a conjunction that opens a clause.
_CLAUSE_START = re.compile(
    r"(?:^|[,;:(]\s+|\s[-–—]\s+|\b(?:that|said|says|say|stressed|warned|believes|believed"
    r"|argued|insisted|added|announced|suggested|claimed|thinks|think|agreed|confirmed|revealed"
    r"|admitted|predicted|ruled|hoped|hopes|so|if|unless|when|whether|because|while|although|as"
    r"|after|before|until|once|And|But)\s+)(?=\S)"
)
# "stability was all important and any extra cash should be": "and" after a clause with its own
# verb opens a new clause; "Scottish councils and the prison service" is one subject.
_CLAUSE_AND = re.compile(r"\b(?:was|were|is|are|has|have|had|did|does|do)\b.*?\s(?:and|but|or)\s+")
_FINITE = frozenset("is are was were has have had will would did does do can could".split())
_ADVERB = frozenset("also still now then".split())
# Words that join two phrases: a subject holding one is a list or two clauses, not plainly one.
_JOINS = frozenset("and or but so told".split())
_PRONOUN = frozenset("it they he she we i you this that these those which who what them".split())
_PREPOSITION = frozenset(
    "by in on at from with for of to under after before during into over about than".split()
)
_LOWER_FIRST = frozenset(
    "the a an this these those some all any no each every its their his her our one two three "
    "four five six seven eight nine ten more most many further new extra other anyone everyone "
    "someone nobody people only both several few such".split()
)
_MAX_SUBJECT_WORDS = 8


def with_subject(items: list[Item], text: str) -> list[Item]:
    """The items, each passive action of the rules' (or the judge's) rewritten to name its
    subject (see the module); a model's own action is its own. `text`, the article, tells a
    common word opening a sentence ("Education") from a name."""
    return [item if item.found_by == "model" else _with_subject(item, text) for item in items]


# Words that open an action without saying anything of it: "also be replaced" is "be
# replaced", "to increase the threshold" is "increase the threshold".
_IDLE_OPENING = re.compile(r"^(?:also\s+|to\s+(?=[a-z]))+")


def _with_subject(item: Item, text: str) -> Item:
    action = _IDLE_OPENING.sub("", item.action)
    if action != item.action and action:
        item = replace(item, action=action)
    action = item.action
    passive = _PASSIVE_ACTION.match(action)
    if not passive:
        return item
    verb = passive.group("verb")
    head = _before_modal(item.evidence, action[passive.start("verb") :].split()[:3])
    subject = _subject(head, text) if head else ""
    if not subject:
        return item
    rest = action[passive.end() :]
    rest = re.sub(r"\s+(and|or)\s+be\s+", r" \1 ", rest)  # "brought to trial and be held"
    negated = passive.group("not") or ""  # "will not be freed": "not have detainees freed"
    return replace(item, action=f"{negated}have {subject} {verb}{rest}")


def _before_modal(evidence: str, said: list[str]) -> str:
    """The sentence up to the modal of the "be <verb> ..." that `said` begins ('' if none)."""
    said = [w.strip(_PUNCTUATION) for w in said]
    for be in _BE.finditer(evidence):
        if [w.strip(_PUNCTUATION) for w in evidence[be.end() :].split()[: len(said)]] == said:
            modal = _MODAL_BEFORE.search(evidence, 0, be.start())
            if modal:
                return evidence[: modal.start()]
    return ""


@lru_cache(maxsize=8)
def _lower_case_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[a-z][\w'’-]*", text))


def _subject(head: str, text: str) -> str:
    """The noun phrase that ends `head` (the words before the modal), or '' when it is not
    plainly one: a pronoun, a phrase after a preposition, an aside after a comma, a list, a
    clause with a verb of its own."""
    starts = list(_CLAUSE_START.finditer(head))
    last = starts[-1] if starts else None
    phrase = head[last.end() :] if last else head
    joined = None
    for clause in _CLAUSE_AND.finditer(phrase):
        joined = clause
    words = phrase[joined.end() :].split() if joined else phrase.split()
    while words and not words[0].strip("\"“”‘’'-–—•*"):
        words.pop(0)
    if words:
        words[0] = words[0].lstrip("\"“‘'-–—•*")
    while words and words[-1].lower() in _ADVERB:
        words.pop()  # "More also needed to be done"
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return ""
    first, low = words[0], {w.lower().strip(',."”’') for w in words}
    if low & (_PRONOUN | _FINITE | _JOINS):
        return ""  # "if not they", "work is still (needed)", "Switzerland and Sweden"
    if first.lower() in _PREPOSITION or re.search(r"\bto\s+[a-z]", " ".join(words)):
        return ""  # "Britain to ensure suspects would not be": a purpose clause, not a subject
    after_comma = bool(not joined and last and last.group(0).lstrip()[:1] in ",;(")
    if after_comma and first.islower() and first not in _LOWER_FIRST:
        return ""  # "Mr Habib, previously accused of ..., will be": an aside
    proper = len(words) > 1 and words[1][:1].isupper()  # "National Insurance"
    if first.lower() in _LOWER_FIRST or (
        first[:1].isupper()
        and not first.isupper()
        and not proper
        and first.lower() in _lower_case_words(text)
    ):
        words[0] = first.lower()  # "The first cards", "Education" (a word the article writes
        # in lower case elsewhere), but "Scottish councils"
    return " ".join(words)
