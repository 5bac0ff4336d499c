"""Key points of offline notes that open with He, She, His or Her: how many name the person in
brackets, and a seeded random sample of them with the two sentences before each, for reading.

    python benchmarks/key_point_pronouns.py [--sample 40] [--seed 99]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from shared_data import require, shared

from briefing.ingest import read_article
from briefing.pipeline import make_note
from briefing.sentences import sentences
from briefing.settings import Settings

_NAMED = re.compile(r"\[[^\]]+\] ")
_PRONOUN = re.compile(r"(He|She|His|Her)\b")


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=shared("corpus", "bbc-politics"))
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=99)
    args = parser.parse_args()
    settings = Settings(engine="offline", use_cache=False)
    total, named, left = 0, [], 0
    for path in sorted(require(args.corpus).glob("*.txt")):
        article = read_article(str(path))
        for point in make_note(article, settings).key_points:
            total += 1
            if _NAMED.match(point):
                named.append((path.name, article.text, point))
            elif _PRONOUN.match(point):
                left += 1
    out(f"{total} key points; {len(named) + left} open with He/She/His/Her: {len(named)} name")
    out(f"the person in brackets, {left} are left as written")
    for name, text, point in random.Random(args.seed).sample(named, min(args.sample, len(named))):
        rest = point[_NAMED.match(point).end() :]  # type: ignore[union-attr]
        found = re.search(r"\s+".join(map(re.escape, rest.rstrip("…").split()[:6])), text)
        before = [text[a:b] for a, b in sentences(text) if found and b <= found.start()][-2:]
        out(f"== {name}\n  before: {' | '.join(before)}\n  point:  {point}")


if __name__ == "__main__":
    main()
