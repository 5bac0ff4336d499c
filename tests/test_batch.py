"""`digest --batch` and the request/results files, against the fake server's Files and Batches
endpoints (real HTTP, the real SDK client): a batch run writes the notes a synchronous run
writes, at the batch rate, survives the process, and fails only what failed in the batch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import FakeOpenAIServer
from helpers import one_line, run

from briefing.catalogue import batch_price, price
from briefing.prompts import installation_secret
from briefing.settings import Settings

MODEL = "gpt-4o-mini"  # a model with a known price, so the batch rate shows


def digest(server: FakeOpenAIServer, articles: Path, *extra: str) -> Any:
    return run(
        "digest", str(articles), "--base-url", server.base_url, "--model", MODEL,
        "--format", "json", "--poll-interval", "0.02", *extra,
    )  # fmt: skip


def notes_without_usage(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in n.items() if k != "usage"} for n in data["notes"]]


def batch_sizes(server: FakeOpenAIServer) -> list[int]:
    return [b["request_counts"]["total"] for b in server.batch_api.batches.values()]


def test_a_batch_digest_is_the_synchronous_digest_at_half_price(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeOpenAIServer() as server:
        batched = digest(server, articles, "--batch")
        assert batched.exit_code == 0, batched.output
        assert "at the batch rate" in batched.stderr
        assert batch_sizes(server) == [7]  # one call per article, all in one batch
        chat_calls = server.stats()["total"]
        again = digest(server, articles)  # a plain digest finds every note in the cache
        assert again.exit_code == 0, again.output
        assert server.stats()["total"] == chat_calls
        monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "other-cache"))
        sync = digest(server, articles)
    b, s, c = (json.loads(r.stdout) for r in (batched, sync, again))
    assert notes_without_usage(b) == notes_without_usage(s) == notes_without_usage(c)
    assert len(b["notes"]) == 7 and b["failed"] == []
    assert c["usage"]["calls"] == 0 and c["usage"]["cached_calls"] == b["usage"]["calls"] == 7
    assert b["usage"]["prompt_tokens"] == s["usage"]["prompt_tokens"] > 0
    assert b["usage"]["cost_usd"] == pytest.approx(s["usage"]["cost_usd"] / 2, rel=1e-3)


def test_failed_lines_fail_their_articles_and_a_rerun_resubmits_only_those(
    articles: Path,
) -> None:
    victim = articles / "abbas-will-not-tolerate-attacks.txt"
    victim.write_text(victim.read_text() + "\n\nBATCHFAIL marker.\n", encoding="utf-8")
    with FakeOpenAIServer(trigger={"BATCHFAIL": "context"}) as server:
        first = digest(server, articles, "--batch")
        assert first.exit_code == 1, first.output
        data = json.loads(first.stdout)
        assert len(data["notes"]) == 6
        [failed] = data["failed"]
        assert failed["source"] == str(victim)
        assert "HTTP 400" in failed["error"] and "context length" in failed["error"]
        server.trigger.clear()
        second = digest(server, articles, "--batch")
        assert second.exit_code == 0, second.output
        assert len(json.loads(second.stdout)["notes"]) == 7
        assert batch_sizes(server) == [7, 1]  # only the failed article went out again


def test_an_expired_batch_fails_what_did_not_run_and_a_rerun_resubmits_it(
    articles: Path,
) -> None:
    with FakeOpenAIServer() as server:
        server.batch_api.expire_after = 3
        first = digest(server, articles, "--batch")
        assert first.exit_code == 1, first.output
        data = json.loads(first.stdout)
        assert len(data["notes"]) == 3 and len(data["failed"]) == 4
        assert all("expired" in f["error"] for f in data["failed"]), data["failed"]
        assert "4 of 7 article(s) failed" in first.stderr
        server.batch_api.expire_after = None
        second = digest(server, articles, "--batch")
        assert second.exit_code == 0, second.output
        assert batch_sizes(server) == [7, 4]


def test_a_cancelled_batch_fails_its_articles_and_is_listed(articles: Path) -> None:
    with FakeOpenAIServer() as server:
        server.batch_api.hold = True
        submitted = digest(server, articles, "--batch", "--no-wait")
        assert submitted.exit_code == 0, submitted.output
        batch_id = submitted.stdout.strip()
        assert batch_id.startswith("batch_") and batch_id in server.batch_api.batches
        cancelled = run("batch", "cancel", batch_id, "--base-url", server.base_url)
        assert cancelled.exit_code == 0, cancelled.output
        assert "status: cancelling" in cancelled.stdout
        listed = run("batch", "list")
        assert batch_id in listed.stdout and "7 request(s)" in listed.stdout
        picked = digest(server, articles, "--batch")  # picks up the cancelled batch
        assert picked.exit_code == 1, picked.output
        data = json.loads(picked.stdout)
        assert data["notes"] == [] and len(data["failed"]) == 7
        assert all("cancelled" in f["error"] for f in data["failed"])
        status = run("batch", "status", batch_id, "--base-url", server.base_url)
        assert "status: cancelled" in status.stdout
        server.batch_api.release()
        rerun = digest(server, articles, "--batch")
        assert rerun.exit_code == 0, rerun.output
        assert len(server.batch_api.batches) == 2


def test_a_killed_run_is_resumed_by_the_next_one(articles: Path) -> None:
    # Prompts carry the installation's nonce key: this process must read the one the killed
    # process used (the user dir of this test), not one an earlier test left in memory.
    installation_secret.cache_clear()
    with FakeOpenAIServer() as server:
        server.batch_api.hold = True  # the batch stays in progress until released
        code = "from briefing.cli import main; main()"
        proc = subprocess.Popen(
            [
                sys.executable, "-c", code, "digest", str(articles), "--base-url",
                server.base_url, "--model", MODEL, "--batch", "--poll-interval", "0.05", "-q",
            ],  # fmt: skip
            env=dict(os.environ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while not server.batch_api.batches and time.monotonic() < deadline:
                time.sleep(0.05)
            assert server.batch_api.batches, "the run submitted no batch"
            time.sleep(0.2)  # polling
        finally:
            proc.kill()
            proc.wait()
        [batch_id] = server.batch_api.batches
        # Still in flight: --no-wait says which batch, without submitting another.
        waiting = digest(server, articles, "--batch", "--no-wait")
        assert waiting.exit_code == 0, waiting.output
        assert waiting.stdout.strip() == batch_id
        server.batch_api.release()
        resumed = digest(server, articles, "--batch")
        assert resumed.exit_code == 0, resumed.output
        assert len(json.loads(resumed.stdout)["notes"]) == 7
        assert list(server.batch_api.batches) == [batch_id]
        assert server.batch_api.uploads == 1


def run_requests(server: FakeOpenAIServer, requests: Path, results: Path) -> int:
    """What `vllm run-batch` does: every request line answered, in its output format."""
    lines = []
    for raw in requests.read_text(encoding="utf-8").splitlines():
        line = json.loads(raw)
        assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
        post = urllib.request.Request(
            server.base_url + "/chat/completions",
            data=json.dumps(line["body"]).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(post) as response:
            body = json.loads(response.read())
        reply = {"status_code": 200, "request_id": "r", "body": body}
        lines.append({"id": "vllm-1", "custom_id": line["custom_id"], "response": reply})
    results.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return len(lines)


def test_request_and_results_files_round_trip(articles: Path, tmp_path: Path) -> None:
    """No key, no server: the requests are written for a runner, its results read back; a
    long article's combine calls come as a second request file."""
    requests, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    files = ("--model", MODEL, "--chunk-tokens", "300", "--format", "json")
    written = run("digest", str(articles), *files, "--batch-requests", str(requests))
    assert written.exit_code == 0, written.output
    assert written.stdout == "" and "written to" in written.stderr
    with FakeOpenAIServer() as server:
        first = run_requests(server, requests, results)
        assert first > 7
        # Without a place for the follow-up requests, the long articles fail and say why.
        partial = run("digest", str(articles), *files, "--batch-results", str(results))
        assert partial.exit_code == 1
        failed = json.loads(partial.stdout)["failed"]
        assert failed and all("--batch-requests" in f["error"] for f in failed)
        follow_ups, more = tmp_path / "requests2.jsonl", tmp_path / "results2.jsonl"
        step = run(
            "digest", str(articles), *files, "--batch-results", str(results),
            "--batch-requests", str(follow_ups),
        )  # fmt: skip
        assert step.exit_code == 0, step.output
        assert 0 < run_requests(server, follow_ups, more) < first
        with more.open("a", encoding="utf-8") as stream:
            stream.write("not a result line\n")
        done = run("digest", str(articles), *files, "--batch-results", str(more))
        assert done.exit_code == 0, done.output
        assert "1 line(s) of" in done.stderr and "skipped" in done.stderr
        sync_cache = tmp_path / "sync-cache"
        env = {"BRIEFING_CACHE_DIR": str(sync_cache)}
        with pytest.MonkeyPatch.context() as mp:
            for k, v in env.items():
                mp.setenv(k, v)
            sync = run("digest", str(articles), *files, "--base-url", server.base_url)
    assert notes_without_usage(json.loads(done.stdout)) == notes_without_usage(
        json.loads(sync.stdout)
    )


def test_a_server_without_a_batch_api_says_what_to_do(articles: Path) -> None:
    with FakeOpenAIServer() as server:
        result = run(
            "digest", str(articles), "--base-url", server.url + "/none/v1", "--batch", "-q"
        )
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "no Batch API (HTTP 404)" in line and "--batch-requests" in line


def test_batch_options_are_checked_together(articles: Path, tmp_path: Path) -> None:
    result = run("digest", str(articles), "--no-wait")
    assert result.exit_code == 2 and "--no-wait needs --batch" in one_line(result.stderr)
    both = run("digest", str(articles), "--batch", "--batch-requests", str(tmp_path / "r"))
    assert both.exit_code == 2 and "choose one" in one_line(both.stderr)
    cached = run("digest", str(articles), "--batch", "--no-cache", "--base-url", "http://x/v1")
    assert cached.exit_code == 1 and "drop --no-cache" in one_line(cached.stderr)


def test_estimate_batch_prices_at_the_batch_rate(articles: Path) -> None:
    args = ("estimate", str(articles), "--model", MODEL, "--base-url", "http://127.0.0.1:9/v1")
    plan = json.loads(run(*args, "--batch", "--format", "json").stdout)
    sync = json.loads(run(*args, "--format", "json").stdout)
    assert plan["batch"] is True and "batch" not in sync
    assert plan["sync_cost_usd"] == sync["cost_usd"] > 0
    assert plan["cost_usd"] == pytest.approx(sync["cost_usd"] / 2, rel=1e-3)
    text = run(*args, "--batch").stdout
    assert "at the batch rate ($" in text and "synchronously)" in text


def test_batch_prices_from_the_catalogue_and_config(
    articles: Path, isolated_env: Path
) -> None:
    assert batch_price(MODEL) == tuple(p / 2 for p in price(MODEL) or ())
    # A model the catalogue does not know has no batch discount to count on.
    assert batch_price("my-model", {"my-model": (1.0, 2.0)}) == (1.0, 2.0)
    own = Settings(model="my-model", batch=True, batch_prices={"my-model": (0.1, 0.2)})
    assert own.price() == (0.1, 0.2)
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(f'[batch_prices]\n"{MODEL}" = [1000.0, 1000.0]\n')
    out = subprocess.run(
        [shutil.which("briefing") or "briefing", "estimate", str(articles), "--model", MODEL,
         "--base-url", "http://127.0.0.1:9/v1", "--batch", "--format", "json"],
        capture_output=True, text=True, env=dict(os.environ),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert plan["cost_usd"] > 10 * plan["sync_cost_usd"]
    (isolated_env / "config.toml").write_text('[batch_prices]\n"m" = "cheap"\n')
    bad = subprocess.run(
        [shutil.which("briefing") or "briefing", "estimate", str(articles), "--batch"],
        capture_output=True, text=True, env=dict(os.environ),
    )  # fmt: skip
    assert bad.returncode == 2 and "batch_prices.m must be [input, output]" in bad.stderr


def test_one_pass_writes_every_chunk_of_every_article(articles: Path, tmp_path: Path) -> None:
    """All of a long article's chunk requests go in the first batch, none left for a later
    round (a chunk whose call never started used to be cancelled when its sibling deferred)."""
    from briefing.chunking import chunk_text
    from briefing.ingest import read_article
    from briefing.tokens import count_tokens

    chunks = 0
    for path in sorted(articles.glob("*.txt")):
        text = read_article(str(path)).text
        chunks += len(chunk_text(text, 150, lambda t: count_tokens(t, "o200k_base")))
    assert chunks > 2 * 7
    for n in range(3):
        requests = tmp_path / f"requests-{n}.jsonl"
        args = ("--model", MODEL, "--chunk-tokens", "150", "--batch-requests", str(requests))
        written = run("digest", str(articles), *args)
        assert written.exit_code == 0, written.output
        assert len(requests.read_text(encoding="utf-8").splitlines()) == chunks


def test_a_request_two_articles_share_is_counted_once(articles: Path) -> None:
    original = articles / "abbas-will-not-tolerate-attacks.txt"
    extended = original.read_text(encoding="utf-8") + "\n\nA later paragraph the copy adds.\n"
    (articles / "abbas-copy.txt").write_text(extended, encoding="utf-8")
    with FakeOpenAIServer() as server:
        result = digest(server, articles, "--batch", "--chunk-tokens", "150")
        assert result.exit_code == 0, result.output
        # Chunks first, then what depends on them (combine calls) as a second, smaller batch.
        sizes = batch_sizes(server)
        assert len(sizes) >= 2 and sizes[1] < sizes[0]
        sent = sum(sizes)
        billed = [0, 0]
        for batch in server.batch_api.batches.values():
            for line in server.batch_api.files[batch["output_file_id"]][1].splitlines():
                usage = json.loads(line)["response"]["body"]["usage"]
                billed[0] += usage["prompt_tokens"]
                billed[1] += usage["completion_tokens"]
    usage = json.loads(result.stdout)["usage"]
    assert usage["cached_calls"] >= 1  # the copy's shared first chunk
    assert usage["calls"] == sent
    assert [usage["prompt_tokens"], usage["completion_tokens"]] == billed


def test_the_python_api_runs_a_batch(articles: Path) -> None:
    from briefing.api import digest as api_digest  # `briefing.digest`, whatever ran before

    with FakeOpenAIServer() as server:
        result = api_digest(
            [articles], base_url=server.base_url, model=MODEL, batch=True, poll_interval=0.02
        )
        assert batch_sizes(server) == [7]
    assert len(result.notes) == 7 and result.usage.calls == 7


def test_replies_cut_off_are_split_in_later_batches_as_in_a_live_run(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply cut off at the output limit splits its chunk; the halves and the combine call
    go out in later batches, and the notes are those of a synchronous run."""
    with FakeOpenAIServer(length_if_prompt_over=1500) as server:
        batched = digest(server, articles, "--batch")
        assert batched.exit_code == 0, batched.output
        assert server.stats()["faults"].get("length", 0) > 0
        assert len(batch_sizes(server)) >= 3  # whole articles, halves, combine calls
        monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "other-cache"))
        sync = digest(server, articles)
    b, s = json.loads(batched.stdout), json.loads(sync.stdout)
    assert notes_without_usage(b) == notes_without_usage(s)
    # A request two articles share went out once; the second article counts it cached.
    assert b["usage"]["calls"] + b["usage"]["cached_calls"] == s["usage"]["calls"]
