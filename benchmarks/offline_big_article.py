"""Seconds the offline engine takes on one huge article, by size: time should grow about
linearly (issue 10, defect 3: 0.25 MB 2.6 s, 1 MB 11.2 s, 2 MB 34 s, 9.5 MB 666 s before).

    python benchmarks/offline_big_article.py --sizes 0.25 1 2 9.5

Each article is the BBC politics corpus (../shared/corpus/bbc-politics, title lines dropped)
repeated and cut at a sentence end to the size. `--cli` times a whole `briefing note` process
instead of the in-process engine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-politics"


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def article_text(megabytes: float) -> str:
    bodies = []
    for path in sorted(CORPUS.glob("*.txt")):
        _, _, body = path.read_text(encoding="utf-8").partition("\n")
        bodies.append(body.strip())
    blob = "\n\n".join(bodies)
    size = int(megabytes * 1024 * 1024)
    text = ""
    while len(text) < size:
        text += blob + "\n\n"
    text = text[:size]
    return text[: text.rfind(".") + 1]


def time_engine(text: str) -> tuple[float, int]:
    from briefing.models import Article
    from briefing.offline import extract

    start = time.perf_counter()
    x = extract(Article(id="big", title="Big article", text=text, source="big.txt"), 100)
    return time.perf_counter() - start, len(x.commitments) + len(x.asks)


def time_cli(text: str, briefing: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text("Big article\n\n" + text, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [briefing, "note", str(path), "--engine", "offline", "--no-cache", "-o", "/dev/null"],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 1, 2, 9.5])
    parser.add_argument("--cli", action="store_true", help="time `briefing note` processes")
    parser.add_argument("--briefing", default=shutil.which("briefing") or "briefing")
    args = parser.parse_args()
    out("| MB | seconds | s per MB | items |")
    out("|---:|---:|---:|---:|")
    for mb in args.sizes:
        text = article_text(mb)
        if args.cli:
            secs, items = time_cli(text, args.briefing), -1
        else:
            secs, items = time_engine(text)
        out(f"| {mb:g} | {secs:.2f} | {secs / mb:.2f} | {items if items >= 0 else ''} |")


if __name__ == "__main__":
    main()
