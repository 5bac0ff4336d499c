"""The on-disk response cache: validated LLM notes keyed by everything that shapes them.

sqlite3 from the standard library in WAL mode with a busy timeout, so concurrent threads and
several processes (two cron jobs, a digest and a note) share one file without corrupting it.
Only the LLM engine is cached (the offline engine is cheaper than a lookup), and only notes that
passed validation: failures and offline fallbacks are never stored, so a rerun retries them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from .models import Article, Ask, Commitment, Entity, Note, Usage
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
        if cache is None or not path.exists():
            cache = _open[path] = NoteCache(path)
        return cache


class NoteCache:
    """A key → note-JSON table. Lookups and writes never fail a run: a cache that cannot be
    read or written (locked for too long, read-only disk) behaves as a miss."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
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
                    conn.commit()
                    break
                except sqlite3.OperationalError:
                    if attempt == 49:
                        raise
                    time.sleep(0.05)
            self._conn = conn
        return self._conn

    def _read_one(self, sql: str, key: str) -> str | None:
        """The first column of the row for key, or None (also when the cache is unreadable)."""
        try:
            with self._lock:
                row = self._connect().execute(sql, (key,)).fetchone()
        except sqlite3.Error:
            return None
        return str(row[0]) if row else None

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        """One write in its own transaction; a cache that cannot be written is not an error."""
        try:
            with self._lock:
                conn = self._connect()
                with conn:
                    conn.execute(sql, args)
        except sqlite3.Error:
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

    def stats(self) -> dict[str, Any]:
        """Entries, bytes on disk (database and its WAL) and the path."""
        entries = 0
        if self.path.exists():
            with self._lock:
                entries = self._connect().execute("SELECT count(*) FROM notes").fetchone()[0]
        size = sum(
            p.stat().st_size
            for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm"))
            if p.exists()
        )
        return {"entries": entries, "size_bytes": size, "path": str(self.path)}

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        if not self.path.exists():
            return 0
        with self._lock:
            conn = self._connect()
            with conn:
                count = int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
                conn.execute("DELETE FROM notes")
                conn.execute("DELETE FROM endpoints")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
        return count

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
        return self._cache.recall(key)

    def remember(self, key: str, value: str) -> None:
        self._cache.remember(key, value)


def cache_enabled(settings: Settings) -> bool:
    """Recording and replaying runs must see every exchange, so they bypass the cache."""
    return settings.use_cache and not settings.record and not settings.replay
