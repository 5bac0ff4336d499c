"""The note pipeline: Article ─► chunks ─► engine ─► merge + verify ─► Note.

Library entry points: `build_engine(settings)` once per run, then `make_note(article, ...)` per
article (thread-safe, so digests call it concurrently).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

from .chunking import Chunk, chunk_text, split_chunk
from .errors import ArticleError, InvalidOutputError, TruncatedError
from .merge import merge_extractions
from .models import Article, Extraction, Note, Usage
from .sentences import split_sentences
from .settings import Settings
from .tokens import count_tokens, encoding_name_for_model
from .verify import SourceIndex, remove_foreign_urls

if TYPE_CHECKING:
    import httpx2

    from .engines.llm import LLMEngine

# Tokens reserved for instructions, schema and markers when sizing chunks from the context.
PROMPT_RESERVE_TOKENS = 700
MAX_SPLIT_DEPTH = 3


class OfflineEngine:
    """Deterministic extractive engine: no network, so nothing to set up."""

    name = "offline"
    model = None


def build_engine(
    settings: Settings, transport: httpx2.BaseTransport | None = None
) -> LLMEngine | OfflineEngine:
    """The engine the settings ask for; `auto` picks offline when no server is configured."""
    if settings.resolved_engine() == "offline":
        return OfflineEngine()
    from .cache import cache_enabled, open_cache
    from .client import make_client
    from .engines.llm import LLMEngine

    memory = open_cache(settings) if cache_enabled(settings) else None
    return LLMEngine(settings, make_client(settings, transport), memory)


def make_note(
    article: Article, settings: Settings, engine: LLMEngine | OfflineEngine | None = None
) -> Note:
    """One verified note. Raises ArticleError subclasses for this article's failures and
    FatalServerError when the whole run must stop."""
    engine = engine or build_engine(settings)
    if isinstance(engine, OfflineEngine):
        return _offline_note(article, settings)
    from .cache import cache_enabled, note_key, open_cache

    cache = open_cache(settings) if cache_enabled(settings) else None
    key = note_key(article, settings, engine.model) if cache is not None else ""
    if cache is not None:
        hit = cache.get_note(key, article)
        if hit is not None:
            return hit
    try:
        note = _llm_note(article, settings, engine)
        if cache is not None:  # only validated LLM notes, never failures or fallbacks
            cache.put_note(key, note)
        return note
    except ArticleError as exc:
        if settings.fallback != "offline":
            raise
        note = _offline_note(article, settings)
        reason = remove_foreign_urls(str(exc), article.text)  # server text: no links in notes
        note.warnings.insert(0, f"the LLM failed ({reason}); this note is from the offline engine")
        return note


def _offline_note(article: Article, settings: Settings) -> Note:
    from .offline import extract

    extraction = extract(article, settings.summary_words)
    source = SourceIndex(article.text)
    findings = merge_extractions([extraction], source)
    return Note(
        article=article,
        tokens=count_tokens(article.text, encoding_name_for_model(settings.model)),
        engine="offline",
        model=None,
        summary=extraction.summary,
        key_points=findings.key_points,
        commitments=findings.commitments,
        asks=findings.asks,
        entities=findings.entities,
        warnings=[*article.warnings, *findings.warnings],
        usage=Usage(),
    )


def chunk_budget(settings: Settings) -> int:
    """Tokens of article text per call: --chunk-tokens, else what the context leaves."""
    if settings.chunk_tokens:
        return settings.chunk_tokens
    room = settings.context_window() - PROMPT_RESERVE_TOKENS - settings.max_output_tokens
    return max(room, 256)


def _llm_note(article: Article, settings: Settings, engine: LLMEngine) -> Note:
    encoding = encoding_name_for_model(engine.model)

    def count(text: str) -> int:
        return count_tokens(text, encoding)

    deadline = time.monotonic() + settings.article_deadline
    budget = chunk_budget(settings)
    if len(article.text.encode("utf-8")) <= budget:
        # No token is shorter than a byte, so this fits without counting: the call goes out
        # before the tokenizer is built, and the count below overlaps with network waits.
        chunks = [Chunk(0, 0, len(article.text), article.text, -1)]
    else:
        chunks = chunk_text(article.text, budget, count)
    usage = Usage()
    warnings: list[str] = []
    extractions = _extract_chunks(chunks, article, engine, count, deadline, usage, warnings)

    summaries = [e.summary for e in extractions if e.summary]
    key_points: list[str] = []
    if len(summaries) > 1:
        try:
            summary, key_points, combine_usage = engine.combine(summaries, deadline)
            usage.add(combine_usage)
        except InvalidOutputError:
            # The chunk summaries are still good: keep the first sentence of each.
            summary = " ".join(split_sentences(s)[0] for s in summaries if split_sentences(s))
            warnings.append("the summaries of the article's parts could not be combined")
    else:
        summary = summaries[0] if summaries else ""
    source = SourceIndex(article.text)
    findings = merge_extractions(extractions, source)
    summary = remove_foreign_urls(summary, article.text)
    points = [remove_foreign_urls(p, article.text) for p in key_points or findings.key_points]
    invented = source.ungrounded(" ".join([summary, *points]))
    if invented:
        warnings.append(
            f"{len(invented)} sentence(s) of the summary or key points use mostly words that are "
            f"not in the article; check them against the source (first: “{invented[0][:120]}”)"
        )
    return Note(
        article=article,
        tokens=count(article.text),
        engine="openai",
        model=engine.model,
        summary=summary,
        key_points=points,
        commitments=findings.commitments,
        asks=findings.asks,
        entities=findings.entities,
        warnings=[*article.warnings, *warnings, *findings.warnings],
        usage=usage,
    )


def _extract_chunks(
    chunks: list[Chunk],
    article: Article,
    engine: LLMEngine,
    count: Callable[[str], int],
    deadline: float,
    usage: Usage,
    warnings: list[str],
) -> list[Extraction]:
    """Chunks run concurrently (the engine's gate bounds calls in flight). A reply cut off at
    the output limit is retried as two halves of its chunk; a piece still cut off after
    MAX_SPLIT_DEPTH splits is left out with a warning, unless nothing else succeeded."""
    from .engines.llm import OutputTruncated

    def run(chunk: Chunk, depth: int = 0) -> tuple[list[Extraction], Usage, list[str]]:
        try:
            extraction, used = engine.extract(chunk.text, article.title, deadline)
            return [extraction], used, []
        except OutputTruncated as cut:
            halves = split_chunk(chunk, count, article.text)
            if len(halves) < 2 or depth >= MAX_SPLIT_DEPTH:
                skipped = f"“{' '.join(chunk.text.split()[:8])}…” ({len(chunk.text)} characters)"
                return (
                    [],
                    cut.usage,
                    [
                        f"the model's reply for one part was cut off at the output "
                        f"limit even after splitting; left out: {skipped}"
                    ],
                )
            parts = _map(lambda half: run(half, depth + 1), halves)
            total = Usage()
            total.add(cut.usage)
            for _, used, _ in parts:
                total.add(used)
            return (
                [e for found, _, _ in parts for e in found],
                total,
                [w for _, _, notes in parts for w in notes],
            )

    results = _map(run, chunks)
    extractions = [e for found, _, _ in results for e in found]
    for _, used, notes in results:
        usage.add(used)
        warnings.extend(notes)
    if not extractions:
        raise TruncatedError(
            "the model's reply was cut off at the output limit even after splitting "
            "(raise --max-output-tokens)"
        )
    return extractions


T = TypeVar("T")
R = TypeVar("R")


def _map(function: Callable[[T], R], items: list[T]) -> list[R]:
    """function over items, concurrently when there are several, results in input order."""
    if len(items) == 1:
        return [function(items[0])]
    with ThreadPoolExecutor(max_workers=min(len(items), 32)) as pool:
        return list(pool.map(function, items))
