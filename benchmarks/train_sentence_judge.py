"""Train the offline engine's sentence judge (briefing/offline/judge.py) and measure it.

    pip install -r benchmarks/requirements.txt      # scikit-learn for training only
    python benchmarks/train_sentence_judge.py                 # cross-validate, print figures
    python benchmarks/train_sentence_judge.py --write         # also write judge_weights.json
    python benchmarks/train_sentence_judge.py --ceiling       # also the design's ceiling

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
from sklearn.metrics import average_precision_score

from briefing.offline import entities, judge, roles, rules_reading, summarize

GOLD = ROOT / "benchmarks" / "gold"
SETS = [f"dev{i}" for i in range(2, 16)]
UNTUNED = ("dev14", "dev15")
WEIGHTS = ROOT / "briefing" / "offline" / "judge_weights.json"
ROLE_WEIGHTS = ROOT / "briefing" / "offline" / "role_weights.json"
RANKER_C = 0.3  # chosen by the same five folds (0.1 to 3 tried)
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
        index = entities.find(text)
        self.commitments, self.asks, speakers = rules_reading(text, self.spans, index)
        self.parties = roles.Parties(text, self.spans, index, speakers)
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

    def note(self, model=None, ranker=None) -> dict:
        c, a = (
            judge.judged(
                self.text, self.spans, self.commitments, self.asks, self.parties, model, ranker
            )
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


def role_examples(doc: Doc, sc) -> list[tuple[str, dict[str, set[str]], dict[str, bool]]]:
    """For each gold item, each role it names a party for (a commitment's actor, an ask's actor
    and addressee): the candidates of its sentence, and which of them the scorer counts as that
    party."""
    out = []
    for g in doc.gold["items"]:
        k = next((i for i, (a, b) in enumerate(doc.spans) if sc.match(doc.text[a:b], g)), None)
        if k is None:
            continue
        sentence = doc.text[slice(*doc.spans[k])]
        if g["type"] == "commitment":
            wanted = [("commitment", g.get("actor", ""), judge._COMMIT_AT)]
        else:
            wanted = [
                ("ask", g.get("actor", ""), judge._ASK_AT),
                ("addressee", g.get("addressee", ""), judge._ASK_AT),
            ]
        for role, truth, act in wanted:
            if truth:
                candidates = roles.for_role(role, doc.parties.features(k, act.search(sentence)))
                labels = {name: bool(sc.same_party(name, truth)) for name in candidates}
                out.append((role, candidates, labels))
    return out


class TrainedRanker:
    """One logistic regression per role over candidates' paired features (`roles.paired`),
    judged as the engine judges: pruned weights, summed in pure Python."""

    def __init__(self, examples: list, min_count: int = 2) -> None:
        self.raw = {}
        for role in roles.ROLES:
            rows = [
                (roles.paired(f), labels[name])
                for r, cands, labels in examples
                if r == role
                for name, f in cands.items()
            ]
            counts: dict[str, int] = {}
            for feats, _ in rows:
                for x in feats:
                    counts[x] = counts.get(x, 0) + 1
            vocab = {
                f: i for i, f in enumerate(sorted(k for k, v in counts.items() if v >= min_count))
            }
            r_idx, c_idx = [], []
            for i, (feats, _) in enumerate(rows):
                for x in feats:
                    if x in vocab:
                        r_idx.append(i)
                        c_idx.append(vocab[x])
            X = csr_matrix((np.ones(len(r_idx)), (r_idx, c_idx)), shape=(len(rows), len(vocab)))
            y = np.array([int(lab) for _, lab in rows])
            m = LogisticRegression(C=RANKER_C, max_iter=3000).fit(X, y)
            names = sorted(vocab, key=vocab.get)
            self.raw[role] = {
                "bias": round(float(m.intercept_[0]), 4),
                "weights": {
                    n: round(float(v), 4)
                    for n, v in zip(names, m.coef_[0], strict=True)
                    if abs(v) >= FLOOR
                },
            }
        self.ranker = roles.Ranker.from_json(self.raw)


def ranker_accuracy(examples: list, ranker: roles.Ranker) -> dict[str, tuple[int, int, int]]:
    """Per role: items, how many the ranker names right, how many any candidate could."""
    out = {}
    for role in roles.ROLES:
        chosen = [(c, lab) for r, c, lab in examples if r == role]
        right = sum(lab.get(roles.best(c, role, ranker), False) for c, lab in chosen)
        out[role] = (len(chosen), right, sum(any(lab.values()) for _, lab in chosen))
    return out


class PerfectJudge:
    """A judge that knows the gold: each sentence of the article is given its gold labels.
    With it, the figures are the ceiling of this design: every sentence chosen right, the
    items and their actors still read by the rules and the ranker (`--ceiling`)."""

    def __init__(self, doc: Doc) -> None:
        self.labels = {frozenset(f): lab for f, lab in zip(doc.feats, doc.labels, strict=True)}

    def __call__(self, feats: set[str]) -> tuple[float, float]:
        commitment, ask = self.labels.get(frozenset(feats), (False, False))
        return float(commitment), float(ask)


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
    ap.add_argument(
        "--ceiling",
        action="store_true",
        help="also score a judge that knows the gold (the design's ceiling) and print the "
        "judge's average precision over sentences",
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
    examples = {d.id: role_examples(d, sc) for d in docs}
    judged: dict[str, dict] = {}
    perfect: dict[str, dict] = {}
    ranked: dict[str, list[tuple[float, bool]]] = {"commitment": [], "ask": []}
    accuracy: dict[str, list[int]] = {r: [0, 0, 0] for r in roles.ROLES}
    for k in range(5):
        train = [d for d in docs if fold[d.id] != k]
        model = Trained(train)
        ranker = TrainedRanker([x for d in train for x in examples[d.id]]).ranker
        judged.update({d.id: d.note(model, ranker) for d in docs if fold[d.id] == k})
        if args.ceiling:
            held = [d for d in docs if fold[d.id] == k]
            perfect.update({d.id: d.note(PerfectJudge(d), ranker) for d in held})
            for d in held:
                if d.set not in UNTUNED:
                    continue
                for f, (c, a) in zip(d.feats, d.labels, strict=True):
                    pc, pa = model(f)
                    ranked["commitment"].append((pc, c))
                    ranked["ask"].append((pa, a))
        held_out = [x for d in docs if fold[d.id] == k for x in examples[d.id]]
        for role, counts in ranker_accuracy(held_out, ranker).items():
            accuracy[role] = [a + b for a, b in zip(accuracy[role], counts, strict=True)]
    say(
        f"five folds by article; the judge keeps a rules' item at p >= {judge.KEEP}, "
        f"adds one at p >= {judge.ADD}; the ranker names who acts in the sentences it adds"
    )
    for role, (n, right, reachable) in accuracy.items():
        say(
            f"ranker, {role:10s}: right {right / n:.3f} of {n} gold items "
            f"(a candidate was right for {reachable / n:.3f})"
        )
    for part, chosen in (
        ("dev2-dev13 (rules tuned on)", [d for d in docs if d.set not in UNTUNED]),
        ("dev14-dev15 (no rule written from)", [d for d in docs if d.set in UNTUNED]),
    ):
        report(f"{part}: rules", chosen, rules, sc)
        report(f"{part}: rules + judge", chosen, judged, sc)
        if args.ceiling:
            report(f"{part}: rules + perfect judge", chosen, perfect, sc)
    if args.ceiling:
        say(
            "judge's average precision over the sentences of dev14-dev15 (five folds): "
            + ", ".join(
                f"{kind} {average_precision_score([y for _, y in v], [p for p, _ in v]):.3f}"
                for kind, v in ranked.items()
            )
        )
    if args.write:
        model = Trained(docs)
        weights = model.weights(FLOOR)
        WEIGHTS.write_text(json.dumps(weights, separators=(",", ":"), sort_keys=True) + "\n")
        n = sum(len(v["weights"]) for v in weights.values())
        say(f"wrote {WEIGHTS.relative_to(ROOT)}: {n} weights, {WEIGHTS.stat().st_size // 1024} KiB")
        raw = TrainedRanker([x for d in docs for x in examples[d.id]]).raw
        ROLE_WEIGHTS.write_text(json.dumps(raw, separators=(",", ":"), sort_keys=True) + "\n")
        n = sum(len(v["weights"]) for v in raw.values())
        size = ROLE_WEIGHTS.stat().st_size // 1024
        say(f"wrote {ROLE_WEIGHTS.relative_to(ROOT)}: {n} weights, {size} KiB")


if __name__ == "__main__":
    main()
