"""A key point is read on its own, without the sentences before it: one that opens with a
pronoun ("He further complimented Sar Kheng...") names the person it stands for, in brackets as
an editor would ("[Dominic Williams] further complimented Sar Kheng..."), found in the
article's preceding sentences. When the article does not settle who it is, the point is left
as written: a wrong name is worse than a pronoun.
"""

from __future__ import annotations

import re

from .offline import entities
from .sentences import find_words, sentences

_OPENING_PRONOUN = re.compile(r"(He|She|His|Her)\b(?!['’])")
_WORD = re.compile(r"\S+")
# How far back the person may be named: a pronoun rarely reaches further in news writing.
LOOK_BACK_SENTENCES = 3
# A sentence naming two people settles the pronoun only if the first opens it (its subject).
SUBJECT_WORDS = 4
_FEMININE = ("Mrs", "Ms", "Miss")
# "the minister", "the former prime minister": a person the sentence refers to by role. The
# person whose stated role it is, when the article names one; otherwise someone unnamed, and the
# pronoun may be theirs, so it is left alone.
_ROLE_REFERENCE = re.compile(
    r"\b[Tt]he ((?:[a-z-]+ ){0,2}?(?:minister|chancellor|ambassador|president|secretary|leader|"
    r"chairman|chairwoman|spokesman|spokeswoman|mayor|premier|governor|peer|judge|commissioner|"
    r"MP|chief|director|candidate))\b"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s")
_RANK_WORDS = frozenset("shadow former deputy junior acting vice".split())
_UNNAMED = "?"


def name_opening_pronoun(point: str, text: str) -> str:
    """The point with its opening He/She/His/Her replaced by the person's name in brackets, or
    the point unchanged (no such pronoun, the point is not the article's own sentence, or the
    person is not certain)."""
    match = _OPENING_PRONOUN.match(point)
    if match is None:
        return point
    start = _locate(point, text)
    if start is None:
        return point
    person = _antecedent(text, start, start + len(point), match.group(1))
    if not person or not re.search(rf"\b{re.escape(person)}(?![\w-])", text):
        return point  # nobody, or a name the article never writes out (a misread one)
    name = f"[{person}]" if match.group(1) in ("He", "She") else f"[{person}’s]"
    return name + point[match.end() :]


def _locate(point: str, text: str) -> int | None:
    """Where the point's sentence starts in the article (whitespace may differ; a point cut
    short ends with …), or None for a point the article does not hold."""
    words = _WORD.findall(point.rstrip("…"))[:8]
    if len(words) < 3:
        return None
    found = find_words(words, text)
    return found[0] if found else None


def _antecedent(text: str, start: int, end: int, pronoun: str) -> str:
    if _inside_quotation(text, start):
        return ""  # a speaker's "he" is often not the person the article last named
    index = entities.find(text)
    # Who the point's own sentence names is not who its pronoun is ("He praised Sar Kheng").
    stop = _SENTENCE_END.search(text, start, end)
    in_point = {m.name for m in index.mentions_between(start, stop.end() if stop else end)}
    before = [span for span in sentences(text) if span[1] <= start][-LOOK_BACK_SENTENCES:]
    for s_start, s_end in reversed(before):
        found = [
            (m.name, m.start)
            for m in index.mentions_between(s_start, s_end)
            if m.type == "person" and m.name[:1].isupper() and _agrees(text, m.name, pronoun)
        ]
        for role in _ROLE_REFERENCE.finditer(text, s_start, s_end):
            found.append((_person_with_role(index, role.group(1)), role.start()))
        people: list[tuple[str, int]] = []
        for name, at in sorted(found, key=lambda f: f[1]):
            if name not in in_point and all(n != name for n, _ in people):
                people.append((name, at))
        if not people:
            continue
        opening = len(_WORD.findall(text[s_start : people[0][1]]))
        if len(people) == 1 or opening <= SUBJECT_WORDS:
            return "" if people[0][0] == _UNNAMED else people[0][0]
        return ""
    return ""


def _person_with_role(index: entities.EntityIndex, phrase: str) -> str:
    """The one person whose stated role holds this phrase ("the minister" is the "Minister of
    Interior"; "the home secretary" is not the "Shadow home secretary"), or _UNNAMED."""
    wanted = phrase.lower().split()
    found = set()
    for entity in index.entities:
        role = entity.role.lower().split()
        if entity.type != "person" or _RANK_WORDS & (set(role) - set(wanted)):
            continue
        if any(role[i : i + len(wanted)] == wanted for i in range(len(role))):
            found.add(entity.name)
    return found.pop() if len(found) == 1 else _UNNAMED


def _inside_quotation(text: str, start: int) -> bool:
    """Whether `start` opens or is inside a quotation opened earlier in its paragraph."""
    if text[start - 1 : start] in ('"', "“", "‘"):  # the mark touches the word: it opens
        return True
    paragraph = text[text.rfind("\n\n", 0, start) + 1 : start]
    curly = paragraph.count("“") - paragraph.count("”")
    return curly > 0 or paragraph.count('"') % 2 == 1


def _agrees(text: str, name: str, pronoun: str) -> bool:
    """Whether the article's honorifics allow the pronoun: "he" anyone not called Mrs, Ms or
    Miss; "she" only someone who is (most people these articles name are men, so a "she" whose
    person the article never marks is more often someone unnamed)."""
    named = rf"(?:{re.escape(name)}|{re.escape(name.split()[-1])})\b"  # "Mrs Mary Robinson"
    female = re.search(rf"\b(?:{'|'.join(_FEMININE)})\.? {named}", text) is not None
    male = re.search(rf"\bMr\.? {named}", text) is not None
    if pronoun in ("He", "His"):
        return not female or male
    return female and not male
