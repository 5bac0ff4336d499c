"""Offline engine: a deterministic, extractive stand-in for the LLM (no network, stdlib only).

`extract` is the whole interface: summary and key points from sentence ranking, commitments and
asks from the language of the text, entities from capitalised names and their stated roles.
(`hedged_at` and `states_condition` lend the LLM path the rules' reading of hedges, forecasts
and conditions.)
"""

from __future__ import annotations

from briefing.models import Article, Ask, Commitment, Extraction
from briefing.offline import attribution, entities, judge, obligations, roles, summarize
from briefing.offline.coordination import split_coordinated


def hedged_at(text: str, position: int) -> bool:
    """Whether a hedge, forecast or denial governs the word at `position` ("it is more likely
    than not that the ban would be lifted"), as the rules read it."""
    return attribution._speculative_before(text.lower(), position)


def judged_plausible(kind: str, text: str, position: int) -> bool:
    """Whether the sentence judge finds an item of this kind ("commitment", "ask") plausible in
    a sentence the rules read nothing in, at the odds at which it keeps a rules' item."""
    commitment, ask = judge.probabilities(judge.features(text, position, None, None))
    return (commitment if kind == "commitment" else ask) >= judge.KEEP


def states_condition(text: str) -> bool:
    """Whether the sentence states a condition ("if", "unless", "provided that")."""
    return bool(attribution._CONDITION.search(text.lower()))


def key_points_beside(article: Article, summary: str, quoted: frozenset[str]) -> list[str]:
    """The article's most salient sentences as key points beside a summary written elsewhere
    (an LLM's): none that repeats it, and sentences quoted as evidence last."""
    text = article.text
    spans = summarize.body_spans(text, article.title)
    scores = summarize.rank(text, spans, article.title)
    shown = frozenset(i for i, (a, b) in enumerate(spans) if text[a:b] in quoted)
    return summarize.key_points(text, spans, scores, summary, shown_elsewhere=shown)


def rules_reading(
    text: str, spans: list[tuple[int, int]], index: entities.EntityIndex
) -> tuple[list[Commitment], list[Ask], obligations.Speakers]:
    """The rules' commitments and asks (coordinated ones split), and who each sentence reports:
    what the judge and the role ranker weigh, here and in their training."""
    commitments, asks, speakers = obligations.find(text, spans, index)
    return split_coordinated(commitments), split_coordinated(asks), speakers


def extract(article: Article, summary_words: int = 100, judged: bool = True) -> Extraction:
    """Everything the offline engine can find in one article (or chunk), also the LLM path's
    drafts. With `judged` (the default), the sentence judge (`judge.py`) rules out some of the
    rules' items and puts forward sentences they read nothing in; without, the rules' reading
    alone."""
    text = article.text
    spans = summarize.body_spans(text, article.title)
    scores = summarize.rank(text, spans, article.title)
    summary = summarize.summarize(text, spans, scores, summary_words)
    index = entities.find(text)
    commitments, asks, speakers = rules_reading(text, spans, index)
    if judged:
        parties = roles.Parties(text, spans, index, speakers)
        commitments, asks = judge.judged(text, spans, commitments, asks, parties)
    quoted = {c.evidence for c in commitments} | {a.evidence for a in asks}
    # Evidence is a verbatim sentence: one set lookup per sentence keeps this linear.
    shown = frozenset(i for i, (a, b) in enumerate(spans) if text[a:b] in quoted)
    points = summarize.key_points(text, spans, scores, summary, shown_elsewhere=shown)
    return Extraction(
        summary=summary,
        key_points=points,
        commitments=commitments,
        asks=asks,
        entities=index.entities,
    )
