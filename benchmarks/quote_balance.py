"""Quotation marks in offline summaries and key points: how many are unbalanced, and how many
summaries run one quotation across sentences the article does not have side by side (two
speakers spliced into one quote), before and after `briefing.quotes.balance_quotes`.

    python benchmarks/quote_balance.py [--corpus ../shared/corpus/bbc-politics]

"Before" is the same notes with the repair replaced by the identity; the checks here are
written independently of the repair (mark counting, and sentence positions in the article).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from unittest import mock

from shared_data import require, shared

from briefing import pipeline
from briefing.ingest import read_article
from briefing.models import Note
from briefing.sentences import sentences
from briefing.settings import Settings


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def balanced(text: str) -> bool:
    """Curly marks pair up in order and straight ones come in pairs."""
    depth = 0
    for c in text:
        if c == "“":
            depth += 1
        elif c == "”":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and text.count('"') % 2 == 0


def spliced(summary: str, article: str) -> bool:
    """A quotation open across a boundary between two sentences that are not neighbours in the
    article (curly marks by depth, straight ones by an odd count in a sentence)."""
    curly, straight = 0, False
    previous_end: int | None = None
    for a, b in sentences(summary):
        sentence = summary[a:b]
        words = sentence.strip("“”\" ").split()
        found = re.search(r"\s+".join(map(re.escape, words)), article) if words else None
        if (curly > 0 or straight) and previous_end is not None and found is not None:
            if article[previous_end : found.start()].strip("“”\" \n"):
                return True
        curly += sentence.count("“") - sentence.count("”")
        straight ^= sentence.count('"') % 2 == 1
        previous_end = found.end() if found else None
    return False


def notes(paths: list[Path]) -> list[Note]:
    settings = Settings(engine="offline", use_cache=False)
    return [pipeline.make_note(read_article(str(p)), settings) for p in paths]


def measure(label: str, made: list[Note]) -> None:
    points = [p for n in made for p in n.key_points]
    out(
        f"| {label} | {sum(not balanced(n.summary) for n in made)} / {len(made)} | "
        f"{sum(spliced(n.summary, n.article.text) for n in made)} | "
        f"{sum(not balanced(p) for p in points)} / {len(points)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=shared("corpus", "bbc-politics"))
    args = parser.parse_args()
    paths = sorted(require(args.corpus).glob("*.txt"))
    out("| notes | unbalanced summaries | spliced summaries | unbalanced key points |")
    out("|-------|---------------------:|------------------:|----------------------:|")
    with mock.patch.object(pipeline, "balance_quotes", lambda text, article: text):
        measure("before", notes(paths))
    measure("after", notes(paths))


if __name__ == "__main__":
    main()
