"""Writing results: atomically (temporary file in the target directory, fsync, rename), so a
killed run never leaves a half-written note where a good one was expected; and under a lock, so
two overlapping runs (cron jobs that run long) never write the same outputs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError, OutputLockedError


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp creates files 0600; a note should get the permissions any new file gets.
_NEW_FILE_MODE = 0o666 & ~_umask()


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` so that readers see the old file or the new
    one, never a part; an OSError becomes a one-line OutputError."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory (give a file name)")
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.exists() and not path.is_file():
        _write_special(path, data)  # /dev/stdout, a FIFO: nothing to replace atomically
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        mode = path.stat().st_mode & 0o777  # replacing a file keeps its permissions
    except OSError:
        mode = _NEW_FILE_MODE
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _write_special(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def lock_path(path: Path) -> Path:
    """The lock file beside an output: `.NAME.lock`."""
    return path.parent / f".{path.name}.lock"


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock for writing `path` (a file or a directory of
    outputs) for the whole run. A second run fails at once with OutputLockedError.

    The lock file is removed on release; since a waiting run may have opened the old file just
    before, a lock is only trusted when the file it locked is still the one at the path."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): run unlocked
        yield
        return
    path = Path(path)
    target = lock_path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        yield  # /dev/stdout, a FIFO: not a file two runs could corrupt
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    while True:
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise OutputLockedError(f"another briefing run is writing {path}") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(target).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder released and removed it meanwhile: lock the new file
    try:
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        target.unlink(missing_ok=True)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
