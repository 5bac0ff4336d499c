"""Secrets: the API key never reaches cassettes, the cache, logs, error messages or output,
also with OPENAI_LOG=debug, on success and on the 401 path. The CLI runs in a subprocess so
the SDK's own debug logging is configured from the environment as it is for a user."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest
from fake_openai_server import FakeOpenAIServer
from helpers import EXAMPLES

from briefing import Settings, build_engine, make_note, read_article
from briefing.cassette import scrub
from briefing.errors import ArticleError, FatalServerError

KEY = "sk-fake-SECRET-abcdef1234567890"
SEED = EXAMPLES / "seed-article.txt"
ROOT = Path(__file__).resolve().parent.parent


def leaks(text: str) -> list[str]:
    return [s for s in (KEY, "SECRET-abcdef", "abcdef1234567890", "Bearer") if s in text]


def run_cli(tmp_path: Path, *args: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    env |= {
        "OPENAI_API_KEY": KEY,
        "OPENAI_LOG": "debug",
        "BRIEFING_HOME": str(tmp_path / "home"),
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
    }
    pre = ["--debug"] if debug else []
    code = "from briefing.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *pre, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def every_file(directory: Path) -> str:
    return "".join(
        p.read_bytes().decode("utf-8", "replace") for p in directory.rglob("*") if p.is_file()
    )


@pytest.mark.parametrize("trigger", [None, "401"], ids=["success", "401"])
@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_the_key_reaches_no_file_stream_or_message(
    tmp_path: Path, trigger: str | None, debug: bool
) -> None:
    out, cassette = tmp_path / "note.md", tmp_path / "cassette.json"
    triggers = {"Sar Kheng": trigger} if trigger else {}
    with FakeOpenAIServer(trigger=triggers) as server:
        common = ["--base-url", server.base_url, "--model", "fake-model"]
        recorded = run_cli(
            tmp_path, "note", str(SEED), *common, "--record", str(cassette), "-o", str(out),
            debug=debug,
        )  # fmt: skip
        cached = run_cli(tmp_path, "note", str(SEED), *common, "--format", "json", debug=debug)
        requests = server.stats()["total"]
    assert requests >= 1
    if trigger:
        assert recorded.returncode == 1 and cached.returncode == 1
        assert "check OPENAI_API_KEY" in recorded.stderr
        assert not out.exists()
    else:
        assert recorded.returncode == 0, recorded.stderr
        assert cached.returncode == 0, cached.stderr
        assert "DEBUG" in recorded.stderr  # the SDK's debug log really was on
        assert out.read_text().startswith("# ")
        assert any((tmp_path / "cache").iterdir())  # the cached run wrote the cache
    for name, text in [
        ("stdout", recorded.stdout + cached.stdout),
        ("stderr", recorded.stderr + cached.stderr),
        ("output", out.read_text() if out.exists() else ""),
        ("cassette", cassette.read_text() if cassette.exists() else ""),
        ("cache", every_file(tmp_path / "cache") if (tmp_path / "cache").exists() else ""),
        ("home", every_file(tmp_path / "home") if (tmp_path / "home").exists() else ""),
    ]:
        assert not leaks(text), f"{name} leaks {leaks(text)}"
    if cassette.exists():
        assert json.loads(cassette.read_text())["interactions"]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (403, FatalServerError),
        (401, FatalServerError),
        (400, ArticleError),
    ],
)
def test_a_server_echoing_the_key_does_not_put_it_in_the_message(
    status: int, error: type[Exception]
) -> None:
    def echo(request: httpx2.Request) -> httpx2.Response:
        sent = request.headers["authorization"]
        body = {"error": {"message": f"Key {sent} / {KEY} / sk-fake-****7890 refused"}}
        return httpx2.Response(status, json=body)

    settings = Settings(engine="openai", base_url="http://x.test/v1", api_key=KEY)
    engine = build_engine(settings, httpx2.MockTransport(echo))
    with pytest.raises(error) as info:
        make_note(read_article(str(SEED)), settings, engine)
    assert not leaks(str(info.value)) and "7890" not in str(info.value)


def test_a_key_without_a_known_shape_is_scrubbed_when_given() -> None:
    azure = "0123456789abcdef0123456789abcdef"
    assert scrub(f"bad key {azure}", azure) == "bad key [REDACTED]"
    assert scrub("Authorization: Bearer abc.def-ghi") == "Authorization: [REDACTED]"


def test_settings_repr_hides_the_key() -> None:
    assert KEY not in repr(Settings(api_key=KEY))
