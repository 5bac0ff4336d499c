"""A 1,000-article digest submitted as one batch, against the synchronous digest of the same
articles: requests in the batch file, wall time, peak memory (RSS) of the `briefing` process,
the estimated cost at both rates, the cost the run itself reports.

The fake OpenAI server (tests/fake_openai_server.py, in this process) stands in for the model
and for the Files and Batches endpoints, with a fixed latency per request; its batch runner
answers `--workers` requests at a time, as many as the synchronous digest keeps in flight
(`--concurrency`). So the wall times compare briefing's own work around the calls, not a real
Batch API (which takes minutes to 24 hours).

    python benchmarks/batch_digest.py --articles 1000 --latency 0.2

Articles are the BBC politics texts of ../shared/corpus, repeated with a distinct reference
line each so every one is a distinct article (own cache key, own request).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from shared_data import ROOT, require, shared

sys.path.insert(0, str(ROOT / "tests"))
from fake_openai_server import FakeOpenAIServer  # noqa: E402

MODEL = "gpt-4o-mini"


def make_articles(corpus: Path, count: int, folder: Path) -> None:
    texts = sorted(p for p in corpus.glob("*.txt"))
    folder.mkdir(parents=True)
    for n in range(count):
        source = texts[n % len(texts)]
        title, _, body = source.read_text(encoding="utf-8").partition("\n")
        # A distinct title: every request of every article differs (the title is in each
        # chunk's prompt), as in a real archive, so no two articles share a request.
        (folder / f"{n:04d}-{source.name}").write_text(
            f"{title.strip()} (archive {n:04d})\n{body.rstrip()}\n", encoding="utf-8"
        )


def run_child(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Wall time, peak RSS (MiB) and output of one `briefing` process: os.wait4 gives this
    child's own rusage, not the maximum over every child so far."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from briefing.cli import main; main()", *args],
            env=env,
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return {
            "wall_s": round(wall, 2),
            "rss_mib": round(usage.ru_maxrss / 1024, 1),
            "exit": proc.returncode,
            "stdout": out.read(),
            "stderr": err.read(),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=shared("corpus", "bbc-politics"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--chunk-tokens", type=int, default=None, help="smaller chunks: long articles combine"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    folder = work / "articles"
    make_articles(require(args.corpus), args.articles, folder)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    base_env["BRIEFING_HOME"] = str(work / "home")
    chunking = ["--chunk-tokens", str(args.chunk_tokens)] if args.chunk_tokens else []
    common = [str(folder), "--model", MODEL, *chunking]
    results: dict[str, Any] = {
        "articles": args.articles,
        "latency_s": args.latency,
        "concurrency": args.concurrency,
        "chunk_tokens": args.chunk_tokens,
    }
    try:
        with FakeOpenAIServer(latency=args.latency) as server:
            server.batch_api.workers = args.concurrency
            env = {**base_env, "BRIEFING_CACHE_DIR": str(work / "cache-files")}
            estimate = run_child(["estimate", *common, "--batch", "--format", "json"], env)
            plan = json.loads(estimate["stdout"])
            results["estimate"] = {
                "calls": plan["calls"],
                "cost_usd_batch": plan["cost_usd"],
                "cost_usd_sync": plan["sync_cost_usd"],
            }
            requests = work / "requests.jsonl"
            written = run_child(
                ["digest", *common, "--batch-requests", str(requests), "-q"], env
            )
            results["request_file"] = {
                "lines": sum(1 for _ in requests.open(encoding="utf-8")),
                "bytes": requests.stat().st_size,
                "wall_s": written["wall_s"],
                "rss_mib": written["rss_mib"],
            }
            url = ["--base-url", server.base_url]

            def digest(name: str, *options: str) -> tuple[dict[str, Any], dict[str, Any]]:
                """One digest in its own cache: its measures, and its JSON."""
                env = {**base_env, "BRIEFING_CACHE_DIR": str(work / f"cache-{name}")}
                out = work / f"{name}.json"
                args_ = ["digest", *common, *url, *options, "--format", "json", "-o", str(out)]
                run = run_child(args_, env)
                assert run["exit"] == 0, run["stderr"][-2000:]
                data = json.loads(out.read_text())
                figures = {"wall_s": run["wall_s"], "rss_mib": run["rss_mib"]}
                figures.update(notes=len(data["notes"]), failed=len(data["failed"]))
                figures.update(usage=data["usage"], usage_line=_usage_line(run["stderr"]))
                return figures, data

            results["batch"], batched = digest("batch", "--batch", "--poll-interval", "0.5")
            results["batch"]["batches"] = [
                _batch_figures(server, b) for b in server.batch_api.batches.values()
            ]
            chat_before = server.stats()["total"]
            results["sync"], sync = digest("sync", "--concurrency", str(args.concurrency))
            results["sync"]["requests"] = server.stats()["total"] - chat_before
            results["same_notes"] = _without_usage(batched) == _without_usage(sync)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))  # noqa: T201


def _batch_figures(server: FakeOpenAIServer, batch: dict[str, Any]) -> dict[str, Any]:
    """Requests and tokens of one batch, from its output file on the fake server."""
    tokens = [0, 0]
    if batch["output_file_id"]:
        for line in server.batch_api.files[batch["output_file_id"]][1].splitlines():
            usage = json.loads(line)["response"]["body"]["usage"]
            tokens[0] += usage["prompt_tokens"]
            tokens[1] += usage["completion_tokens"]
    return {
        "requests": batch["request_counts"]["total"],
        "prompt_tokens": tokens[0],
        "completion_tokens": tokens[1],
    }


def _without_usage(digest: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in n.items() if k != "usage"} for n in digest["notes"]]


def _usage_line(stderr: str) -> str:
    found = re.findall(r"briefing: \d+ note\(s\).*", stderr)
    return found[-1] if found else ""


if __name__ == "__main__":
    main()
