"""Train the offline engine's sentence judge (briefing/offline/judge.py) and measure it.

    pip install -r benchmarks/requirements.txt      # scikit-learn for training only
    python benchmarks/train_sentence_judge.py                 # cross-validate, print figures
    python benchmarks/train_sentence_judge.py --write         # also write judge_weights.json

Training data: the hand-annotated tuning sets in benchmarks/gold (dev2 to dev15: 351 bbc-politics
articles, none in ../shared/eval), their texts from ../shared/corpus. Each sentence of each
article is one example, labelled by whether it holds a gold commitment and a gold ask (the shared
scorer's match), described by `judge.features` over the rules' own reading of the article
(`briefing.offline.rules_reading`). Two L2-regularised logistic regressions (C=1).

It prints, over five folds by article (the model never sees the article it judges), the
shared scorer's figures for the rules alone and for the rules with the judge at its thresholds
(judge.KEEP, judge.ADD), separately for the sets the rules were tuned on (dev2 to dev13) and for
dev14 and dev15, which no rule was written from. `--write` then trains on every article and
writes the weights. Weights under FLOOR in size are dropped, in the folds too: the figures are
those of the pruned model, judged as the engine judges. No gold file of `../shared/eval` is
read (only its scorer).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from shared_data import ROOT, require, shared
from sklearn.linear_model import LogisticRegression

from briefing.offline import entities, judge, rules_reading, summarize

GOLD = ROOT / "benchmarks" / "gold"
SETS = [f"dev{i}" for i in range(2, 16)]
UNTUNED = ("dev14", "dev15")
WEIGHTS = ROOT / "briefing" / "offline" / "judge_weights.json"
FLOOR = 0.05  # weights smaller than this are dropped (the file stays small; see the docstring)


def scorer():
    """The shared scorer's `match` and `score` (only score.py is read in ../shared/eval)."""
    spec = importlib.util.spec_from_file_location("score", require(shared("eval", "score.py")))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Doc:
    """One article read by the rules: sentences, their items, their guessed speakers."""

    def __init__(self, gold_set: str, gold: dict, corpus: Path, sc) -> None:
        self.set, self.id, self.gold = gold_set, gold["id"], gold
        text = (corpus / f"{gold['id']}.txt").read_text()
        title = text.splitlines()[0].strip()
        self.text, self.spans = text, summarize.body_spans(text, title)
        self.commitments, self.asks, self.speakers = rules_reading(
            text, self.spans, entities.find(text)
        )
        first_c = {x.evidence: x for x in reversed(self.commitments)}
        first_a = {x.evidence: x for x in reversed(self.asks)}
        self.feats, self.labels = [], []
        for k, (s0, s1) in enumerate(self.spans):
            s = text[s0:s1]
            self.feats.append(judge.features(s, k, first_c.get(s), first_a.get(s)))
            items = gold["items"]
            self.labels.append(
                (
                    any(sc.match(s, g) for g in items if g["type"] == "commitment"),
                    any(sc.match(s, g) for g in items if g["type"] == "ask"),
                )
            )

    def note(self, model=None) -> dict:
        c, a = (
            judge.judged(self.text, self.spans, self.commitments, self.asks, self.speakers, model)
            if model
            else (self.commitments, self.asks)
        )
        return {
            "article": {"source": f"{self.id}.txt"},
            "commitments": [_scored(x) for x in c],
            "asks": [_scored(x) for x in a],
        }


def _scored(item) -> dict:
    """What the scorer reads of an item."""
    return {
        "actor": item.actor,
        "addressee": getattr(item, "addressee", ""),
        "evidence": item.evidence,
    }


class Trained:
    """Two logistic regressions over a vocabulary, usable as `judged(..., judge=...)`."""

    def __init__(self, docs: list[Doc], min_count: int = 2) -> None:
        counts: dict[str, int] = {}
        for d in docs:
            for f in d.feats:
                for x in f:
                    counts[x] = counts.get(x, 0) + 1
        self.vocab = {
            f: i for i, f in enumerate(sorted(k for k, v in counts.items() if v >= min_count))
        }
        feats = [f for d in docs for f in d.feats]
        X = self.matrix(feats)
        self.models = []
        for col in (0, 1):
            y = np.array([lab[col] for d in docs for lab in d.labels], dtype=int)
            self.models.append(LogisticRegression(C=1.0, max_iter=3000).fit(X, y))
        # Judged exactly as the engine judges: the pruned weights, summed in pure Python.
        self.pruned = judge.Judge.from_json(self.weights(FLOOR))

    def matrix(self, feats: list[set[str]]) -> csr_matrix:
        rows, cols = [], []
        for i, f in enumerate(feats):
            for x in f:
                j = self.vocab.get(x)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(self.vocab)))

    def __call__(self, feats: set[str]) -> tuple[float, float]:
        return self.pruned(feats)

    def weights(self, floor: float) -> dict:
        names = sorted(self.vocab, key=self.vocab.get)
        out = {}
        for key, m in zip(("commitment", "ask"), self.models, strict=True):
            w = {
                n: round(float(v), 4)
                for n, v in zip(names, m.coef_[0], strict=True)
                if abs(v) >= floor
            }
            out[key] = {"bias": round(float(m.intercept_[0]), 4), "weights": w}
        return out


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def report(label: str, docs: list[Doc], notes: dict[str, dict], sc) -> None:
    gold = {"articles": [d.gold for d in docs]}
    r = sc.score(gold, {"notes": [notes[d.id] for d in docs]})["all"]
    say(
        f"{label:34s} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}  actor {r['actor_acc']:.3f}"
        f"  strict {r['strict_f1']:.3f}  items {r['sys']} / gold {r['gold']}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=shared("corpus", "bbc-politics"))
    ap.add_argument(
        "--write", action="store_true", help="write briefing/offline/judge_weights.json"
    )
    args = ap.parse_args()
    sc = scorer()
    corpus = require(args.corpus)
    docs = [
        Doc(s, g, corpus, sc)
        for s in SETS
        for g in json.loads((GOLD / f"{s}.json").read_text())["articles"]
    ]
    sys.stderr.write(f"{len(docs)} articles, {sum(len(d.spans) for d in docs)} sentences\n")
    ids = sorted({d.id for d in docs})
    random.Random(0).shuffle(ids)
    fold = {i: k % 5 for k, i in enumerate(ids)}
    rules = {d.id: d.note() for d in docs}
    judged: dict[str, dict] = {}
    for k in range(5):
        model = Trained([d for d in docs if fold[d.id] != k])
        judged.update({d.id: d.note(model) for d in docs if fold[d.id] == k})
    say(
        f"five folds by article; the judge keeps a rules' item at p >= {judge.KEEP}, "
        f"adds one at p >= {judge.ADD}"
    )
    for part, chosen in (
        ("dev2-dev13 (rules tuned on)", [d for d in docs if d.set not in UNTUNED]),
        ("dev14-dev15 (no rule written from)", [d for d in docs if d.set in UNTUNED]),
    ):
        report(f"{part}: rules", chosen, rules, sc)
        report(f"{part}: rules + judge", chosen, judged, sc)
    if args.write:
        model = Trained(docs)
        weights = model.weights(FLOOR)
        WEIGHTS.write_text(json.dumps(weights, separators=(",", ":"), sort_keys=True) + "\n")
        n = sum(len(v["weights"]) for v in weights.values())
        say(f"wrote {WEIGHTS.relative_to(ROOT)}: {n} weights, {WEIGHTS.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
