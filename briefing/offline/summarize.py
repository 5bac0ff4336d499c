"""Extractive summary and key points: rank sentences, then fill a word budget in article order.

Ranking mixes a position prior (news puts the point first) with centrality (how much of the
document's recurring vocabulary a sentence carries), which is what reference summaries reward.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from briefing.offline.lexicon import content_words
from briefing.sentences import sentences

# Tuned on bbc-summary valid.csv (benchmarks/offline_summary.py).
POSITION_WEIGHT = 1.0
POSITION_DECAY = 0.5
LENGTH_EXPONENT = 0.5
TITLE_WEIGHT = 0.5
REDUNDANCY = 0.7
MIN_WORDS = 6

_WS = re.compile(r"\s+")
_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*$""")


def body_spans(text: str, title: str = "") -> list[tuple[int, int]]:
    """Sentence spans of the body: a leading title or heading line is not a summary sentence."""
    spans = list(sentences(text))
    norm_title = " ".join(title.lower().split())
    while spans:
        first = " ".join(text[spans[0][0] : spans[0][1]].lower().split())
        heading = not _TERMINAL.search(first) and len(first.split()) <= 20 and len(spans) > 1
        if (norm_title and first == norm_title) or heading:
            spans.pop(0)
        else:
            break
    return spans


def rank(text: str, spans: list[tuple[int, int]], title: str = "") -> list[float]:
    """Salience of each sentence: centrality times a position prior, plus overlap with the title."""
    toks = [content_words(text[a:b]) for a, b in spans]
    tf = Counter(w for t in toks for w in set(t))
    title_words = set(content_words(title))
    scores = []
    for i, t in enumerate(toks):
        if len(t) < 2:
            scores.append(0.0)
            continue
        uniq = set(t)
        central = sum(math.log(tf[w]) for w in uniq if tf[w] > 1) / (len(uniq) ** LENGTH_EXPONENT)
        prior = 1.0 + POSITION_WEIGHT / (1.0 + i) ** POSITION_DECAY
        title_hit = len(uniq & title_words) / (len(title_words) or 1)
        scores.append(central * prior + TITLE_WEIGHT * title_hit)
    return scores


def _n_words(s: str) -> int:
    return len(s.split())


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


def choose(text: str, spans: list[tuple[int, int]], scores: list[float], budget: int) -> list[int]:
    """Indices of the best sentences that fit the budget together, skipping near-repeats."""
    order = sorted(range(len(spans)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    bags: list[set[str]] = []
    used = 0
    for i in order:
        s = text[spans[i][0] : spans[i][1]]
        n = _n_words(s)
        if n < MIN_WORDS and chosen:
            continue
        if used + n > budget:
            continue
        bag = set(content_words(s))
        if any(_overlap(bag, b) > REDUNDANCY for b in bags):
            continue
        chosen.append(i)
        bags.append(bag)
        used += n
        if budget - used < MIN_WORDS:
            break
    return sorted(chosen)


def summarize(text: str, spans: list[tuple[int, int]], scores: list[float], budget: int) -> str:
    """Best sentences in article order within `budget` words; never cut a sentence unless even
    the best one is longer than the budget (then cut at a word boundary with an ellipsis)."""
    if not spans or budget <= 0:
        return ""
    chosen = choose(text, spans, scores, budget)
    if chosen:
        return " ".join(_WS.sub(" ", text[spans[i][0] : spans[i][1]]) for i in chosen)
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    words = text[spans[best][0] : spans[best][1]].split()
    return " ".join(words[:budget]).rstrip(",;:") + "…"


def key_points(
    text: str,
    spans: list[tuple[int, int]],
    scores: list[float],
    summary: str,
    limit: int = 5,
    max_words: int = 42,
    shown_elsewhere: frozenset[int] = frozenset(),
) -> list[str]:
    """Further salient sentences, each on a distinct aspect and none already in the summary.
    Sentences at the span indexes in `shown_elsewhere` (the note quotes them as evidence) come
    last, so the points add facts rather than repeat the commitments and asks."""
    order = sorted(range(len(spans)), key=lambda i: (i in shown_elsewhere, -scores[i], i))
    points: list[str] = []
    bags: list[set[str]] = [set(content_words(summary))] if summary else []
    for i in order:
        if i in shown_elsewhere and len(points) >= 3:
            break
        s = _WS.sub(" ", text[spans[i][0] : spans[i][1]])
        if s in summary or _n_words(s) < MIN_WORDS:
            continue
        s = _unquote(_trim(s, max_words))
        bag = set(content_words(s))
        if not bag or any(_overlap(bag, b) > 0.5 for b in bags[1:]):
            continue
        if bags and summary and _overlap(bag, bags[0]) > 0.8:
            continue
        points.append(s)
        bags.append(bag)
        if len(points) >= limit:
            break
    if len(points) < 3:
        # Short articles: the opening clause of a summary sentence still says something new
        # as a point without repeating the sentence verbatim.
        for i in sorted(range(len(spans)), key=lambda i: (-scores[i], i)):
            clause = _first_clause(_WS.sub(" ", text[spans[i][0] : spans[i][1]]))
            if clause and clause not in points and len(points) < 3:
                points.append(clause)
    return points


_CLAUSE_END = re.compile(r"[,;:–—-]\s")


def _first_clause(s: str) -> str:
    """The sentence up to its first clause break after a few words, or '' if it has none."""
    for m in _CLAUSE_END.finditer(s):
        if _n_words(s[: m.start()]) >= MIN_WORDS:
            return s[: m.start()].rstrip() + "…"
    return ""


def _trim(s: str, max_words: int) -> str:
    """Shorten a long sentence (text stays verbatim): at the last clause break when that keeps
    most of it, else after max_words words, so an introductory clause is never all that is left."""
    words = s.split()
    if len(words) <= max_words:
        return s
    head = " ".join(words[:max_words])
    cut = [m.start() for m in _CLAUSE_END.finditer(head)]
    if cut and cut[-1] > len(head) * 2 // 3:
        return head[: cut[-1]].rstrip() + "…"
    return head.rstrip(",;:") + "…"


def _unquote(point: str) -> str:
    """Drop an opening quotation mark the point never closes (the quote went on past it)."""
    if point[:1] in '“"' and not any(c in point[1:] for c in '”"'):
        return point[1:]
    return point
