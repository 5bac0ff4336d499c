"""Faults, classified, as a user of the CLI sees them against the fault-injecting server:
transient ones are retried within the article's deadline, fatal ones stop the run with one line
saying what to fix, per-article ones fail that article only. Digests lose nothing under a mix
of faults, and a rerun calls only for what failed."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx2
import pytest
from click.testing import CliRunner
from fake_openai_server import FakeOpenAIServer
from helpers import DATA, chat_completion, one_line

from briefing import Settings, build_engine, make_note, read_article
from briefing.cli import cli
from briefing.errors import ArticleError, FatalServerError, TransientServerError

BLAIR = DATA / "articles" / "blair-sets-date-for-africa-report.txt"
KINNOCK = DATA / "articles" / "kinnock-to-urge-reform-in-lords.txt"
OFFLINE = DATA / "offline"
KEY = "sk-fake-SECRET-abcdef1234567890"


def note_cli(server: FakeOpenAIServer, article: Path, *more: str) -> Any:
    args = ["note", str(article), "--base-url", server.base_url, "--model", "fake-model"]
    args += ["--timeout", "5", "--no-cache", *more]
    return CliRunner().invoke(cli, args, env={"OPENAI_API_KEY": KEY}, catch_exceptions=False)


# -- transient: retried -------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["429", "500", "503"])
def test_transient_fault_is_retried_and_the_note_is_written(fault: str) -> None:
    # Two faults, then healthy: a seed-free way is a rate of 1 switched off after two calls.
    with FakeOpenAIServer(faults={fault: 1.0}, retry_after=0.1) as server:
        calls: list[int] = []
        original = server._choose_fault

        def twice(text: str) -> str | None:
            calls.append(1)
            return original(text) if len(calls) <= 2 else None

        server._choose_fault = twice  # type: ignore[method-assign]
        result = note_cli(server, BLAIR, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert '"summary"' in result.stdout
        assert server.stats()["total"] == 3
        assert server.stats()["faults"] == {fault: 2}


def test_429_honours_retry_after() -> None:
    with FakeOpenAIServer(trigger={"Blair": "429"}, retry_after=0.4) as server:
        start = time.monotonic()
        result = note_cli(server, BLAIR, "--retries", "2")
        elapsed = time.monotonic() - start
    assert result.exit_code == 1
    assert one_line(result.stderr) == "Error: gave up after 3 attempt(s): HTTP 429"
    assert server.stats()["total"] == 3
    assert elapsed >= 0.8  # two waits of Retry-After 0.4, not the 0.5 s + 1 s backoff or none


@pytest.mark.parametrize("value", [float("nan"), -5.0, float("inf")])
def test_a_senseless_retry_after_falls_back_to_backoff(value: float) -> None:
    """`Retry-After: nan` or `-5` once crashed in time.sleep (a traceback)."""
    with FakeOpenAIServer(trigger={"Blair": "429"}, retry_after=value) as server:
        result = note_cli(server, BLAIR, "--retries", "1")
    assert result.exit_code == 1
    assert one_line(result.stderr) == "Error: gave up after 2 attempt(s): HTTP 429"
    assert server.stats()["total"] == 2


def test_a_retry_after_past_the_deadline_fails_the_article_at_once() -> None:
    """`Retry-After: 600` was clamped to a 60 s wait and retried; a wait longer than the
    article's deadline leaves fails the article at once, saying why."""
    with FakeOpenAIServer(trigger={"Blair": "429"}, retry_after=600) as server:
        start = time.monotonic()
        result = note_cli(server, BLAIR, "--retries", "3")
        elapsed = time.monotonic() - start
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "Error: gave up after 1 attempt(s): HTTP 429; waiting 600 s as asked would pass the "
        "article's deadline (300 s)"
    )
    assert server.stats()["total"] == 1 and elapsed < 5


def test_retries_zero_makes_one_call() -> None:
    with FakeOpenAIServer(trigger={"Blair": "500"}) as server:
        result = note_cli(server, BLAIR, "--retries", "0")
    assert result.exit_code == 1
    assert "gave up after 1 attempt(s): HTTP 500" in one_line(result.stderr)
    assert server.stats()["total"] == 1


def test_hanging_server_costs_at_most_timeout_times_attempts() -> None:
    with FakeOpenAIServer(trigger={"Blair": "hang"}, hang_seconds=30) as server:
        start = time.monotonic()
        args = ["note", str(BLAIR), "--base-url", server.base_url, "--model", "fake-model"]
        args += ["--timeout", "1", "--retries", "1", "--no-cache"]
        result = CliRunner().invoke(cli, args, env={"OPENAI_API_KEY": KEY})
        elapsed = time.monotonic() - start
        assert server.stats()["total"] == 2
    assert result.exit_code == 1
    assert one_line(result.stderr) == "Error: gave up after 2 attempt(s): no answer within 1 s"
    assert elapsed < 3 * 2.0, elapsed


def test_article_deadline_stops_retries() -> None:
    with FakeOpenAIServer(trigger={"Blair": "hang"}, hang_seconds=30) as server:
        start = time.monotonic()
        result = note_cli(
            server, BLAIR, "--timeout", "1", "--retries", "10", "--article-deadline", "2.5"
        )
        elapsed = time.monotonic() - start
        calls = server.stats()["total"]
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert calls <= 3
    assert elapsed < 3 * 2.5, elapsed


def test_connection_refused_is_one_line() -> None:
    with FakeOpenAIServer() as server:
        url = server.base_url
    args = ["note", str(BLAIR), "--base-url", url, "--model", "m", "--no-cache", "--retries", "1"]
    result = CliRunner().invoke(cli, args, env={"OPENAI_API_KEY": KEY})
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "gave up after 2 attempt(s)" in line and "is the server running?" in line


# -- fatal for the run -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ("401", "check OPENAI_API_KEY"),
        ("404model", "check --model / BRIEFING_MODEL"),
        ("quota", "insufficient_quota): check billing"),
    ],
)
def test_fatal_fault_stops_at_once_with_what_to_fix(fault: str, expected: str) -> None:
    with FakeOpenAIServer(trigger={"Blair": fault}) as server:
        result = note_cli(server, BLAIR)
        assert server.stats()["total"] == 1  # never retried
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert line.startswith("Error: stopped: ") and expected in line


def _engine(handler: Any, **settings: Any) -> tuple[Any, Settings]:
    s = Settings(engine="openai", base_url="http://proxy.test/v1", api_key="k", **settings)
    return build_engine(s, httpx2.MockTransport(handler)), s


def test_403_is_fatal() -> None:
    def forbidden(request: httpx2.Request) -> httpx2.Response:
        body = {"error": {"message": "Project does not have access to model", "code": None}}
        return httpx2.Response(403, json=body)

    engine, settings = _engine(forbidden)
    with pytest.raises(FatalServerError, match=r"access denied \(HTTP 403\)"):
        make_note(read_article(str(BLAIR)), settings, engine)


# -- per article ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ("refusal", "Error: the model refused: I'm sorry, I can't help with that."),
        ("content_filter", "Error: the server's content filter blocked the reply"),
        ("context", "too long for the model's context (pass a smaller --chunk-tokens)"),
        ("broken_json", "not valid for the schema after one repair attempt"),
        ("prose", "not valid for the schema after one repair attempt"),
        ("length", "cut off at the output limit even after splitting"),
        ("html", "the server's reply is not a chat completion"),
    ],
)
def test_per_article_fault_is_one_line_exit_1(fault: str, expected: str) -> None:
    with FakeOpenAIServer(trigger={"Blair": fault}) as server:
        result = note_cli(server, BLAIR)
    assert result.exit_code == 1
    assert expected in one_line(result.stderr)


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'{"choices": [{"message": null}]}', b'{"choices": "x"}', b"null", b"[1]"],
)
def test_a_200_that_is_not_a_completion_is_an_article_error(body: bytes) -> None:
    def reply(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=body, headers={"content-type": "application/json"})

    engine, settings = _engine(reply)
    with pytest.raises(ArticleError, match="not a chat completion"):
        make_note(read_article(str(BLAIR)), settings, engine)


def test_5xx_html_page_is_retried_then_reported() -> None:
    calls: list[int] = []

    def gateway(request: httpx2.Request) -> httpx2.Response:
        calls.append(1)
        return httpx2.Response(502, text="<html>Bad Gateway</html>")

    engine, settings = _engine(gateway, max_attempts=2)
    with pytest.raises(TransientServerError, match="gave up after 2 attempt"):
        make_note(read_article(str(BLAIR)), settings, engine)
    assert len(calls) == 2


def test_fallback_offline_turns_a_refusal_into_a_warned_offline_note() -> None:
    with FakeOpenAIServer(trigger={"Blair": "refusal"}) as server:
        result = note_cli(server, BLAIR, "--fallback", "offline", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "the LLM failed (the model refused" in result.stdout
    assert '"engine": "offline"' in result.stdout


# -- digests under a mix of faults ---------------------------------------------------------------


def _digest(server: FakeOpenAIServer, inputs: list[str], out: Path, *more: str) -> Any:
    args = ["digest", *inputs, "--base-url", server.base_url, "--model", "fake-model"]
    args += ["--timeout", "2", "--retries", "2", "--format", "json", "-o", str(out), "-q", *more]
    return CliRunner().invoke(cli, args, env={"OPENAI_API_KEY": KEY}, catch_exceptions=False)


def _articles() -> list[Path]:
    # Distinct texts only: a duplicate of a noted article is served from the cache.
    files = sorted(p for p in OFFLINE.glob("*.txt"))
    return [*files, BLAIR, KINNOCK]


MIX = {"429": 0.1, "500": 0.1, "broken_json": 0.1, "html": 0.1, "prose": 0.1, "refusal": 0.1}


def test_digest_under_a_fault_mix_loses_nothing_and_rerun_calls_only_for_the_failed(
    tmp_path: Path,
) -> None:
    import json

    articles = _articles()
    out = tmp_path / "digest.json"
    # Each article gets one forced per-article fault by a marker, and a random mix on top.
    forced = {"Blair": "refusal", "Kinnock": "html"}
    with FakeOpenAIServer(faults=MIX, seed=3, retry_after=0.1, trigger=forced) as server:
        first = _digest(server, [str(p) for p in articles], out)
        data = json.loads(out.read_text())
        noted = {n["article"]["source"] for n in data["notes"]}
        failed = {f["source"]: f["error"] for f in data["failed"]}
        # Nothing lost: every input is a note or a failure with its reason, not both.
        assert noted | set(failed) == {str(p) for p in articles}
        assert not noted & set(failed)
        assert all(reason.strip() for reason in failed.values())
        assert "refused" in failed[str(BLAIR)] and "not a chat completion" in failed[str(KINNOCK)]
        assert first.exit_code == 1
        assert "article(s) failed" in first.stderr

        # The same server, healthy now, same cache: calls only for the failed articles.
        server.faults, server.trigger = {}, {}
        server.reset()
        second = _digest(server, [str(p) for p in articles], out)
        assert second.exit_code == 0, second.stderr
        again = json.loads(out.read_text())
        assert len(again["notes"]) == len(articles) and not again["failed"]
        sent = {r["messages"][-1]["content"] for r in server.requests}
        called = {str(p) for p in articles if any(_body_of(p) in s for s in sent)}
        assert called == set(failed)
        assert server.stats()["requests"]["extract"] == len(failed)


def _body_of(path: Path) -> str:
    """The opening words of a line of the article (not the headline), as the prompt shows them
    (sentences one a line, double quotes shown as single ones)."""
    from briefing.prompts import prompt_quotes

    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    line = lines[1] if len(lines) > 1 else lines[0]
    return prompt_quotes(" ".join(line.split()[:6]))


def test_digest_stops_at_a_fatal_fault_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    with FakeOpenAIServer(trigger={"Blair": "401", "Kinnock": "401"}) as server:
        result = _digest(server, [str(BLAIR), str(KINNOCK)], out, "--concurrency", "1")
        # The run stops: no retry of the 401, and no article after the one already picked up.
        assert server.stats()["total"] <= 2
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith("Error: stopped: the server rejected the API key")
    assert not out.exists()


def test_a_reply_dripped_a_byte_at_a_time_is_bounded_by_the_timeout() -> None:
    """HTTP clients time out per read: a reply sent 1 byte every 0.05 s once ran for as long as
    the server liked (78 s with --timeout 5 --retries 0). --timeout bounds the whole reply."""
    import json as json_module
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    reply = json_module.dumps(chat_completion('{"summary": "' + "a" * 400 + '"}')).encode()

    class Drip(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(reply)))
            self.end_headers()
            try:
                for byte in reply:
                    if stop.wait(0.05):  # the test is over: stop dripping
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except OSError:
                pass  # the client gave up: that is the point

    stop = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
        start = time.monotonic()
        result = CliRunner().invoke(
            cli,
            ["note", str(BLAIR), "--base-url", url, "--model", "m", "--timeout", "2",
             "--retries", "0", "--no-cache"],
            catch_exceptions=False,
        )  # fmt: skip
        elapsed = time.monotonic() - start
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "Error: gave up after 1 attempt(s): no complete answer within 2 s"
    )
    assert elapsed < 6  # the dripped reply alone would take about 25 s
