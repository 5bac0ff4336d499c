"""`briefing note` through the CLI as a user runs it: engines chosen, inputs rejected with one
clear line, the JSON contract, output files and templates. Offline engine unless a test starts a
fake server; no network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer
from helpers import DATA, EXAMPLES, one_line, run

BLAIR = DATA / "articles" / "blair-sets-date-for-africa-report.txt"

NOTE_KEYS = {
    "schema_version",
    "engine",
    "model",
    "article",
    "summary",
    "key_points",
    "commitments",
    "asks",
    "entities",
    "warnings",
    "usage",
}
ARTICLE_KEYS = {"id", "title", "source", "url", "date", "tokens"}
# The contract's original fields and those added for trust (who said it, what kind, the checks).
TRUST_KEYS = {"said_by", "conditional", "checks", "sentence", "deadline_date", "found_by"}
COMMITMENT_KEYS = {"actor", "action", "deadline", "evidence", "verified", "stance", *TRUST_KEYS}
ASK_KEYS = {"actor", "addressee", "action", "deadline", "evidence", "verified", *TRUST_KEYS}
ENTITY_KEYS = {"name", "type", "role"}
USAGE_KEYS = {"calls", "cached_calls", "prompt_tokens", "completion_tokens", "cost_usd"}




# -- engine selection ---------------------------------------------------------------------------


def test_auto_without_key_or_base_url_uses_offline_and_says_so_once(seed_article: Path) -> None:
    result = run("note", str(seed_article), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["engine"] == "offline"
    notice = one_line(result.stderr)
    assert "offline engine" in notice
    assert "OPENAI_API_KEY" in notice


def test_auto_with_openai_base_url_env_uses_the_server(
    seed_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = run("note", str(seed_article), "--format", "json")
        calls = server.stats()["total"]
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)
    assert note["engine"] == "openai"
    assert calls >= 1
    assert note["usage"]["calls"] == calls
    assert "offline" not in result.stderr


def test_engine_openai_without_key_or_base_url_says_what_to_set(seed_article: Path) -> None:
    result = run("note", str(seed_article), "--engine", "openai")
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "OPENAI_API_KEY" in line
    assert "--base-url" in line


# -- inputs -------------------------------------------------------------------------------------


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("note", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_binary_file_is_rejected_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = run("note", str(path))
    assert result.exit_code == 1
    assert "binary" in one_line(result.stderr)
    assert result.stdout == ""


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t \n", "\ufeff\u200b\n".encode()])
def test_empty_file_is_rejected_in_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = run("note", str(path))
    assert result.exit_code == 1
    assert "empty" in one_line(result.stderr)


def test_stdin_dash_reads_the_article(seed_article: Path) -> None:
    result = run(
        "note", "-", "--engine", "offline", "--format", "json", input=seed_article.read_bytes()
    )
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)
    assert note["article"]["source"] == "-"
    assert "Sar Kheng" in note["summary"]


# -- output -------------------------------------------------------------------------------------


def test_json_output_has_exactly_the_contract_keys(tmp_path: Path) -> None:
    result = run("note", str(BLAIR), "--engine", "offline", "--format", "json")
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)
    assert set(note) == NOTE_KEYS
    assert note["schema_version"] == 1
    assert note["engine"] == "offline"
    assert note["model"] is None
    assert set(note["article"]) == ARTICLE_KEYS
    assert note["article"]["source"] == str(BLAIR)
    assert note["article"]["title"] == "Blair sets date for Africa report"
    assert isinstance(note["article"]["tokens"], int) and note["article"]["tokens"] > 200
    assert isinstance(note["summary"], str) and note["summary"]
    assert all(isinstance(p, str) for p in note["key_points"])
    # The seed article holds both kinds, so the key sets are checked on real items.
    seed = json.loads(
        run("note", str(EXAMPLES / "seed-article.txt"), "--format", "json").stdout
    )
    assert seed["commitments"] and seed["asks"]
    for c in note["commitments"] + seed["commitments"]:
        assert set(c) == COMMITMENT_KEYS
        assert isinstance(c["verified"], bool)
    for a in note["asks"] + seed["asks"]:
        assert set(a) == ASK_KEYS
        assert isinstance(a["verified"], bool)
    assert note["entities"]
    for e in note["entities"]:
        assert set(e) == ENTITY_KEYS
    assert isinstance(note["warnings"], list)
    assert set(note["usage"]) == USAGE_KEYS
    assert note["usage"]["calls"] == 0


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path, seed_article: Path) -> None:
    out = tmp_path / "notes" / "seed.md"
    result = run("note", str(seed_article), "--engine", "offline", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "## Summary" in text
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_output_file_gets_ordinary_permissions(tmp_path: Path, seed_article: Path) -> None:
    """Not the 0600 of a temporary file: a note is shared like any file the user writes."""
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "note.md"
    result = run("note", str(seed_article), "--engine", "offline", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_offline_example_in_the_repo_is_what_the_command_produces(tmp_path: Path) -> None:
    """examples/seed-note-offline.md is regenerated with
    `briefing note examples/seed-article.txt -o examples/seed-note-offline.md`."""
    out = tmp_path / "seed-note-offline.md"
    result = run("note", str(EXAMPLES / "seed-article.txt"), "-o", str(out))
    assert result.exit_code == 0, result.output
    produced = out.read_text(encoding="utf-8").replace(
        str(EXAMPLES / "seed-article.txt"), "examples/seed-article.txt"
    )
    assert produced == (EXAMPLES / "seed-note-offline.md").read_text(encoding="utf-8"), (
        "examples/seed-note-offline.md is stale: regenerate it with the command in the docstring"
    )


# -- templates ----------------------------------------------------------------------------------

CUSTOM = "TITLE={{ article.title }}\nCOMMITMENTS={{ note.commitments | length }}\n"


def test_template_by_path(tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(CUSTOM, encoding="utf-8")
    result = run("note", str(BLAIR), "--engine", "offline", "--template", str(template))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("TITLE=Blair sets date for Africa report\nCOMMITMENTS=")


def test_template_by_name_from_the_user_dir(isolated_env: Path) -> None:
    templates = isolated_env / "templates"
    templates.mkdir(parents=True)
    (templates / "terse.md.j2").write_text(CUSTOM, encoding="utf-8")
    result = run("note", str(BLAIR), "--engine", "offline", "--template", "terse")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("TITLE=Blair sets date for Africa report\n")


def test_user_template_extends_the_default(isolated_env: Path) -> None:
    templates = isolated_env / "templates"
    templates.mkdir(parents=True)
    (templates / "house.md.j2").write_text(
        '{% extends "default:note.md.j2" %}\n'
        "{% block footer %}\nHOUSE FOOTER for {{ article.id }}\n{% endblock %}\n",
        encoding="utf-8",
    )
    result = run("note", str(BLAIR), "--engine", "offline", "--template", "house")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# Blair sets date for Africa report\n")
    assert "## Summary" in out and "## Commitments" in out
    assert out.rstrip().endswith("HOUSE FOOTER for blair-sets-date-for-africa-report")


def test_unknown_template_is_a_one_line() -> None:
    result = run("note", str(BLAIR), "--engine", "offline", "--template", "no-such-template")
    assert result.exit_code == 1
    assert "template not found" in one_line(result.stderr)
