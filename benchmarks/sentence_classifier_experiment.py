"""Experiment (issue 9): can a learned sentence classifier find the items the rules miss?

    python benchmarks/sentence_classifier_experiment.py [GOLD_DIR]     # default /tmp/gold/eval

GOLD_DIR holds `score.py` and the tuning sets dev.json, dev2..dev7.json (staged as
`benchmarks/gold/README.md` says, with `../corpus` and `../seed` beside it). Two logistic
regressions (commitment, ask) over a sentence's words and word pairs, trained with numpy, are
judged leave-one-set-out: trained on six tuning sets, they pick, in the seventh, the sentences
the offline rules found nothing in whose best probability passes a threshold. It prints how many
such sentences each threshold adds and how many of them hold a gold item of the predicted type.
Nothing here reads dev8 or val. Measured, not adopted (see `benchmarks/README.md`).
"""

import collections
import importlib.util
import json
import re
import sys
from pathlib import Path

import numpy as np

from briefing.models import Article
from briefing.offline import extract, summarize

GOLD = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/gold/eval")
spec = importlib.util.spec_from_file_location("score", GOLD / "score.py")
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)
TUNE = ["dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7"]


def rows_for(sets):
    rows = []
    for g in sets:
        gold = json.load(open(GOLD / f"{g}.json"))
        for a in gold["articles"]:
            root = GOLD.parent
            path = (
                root / "seed" / "article.txt"
                if a["id"] == "seed"
                else root / "corpus" / "bbc-politics" / f"{a['id']}.txt"
            )
            t = open(path).read()
            ex = extract(Article(id=a["id"], source=str(path), text=t, title=a["id"]))
            ruled = {c.evidence for c in ex.commitments} | {x.evidence for x in ex.asks}
            for s0, s1 in summarize.body_spans(t, ""):
                s = t[s0:s1]
                rows.append(
                    {
                        "set": g,
                        "s": s,
                        "rule": s in ruled,
                        "c": any(
                            sc.match(s, gi) for gi in a["items"] if gi["type"] == "commitment"
                        ),
                        "a": any(sc.match(s, gi) for gi in a["items"] if gi["type"] == "ask"),
                        "sys": None,
                    }
                )
    return rows


def feats(s):
    low = s.lower().replace("’", "'")
    w = re.findall(r"[a-z']+", low)
    f = set("w:" + x for x in w) | set("b:" + a + "_" + b for a, b in zip(w, w[1:], strict=False))
    if s.lstrip().startswith(('"', "“")):
        f.add("quoted")
    if re.search(r'["“”]', s):
        f.add("hasquote")
    return f


def train(rows, key, vocab, l2=1.0, epochs=200, lr=0.5):
    X = np.zeros((len(rows), len(vocab)))
    y = np.array([1.0 if r[key] else 0.0 for r in rows])
    for i, r in enumerate(rows):
        for f in feats(r["s"]):
            j = vocab.get(f)
            if j is not None:
                X[i, j] = 1
    wts = np.zeros(len(vocab))
    b = 0.0
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(X @ wts + b)))
        g = X.T @ (p - y) / len(y) + l2 * wts / len(y)
        wts -= lr * g
        b -= lr * (p - y).mean()
    return wts, b


def predict(rows, model, vocab):
    wts, b = model
    out = []
    for r in rows:
        z = b + sum(wts[vocab[f]] for f in feats(r["s"]) if f in vocab)
        out.append(1 / (1 + np.exp(-z)))
    return out


def make_vocab(rows, min_count=2):
    c = collections.Counter(f for r in rows for f in feats(r["s"]))
    return {f: i for i, f in enumerate(sorted(k for k, v in c.items() if v >= min_count))}


def gain(rows, pc, pa, tau):
    """(added, right): sentences the rules left alone whose best type's probability > tau."""
    added = right = 0
    for r, c, a in zip(rows, pc, pa, strict=True):
        if r["rule"]:
            continue
        best = max(c, a)
        if best > tau:
            added += 1
            right += r["c"] if c >= a else r["a"]
    return added, right


if __name__ == "__main__":
    tune = rows_for(TUNE)
    # leave one set out
    taus = [0.3, 0.4, 0.5, 0.6, 0.7]
    tot = {t: [0, 0] for t in taus}
    for held in TUNE:
        tr = [r for r in tune if r["set"] != held]
        te = [r for r in tune if r["set"] == held]
        v = make_vocab(tr)
        mc = train(tr, "c", v)
        ma = train(tr, "a", v)
        pc = predict(te, mc, v)
        pa = predict(te, ma, v)
        for t in taus:
            ad, ri = gain(te, pc, pa, t)
            tot[t][0] += ad
            tot[t][1] += ri
    out = sys.stdout.write
    out("leave one tuning set out; threshold: sentences added, holding a gold item, precision\n")
    for t in taus:
        added, right = tot[t]
        out(f"{t}: {added}, {right}, {round(right / added, 3) if added else '-'}\n")
