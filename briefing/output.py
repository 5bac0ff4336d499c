"""Writing results: atomically (temporary file in the target directory, fsync, rename), so a
killed run never leaves a half-written note where a good one was expected; and under a lock, so
two overlapping runs (cron jobs that run long) never write the same outputs."""

from __future__ import annotations

import fnmatch
import os
import tempfile
from collections.abc import Iterable, Iterator
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


# -- outputs never land on inputs or on each other ---------------------------------------------


def _identity(path: Path) -> tuple[str, tuple[int, int] | None] | None:
    """What makes two paths one file: the real path (case-folded, for case-insensitive file
    systems) and, for an existing file, its device and inode (hard links, bind mounts). None
    for a terminal, pipe or device: writing to one replaces nothing (`/dev/stdin` and
    `/dev/stdout` may be one terminal)."""
    import stat

    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return os.path.normcase(real).casefold(), None
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return None
    return os.path.normcase(real).casefold(), (st.st_dev, st.st_ino)


class PathSet:
    """Files a run must not write over: its inputs and the outputs it already claimed."""

    def __init__(self, paths: Iterable[Path] = ()) -> None:
        self._names: set[str] = set()
        self._inodes: set[tuple[int, int]] = set()
        for path in paths:
            self.add(path)

    def add(self, path: Path) -> None:
        identity = _identity(path)
        if identity is None:
            return
        name, inode = identity
        self._names.add(name)
        if inode is not None:
            self._inodes.add(inode)

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, Path | str):
            return False
        identity = _identity(Path(path))
        if identity is None:
            return False
        name, inode = identity
        return name in self._names or (inode is not None and inode in self._inodes)


def input_paths(specs: Iterable[str]) -> tuple[list[Path], list[Path], list[str]]:
    """The local files, directories and glob patterns among a run's inputs (`-` and URLs are
    not files)."""
    files: list[Path] = []
    dirs: list[Path] = []
    globs: list[str] = []
    for spec in specs:
        if spec == "-" or spec.lower().startswith(("http://", "https://")):
            continue
        path = Path(spec)
        if path.is_dir():
            dirs.append(path)
        elif path.exists() or path.is_symlink():
            files.append(path)
        elif any(c in spec for c in "*?["):
            globs.append(spec)
            files += [Path(m) for m in _glob(spec)]
    return files, dirs, globs


def _glob(pattern: str) -> list[str]:
    import glob

    return glob.glob(pattern, recursive=True)


def check_outputs(
    specs: Iterable[str],
    *,
    output: str = "-",
    per_article_dir: str | None = None,
    suffix: str = "",
    read_suffixes: Iterable[str] = (),
    others: Iterable[str | None] = (),
) -> PathSet:
    """Refuse, before any work, a run whose output would replace one of its inputs (or a
    cassette it reads or writes), or be read as an input by the next run of the same command;
    returns the inputs, which per-article notes must avoid too. Raises OutputError."""
    files, dirs, globs = input_paths(specs)
    cassettes = PathSet(Path(o) for o in others if o)
    inputs = PathSet(files)
    for cassette in others:
        if cassette and Path(cassette) in inputs:
            raise OutputError(f"cassette {cassette} is one of this run's inputs")
    read = {s.lower() for s in read_suffixes}
    if output != "-":
        out = Path(output)
        if out in inputs:
            raise OutputError(f"-o {output} is one of this run's inputs: it would be replaced")
        if out in cassettes:
            raise OutputError(f"-o {output} is this run's cassette: it would be replaced")
        if out.suffix.lower() in read and not out.name.startswith("."):
            real = Path(os.path.realpath(out))
            for d in dirs:
                if real.is_relative_to(os.path.realpath(d)):
                    raise OutputError(
                        f"-o {output} is inside the input directory {d}: the next run would "
                        "read it as an article"
                    )
            for pattern in globs:
                if _glob_match(os.path.abspath(out), os.path.abspath(pattern)):
                    raise OutputError(
                        f"-o {output} matches the input pattern {pattern}: the next run would "
                        "read it as an article"
                    )
    if per_article_dir is not None and suffix.lower() in read:
        real = Path(os.path.realpath(per_article_dir))
        inside = [str(d) for d in dirs if real.is_relative_to(os.path.realpath(d))]
        probe = os.path.join(os.path.abspath(per_article_dir), f"note{suffix}")
        inside += [p for p in globs if _glob_match(probe, os.path.abspath(p))]
        if inside:
            raise OutputError(
                f"--per-article-dir {per_article_dir} is inside the input {inside[0]}: its "
                "notes would be read as articles by the next run (use another directory)"
            )
    for cassette in others:
        if cassette:
            inputs.add(Path(cassette))
    return inputs


def _glob_match(path: str, pattern: str) -> bool:
    """Whether glob.glob(pattern, recursive=True) would list path: `*` stays within one
    directory, `**` spans any number."""
    parts, pats = Path(path).parts, Path(pattern).parts

    def match(i: int, j: int) -> bool:
        if j == len(pats):
            return i == len(parts)
        if pats[j] == "**":
            return any(match(k, j + 1) for k in range(i, len(parts) + 1))
        return i < len(parts) and fnmatch.fnmatchcase(parts[i], pats[j]) and match(i + 1, j + 1)

    return match(0, 0)


def unique_path(directory: Path, stem: str, suffix: str, taken: PathSet) -> Path:
    """DIR/STEM.SUFFIX, or DIR/STEM-2.SUFFIX, ... : the first that is not taken (which it then
    is)."""
    candidate, n = directory / f"{stem}{suffix}", 1
    while candidate in taken:
        n += 1
        candidate = directory / f"{stem}-{n}{suffix}"
    taken.add(candidate)
    return candidate
