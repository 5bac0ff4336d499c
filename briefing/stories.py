"""Group near-duplicate articles (one event reported by several sources) into stories, and merge
the commitments and asks they repeat, so the digest shows each once with all its sources.

Pure Python: word shingles and Jaccard similarity, no model to download. Pairs are compared
through an inverted index of shingles, so unrelated articles cost nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .models import Ask, Commitment, Note, Story

SHINGLE_WORDS = 3
# Jaccard of word 3-shingles at or above which two articles tell the same story. On the BBC
# politics corpus, rewrites of one report score 0.2-0.99 (nine pairs above 0.95); follow-ups on
# a related topic score 0.05-0.18.
STORY_THRESHOLD = 0.2
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[int]:
    """Word k-shingles, kept as 64-bit hashes: a third of the memory of the strings, and a
    collision in a run is too rare to move a Jaccard score."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    if len(words) < k:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def group_stories(notes: list[Note], threshold: float = STORY_THRESHOLD) -> list[Story]:
    """Every note in exactly one story; stories with more sources first, then input order.
    A story's title is its most central article's (highest total similarity; earliest on ties)."""
    sets = [shingles(f"{n.article.title}\n{n.article.text}") for n in notes]
    index: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in index.values():
        if len(members) > 50:  # boilerplate shared by everything says nothing about the story
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    parent = list(range(len(notes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    similarity: dict[tuple[int, int], float] = {}
    for (i, j), inter in shared.items():
        score = inter / (len(sets[i]) + len(sets[j]) - inter)
        if score >= threshold:
            similarity[(i, j)] = score
            parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(notes)):
        groups[find(i)].append(i)

    def centrality(i: int, members: list[int]) -> float:
        return sum(similarity.get((min(i, j), max(i, j)), 0.0) for j in members if j != i)

    stories: list[tuple[int, int, Story]] = []
    for members in groups.values():
        central = max(members, key=lambda i: (centrality(i, members), _date_key(notes[i]), -i))
        story = Story(notes[central].article.title, [notes[i].article.id for i in members])
        stories.append((-len(members), members[0], story))
    return [s for _, _, s in sorted(stories, key=lambda t: (t[0], t[1]))]


def _date_key(note: Note) -> str:
    """Earlier dates rank higher on ties: invert the ISO string's ordering."""
    date = note.article.date or "9999-99-99"
    return "".join(chr(0x10FFFF - ord(c)) if c.isdigit() else c for c in date[:10])


# -- repeated items ----------------------------------------------------------------------------


@dataclass
class StoryItem:
    """A commitment or ask with every article (note id) that reports it."""

    item: Commitment | Ask
    sources: list[str] = field(default_factory=list)


def _norm(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _similar(a: Commitment | Ask, b: Commitment | Ask) -> bool:
    ea, eb = " ".join(_norm(a.evidence)), " ".join(_norm(b.evidence))
    if ea and eb and (ea in eb or eb in ea):
        return True
    wa, wb = set(_norm(f"{a.actor} {a.action}")), set(_norm(f"{b.actor} {b.action}"))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.7


def merge_items(notes: list[Note], kind: str) -> list[StoryItem]:
    """Verified commitments (kind="commitments") or asks of a story's notes, each once."""
    merged: list[StoryItem] = []
    for note in notes:
        for item in getattr(note, kind):
            if not item.verified:
                continue
            for existing in merged:
                if type(existing.item) is type(item) and _similar(existing.item, item):
                    if note.article.id not in existing.sources:
                        existing.sources.append(note.article.id)
                    break
            else:
                merged.append(StoryItem(item, [note.article.id]))
    return merged
