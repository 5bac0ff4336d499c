"""Regression tests for issue 10 (hardening round two): outputs that replaced inputs, a digest
too large for its own template, broken caches, leaking credentials, config mistakes, unbounded
user templates, and the rough edges a new user hit. Each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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
