"""Bad input: a clear one-line error (exit codes as the README says: 2 usage, 1 failure) or correct
handling, never a traceback unless --debug; in a digest the good inputs beside bad ones are all
still processed."""

from __future__ import annotations

import json
from pathlib import Path

import helpers
import pytest
from click.testing import CliRunner, Result
from helpers import EXAMPLES, one_line

from briefing.cli import cli
from briefing.ingest import MAX_ARTICLE_BYTES

SEED = EXAMPLES / "seed-article.txt"
BODY = (
    "Headline of the day\n\n"
    "The minister will publish the plan by May. Unions urged the council to act.\n"
)


def run(*args: str, stdin: bytes | None = None) -> Result:
    return helpers.run(*args, input=stdin, catch_exceptions=True)


def note(path: Path | str, *more: str, stdin: bytes | None = None) -> Result:
    return run("note", str(path), "--engine", "offline", *more, stdin=stdin)



@pytest.fixture
def bad(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
        "binary": tmp_path / "photo.txt",
        "big": tmp_path / "big.txt",
        "dir": tmp_path / "folder",
    }
    files["empty"].write_bytes(b"")
    files["blank"].write_bytes(b"  \n\t\n\r\n")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with files["big"].open("wb") as f:
        f.write(b"The minister will act. " * (MAX_ARTICLE_BYTES // 23 + 10))
    files["dir"].mkdir()
    return files


def test_missing_path_is_a_usage_error() -> None:
    result = note("no/such/article.txt")
    assert result.exit_code == 2
    assert "no/such/article.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty", "the article is empty"),
        ("blank", "the article is empty"),
        ("binary", "looks like a binary file, not text"),
        ("big", "file is too large (10.5 MB; the limit is 10 MB per article)"),
        ("dir", "is a directory (give a file, or use `briefing digest`)"),
    ],
)
def test_bad_file_is_one_line_exit_1(bad: dict[str, Path], name: str, expected: str) -> None:
    result = note(bad[name])
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert line.startswith("Error: ") and expected in line


def test_debug_shows_the_traceback(bad: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["--debug", "note", str(bad["empty"]), "--engine", "offline"])
    assert result.exit_code == 1
    assert result.exc_info is not None and "the article is empty" in str(result.exc_info[1])
    import traceback

    text = "".join(traceback.format_exception(*result.exc_info))
    assert "Traceback" in text and "article_from_text" in text


def test_non_utf8_text_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "Café society\n\nThe café will reopen by June, the mayor said.\n"
    path.write_bytes(text.encode("cp1252"))
    result = note(path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["title"] == "Café society"
    assert "café will reopen" in data["summary"]
    assert "not valid UTF-8: decoded as Windows-1252" in data["warnings"]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbf" + BODY.encode(),
        BODY.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode(),
        BODY.replace("\n", "\r").encode(),
        BODY.encode("utf-16"),
    ],
    ids=["bom", "crlf", "bom+crlf", "cr", "utf16"],
)
def test_bom_and_line_endings_read_like_plain_utf8(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    plain = tmp_path / "plain.txt"
    plain.write_text(BODY, encoding="utf-8")
    got = json.loads(note(path, "--format", "json").stdout)
    want = json.loads(note(plain, "--format", "json").stdout)
    assert got["article"]["title"] == "Headline of the day"
    for key in ("summary", "key_points", "commitments", "asks"):
        assert got[key] == want[key]
    assert "\r" not in json.dumps(got) and "\ufeff" not in json.dumps(got)


def test_stdin_is_read() -> None:
    result = note("-", "--format", "json", stdin=BODY.encode())
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["source"] == "-" and data["article"]["title"] == "Headline of the day"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "-: the article is empty"),
        (b"\x00\x01\x02binary\x00" * 100, "-: looks like a binary file, not text"),
        (b"a" * (MAX_ARTICLE_BYTES + 5), "-: input is too large (over 10 MB)"),
    ],
    ids=["empty", "binary", "big"],
)
def test_bad_stdin_is_one_line(data: bytes, expected: str) -> None:
    result = note("-", stdin=data)
    assert result.exit_code == 1
    assert one_line(result.stderr) == f"Error: {expected}"


@pytest.mark.parametrize("target", ["dir", "missing-parent"])
def test_unwritable_output_is_one_line(tmp_path: Path, target: str) -> None:
    out = tmp_path if target == "dir" else Path("/proc/no-such-dir/note.md")
    result = note(SEED, "-o", str(out))
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith(f"Error: cannot write {out}")


def test_digest_processes_good_inputs_beside_bad_ones(
    bad: dict[str, Path], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "digest.json"
    inputs = [
        str(tmp_path / "missing.txt"),
        str(good),
        *(str(bad[k]) for k in ("empty", "binary", "big")),
        str(crlf),
        str(SEED),
    ]
    result = run("digest", *inputs, "--engine", "offline", "--format", "json", "-o", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "4 of 7 article(s) failed" in result.stderr
    data = json.loads(out.read_text())
    assert [n["article"]["source"] for n in data["notes"]] == [str(good), str(crlf), str(SEED)]
    reasons = {Path(f["source"]).name: f["error"] for f in data["failed"]}
    assert set(reasons) == {"missing.txt", "empty.txt", "photo.txt", "big.txt"}
    assert all(reasons.values())
