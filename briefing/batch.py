"""Digests through a batch runner: the OpenAI Batch API (half price, within 24 hours), or any
runner of its JSONL format (`vllm run-batch`) by way of a request file and a results file.

A batch run makes notes the way a synchronous digest does (`make_note`: cache, engine,
finish_note, cache write) with one difference: the engine reads its replies from a ReplyBook,
not the network. A pass over the articles finishes those whose replies are all in and collects
the requests of the others; those go out as one batch, and the next pass reads their replies.
Calls that depend on others (the combine call of a long article's chunks, a chunk split after a
reply was cut off, a repair) are only known once the first replies are in, so they go out as a
second, smaller batch: every call at the batch rate, and the same path for every runner (a
request file needs no server for the follow-ups).

Replies are kept in the cache database by request (custom_id is the hash of the request body),
and every batch submitted is kept there with a hash of the digest's inputs: a batch outlives the
process, and a rerun with the same inputs picks up the batch in flight instead of submitting a
new one. Requests that failed in a batch (an error line, an expired or cancelled batch) fail
their article with the reason; their failure is not stored, so a rerun resubmits only those.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import BatchRecord, NoteCache, note_key
from .engines.base import ReplyPending
from .errors import ArticleError, ConfigError, FatalServerError, InputError
from .models import Article, Digest, Failure, Note
from .redact import redact_url, scrub
from .settings import Settings

if TYPE_CHECKING:
    from .engines import Engine
    from .inputs import Item

ENDPOINT = "/v1/chat/completions"
COMPLETION_WINDOW = "24h"
# The Batch API takes up to 50,000 requests (and 200 MB) per batch.
MAX_REQUESTS_PER_BATCH = 50_000
# First calls, then what depends on them: up to three splits of a cut-off chunk, a repair, the
# combine call, a repair of that.
MAX_ROUNDS = 7
TERMINAL = ("completed", "failed", "expired", "cancelled")
POLL_SECONDS = 30.0
# Polls that may fail in a row (a dropped connection) before the run gives up waiting.
POLL_FAILURES = 5

Say = Callable[[str], None]


def request_id(body: dict[str, Any]) -> str:
    """The custom_id of a request: a hash of its body, so a reply finds its request in any
    run, whatever order a runner answers in."""
    blob = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "req-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:40]


def request_line(custom_id: str, body: dict[str, Any]) -> str:
    """One line of a Batch API request file."""
    line = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


class ReplyBook:
    """The engine's replies in a batch run, by request: stored replies are read back as chat
    completions; a request that failed in this run's batches fails its article; any other is
    noted for the next batch (ReplyPending)."""

    def __init__(self, cache: NoteCache) -> None:
        self._cache = cache
        self._lock = threading.Lock()
        self.failures: dict[str, str] = {}
        self.pending: dict[str, dict[str, Any]] = {}
        self._read: list[tuple[str, int, int]] = []  # (custom_id, tokens) of this article
        self._charged: set[str] = set()

    def reply(self, request: dict[str, Any]) -> Any:
        from openai.types.chat import ChatCompletion

        custom_id = request_id(request)
        if custom_id in self.failures:
            raise ArticleError(self.failures[custom_id])
        stored = self._cache.batch_reply(custom_id)
        if stored is None:
            with self._lock:
                self.pending[custom_id] = request
            raise ReplyPending(custom_id)
        body = json.loads(stored)
        if not isinstance(body, dict):
            return body  # the engine says what is wrong with it
        usage = body.get("usage")
        prompt, completion = (
            (_count(usage.get("prompt_tokens")), _count(usage.get("completion_tokens")))
            if isinstance(usage, dict)
            else (0, 0)
        )
        with self._lock:
            self._read.append((custom_id, prompt, completion))
        # Built without validation, as the SDK builds a live reply: the engine checks the shape.
        return ChatCompletion.construct(**body)

    def take_pending(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            pending, self.pending = self.pending, {}
        return pending

    def begin_article(self) -> None:
        with self._lock:
            self._read = []

    def settle(self, note: Note, settings: Settings) -> None:
        """A request two articles share (the same title and chunk, or the same summaries to
        combine) went out once: the second article counts it as a cached call, so the usage
        line adds up to what the batches were billed."""
        from .catalogue import cost_usd

        with self._lock:
            read, self._read = self._read, []
        for custom_id, prompt, completion in read:
            if custom_id not in self._charged:
                self._charged.add(custom_id)
                continue
            usage = note.usage
            usage.calls -= 1
            usage.cached_calls += 1
            usage.prompt_tokens -= prompt
            usage.completion_tokens -= completion
            usage.cost_usd -= cost_usd(prompt, completion, settings.price())


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


@dataclass
class BatchOutcome:
    """How a batch run ended: a digest (every article has a note or a failure), a batch left
    in flight (`wait=False`), or a request file written for another runner."""

    digest: Digest | None = None
    batch_id: str | None = None
    requests_written: int = 0
    warnings: list[str] = field(default_factory=list)


def inputs_hash(articles: list[Article], engine: Engine) -> str:
    """What identifies a digest's inputs: its articles' cache keys (text, title, engine)."""
    fingerprint = engine.fingerprint()
    keys = sorted({note_key(a, fingerprint) for a in articles})
    return hashlib.sha256("\n".join(keys).encode("ascii")).hexdigest()


def run_batch_digest(
    items: list[Item],
    settings: Settings,
    *,
    title: str | None = None,
    date: str | None = None,
    submit: bool = True,
    wait: bool = True,
    requests_file: Path | None = None,
    results_files: Iterable[Path] = (),
    poll_seconds: float = POLL_SECONDS,
    say: Say | None = None,
    engine: Engine | None = None,
) -> BatchOutcome:
    """A digest whose LLM calls go through batches. `submit`: to the server's Batch API;
    `requests_file`: the requests still needed are written there instead; `results_files`:
    a runner's results, read first. A FatalServerError stops the run and is raised."""
    from .digest import assemble
    from .pipeline import build_engine, run_cache

    say = say or (lambda line: None)
    cache = run_cache(settings)
    if cache is None:
        raise ConfigError(
            "a batch run keeps its batches and their replies in the cache: drop --no-cache, "
            "--record and --replay"
        )
    if engine is None:
        from dataclasses import replace

        from .engines.openai import LOCAL_PLACEHOLDER_KEY

        # Files for another runner need no key: nothing is sent from here.
        unkeyed = not (submit or settings.api_key or settings.base_url)
        keyed = replace(settings, api_key=LOCAL_PLACEHOLDER_KEY) if unkeyed else settings
        engine = build_engine(keyed)
    if not hasattr(engine, "replies"):
        raise ConfigError(f"the {engine.name} engine makes no calls to batch (use an LLM engine)")
    book = ReplyBook(cache)
    engine.replies = book
    outcome = BatchOutcome()
    for path in results_files:
        outcome.warnings += read_results_file(path, cache, book)
    articles = [(i, item) for i, item in enumerate(items) if isinstance(item, Article)]
    inputs = inputs_hash([a for _, a in articles], engine)
    runner = BatchAPI(settings, engine, cache, say, poll_seconds) if submit else None
    results: dict[int, Note | Failure] = {
        i: item for i, item in enumerate(items) if isinstance(item, Failure)
    }
    todo = articles
    for round_ in range(MAX_ROUNDS + 1):
        if runner is not None:
            for record in runner.open_batches(inputs):
                if not runner.finish(record, book, wait):
                    outcome.batch_id = record.id
                    return outcome
        done, todo, pending = _pass(todo, settings, engine, book)
        results.update(done)
        if not todo:
            break
        say(f"{len(todo)} article(s) wait for {len(pending)} request(s)")
        if requests_file is not None:
            from .output import atomic_write

            lines = [request_line(cid, body) for cid, body in pending.items()]
            atomic_write(requests_file, "".join(line + "\n" for line in lines))
            outcome.requests_written = len(lines)
            return outcome
        if runner is None or round_ == MAX_ROUNDS:
            why = (
                f"its replies are not in the results ({len(pending)} request(s) of the run "
                "missing; write them with --batch-requests FILE and run them)"
                if runner is None
                else f"it still needed calls after {MAX_ROUNDS} batches"
            )
            results.update({i: Failure(a.source, why) for i, a in todo})
            break
        record = runner.submit(inputs, pending)
        if not wait:
            outcome.batch_id = record.id
            return outcome
    outcome.digest = assemble(items, results, title=title, date=date)
    return outcome


def _pass(
    articles: list[tuple[int, Article]], settings: Settings, engine: Engine, book: ReplyBook
) -> tuple[dict[int, Note | Failure], list[tuple[int, Article]], dict[str, dict[str, Any]]]:
    """Notes for the articles whose replies are all in; the others wait, with the requests
    they still need."""
    from .pipeline import make_note

    done: dict[int, Note | Failure] = {}
    waiting: list[tuple[int, Article]] = []
    for i, article in articles:
        book.begin_article()
        try:
            done[i] = note = make_note(article, settings, engine)
            book.settle(note, settings)
        except ReplyPending:
            waiting.append((i, article))
        except (ArticleError, InputError) as exc:
            done[i] = Failure(article.source, " ".join(str(exc).split()))
        except FatalServerError:
            raise
        except Exception as exc:  # noqa: BLE001 - one article's bug must not cost the others
            done[i] = Failure(article.source, f"unexpected error: {type(exc).__name__}: {exc}")
    return done, waiting, book.take_pending()


# -- results -------------------------------------------------------------------------------------


def read_result_lines(
    lines: Iterable[str], cache: NoteCache, book: ReplyBook | None, where: str
) -> tuple[set[str], list[str]]:
    """Store the replies of a results file (or a batch's output and error files); failed lines
    go into the book's failures. Returns the custom_ids answered either way, and a warning when
    lines were not batch results (skipped, nothing else lost)."""
    replies: list[tuple[str, str]] = []
    answered: set[str] = set()
    bad = 0
    for line in lines:
        if not line.strip():
            continue
        parsed = _result(line)
        if parsed is None:
            bad += 1
            continue
        custom_id, reply, error = parsed
        answered.add(custom_id)
        if reply is not None:
            replies.append((custom_id, json.dumps(reply, ensure_ascii=False)))
        elif book is not None and error is not None:
            book.failures[custom_id] = error
    cache.put_replies(replies)
    if bad:
        return answered, [f"{bad} line(s) of {where} are not batch results and were skipped"]
    return answered, []


def read_results_file(path: Path, cache: NoteCache, book: ReplyBook) -> list[str]:
    """A runner's results file (the Batch API's output format, as `vllm run-batch` writes)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return read_result_lines(stream, cache, book, str(path))[1]
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _result(line: str) -> tuple[str, dict[str, Any] | None, str | None] | None:
    """(custom_id, the chat completion, None) or (custom_id, None, why it failed)."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("custom_id"), str):
        return None
    custom_id = data["custom_id"]
    response = data.get("response")
    error = data.get("error")
    if isinstance(response, dict):
        status = response.get("status_code")
        body = response.get("body")
        if status == 200 and isinstance(body, dict):
            return custom_id, body, None
        detail = body.get("error", body) if isinstance(body, dict) else body
        message = detail.get("message") if isinstance(detail, dict) else detail
        return custom_id, None, f"the batch runner answered HTTP {status}: {str(message)[:200]}"
    if isinstance(error, dict):
        code, message = error.get("code") or "error", error.get("message") or ""
        return custom_id, None, f"the request failed in the batch ({code}: {str(message)[:200]})"
    return custom_id, None, "the batch runner returned neither a reply nor an error"


# -- the Batch API -------------------------------------------------------------------------------


class BatchAPI:
    """Submitting, polling and reading batches with the SDK's client; every batch is stored in
    the cache database the moment it exists."""

    def __init__(
        self, settings: Settings, engine: Engine, cache: NoteCache, say: Say, poll: float
    ) -> None:
        client = getattr(engine, "client", None)
        if client is None:
            raise ConfigError(f"the {engine.name} engine has no server to submit a batch to")
        self.client = client
        self.settings, self.cache, self.say, self.poll = settings, cache, say, poll
        self.endpoint = redact_url(settings.base_url or "https://api.openai.com/v1")

    def open_batches(self, inputs: str) -> list[BatchRecord]:
        """This digest's batches whose results were not read yet (in flight, or finished while
        no process was waiting)."""
        return [r for r in self.cache.batches(inputs) if not r.ingested]

    def submit(self, inputs: str, pending: dict[str, dict[str, Any]]) -> BatchRecord:
        items = list(pending.items())
        records = []
        for start in range(0, len(items), MAX_REQUESTS_PER_BATCH):
            part = items[start : start + MAX_REQUESTS_PER_BATCH]
            data = "".join(request_line(cid, body) + "\n" for cid, body in part).encode("utf-8")
            with self._calling("uploading the request file"):
                uploaded = self.client.files.create(file=("requests.jsonl", data), purpose="batch")
            with self._calling("submitting the batch"):
                batch = self.client.batches.create(
                    input_file_id=uploaded.id,
                    endpoint=ENDPOINT,
                    completion_window=COMPLETION_WINDOW,
                    metadata={"briefing_inputs": inputs[:16]},
                )
            record = BatchRecord(
                batch.id, inputs, self.endpoint, [cid for cid, _ in part], str(batch.status)
            )
            self.cache.put_batch(record)
            self.say(f"submitted batch {batch.id}: {len(part)} request(s)")
            records.append(record)
        return records[-1]

    def finish(self, record: BatchRecord, book: ReplyBook, wait: bool) -> bool:
        """Wait for a batch to end and read its results; False when `wait` is off and it has
        not ended yet."""
        batch = self._wait(record, wait)
        if batch is None:
            return False
        answered: set[str] = set()
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                with self._calling("downloading the batch results"):
                    lines = self.client.files.content(file_id).text.splitlines()
                got, _ = read_result_lines(lines, self.cache, book, f"batch {record.id}")
                answered |= got
        why = _unanswered_reason(batch)
        for custom_id in record.requests:
            if custom_id not in answered:
                book.failures[custom_id] = why
        record.status, record.ingested = str(batch.status), True
        self.cache.put_batch(record)
        return True

    def _wait(self, record: BatchRecord, wait: bool) -> Any:
        """The batch once it has ended (None when it has not and `wait` is off), with a
        progress line whenever its status or counts change."""
        import openai

        said, failures = "", 0
        while True:
            try:
                batch = self.client.batches.retrieve(record.id)
                failures = 0
            except (openai.APIConnectionError, openai.InternalServerError) as exc:
                failures += 1
                if failures >= POLL_FAILURES:
                    raise self._fatal("polling the batch", exc) from None
                self.say(f"batch {record.id}: no answer from the server, retrying")
                time.sleep(self.poll)
                continue
            except openai.APIError as exc:
                raise self._fatal("polling the batch", exc) from None
            counts = batch.request_counts
            done = f"{counts.completed + counts.failed}/{counts.total}" if counts else "?"
            line = f"batch {record.id}: {batch.status}, {done} request(s) done"
            if line != said:
                self.say(line)
                said = line
            if batch.status in TERMINAL:
                return batch
            if record.status != batch.status:
                record.status = str(batch.status)
                self.cache.put_batch(record)
            if not wait:
                return None
            time.sleep(self.poll)

    @contextlib.contextmanager
    def _calling(self, what: str) -> Iterator[None]:
        """An SDK error while doing `what` becomes one line that stops the run."""
        import openai

        try:
            yield
        except openai.APIError as exc:
            raise self._fatal(what, exc) from None

    def _fatal(self, what: str, exc: Exception) -> FatalServerError:
        return api_error(what, exc, self.settings)


def api_error(what: str, exc: Exception, settings: Settings) -> FatalServerError:
    """A Batch or Files API error as one line saying what to do next."""
    import openai

    key = settings.api_key
    where = redact_url(settings.base_url or "api.openai.com")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code in (404, 405):
            return FatalServerError(
                f"{what}: {where} has no Batch API (HTTP {exc.status_code}); write a request "
                "file with --batch-requests for a batch runner such as `vllm run-batch`"
            )
        if isinstance(exc, openai.AuthenticationError):
            return FatalServerError(f"{what}: the server rejected the API key (HTTP 401)")
        text = scrub(str(exc.message or exc), key)
        return FatalServerError(f"{what}: HTTP {exc.status_code}: {text[:200]}")
    if isinstance(exc, openai.APIConnectionError):
        return FatalServerError(f"{what}: cannot reach {where} (is the server running?)")
    return FatalServerError(f"{what}: {scrub(str(exc), key)[:200]}")


def _unanswered_reason(batch: Any) -> str:
    """Why a request of a finished batch has no line in its results."""
    status = batch.status
    if status == "expired":
        return f"the batch {batch.id} expired before this request ran (a rerun resubmits it)"
    if status == "cancelled":
        return f"the batch {batch.id} was cancelled before this request ran"
    if status == "failed":
        errors = getattr(getattr(batch, "errors", None), "data", None) or []
        detail = "; ".join(str(getattr(e, "message", e)) for e in errors[:2])
        return f"the batch {batch.id} failed" + (f": {detail[:200]}" if detail else "")
    return f"the batch {batch.id} returned no result for this request"


# -- `briefing batch list|status|cancel` ---------------------------------------------------------


def list_batches(cache: NoteCache) -> list[BatchRecord]:
    return cache.batches()


def batch_client(settings: Settings) -> Any:
    from .engines.openai import make_client

    return make_client(settings)


def batch_status(settings: Settings, batch_id: str) -> Any:
    """The server's view of a batch; the stored record follows it."""
    return _managed(settings, batch_id, "reading the batch", "retrieve")


def cancel_batch(settings: Settings, batch_id: str) -> Any:
    return _managed(settings, batch_id, "cancelling the batch", "cancel")


def _managed(settings: Settings, batch_id: str, what: str, action: str) -> Any:
    import openai

    from .pipeline import run_cache

    client = batch_client(settings)
    try:
        batch = getattr(client.batches, action)(batch_id)
    except openai.APIError as exc:
        raise api_error(what, exc, settings) from None
    cache = run_cache(settings)
    if cache is not None:
        for record in cache.batches():
            if record.id == batch_id and record.status != batch.status:
                record.status = str(batch.status)
                cache.put_batch(record)
    return batch

