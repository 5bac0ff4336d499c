"""A digest of corpus articles against the fault-injecting fake server, then a rerun against the
same server made healthy (same cache): what was injected, what ended in notes and in failed,
and what the rerun had to call for.

    python benchmarks/fault_digest.py --articles 40 --seed 7 --faults \
        "429=0.08,500=0.08,503=0.04,hang=0.03,broken_json=0.06,html=0.04,prose=0.05,\
refusal=0.04,length=0.03"

Writes nothing outside a temporary directory; prints a JSON report on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai_server import FakeOpenAIServer, parse_faults  # noqa: E402
from shared_data import require, shared  # noqa: E402

DEFAULT_FAULTS = (
    "429=0.08,500=0.08,503=0.04,hang=0.03,broken_json=0.06,html=0.04,prose=0.05,"
    "refusal=0.04,length=0.03"
)


def run_digest(articles: list[Path], server: FakeOpenAIServer, work: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    env |= {
        "OPENAI_API_KEY": "sk-benchmark-key",
        "BRIEFING_HOME": str(work / "home"),
        "BRIEFING_CACHE_DIR": str(work / "cache"),
    }
    out = work / "digest.json"
    args = [sys.executable, "-c", "from briefing.cli import main; main()", "digest"]
    args += [str(p) for p in articles]
    args += ["--base-url", server.base_url, "--model", "fake-model", "--format", "json"]
    args += ["-o", str(out), "--timeout", "2", "--retries", "2", "--concurrency", "8", "-q"]
    start = time.monotonic()
    proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - start
    data = json.loads(out.read_text()) if out.exists() else {"notes": [], "failed": []}
    stats = server.stats()
    return {
        "exit_code": proc.returncode,
        "seconds": round(elapsed, 1),
        "notes": len(data["notes"]),
        "failed": len(data["failed"]),
        "failed_reasons": sorted({f["error"] for f in data["failed"]}),
        "failed_sources": sorted(Path(f["source"]).name for f in data["failed"]),
        "calls": stats["total"],
        "faults_injected": dict(sorted(stats["faults"].items())),
        "stderr_tail": proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else [],
    }


def _probe(path: Path) -> str:
    """A line of the article that reaches the prompt verbatim (not the headline)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    return lines[1] if len(lines) > 1 else lines[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=shared("corpus", "bbc-politics"))
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--faults", default=DEFAULT_FAULTS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    articles = sorted(
        p
        for p in require(args.corpus).iterdir()
        if p.is_file() and not p.name.startswith("LICENSE")
    )[: args.articles]
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAIServer(
        faults=parse_faults(args.faults),
        seed=args.seed,
        latency=args.latency,
        retry_after=0.1,
        hang_seconds=30,
    ) as server:
        work = Path(tmp)
        first = run_digest(articles, server, work)
        server.faults = {}
        server.reset()
        rerun = run_digest(articles, server, work)
        sent = [r["messages"][-1]["content"] for r in server.requests]
    called = sorted(p.name for p in articles if any(_probe(p) in text for text in sent))
    report = {
        "articles": len(articles),
        "faults": args.faults,
        "seed": args.seed,
        "first_run": first,
        "rerun_healthy_same_cache": rerun,
        "rerun_articles_called": called,
        "rerun_called_only_for_failed": called == first["failed_sources"],
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
