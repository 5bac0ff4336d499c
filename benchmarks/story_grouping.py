"""Pairwise precision and recall of the digest's story grouping against a hand-labelled set.

    python benchmarks/story_grouping.py [--gold benchmarks/gold/stories.json] [--show]
    python benchmarks/story_grouping.py --names 0 --quotes 0      # words alone (ablation)
    python benchmarks/story_grouping.py --whole-corpus           # story sizes, all 397 articles

The gold file lists BBC politics articles (paths under ../shared/corpus) with the story each
tells, labelled by reading them, and a split: `tuning` and `tuning-2` (looked at while changing
the grouper) and `held-out` (only measured; see the gold file's description). Each split is
digested on its own with the offline engine, through `briefing.digest` (the path the CLI takes),
and the whole set once more. A pair
of articles counts as a true positive when the digest puts them in one story and the gold does.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

from shared_data import require, shared

import briefing
from briefing import stories

ROOT = Path(__file__).resolve().parent.parent


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}


def grouped(paths: list[Path]) -> list[list[str]]:
    """The digest's stories, as lists of corpus paths."""
    digest = briefing.digest([str(p) for p in paths], engine="offline", no_cache=True)
    source_of = {n.article.id: n.article.source for n in digest.notes}
    return [[source_of[i] for i in story.note_ids] for story in digest.stories]


def measure(rows: list[dict[str, str]], corpus: Path, show: bool) -> tuple[float, float, int]:
    paths = [corpus / r["path"] for r in rows]
    gold: dict[str, list[str]] = defaultdict(list)
    for path, row in zip(paths, rows, strict=True):
        gold[row["story"]].append(str(path))
    gold_pairs = pairs(list(gold.values()))
    stories = grouped(paths)
    found = pairs(stories)
    hits = len(found & gold_pairs)
    precision = hits / len(found) if found else float("nan")  # no pair found: undefined
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    if show:
        label = {str(p): r["story"] for p, r in zip(paths, rows, strict=True)}
        for story in stories:
            out("  " + " | ".join(f"{Path(p).stem} [{label[p]}]" for p in story))
    return precision, recall, len(stories)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks/gold/stories.json")
    parser.add_argument("--corpus", type=Path, default=shared("corpus"))
    parser.add_argument("--show", action="store_true", help="print the stories found")
    parser.add_argument("--names", type=float, help="weight of a name (NAME_WEIGHT)")
    parser.add_argument("--quotes", type=float, help="weight of a quotation (QUOTE_WEIGHT)")
    parser.add_argument("--threshold", type=float, help="STORY_THRESHOLD")
    parser.add_argument(
        "--whole-corpus", action="store_true", help="sizes of the stories of every article"
    )
    args = parser.parse_args()
    for name, value in (
        ("NAME_WEIGHT", args.names),
        ("QUOTE_WEIGHT", args.quotes),
        ("STORY_THRESHOLD", args.threshold),
    ):
        if value is not None:
            setattr(stories, name, value)
    if args.whole_corpus:
        paths = sorted(require(args.corpus / "bbc-politics").glob("*.txt"))
        sizes = sorted((len(g) for g in grouped(paths)), reverse=True)
        out(f"{len(paths)} articles in {len(sizes)} stories; largest: {sizes[:10]}")
        return
    rows = json.loads(require(args.gold).read_text(encoding="utf-8"))["articles"]
    corpus = require(args.corpus)
    out("| split | articles | gold stories | found stories | pairwise P | pairwise R | F1 |")
    out("|-------|---------:|-------------:|--------------:|-----------:|-----------:|---:|")
    for split in ("tuning", "tuning-2", "held-out", "all"):
        part = [r for r in rows if split == "all" or r["split"] == split]
        if args.show:
            out(f"{split}:")
        p, r, n = measure(part, corpus, args.show)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        gold_n = len({x["story"] for x in part})
        out(f"| {split} | {len(part)} | {gold_n} | {n} | {p:.3f} | {r:.3f} | {f1:.3f} |")


if __name__ == "__main__":
    main()
