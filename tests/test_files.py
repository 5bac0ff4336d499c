"""Files: outputs are written atomically, a lock stops two overlapping runs writing the same
output, and a run killed mid-way leaves no partial files and costs no calls again for what it
had finished."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_openai_server import FakeOpenAIServer
from helpers import DATA, EXAMPLES

from briefing import output
from briefing.cli import cli
from briefing.errors import OutputError, OutputLockedError
from briefing.output import atomic_write, lock_path, run_lock

SEED = EXAMPLES / "seed-article.txt"
ROOT = Path(__file__).resolve().parent.parent


def test_atomic_write_replaces_the_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "note.md"
    atomic_write(target, "one\n")
    atomic_write(target, "two\n")
    assert target.read_text() == "two\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["note.md"]


def test_atomic_write_gives_new_files_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    atomic_write(target, "x")
    assert target.stat().st_mode & 0o044  # not mkstemp's 0600: readable like any new file
    target.chmod(0o640)
    atomic_write(target, "y")
    assert target.stat().st_mode & 0o777 == 0o640  # replacing keeps the permissions


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_failure_mid_write_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "note.md"
    target.write_text("the good old note\n")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    if where == "fsync":
        monkeypatch.setattr(output.os, "fsync", boom)
    elif where == "replace":
        monkeypatch.setattr(output.os, "replace", boom)
    else:
        monkeypatch.setattr(output.os, "fdopen", _fdopen_failing_write(os.fdopen))
    with pytest.raises(OutputError, match=f"cannot write {target}: No space left on device"):
        atomic_write(target, "new text " * 1000)
    assert target.read_text() == "the good old note\n"
    assert [p.name for p in tmp_path.iterdir()] == ["note.md"]


def _fdopen_failing_write(real: object) -> object:
    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        f = real(fd, *args, **kwargs)  # type: ignore[operator]

        class Half:
            def __enter__(self) -> Half:
                return self

            def __exit__(self, *exc: object) -> None:
                f.close()

            def write(self, text: str) -> None:
                f.write(text[: len(text) // 2])
                f.flush()
                raise OSError(28, "No space left on device")

        return Half()

    return fdopen


def test_note_failing_to_render_keeps_the_old_output(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    target.write_text("previous note\n")
    bad = tmp_path / "bad.md.j2"
    bad.write_text("{{ note.summary }}{{ nope.missing }}\n")
    args = ["note", str(SEED), "--engine", "offline", "-o", str(target), "--template", str(bad)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert target.read_text() == "previous note\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.md.j2", "note.md"]


# -- the run lock ------------------------------------------------------------------------------


def test_run_lock_refuses_a_second_holder_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "digest.md"
    with run_lock(target):
        assert lock_path(target).exists()
        with pytest.raises(OutputLockedError, match=f"another briefing run is writing {target}"):
            with run_lock(target):
                pass
    assert not lock_path(target).exists()
    with run_lock(target):  # free again
        pass


def test_run_lock_is_held_across_processes(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    code = (
        "import sys, time; from pathlib import Path; from briefing.output import run_lock\n"
        "with run_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(30)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        args = ["note", str(SEED), "--engine", "offline", "-o", str(target)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert result.stderr.strip() == f"Error: another briefing run is writing {target}"
        assert not target.exists()
    finally:
        holder.kill()
        holder.wait()
    # The holder died without releasing: the kernel dropped its flock, so a new run proceeds.
    result = CliRunner().invoke(cli, ["note", str(SEED), "--engine", "offline", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text().startswith("# ")


def test_digest_takes_the_lock_on_its_output(tmp_path: Path) -> None:
    target = tmp_path / "digest.md"
    with run_lock(target):
        args = ["digest", str(SEED), "--engine", "offline", "-o", str(target), "-q"]
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "another briefing run is writing" in result.stderr
    assert not target.exists()


# -- killed mid-run ----------------------------------------------------------------------------


def test_killed_digest_leaves_no_partial_files_and_rerun_skips_what_was_done(
    tmp_path: Path,
) -> None:
    articles = sorted((DATA / "offline").glob("*.txt")) + sorted((DATA / "articles").glob("*.txt"))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "digest.json"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))},
        "OPENAI_API_KEY": "sk-test-key",
        "BRIEFING_HOME": str(tmp_path / "home"),
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
    }
    with FakeOpenAIServer(latency=0.4) as server:
        args = [sys.executable, "-c", "from briefing.cli import main; main()", "digest"]
        args += [str(p) for p in articles]
        args += ["--base-url", server.base_url, "--model", "fake-model", "--concurrency", "1"]
        args += ["--format", "json", "-o", str(out), "-q"]
        proc = subprocess.Popen(args, env=env, cwd=ROOT, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while server.stats()["total"] < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.1)  # the third call is in flight
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        done_before_kill = server.stats()["total"] - 1  # answered ones; the last was in flight
        assert 2 <= done_before_kill < len(articles)
        assert not out.exists()
        # No partial output and no temp file; only the stale (unlocked) lock file may remain.
        assert [p.name for p in out_dir.iterdir()] in ([], [".digest.json.lock"])

        server.reset()
        rerun = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, timeout=60)
        assert rerun.returncode == 0, rerun.stderr.decode()
        # Everything answered before the kill came from the cache.
        assert server.stats()["total"] <= len(articles) - done_before_kill
    data = json.loads(out.read_text())
    assert len(data["notes"]) == len(articles) and not data["failed"]
    assert data["usage"]["cached_calls"] >= done_before_kill
    assert sorted(p.name for p in out_dir.iterdir()) == ["digest.json"]
