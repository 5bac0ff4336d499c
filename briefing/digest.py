"""Many articles into one digest: notes made concurrently (output in input order, never in
completion order), near-duplicates grouped into stories, failures listed, usage added up."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

from .errors import ArticleError, FatalServerError, InputError
from .inputs import Item, article_date
from .models import Article, Digest, Failure, Note, Usage
from .settings import Settings

if TYPE_CHECKING:
    from .engines import Engine

DEFAULT_TITLE = "Daily briefing"

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
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> Digest:
    """Notes for every article, concurrently; a FatalServerError stops the run and is raised."""
    from .pipeline import build_engine, make_note

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
    per_call = 2 if engine.waits_on_network else 1
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

    return assemble(items, results, title=title, date=date)


def assemble(
    items: list[Item],
    results: dict[int, Note | Failure],
    *,
    title: str | None = None,
    date: str | None = None,
) -> Digest:
    """The digest of every input's note or failure (by input index), in input order."""
    from .stories import group_stories

    ordered = [results[i] for i in range(len(items)) if i in results]
    notes = [r for r in ordered if isinstance(r, Note)]
    failed = [r for r in ordered if isinstance(r, Failure)]
    usage = Usage()
    for note in notes:
        usage.add(note.usage)
    return Digest(
        title=title or DEFAULT_TITLE,
        date=date or _latest_date(notes) or dt.date.today().isoformat(),
        notes=notes,
        stories=group_stories(notes),
        failed=failed,
        usage=usage,
    )


def _latest_date(notes: list[Note]) -> str | None:
    """The newest article's date: a digest of yesterday's feed is dated yesterday, not today."""
    dates = [d for d in (article_date(n.article) for n in notes) if d is not None]
    return max(dates).isoformat() if dates else None
