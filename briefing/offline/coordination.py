"""Two requests or pledges in one sentence, joined by ", and", are two items.

The annotation guideline says a sentence holding two distinct requests gives two items: "I ask
the UK to strengthen cooperation, and share their experiences ..." asks two things of the UK;
"She urged the agency to close its office, and appealed for prisoners to be freed" makes two
asks. The rules read the first; this finds the second, after the first's action, when the
words after ", and" open a new verb phrase (a bare verb parallel to the first, or a verb of
request), not a noun phrase or a new clause with its own subject.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from briefing.models import Ask, Commitment

Item = TypeVar("Item", Commitment, Ask)

_JOINED = re.compile(r"^\s*,\s+and\s+(?:also\s+)?")
# A verb of request that opens a second ask: "..., and appealed for X to be freed".
_REQUEST = re.compile(
    r"^(?:appeal(?:ed|s)?|call(?:ed|s)?|press(?:ed|es)?|urg(?:ed|es)|ask(?:ed|s)?"
    r"|demand(?:ed|s)?)\s+(?:on\s+|for\s+|that\s+)?"
)
# Words that open a noun phrase, a new clause or an aside, never a bare verb.
_NOT_A_VERB = frozenset(
    """a an the this that these those his her its their our my your some any all each every no
    more most many much other another such both either neither several few he she it they we i
    you there then so yet but or nor not also only even still now later today tomorrow in on at
    to for with by from of as into about after before under over than if unless when while where
    whether who whom whose which what how why said says told added is are was were be been
    being has have had do does did will would shall should can could may might must""".split()
)
_CLAUSE_END = re.compile(r"[,;:.!?\"“”()]|\s(?:and|but|while|although|because)\s")
_DANGLING = frozenset("a an the of to for and or in on at by with from their its his her".split())
_MAX_WORDS = 16


def split_coordinated(items: list[Item]) -> list[Item]:
    """The items, each followed by the second request or pledge its sentence joins to it."""
    out: list[Item] = []
    for item in items:
        first, joined = _split_and(item)
        out.append(first)
        if joined is not None:
            out.append(joined)
        second = _second(first)
        if second is not None:
            out.append(second)
    return out


def _split_and(item: Item) -> tuple[Item, Item | None]:
    """ "building more prisons and making criminals serve full sentences": two acts named by
    gerunds joined by "and" within one action, as two items. (Bare verbs are left joined:
    annotators mostly keep "save money and ..." as one act, and a bare verb is not told from a
    noun by its letters: "stability and growth".)"""
    words = item.action.split()
    if len(words) < 5:
        return item, None
    lead = words[2] if words[1] == "to" else words[0]  # "him to apologise"
    if not (lead.endswith("ing") and lead.isalpha() and lead.islower()):
        return item, None
    for i, word in enumerate(words[:-2]):
        if word != "and" or i < 2:
            continue
        head = words[i + 1]
        if head.endswith("ing") and head not in _NOT_A_VERB and head != lead:
            first = " ".join(words[:i])
            second = " ".join(words[i + 1 :])
            if len(second.split()) >= 2:
                return replace(item, action=first), replace(item, action=second, deadline="")
    return item, None


def _second(item: Item) -> Item | None:
    action = item.action.strip()
    at = item.evidence.find(action) if action else -1
    if at < 0:
        return None
    joined = _JOINED.match(item.evidence[at + len(action) :])
    if not joined:
        return None
    rest = item.evidence[at + len(action) + joined.end() :]
    request = _REQUEST.match(rest)
    if request and isinstance(item, Ask):
        # A new verb of request: whom it names is not known here, the action is what it asks.
        words = _phrase(rest[request.end() :])
        if not words:
            return None
        second = replace(item, action=words, deadline="")
        second.addressee = ""
        return second
    head = rest.split(maxsplit=1)[0] if rest.strip() else ""
    if not head.isalpha() or not head.islower() or head in _NOT_A_VERB:
        return None
    if head.endswith(("ed", "ing", "ly")) or (head.endswith("s") and not head.endswith("ss")):
        return None  # a past or reported verb ("and said"), an adverb, a plural noun
    words = _phrase(rest)
    return replace(item, action=words, deadline="") if len(words.split()) >= 2 else None


def _phrase(text: str) -> str:
    """The verb phrase at the start of `text`, up to the end of its clause."""
    end = _CLAUSE_END.search(text)
    words = (text[: end.start()] if end else text).split()[:_MAX_WORDS]
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words)
