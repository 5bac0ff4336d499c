"""Regression tests for issue 10 (hardening round two): outputs that replaced inputs, a digest
too large for its own template, broken caches, leaking credentials, config mistakes, unbounded
user templates, and the rough edges a new user hit. Each test failed before its fix."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer
from helpers import EXAMPLES, one_line, run

SEED = EXAMPLES / "seed-article.txt"

# -- defect 1: no output replaces an input or another output of the run ----------------------


def _planted_jsonl(tmp_path: Path) -> Path:
    feed = tmp_path / "clob.jsonl"
    lines = [
        {"id": "digest", "title": "Planted", "text": "The minister promised to build 40 schools."},
        {"title": "Real", "text": "The mayor promised to fix roads by June."},
    ]
    feed.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return feed


def test_a_per_article_note_never_replaces_the_digest(tmp_path: Path) -> None:
    feed, out = _planted_jsonl(tmp_path), tmp_path / "outj"
    result = run(
        "digest", str(feed), "--format", "json", "--per-article-dir", str(out),
        "-o", str(out / "digest.json"), "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    digest = json.loads((out / "digest.json").read_text())
    assert "notes" in digest and len(digest["notes"]) == 2  # the digest, not a note
    planted = json.loads((out / "digest-2.json").read_text())
    assert planted["article"]["title"] == "Planted"
    assert sorted(p.name for p in out.iterdir()) == ["clob-2.json", "digest-2.json", "digest.json"]


def test_a_per_article_note_never_replaces_an_input(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = inbox / "story.md"
    story.write_text("The mayor promised to fix roads by June.\n")
    result = run("digest", str(story), "--per-article-dir", str(inbox), "-q")
    assert result.exit_code == 0, result.output
    assert story.read_text() == "The mayor promised to fix roads by June.\n"
    assert (inbox / "story-2.md").read_text().startswith("# ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["note", "{a}", "-o", "{a}"], "is one of this run's inputs"),
        (["note", "{a}", "-o", "{link}"], "is one of this run's inputs"),
        (["digest", "{feed}", "-o", "{feed}"], "is one of this run's inputs"),
        (["estimate", "{feed}", "-o", "{feed}"], "is one of this run's inputs"),
        (["digest", "{inbox}", "-o", "{inbox}/digest.md"], "inside the input directory"),
        (["digest", "{inbox}", "--per-article-dir", "{inbox}"], "would be read as articles"),
        (["digest", "{inbox}/*.md", "-o", "{inbox}/d.md"], "matches the input pattern"),
        (["note", "{a}", "--record", "{tmp}/c.json", "-o", "{tmp}/c.json"], "cassette"),
    ],
)
def test_an_output_that_would_replace_an_input_is_refused_before_any_work(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    a = tmp_path / "a.txt"
    a.write_text(SEED.read_text())
    (tmp_path / "link.txt").symlink_to(a)
    feed = _planted_jsonl(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "story.md").write_text("The mayor promised to fix roads by June.\n")
    before = {p: p.read_bytes() for p in (a, feed, inbox / "story.md")}
    names = {"a": a, "link": tmp_path / "link.txt", "feed": feed, "inbox": inbox, "tmp": tmp_path}
    result = run(*(x.format(**names) for x in args), "--engine", "offline")
    assert result.exit_code == 2, result.output
    assert expected in one_line(result.stderr)
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in inbox.iterdir()) == ["story.md"]


# -- defect 5: a broken cache is a cache miss, said once ---------------------------------------


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as s:
        yield s


def _break_cache(cache: Path, how: str) -> None:
    if how == "a file":
        cache.write_text("not a directory\n")
    elif how == "corrupt":
        cache.mkdir()
        (cache / "notes.sqlite3").write_bytes(b"this is not a database " * 500)
    else:  # unwritable: what sqlite sees in a read-only directory, also when running as root
        cache.mkdir()
        sqlite3.connect(cache / "notes.sqlite3").close()
        (cache / "notes.sqlite3-wal").mkdir()
        (cache / "notes.sqlite3-shm").mkdir()


@pytest.mark.parametrize("how", ["a file", "corrupt", "unwritable"])
def test_a_broken_cache_is_a_miss_with_one_warning(
    articles: Path, server: FakeOpenAIServer, tmp_path: Path, how: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import briefing.cache

    cache = tmp_path / "briefing-cache"
    _break_cache(cache, how)
    waits: list[float] = []
    monkeypatch.setattr(briefing.cache.time, "sleep", waits.append)
    out = tmp_path / "digest.json"
    args = ["digest", str(articles), "--base-url", server.base_url, "--format", "json"]
    result = run(*args, "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["notes"]) == 7
    assert waits == []  # no lookup waited for a lock nobody holds (was 50 x 50 ms each)
    warning = one_line(result.stderr)
    assert warning.startswith("briefing: warning: the cache") and "running without it" in warning


def test_cache_stats_and_clear_repair_a_corrupt_cache(
    articles: Path, server: FakeOpenAIServer, tmp_path: Path
) -> None:
    _break_cache(tmp_path / "briefing-cache", "corrupt")
    stats = run("cache", "stats")
    assert stats.exit_code == 0 and "entries: unknown (file is not a database" in stats.stdout
    assert "cache clear" in stats.stdout
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "made it anew" in cleared.stdout
    args = ["digest", str(articles), "--base-url", server.base_url, "-q"]
    assert run(*args).exit_code == 0
    calls = server.stats()["total"]
    again = run(*args)
    assert again.exit_code == 0 and again.stderr == ""
    assert server.stats()["total"] == calls  # the repaired cache serves the rerun
    assert "entries: 7" in run("cache", "stats").stdout


def test_clearing_a_cache_whose_directory_is_a_file_is_one_line(tmp_path: Path) -> None:
    _break_cache(tmp_path / "briefing-cache", "a file")
    result = run("cache", "clear")
    assert result.exit_code == 1
    assert "is not a directory" in one_line(result.stderr)
    assert (tmp_path / "briefing-cache").read_text() == "not a directory\n"
    assert "entries: unknown" in run("cache", "stats").stdout
