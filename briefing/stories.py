"""Group the articles of a digest that tell one story (one event, its reactions and denials,
reported by several sources or over a few days) and merge the commitments and asks they
repeat, so the digest shows each once with all its sources.

Two articles tell one story when they are rewrites of one report (word 3-shingles, Jaccard), or
when their tf-idf vectors are close: vectors of the words of the title and text, the named
people and organisations of the note, and the quotations (five words or more) they carry, so
that articles quoting one speaker, naming one cast and using one vocabulary meet even when their
wording differs. Pure Python, no model to download; pairs are compared through inverted indexes,
so unrelated articles cost nothing.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .models import Ask, Commitment, Note, Story
from .offline.gazetteer import party_named
from .words import content_words

SHINGLE_WORDS = 3
# Jaccard of word 3-shingles at or above which two articles are rewrites of one report. On the
# BBC politics corpus, rewrites score 0.2-0.99 (nine pairs above 0.95); follow-ups on a related
# topic score 0.05-0.18.
REWRITE_THRESHOLD = 0.2
# Average cosine of the tf-idf vectors (words, names, quotations) at or above which two groups
# of articles tell one story. Chosen on the tuning splits of benchmarks/gold/stories.json, with
# the weights below; the held-out split was measured after: see benchmarks/README.md.
STORY_THRESHOLD = 0.25
# A name or a quotation counts as this many occurrences of a word: a shared cast or a shared
# quotation says more about the event than a shared word. (They bought precision on the tuning
# splits; on the small held-out split words alone did better: benchmarks/README.md.)
NAME_WEIGHT = 2.0
QUOTE_WEIGHT = 3.0
QUOTE_MIN_WORDS = 5
# Two articles are compared (exactly, over all their terms) when some term is among the
# TOP_TERMS heaviest of both (a name, a quotation, an unusual word): articles of one story share
# some, and a large digest is not compared pair by pair.
TOP_TERMS = 20
# A term or shingle in more articles than this is the digest's common vocabulary or boilerplate:
# it says nothing about which of them share a story, so it proposes no pair for comparison.
COMMON_DOCS = 50
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_QUOTATION = re.compile(r"[\"“”]([^\"“”]{12,}?)[\"“”]")


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


def name_keys(note: Note) -> dict[str, str]:
    """{key: name as shown} of the note's people (by surname: "Mr Brown" is "Gordon Brown") and
    organisations; places are left out, since a story's setting is shared by unrelated ones."""
    keys: dict[str, str] = {}
    for entity in note.entities:
        words = _WORD.findall(entity.name.lower().replace("’", "'"))
        if not words or entity.type not in ("person", "organisation"):
            continue
        party = party_named(entity.name)  # "Tories" here, "Conservative Party" there: one key
        if party:
            words = _WORD.findall(party.lower())
        key = f"person:{words[-1]}" if entity.type == "person" else "org:" + " ".join(words)
        if len(entity.name) > len(keys.get(key, "")):
            keys[key] = entity.name
    return keys


def quotations(text: str) -> set[str]:
    """The article's quotations of QUOTE_MIN_WORDS words or more, normalised."""
    found = set()
    for quoted in _QUOTATION.findall(text):
        words = _WORD.findall(quoted.lower().replace("’", "'"))
        if len(words) >= QUOTE_MIN_WORDS:
            found.add("quote:" + " ".join(words))
    return found


def _terms(note: Note) -> Counter[str]:
    """What the article is about, as weighted terms: words (the title's twice), names and
    quotations."""
    article = note.article
    terms: Counter[str] = Counter(content_words(article.title) * 2 + content_words(article.text))
    counts: dict[str, float] = dict(terms)
    for key in name_keys(note):
        counts[key] = counts.get(key, 0.0) + NAME_WEIGHT
    for key in quotations(article.text):
        counts[key] = QUOTE_WEIGHT
    return Counter(counts)


def _vectors(notes: list[Note]) -> list[dict[str, float]]:
    """Unit tf-idf vectors (log term frequency, smoothed idf over the digest's articles)."""
    bags = [_terms(n) for n in notes]
    df: Counter[str] = Counter(t for bag in bags for t in bag)
    vectors = []
    for bag in bags:
        weights = {
            t: (1 + math.log(c) if c >= 1 else c) * (math.log((len(bags) + 1) / (df[t] + 1)) + 1)
            for t, c in bag.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors


def similarities(notes: list[Note]) -> dict[tuple[int, int], float]:
    """{(i, j): similarity} for i < j of the pairs that share anything telling: the cosine of
    their vectors, or 1.0 for rewrites of one report."""
    vectors = _vectors(notes)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term in heapq.nlargest(TOP_TERMS, vector, key=vector.__getitem__):
            postings[term].append(i)
    candidates: set[tuple[int, int]] = set()
    for docs in postings.values():
        if len(docs) <= COMMON_DOCS:
            candidates.update(itertools.combinations(docs, 2))
    scores: dict[tuple[int, int], float] = {}
    for i, j in candidates:
        a, b = vectors[i], vectors[j]
        if len(a) > len(b):
            a, b = b, a
        scores[(i, j)] = sum(w * b[t] for t, w in a.items() if t in b)
    sets = [shingles(f"{n.article.title}\n{n.article.text}") for n in notes]
    index: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for docs in index.values():
        if len(docs) > COMMON_DOCS:
            continue
        for x in range(len(docs)):
            for y in range(x + 1, len(docs)):
                shared[(docs[x], docs[y])] += 1
    for (i, j), inter in shared.items():
        if inter / (len(sets[i]) + len(sets[j]) - inter) >= REWRITE_THRESHOLD:
            scores[(i, j)] = 1.0
    return dict(scores)


def group_stories(notes: list[Note], threshold: float | None = None) -> list[Story]:
    """Every note in exactly one story; stories with more sources first, then input order.
    A story's title is its most central article's (highest total similarity; earliest on ties);
    `shared_names` names the people and organisations its articles have in common."""
    similarity = similarities(notes)
    cut = STORY_THRESHOLD if threshold is None else threshold  # read now: benchmarks vary it
    groups = average_link(len(notes), similarity, cut)

    def centrality(i: int, members: list[int]) -> float:
        return sum(similarity.get((min(i, j), max(i, j)), 0.0) for j in members if j != i)

    stories: list[tuple[int, int, Story]] = []
    for members in groups:
        central = max(members, key=lambda i: (centrality(i, members), _date_key(notes[i]), -i))
        story = Story(
            notes[central].article.title,
            [notes[i].article.id for i in members],
            shared_names([notes[i] for i in members]),
        )
        stories.append((-len(members), members[0], story))
    return [s for _, _, s in sorted(stories, key=lambda t: (t[0], t[1]))]


def average_link(
    n: int, similarity: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Clusters of 0..n-1, merged while two clusters' average pairwise similarity is at least
    `threshold`, closest first. Unlike linking every close pair, a chain of follow-ups (a ruling,
    then a new bill, then its passage) does not become one story through its neighbours."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    between: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> sum
    for (i, j), score in similarity.items():
        between[i][j] = between[j][i] = score
    heap = [(-score, i, j) for (i, j), score in similarity.items() if score >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # merged away since this entry was pushed
        average = between[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(average + negative) > 1e-12:
            continue  # stale: the pair's average changed and was pushed again
        members[a].extend(members.pop(b))
        for c, total in between.pop(b).items():
            del between[c][b]
            if c == a:
                continue
            between[a][c] = between[c][a] = between[a].get(c, 0.0) + total
        for c, total in between[a].items():
            score = total / (len(members[a]) * len(members[c]))
            if score >= threshold:
                heapq.heappush(heap, (-score, min(a, c), max(a, c)))
    return [sorted(m) for _, m in sorted(members.items())]


def shared_names(notes: list[Note], limit: int = 5) -> list[str]:
    """The people and organisations that most of a story's articles name (at least two of
    them), most widely named first, people before organisations, then as early as an article
    names them: why its articles were put together. Names of one or two letters ("ID", "PM")
    are too often a misread word."""
    if len(notes) < 2:
        return []
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for note in notes:
        for position, (key, name) in enumerate(name_keys(note).items()):
            counts[key] += 1
            first[key] = min(first.get(key, position), position)
            spellings[key][name] += 1
    # The spelling most articles use ("Paul Flynn" over one article's "Labour's Paul Flynn").
    shown = {k: max(v, key=lambda name: (v[name], len(name))) for k, v in spellings.items()}
    ranked = sorted(
        (k for k, c in counts.items() if c >= 2 and len(shown[k]) > 2),
        key=lambda k: (-counts[k], not k.startswith("person:"), first[k], shown[k]),
    )
    return [shown[k] for k in ranked[:limit]]


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
