"""Many articles into one digest: notes made concurrently (output in input order, never in
completion order), near-duplicates grouped into stories, failures listed, usage added up.

Also the cost estimate (`briefing estimate`, `--max-cost`), which calls nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ArticleError, FatalServerError, InputError
from .inputs import Item, article_date
from .models import Article, Digest, Failure, Note, Usage
from .settings import Settings

DEFAULT_TITLE = "Daily briefing"
# Expected reply size per call when estimating: a summary, a few points and items, as JSON.
ESTIMATED_COMPLETION_TOKENS = 450

Progress = Callable[[int, int, str], None]


def filter_since(items: list[Item], since: dt.date | None) -> tuple[list[Item], int]:
    """Items dated on or after `since` (undated ones are kept); also how many were dropped."""
    if since is None:
        return items, 0
    kept: list[Item] = []
    for item in items:
        date = article_date(item) if isinstance(item, Article) else None
        if date is not None and date < since:
            continue
        kept.append(item)
    return kept, len(items) - len(kept)


def run_digest(
    items: list[Item],
    settings: Settings,
    *,
    title: str | None = None,
    date: str | None = None,
    engine: Any = None,
    progress: Progress | None = None,
) -> Digest:
    """Notes for every article, concurrently; a FatalServerError stops the run and is raised."""
    from .pipeline import OfflineEngine, build_engine, make_note
    from .stories import group_stories

    engine = engine or build_engine(settings)
    articles = [(i, item) for i, item in enumerate(items) if isinstance(item, Article)]
    results: dict[int, Note | Failure] = {
        i: item for i, item in enumerate(items) if isinstance(item, Failure)
    }
    done = 0
    stopped = threading.Event()  # set on a fatal error: queued articles make no more calls

    def one(article: Article) -> Note | Failure:
        if stopped.is_set():
            return Failure(article.source, "not run: the run was stopped")
        try:
            return make_note(article, settings, engine)
        except FatalServerError:
            stopped.set()
            raise
        except (ArticleError, InputError) as exc:
            return Failure(article.source, " ".join(str(exc).split()))
        except Exception as exc:  # noqa: BLE001 - one article's bug must not cost the others
            return Failure(article.source, f"unexpected error: {type(exc).__name__}: {exc}")

    # With an LLM, twice as many article threads as calls in flight (the engine's gate bounds
    # the calls), so one article's local work (verify, merge) never delays the next call.
    per_call = 1 if isinstance(engine, OfflineEngine) else 2
    workers = max(1, min(per_call * settings.concurrency, len(articles) or 1))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="digest")
    try:
        futures: dict[Future[Note | Failure], int] = {
            pool.submit(one, article): i for i, article in articles
        }
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                exc = future.exception()
                if isinstance(exc, FatalServerError):
                    for other in pending:
                        other.cancel()
                    raise exc
                if exc is not None:
                    raise exc
                result = future.result()
                results[futures[future]] = result
                done += 1
                if progress is not None:
                    label = result.article.title if isinstance(result, Note) else result.source
                    progress(done, len(articles), label)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

    ordered = [results[i] for i in range(len(items)) if i in results]
    notes = [r for r in ordered if isinstance(r, Note)]
    failed = [r for r in ordered if isinstance(r, Failure)]
    usage = Usage()
    for note in notes:
        usage.add(note.usage)
    return Digest(
        title=title or DEFAULT_TITLE,
        date=date or dt.date.today().isoformat(),
        notes=notes,
        stories=group_stories(notes),
        failed=failed,
        usage=usage,
    )


# -- output ---------------------------------------------------------------------------------


def write_per_article(digest: Digest, directory: Path, fmt: str, template: str | None) -> None:
    """Each article's note beside the digest: DIR/ID.md (or .json)."""
    from .output import atomic_write
    from .render import note_markdown

    for note in digest.notes:
        if fmt == "json":
            text = json.dumps(note.to_json(), ensure_ascii=False, indent=2) + "\n"
            atomic_write(directory / f"{note.article.id}.json", text)
        else:
            atomic_write(directory / f"{note.article.id}.md", note_markdown(note, None))


# -- estimate ---------------------------------------------------------------------------------


@dataclass
class Estimate:
    """What a run would cost, from token counts alone: nothing is called."""

    articles: int = 0
    tokens: int = 0
    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    engine: str = "offline"
    model: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "model": self.model,
            "articles": self.articles,
            "tokens": self.tokens,
            "calls": self.calls,
            "cached_calls": self.cached_calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost_usd": round(self.cost_usd, 6),
        }


def prompt_overhead_tokens(settings: Settings, encoding: str) -> int:
    """Tokens of instructions, schema and markers sent with every extraction call."""
    from .prompts import extraction_messages
    from .schema import EXTRACTION_SCHEMA
    from .tokens import count_tokens

    messages = extraction_messages("", settings.summary_words, "")
    text = "".join(m["content"] for m in messages) + json.dumps(EXTRACTION_SCHEMA)
    return count_tokens(text, encoding) + 8 * len(messages)


def estimate(articles: list[Article], settings: Settings) -> Estimate:
    """Tokens, planned calls (chunks, plus one combine call for chunked articles) and cost;
    articles already in the cache plan no call."""
    from .chunking import chunk_text
    from .pipeline import chunk_budget
    from .tokens import count_tokens, encoding_name_for_model

    engine_name = settings.resolved_engine()
    model = settings.effective_model if engine_name == "openai" else None
    encoding = encoding_name_for_model(model)
    result = Estimate(articles=len(articles), engine=engine_name, model=model)

    def count(text: str) -> int:
        return count_tokens(text, encoding)

    if engine_name == "offline":
        result.tokens = sum(count(a.text) for a in articles)
        return result
    from .cache import cache_enabled, note_key, open_cache

    cache = open_cache(settings) if cache_enabled(settings) else None
    overhead = prompt_overhead_tokens(settings, encoding)
    budget = chunk_budget(settings)
    reply = min(ESTIMATED_COMPLETION_TOKENS, settings.max_output_tokens)
    for article in articles:
        tokens = count(article.text)
        result.tokens += tokens
        chunks = chunk_text(article.text, budget, count)
        calls = len(chunks) + (1 if len(chunks) > 1 else 0)
        if cache is not None and cache.get(note_key(article, settings, model or "")) is not None:
            result.cached_calls += calls
            continue
        result.calls += calls
        result.prompt_tokens += tokens + overhead * len(chunks) + count(article.title) * len(chunks)
        result.completion_tokens += reply * calls
        if len(chunks) > 1:
            result.prompt_tokens += overhead + reply * len(chunks)
    price_in, price_out = settings.price()
    result.cost_usd = (result.prompt_tokens * price_in + result.completion_tokens * price_out) / 1e6
    return result
