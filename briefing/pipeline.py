"""The note pipeline: Article ─► engine ─► merge + verify ─► Note.

Library entry points: `build_engine(settings)` once per run, then `make_note(article, ...)` per
article (thread-safe, so digests call it concurrently). `make_note` reads: the cache, the
engine, then `finish_note`, the one place a Note is built, whichever engine found its content.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .cache import EndpointMemory, NoteCache, cache_enabled, note_key, open_cache
from .engines import Engine, EngineResult, create
from .errors import ArticleError
from .inputs import article_date
from .merge import merge_extractions
from .models import Article, Note
from .pronouns import name_opening_pronoun
from .quotes import balance_quotes
from .redact import remove_foreign_urls, remove_markers
from .settings import Settings
from .tokens import count_tokens
from .verify import SourceIndex

if TYPE_CHECKING:
    import httpx2


_COUNTED = re.compile(r"(\d+) (item\(s\)|sentence\(s\)|chunk\(s\)) (.+)", re.S)


def counted_once(warnings: list[str]) -> list[str]:
    """One line per kind of warning: each chunk of a split reply reports its own count ("1
    item(s) from the model were left out: ..." then "2 item(s) ..."), which a reader wants
    summed ("3 item(s) ..."), where the first of them stood."""
    out: list[str | tuple[str, str]] = []
    totals: dict[tuple[str, str], int] = {}
    for w in warnings:
        m = _COUNTED.fullmatch(w)
        if not m:
            out.append(w)
            continue
        key = (m.group(2), m.group(3))
        if key not in totals:
            out.append(key)
        totals[key] = totals.get(key, 0) + int(m.group(1))
    return [w if isinstance(w, str) else f"{totals[w]} {w[0]} {w[1]}" for w in out]


def run_cache(settings: Settings) -> NoteCache | None:
    """The response cache for a run, or None when the settings bypass it (the one place it is
    opened; open_cache hands every caller of one file the same object)."""
    return open_cache() if cache_enabled(settings) else None


def build_engine(settings: Settings, transport: httpx2.BaseTransport | None = None) -> Engine:
    """The engine the settings ask for; `auto` picks offline when no server is configured."""
    cache = run_cache(settings)
    memory = EndpointMemory(cache) if cache is not None else None
    return create(settings.resolved_engine(), settings, transport, memory)


def make_note(article: Article, settings: Settings, engine: Engine | None = None) -> Note:
    """One verified note. Raises ArticleError subclasses for this article's failures and
    FatalServerError when the whole run must stop."""
    engine = engine or build_engine(settings)
    store = run_cache(settings) if engine.cacheable else None
    key = note_key(article, engine.fingerprint()) if store is not None else ""
    if store is None:
        return _fresh_note(article, settings, engine, store, key)
    # Two copies of one article in a digest (a story in two feeds) cost one call: the second
    # waits for the first and finds its note in the cache.
    with _in_flight(key):
        hit = store.get_note(key, article)
        if hit is not None:
            return hit
        return _fresh_note(article, settings, engine, store, key)


_flights_lock = threading.Lock()
_flights: dict[str, threading.Lock] = {}


@contextlib.contextmanager
def _in_flight(key: str) -> Iterator[None]:
    with _flights_lock:
        lock = _flights.setdefault(key, threading.Lock())
    with lock:
        yield


def _fresh_note(
    article: Article, settings: Settings, engine: Engine, store: NoteCache | None, key: str
) -> Note:
    try:
        deadline = time.monotonic() + settings.article_deadline
        note = finish_note(article, engine, engine.extract_article(article, deadline))
    except ArticleError as exc:
        if settings.fallback is None or settings.fallback == engine.name:
            raise
        fallback = create(settings.fallback, settings)
        note = finish_note(article, fallback, fallback.extract_article(article, float("inf")))
        reason = remove_foreign_urls(str(exc), article.text)  # server text: no links in notes
        note.warnings.insert(
            0, f"the LLM failed ({reason}); this note is from the {fallback.name} engine"
        )
        return note  # a fallback is never cached: a rerun tries the LLM again
    if store is not None:
        store.put_note(key, note)
    return note


def finish_note(article: Article, engine: Engine, result: EngineResult) -> Note:
    """Merge and verify what the engine found, and build the Note."""
    source = SourceIndex(article.text)
    findings = merge_extractions(result.extractions, source, article_date(article))
    summary = result.summary
    if summary is None:
        summary = next((e.summary for e in result.extractions if e.summary), "")
    # Model text: no links the article does not hold, no prompt markers echoed back.
    summary = remove_markers(remove_foreign_urls(summary, article.text))
    summary = balance_quotes(summary, article.text)
    points = [
        remove_markers(remove_foreign_urls(p, article.text))
        for p in result.key_points or findings.key_points
    ]
    # Read on their own: a named person, not "He"; quotations balanced.
    points = [balance_quotes(name_opening_pronoun(p, article.text), article.text) for p in points]
    warnings = list(result.warnings)
    # Model-written text cannot be checked like a quote; an extractive summary passes this.
    invented = source.ungrounded(" ".join([summary, *points]))
    if invented:
        why = source.unsupported(invented[0])
        warnings.append(
            f"{len(invented)} sentence(s) of the summary or key points say what the article does "
            f"not; check them against the source (first: “{invented[0][:120]}”: it {why})"
        )
    return Note(
        article=article,
        tokens=count_tokens(article.text, engine.tokenizer()),
        engine=engine.name,
        model=engine.model,
        summary=summary,
        key_points=points,
        commitments=findings.commitments,
        asks=findings.asks,
        entities=findings.entities,
        warnings=counted_once([*article.warnings, *warnings, *findings.warnings]),
        usage=result.usage,
    )
