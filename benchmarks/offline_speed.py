"""Throughput and peak memory of the offline engine's extract() alone, over growing N.

    python benchmarks/offline_speed.py --sizes 100 445 2000

Articles are bbc-summary test.csv documents, repeated cyclically to reach N. Flat peak memory
across N shows there is no growing global cache.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.models import Article  # noqa: E402
from briefing.offline import extract  # noqa: E402


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", default=str(ROOT / "../shared/corpus/bbc-summary/test.csv"))
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 445, 2000, 5000])
    a = ap.parse_args()
    with open(a.csv, encoding="utf-8") as f:
        docs = [r["document"].replace("â£", "£") for r in csv.DictReader(f)]
    arts = [
        Article(id=str(i), title=d.split("\n", 1)[0], text=d, source=f"{i}.txt")
        for i, d in enumerate(docs)
    ]
    for a_ in arts[:20]:
        extract(a_)  # warm up regex caches and imports
    out(f"{'N':>6} {'articles/s':>11} {'peak MiB':>9}")
    for n in a.sizes:
        batch = [arts[i % len(arts)] for i in range(n)]
        t0 = time.perf_counter()
        for art in batch:
            extract(art)
        rate = n / (time.perf_counter() - t0)
        tracemalloc.start()
        for art in batch[: min(n, 500)]:
            extract(art)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        out(f"{n:>6} {rate:11.0f} {peak:9.2f}")


if __name__ == "__main__":
    main()
