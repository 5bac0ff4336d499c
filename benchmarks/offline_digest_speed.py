"""Articles per second through `briefing digest --engine offline`, excluding process start-up,
and peak memory as the number of articles grows.

    python benchmarks/offline_digest_speed.py --sizes 1 445 1335

Each size is one JSONL file of bbc-summary test.csv documents (repeated cyclically, with distinct
titles, to reach the size), digested by a whole `briefing` process. Start-up is the wall time of
the 1-article run; throughput is (N - 1) / (wall(N) - wall(1)). Peak RSS comes from the child's
resource usage.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_CSV = ROOT.parent / "shared" / "corpus" / "bbc-summary" / "test.csv"


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def write_jsonl(path: Path, rows: list[str], n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            title, _, body = rows[i % len(rows)].partition("\n\n")
            record = {"title": f"{title.strip()} ({i})", "text": body.strip(), "source": f"a{i}"}
            f.write(json.dumps(record) + "\n")


def run(briefing: str, jsonl: Path, dest: Path) -> float:
    """Wall seconds of one whole digest process."""
    start = time.perf_counter()
    subprocess.run(
        [
            briefing,
            "digest",
            str(jsonl),
            "--engine",
            "offline",
            "-q",
            "--format",
            "json",
            "-o",
            str(dest),
        ],
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=TEST_CSV)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 445, 1335])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best is kept)")
    parser.add_argument("--briefing", default=shutil.which("briefing") or "briefing")
    args = parser.parse_args()
    with args.csv.open(encoding="utf-8") as f:
        rows = [r["document"] for r in csv.DictReader(f)]
    sizes = sorted(set([1, *args.sizes]))
    results: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            jsonl = Path(tmp) / f"articles-{n}.jsonl"
            write_jsonl(jsonl, rows, n)
            dest = Path(tmp) / f"out-{n}.json"
            wall = min(run(args.briefing, jsonl, dest) for _ in range(args.repeat))
            # RUSAGE_CHILDREN is a running maximum: measure each size in a fresh process.
            peak = float(
                subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        _PEAK,
                        args.briefing,
                        str(jsonl),
                        str(Path(tmp) / "p.json"),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            results[n] = (wall, peak)
    startup = results[1][0]
    out("| articles | wall s | articles/s excl. start-up | peak RSS MiB |")
    out("|---:|---:|---:|---:|")
    for n, (wall, peak) in results.items():
        rate = (n - 1) / (wall - startup) if n > 1 and wall > startup else float("nan")
        out(f"| {n} | {wall:.2f} | {rate:.0f} | {peak:.0f} |")
    out(f"\nstart-up (1-article digest): {startup:.2f} s")


_PEAK = """
import os, resource, subprocess, sys
subprocess.run([sys.argv[1], "digest", sys.argv[2], "--engine", "offline", "-q", "--format",
                "json", "-o", sys.argv[3]], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


if __name__ == "__main__":
    main()
