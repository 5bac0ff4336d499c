"""The response cache: reruns make no calls, changed settings miss, processes share it safely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer
from helpers import run

DATA = Path(__file__).parent / "data" / "digest"



@pytest.fixture
def server():  # noqa: ANN201
    with FakeOpenAIServer() as s:
        yield s


def digest_json(articles: Path, server: FakeOpenAIServer, *extra: str) -> dict:
    result = run("digest", str(articles), "--base-url", server.base_url, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_rerun_makes_zero_calls(articles: Path, server: FakeOpenAIServer) -> None:
    first = digest_json(articles, server)
    calls = server.stats()["total"]
    assert first["usage"]["calls"] == calls == 7 and first["usage"]["cached_calls"] == 0
    second = digest_json(articles, server)
    assert server.stats()["total"] == calls
    assert second["usage"]["calls"] == 0 and second["usage"]["cached_calls"] == calls
    strip = [{k: v for k, v in n.items() if k != "usage"} for n in first["notes"]]
    assert [{k: v for k, v in n.items() if k != "usage"} for n in second["notes"]] == strip


def test_rerun_calls_only_for_new_articles(articles: Path, server: FakeOpenAIServer) -> None:
    digest_json(articles, server)
    before = server.stats()["total"]
    (articles / "new.txt").write_text("New report\n\nThe council will publish its plan in May.\n")
    data = digest_json(articles, server)
    assert server.stats()["total"] == before + 1
    assert data["usage"]["calls"] == 1


def test_no_cache_calls_again(articles: Path, server: FakeOpenAIServer) -> None:
    digest_json(articles, server)
    before = server.stats()["total"]
    digest_json(articles, server, "--no-cache")
    assert server.stats()["total"] == 2 * before


def test_changed_model_misses(articles: Path, server: FakeOpenAIServer) -> None:
    digest_json(articles, server, "--model", "model-a")
    before = server.stats()["total"]
    digest_json(articles, server, "--model", "model-b")
    assert server.stats()["total"] == 2 * before
    digest_json(articles, server, "--model", "model-a")
    assert server.stats()["total"] == 2 * before


def test_changed_prompt_or_settings_misses(
    articles: Path, server: FakeOpenAIServer, isolated_env: Path
) -> None:
    digest_json(articles, server)
    before = server.stats()["total"]
    digest_json(articles, server, "--summary-words", "40")
    assert server.stats()["total"] == 2 * before
    from briefing.prompts import load_prompt

    prompts = isolated_env / "prompts"
    prompts.mkdir(parents=True)
    (prompts / "extract.md").write_text(load_prompt("extract") + "\nBe brief.\n")
    digest_json(articles, server)
    assert server.stats()["total"] == 3 * before


def test_failures_are_not_cached(articles: Path) -> None:
    target = articles / "abbas-will-not-tolerate-attacks.txt"
    target.write_text(target.read_text() + "\nREFUSE-ME\n")
    with FakeOpenAIServer(trigger={"REFUSE-ME": "refusal"}) as server:
        first = run("digest", str(articles), "--base-url", server.base_url, "-q")
        assert first.exit_code == 1
        calls = server.stats()["total"]
        again = run("digest", str(articles), "--base-url", server.base_url, "-q")
        assert again.exit_code == 1
        assert server.stats()["total"] == calls + 1  # only the failed article is retried


def test_offline_engine_is_not_cached(articles: Path) -> None:
    assert run("digest", str(articles), "-q").exit_code == 0
    stats = run("cache", "stats")
    assert "entries: 0" in stats.output


def test_cache_stats_and_clear(articles: Path, server: FakeOpenAIServer, tmp_path: Path) -> None:
    digest_json(articles, server)
    stats = run("cache", "stats")
    assert stats.exit_code == 0
    assert "entries: 7" in stats.output
    assert str(tmp_path / "briefing-cache") in stats.output
    cleared = run("cache", "clear")
    assert "removed 7 entries" in cleared.output
    assert "entries: 0" in run("cache", "stats").output
    before = server.stats()["total"]
    digest_json(articles, server)
    assert server.stats()["total"] == 2 * before


def test_two_processes_share_one_cache(articles: Path, tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "shared-cache")}
    with FakeOpenAIServer(latency=0.05) as server:
        cmd = [
            sys.executable, "-c", "from briefing.cli import main; main()", "digest",
            str(articles), "--base-url", server.base_url, "--format", "json", "-q",
            "--concurrency", "4",
        ]  # fmt: skip
        procs = [
            subprocess.Popen(
                [*cmd, "-o", str(tmp_path / f"out{i + 1}.json")], env=env, stderr=subprocess.PIPE
            )
            for i in range(2)
        ]
        for p in procs:
            _, err = p.communicate(timeout=60)
            assert p.returncode == 0, err
        both = server.stats()["total"]
        assert 7 <= both <= 14
        third = subprocess.run(
            [*cmd, "-o", str(tmp_path / "out3.json")], env=env, capture_output=True, timeout=60
        )
        assert third.returncode == 0, third.stderr
        assert server.stats()["total"] == both
    outs = [json.loads((tmp_path / f"out{i}.json").read_text()) for i in range(1, 4)]
    assert [len(o["notes"]) for o in outs] == [7, 7, 7]
    assert outs[2]["usage"]["calls"] == 0
    check = subprocess.run(
        [sys.executable, "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
         "print(c.execute('PRAGMA integrity_check').fetchone()[0],"
         "c.execute('select count(*) from notes').fetchone()[0])",
         str(tmp_path / "shared-cache" / "notes.sqlite3")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert check.stdout.split() == ["ok", "7"]
