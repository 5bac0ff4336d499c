"""The on-disk response cache: validated LLM notes keyed by everything that shapes them.

sqlite3 from the standard library in WAL mode with a busy timeout, so concurrent threads and
several processes (two cron jobs, a digest and a note) share one file without corrupting it.
Only the LLM engine is cached (the offline engine is cheaper than a lookup), and only notes that
passed validation: failures and offline fallbacks are never stored, so a rerun retries them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import Article, Ask, Commitment, Entity, Note, Usage
from .redact import redact_url
from .settings import Settings, cache_dir

CACHE_FILE = "notes.sqlite3"
# Bump when the stored value's shape changes; old entries then simply miss.
CACHE_FORMAT = 2
BUSY_TIMEOUT_MS = 30_000

_open_lock = threading.Lock()
_open: dict[Path, NoteCache] = {}


def cache_path(directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / CACHE_FILE


def note_key(article: Article, fingerprint: dict[str, Any]) -> str:
    """sha256 of the normalised text, the title (it is part of the prompt) and everything the
    engine says shapes its answer (model, endpoint, prompts, schema, sampling, sizes)."""
    parts = {
        "format": CACHE_FORMAT,
        "text": article.content_hash,
        "title": " ".join(article.title.split()),
        "engine": fingerprint,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def open_cache(directory: Path | None = None) -> NoteCache:
    """One NoteCache per file per process, shared by all threads of a run."""
    path = cache_path(directory).resolve()
    with _open_lock:
        cache = _open.get(path)
        if cache is None or (cache.problem is None and not path.exists()):
            cache = _open[path] = NoteCache(path)
        return cache


class CacheUnavailable(Exception):
    """The cache cannot be used (its directory is a file, it is not writable, it is corrupt)."""


# Paths whose problem was already said on stderr: one warning per cache per process.
_warned: set[Path] = set()


def _warn_once(path: Path, problem: str) -> None:
    import click

    with _open_lock:
        if path in _warned:
            return
        _warned.add(path)
    click.echo(
        f"briefing: warning: the cache {path} cannot be used ({problem}); running without it",
        err=True,
    )


def _busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock: worth waiting for, unlike every other failure."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


REPAIR_HINT = "`briefing cache clear` repairs it"


def _problem(exc: BaseException) -> str:
    """Why the cache cannot be used, in words, with the remedy when there is one."""
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    reason = str(exc) or type(exc).__name__
    corrupt = isinstance(exc, sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.OperationalError
    )
    return f"{reason}: {REPAIR_HINT}" if corrupt else reason


class NoteCache:
    """A key → note-JSON table. Lookups and writes never fail a run: a cache that cannot be
    used (its directory is a file, a read-only disk, a corrupt file) is said once on stderr and
    then behaves as a miss for the rest of the run; a lock held too long is a miss."""

    def __init__(self, path: Path, *, warn: bool = True) -> None:
        self.path = path
        self._warn = warn  # `cache stats` and `cache clear` report problems themselves
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.problem: str | None = None
        self.repaired: str | None = None  # what `clear` found wrong and repaired

    def _connect(self) -> sqlite3.Connection:
        """The connection (opened on first use); CacheUnavailable once the cache failed."""
        if self._conn is None:
            if self.problem is not None:
                raise CacheUnavailable(self.problem)
            try:
                self._conn = self._open()
            except (OSError, sqlite3.Error) as exc:
                raise self._disable(exc) from None
        return self._conn

    def _open(self) -> sqlite3.Connection:
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise NotADirectoryError(20, f"{self.path.parent} is not a directory")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            for attempt in range(50):
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute("PRAGMA synchronous = NORMAL")
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS notes (key TEXT PRIMARY KEY, value TEXT NOT"
                        " NULL, created REAL NOT NULL)"
                    )
                    # What each endpoint accepted (its response format), kept apart from notes.
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS endpoints (key TEXT PRIMARY KEY, value TEXT"
                        " NOT NULL)"
                    )
                    # Batches submitted (they outlive the process) and the replies they brought.
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS batches (id TEXT PRIMARY KEY, inputs TEXT"
                        " NOT NULL, endpoint TEXT NOT NULL, requests TEXT NOT NULL, status TEXT"
                        " NOT NULL, ingested INTEGER NOT NULL, created REAL NOT NULL)"
                    )
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS batch_replies (custom_id TEXT PRIMARY KEY,"
                        " value TEXT NOT NULL, created REAL NOT NULL)"
                    )
                    conn.commit()
                    break
                except sqlite3.OperationalError as exc:
                    # Only a lock is worth waiting for (two processes setting up WAL at once);
                    # a read-only directory or a broken file fails the same way every time.
                    if attempt == 49 or not _busy(exc):
                        raise
                    time.sleep(0.05)
        except BaseException:
            conn.close()
            raise
        return conn

    def _disable(self, exc: BaseException) -> CacheUnavailable:
        """Give up on the cache for this run, saying why once."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        self.problem = _problem(exc)
        if self._warn:
            _warn_once(self.path, self.problem)
        return CacheUnavailable(self.problem)

    def _read_one(self, sql: str, key: str) -> str | None:
        """The first column of the row for key, or None (also when the cache is unusable)."""
        try:
            with self._lock:
                try:
                    row = self._connect().execute(sql, (key,)).fetchone()
                except sqlite3.Error as exc:
                    if not _busy(exc):
                        self._disable(exc)
                    return None
        except CacheUnavailable:
            return None
        return str(row[0]) if row else None

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        """One write in its own transaction; a cache that cannot be written is not an error."""
        self._write_many(sql, [args])

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        try:
            with self._lock:
                conn = self._connect()
                try:
                    with conn:
                        conn.executemany(sql, rows)
                except sqlite3.Error as exc:
                    if not _busy(exc):
                        self._disable(exc)
        except CacheUnavailable:
            pass

    def get(self, key: str) -> dict[str, Any] | None:
        blob = self._read_one("SELECT value FROM notes WHERE key = ?", key)
        if blob is None:
            return None
        try:
            value = json.loads(blob)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        blob = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        self._write(
            "INSERT OR REPLACE INTO notes (key, value, created) VALUES (?, ?, ?)",
            (key, blob, time.time()),
        )

    def recall(self, key: str) -> str | None:
        """A remembered fact about an endpoint, or None."""
        return self._read_one("SELECT value FROM endpoints WHERE key = ?", key)

    def remember(self, key: str, value: str) -> None:
        self._write("INSERT OR REPLACE INTO endpoints (key, value) VALUES (?, ?)", (key, value))

    # -- batches ----------------------------------------------------------------------------

    def put_replies(self, replies: list[tuple[str, str]]) -> None:
        """Batch replies (custom_id, reply JSON), in one transaction."""
        now = time.time()
        self._write_many(
            "INSERT OR REPLACE INTO batch_replies (custom_id, value, created) VALUES (?, ?, ?)",
            [(cid, value, now) for cid, value in replies],
        )

    def batch_reply(self, custom_id: str) -> str | None:
        return self._read_one("SELECT value FROM batch_replies WHERE custom_id = ?", custom_id)

    def put_batch(self, record: BatchRecord) -> None:
        self._write(
            "INSERT OR REPLACE INTO batches (id, inputs, endpoint, requests, status, ingested,"
            " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                record.inputs,
                record.endpoint,
                json.dumps(record.requests),
                record.status,
                int(record.ingested),
                record.created,
            ),
        )

    def batches(self, inputs: str | None = None) -> list[BatchRecord]:
        """Batches submitted, oldest first (those of one digest's inputs, when given)."""
        sql = "SELECT id, inputs, endpoint, requests, status, ingested, created FROM batches"
        args: tuple[Any, ...] = ()
        if inputs is not None:
            sql, args = sql + " WHERE inputs = ?", (inputs,)
        try:
            with self._lock:
                try:
                    rows = self._connect().execute(sql + " ORDER BY created", args).fetchall()
                except sqlite3.Error as exc:
                    if not _busy(exc):
                        self._disable(exc)
                    return []
        except CacheUnavailable:
            return []
        return [
            BatchRecord(r[0], r[1], r[2], json.loads(r[3]), r[4], bool(r[5]), float(r[6]))
            for r in rows
        ]

    def stats(self) -> dict[str, Any]:
        """Entries (None when the cache cannot be read: see `problem`), bytes on disk (database
        and its WAL) and the path."""
        entries: int | None = 0
        if self.path.parent.exists() and not self.path.parent.is_dir():
            self.problem = f"{self.path.parent} is not a directory"
            entries = None
        elif self.path.exists():
            try:
                with self._lock:
                    try:
                        entries = int(
                            self._connect().execute("SELECT count(*) FROM notes").fetchone()[0]
                        )
                    except sqlite3.Error as exc:
                        raise self._disable(exc) from None
            except CacheUnavailable:
                entries = None
        size = 0
        for p in self._files():
            with contextlib.suppress(OSError):
                size += p.stat().st_size if p.is_file() else 0
        return {"entries": entries, "size_bytes": size, "path": str(self.path)}

    def _files(self) -> list[Path]:
        return [self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]

    def clear(self) -> int:
        """Delete every entry; returns how many there were. A cache that cannot be read is
        removed and made anew (the repair for a corrupt file); raises CacheUnavailable when
        even that fails (its directory is a file, it is not writable)."""
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise CacheUnavailable(f"{self.path.parent} is not a directory")
        if not self.path.exists() and self.problem is None:
            return 0
        with self._lock:
            try:
                conn = self._connect()
                with conn:
                    count = int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
                    conn.execute("DELETE FROM notes")
                    conn.execute("DELETE FROM endpoints")
                    conn.execute("DELETE FROM batch_replies")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("VACUUM")
                return count
            except (sqlite3.Error, CacheUnavailable) as exc:
                if not isinstance(exc, CacheUnavailable) and _busy(exc):
                    raise CacheUnavailable(f"it is locked by another run ({exc})") from None
                problem = self.problem or _problem(exc)
            return self._recreate(problem)

    def _recreate(self, problem: str) -> int:
        """Remove an unusable cache file (and its WAL) and open a new one."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        try:
            for p in self._files():
                if p.is_file() or p.is_symlink():
                    p.unlink()
            self.problem = None
            self._conn = self._open()
        except (OSError, sqlite3.Error) as exc:
            self.problem = _problem(exc)
            raise CacheUnavailable(f"{problem}; cannot make it anew: {self.problem}") from None
        with _open_lock:
            _warned.discard(self.path)
            shared = _open.pop(self.path, None)  # this process's broken handle: open anew
        if shared is not None and shared is not self:
            shared.close()
        self.repaired = problem.removesuffix(f": {REPAIR_HINT}")
        return 0

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- notes ------------------------------------------------------------------------------

    def get_note(self, key: str, article: Article) -> Note | None:
        """The cached note for this article, with usage counting the calls it saved."""
        value = self.get(key)
        if value is None:
            return None
        try:
            return note_from_cache(value, article)
        except (KeyError, TypeError, ValueError):
            return None

    def put_note(self, key: str, note: Note) -> None:
        self.put(key, note_to_cache(note))


@dataclass
class BatchRecord:
    """A batch submitted for a digest: its id, the digest's inputs (a hash), the custom_ids of
    its requests, the last status seen, and whether its results were read."""

    id: str
    inputs: str
    endpoint: str
    requests: list[str]
    status: str
    ingested: bool = False
    created: float = field(default_factory=time.time)


def note_to_cache(note: Note) -> dict[str, Any]:
    """The note without its article (the current one is attached on a hit) and usage."""
    data = note.to_json()
    own_warnings = list(note.warnings)
    for w in note.article.warnings:
        if w in own_warnings:
            own_warnings.remove(w)
    kept = ("summary", "key_points", "commitments", "asks", "entities")
    return {
        "tokens": note.tokens,
        "engine": note.engine,
        "model": note.model,
        **{k: data[k] for k in kept},
        "warnings": own_warnings,
        "calls": note.usage.calls + note.usage.cached_calls,
    }


def note_from_cache(value: dict[str, Any], article: Article) -> Note:
    return Note(
        article=article,
        tokens=int(value["tokens"]),
        engine=str(value["engine"]),
        model=value["model"],
        summary=str(value["summary"]),
        key_points=[str(p) for p in value["key_points"]],
        commitments=[Commitment.from_json(c) for c in value["commitments"]],
        asks=[Ask.from_json(a) for a in value["asks"]],
        entities=[Entity.from_json(e) for e in value["entities"]],
        warnings=[*article.warnings, *value["warnings"]],
        usage=Usage(cached_calls=int(value["calls"])),
    )


class EndpointMemory:
    """Facts learned about an endpoint (the response format it accepts), kept in the cache
    database apart from notes, so later runs start from what worked."""

    def __init__(self, cache: NoteCache) -> None:
        self._cache = cache

    def recall(self, key: str) -> str | None:
        return self._cache.recall(redact_url(key))

    def remember(self, key: str, value: str) -> None:
        # The key names the endpoint: a password in its URL stays out of the database.
        self._cache.remember(redact_url(key), value)


def cache_enabled(settings: Settings) -> bool:
    """Recording and replaying runs must see every exchange, so they bypass the cache."""
    return settings.use_cache and not settings.record and not settings.replay
