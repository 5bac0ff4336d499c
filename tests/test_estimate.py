"""`briefing estimate` and `--max-cost`: nothing is called to plan or refuse a run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fake_openai_server import FakeOpenAIServer
from helpers import run

DATA = Path(__file__).parent / "data" / "digest"



def test_estimate_calls_nothing_and_matches_the_run(articles: Path) -> None:
    with FakeOpenAIServer() as server:
        est = run(
            "estimate", str(articles), "--base-url", server.base_url, "--model", "gpt-4o-mini",
            "--chunk-tokens", "300", "--format", "json",
        )  # fmt: skip
        assert est.exit_code == 0, est.output
        assert server.stats()["total"] == 0
        plan = json.loads(est.stdout)
        assert plan["articles"] == 7 and plan["calls"] > 7 and plan["cost_usd"] > 0
        done = run(
            "digest", str(articles), "--base-url", server.base_url, "--model", "gpt-4o-mini",
            "--chunk-tokens", "300", "-q", "--format", "json",
        )  # fmt: skip
        assert json.loads(done.stdout)["usage"]["calls"] == plan["calls"] == server.stats()["total"]
        again = json.loads(
            run(
                "estimate",
                str(articles),
                "--base-url",
                server.base_url,
                "--model",
                "gpt-4o-mini",
                "--chunk-tokens",
                "300",
                "--format",
                "json",
            ).stdout  # fmt: skip
        )
    assert again["calls"] == 0 and again["cached_calls"] == plan["calls"]
    assert again["cost_usd"] == 0


def test_estimate_text_output(articles: Path) -> None:
    result = run("estimate", str(articles), "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 0, result.output
    assert "planned calls: 7" in result.stdout and "estimated cost: $" in result.stdout


def test_price_table_from_config(articles: Path, isolated_env: Path) -> None:
    """The [prices] table of config.toml (read by main(), so run as a process)."""
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('[prices]\n"my-model" = [1000.0, 1000.0]\n')
    out = subprocess.run(
        [sys.executable, "-c", "from briefing.cli import main; main()", "estimate",
         str(articles), "--base-url", "http://127.0.0.1:9/v1", "--model", "my-model"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    cost = float(out.stdout.split("estimated cost: $")[1].split()[0])
    assert cost > 1


def test_max_cost_refuses_before_any_call(articles: Path) -> None:
    with FakeOpenAIServer() as server:
        result = run(
            "digest", str(articles), "--base-url", server.base_url, "--model", "gpt-4o",
            "--max-cost", "0.0001",
        )  # fmt: skip
        assert server.stats()["total"] == 0
    assert result.exit_code == 1
    assert "refusing to start" in result.stderr and "--max-cost" in result.stderr
    assert result.stdout == ""


def test_max_cost_allows_a_cheap_run(articles: Path) -> None:
    with FakeOpenAIServer() as server:
        result = run(
            "digest", str(articles), "--base-url", server.base_url, "--model", "gpt-4o-mini",
            "--max-cost", "1", "-q",
        )  # fmt: skip
        assert server.stats()["total"] == 7
    assert result.exit_code == 0, result.output


def test_offline_estimate_is_free(articles: Path) -> None:
    result = run("estimate", str(articles), "--engine", "offline")
    assert "planned calls: 0" in result.stdout and "$0.0000" in result.stdout


def test_estimate_prices_the_llm_without_a_key(articles: Path) -> None:
    """With no key configured, `digest` runs offline: the estimate says so (they agree), and,
    since nothing is called, also prices the openai engine."""
    result = run("estimate", str(articles), "--model", "gpt-4o-mini", "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["engine"] == "offline" and plan["calls"] == 0 and plan["cost_usd"] == 0
    llm = plan["with_llm"]
    assert llm["engine"] == "openai" and llm["calls"] == 7 and llm["cost_usd"] > 0
    text = run("estimate", str(articles), "--model", "gpt-4o-mini").stdout
    assert "engine: offline" in text and "with --engine openai (gpt-4o-mini):" in text


def test_unknown_price_is_said_not_shown_as_zero(articles: Path) -> None:
    result = run("estimate", str(articles), "--base-url", "http://127.0.0.1:9/v1", "--model", "x")
    assert "estimated cost: price unknown" in result.stdout
    assert json.loads(
        run("estimate", str(articles), "--base-url", "http://127.0.0.1:9/v1", "--model", "x",
            "--format", "json").stdout
    )["price_known"] is False  # fmt: skip
