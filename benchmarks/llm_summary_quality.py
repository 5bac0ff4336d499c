"""Summaries and key points of either engine against bbc-summary's reference summaries.

    python benchmarks/llm_summary_quality.py --limit 20 -- --engine offline
    python benchmarks/llm_summary_quality.py --limit 20 --keep /tmp/qwen-sum.json -- \\
        --base-url http://127.0.0.1:8778/v1 --model qwen1.5b --timeout 600 --concurrency 1 \\
        --no-cache
    python benchmarks/llm_summary_quality.py --limit 20 --digest /tmp/qwen-sum.json   # re-score

Writes the first --limit articles of one category of `valid.csv` (politics by default; the
test split is for release figures only) as text files, runs `briefing digest DIR --format json`
once (arguments after `--` go to it) and scores, with rouge-score (Porter stemming, F1), each
note's summary and its key points joined, both cut at --words words, against the reference.
The references are extractive (sentences of the article), which favours extractive systems: the
figure compares two ways of choosing sentences fairly (key points are sentences of the article
for every engine) and an abstractive summary only roughly. It also prints the words per summary
and per key-point list, and the completion tokens per article of LLM runs.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from offline_summary import cut, load

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-summary"


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def articles(category: str, limit: int) -> list[tuple[str, str, str]]:
    import csv

    picked = []
    with (CORPUS / "valid.csv").open(encoding="utf-8") as f:
        for k, row in enumerate(csv.DictReader(f)):
            if row["categories"] == category:
                picked.append(k)
    rows = load(CORPUS / "valid.csv")
    return [rows[k] for k in picked[:limit]]


def run(rows: list[tuple[str, str, str]], extra: list[str], briefing: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for k, (title, body, _) in enumerate(rows):
            (folder / f"a{k:03d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        target = Path(tmp) / "digest.json"
        cmd = [*shlex.split(briefing), "digest", str(folder), "--format", "json"]
        subprocess.run([*cmd, "-o", str(target), *extra], check=False)
        return dict(json.loads(target.read_text(encoding="utf-8")))


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--category", default="politics")
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--briefing", default="briefing")
    ap.add_argument("--keep", type=Path, help="write the digest JSON here")
    ap.add_argument("--digest", type=Path, help="score this digest JSON instead of running")
    args = ap.parse_args(argv[: argv.index("--")] if "--" in argv else argv)

    from rouge_score import rouge_scorer

    rows = articles(args.category, args.limit)
    digest = (
        json.loads(args.digest.read_text(encoding="utf-8"))
        if args.digest
        else run(rows, extra, args.briefing)
    )
    if args.keep:
        args.keep.write_text(json.dumps(digest), encoding="utf-8")
    notes = {Path(n["article"]["source"]).stem: n for n in digest["notes"]}
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    kinds: dict[str, list[dict[str, float]]] = {"summary": [], "key points": []}
    words: dict[str, list[int]] = {"summary": [], "key points": []}
    completion = []
    for k, (_, _, reference) in enumerate(rows):
        note = notes.get(f"a{k:03d}")
        if note is None:
            continue
        texts = {"summary": note["summary"], "key points": " ".join(note["key_points"])}
        for kind, text in texts.items():
            words[kind].append(len(text.split()))
            got = scorer.score(reference, cut(text, args.words))
            kinds[kind].append({m: s.fmeasure * 100 for m, s in got.items()})
        if (note.get("usage") or {}).get("calls"):
            completion.append(note["usage"]["completion_tokens"])
    engines = sorted({str(n.get("model") or n.get("engine")) for n in digest["notes"]})
    out(f"{len(notes)} of {len(rows)} {args.category} articles (valid), {', '.join(engines)}")
    for kind, scores in kinds.items():
        if not scores:
            continue
        mean = {m: statistics.mean(s[m] for s in scores) for m in scores[0]}
        out(
            f"{kind:<11} R1 {mean['rouge1']:.2f}  R2 {mean['rouge2']:.2f}  RL {mean['rougeL']:.2f}"
            f"  words: median {statistics.median(words[kind])}"
        )
    if completion:
        out(f"completion tokens per article: median {statistics.median(completion)}")


if __name__ == "__main__":
    main()
