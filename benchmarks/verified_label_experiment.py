"""Experiment (issues 9 and 13): does the `verified` label tell a reader which items to trust on
articles nobody tuned the rules on, and would a learned calibration of it do better?

    python benchmarks/verified_label_experiment.py [GOLD_DIR]     # default /tmp/gold/eval

GOLD_DIR holds `score.py`, dev.json, val.json and the sets of `benchmarks/gold/` (staged as
`benchmarks/gold/README.md` says, with `../corpus` and `../seed` beside it). Every offline item
of every set is judged as the scorer judges it ("right in full": a gold item's evidence, its
actor, and its addressee where gold names one). It prints, per group of sets:
- how often items are right in full with and without each trait (a failed actor check, a
  `said_by`, an ask with no addressee, a hedge word ...): which traits warn a reader;
- the AUC of today's `verified` label, and of a logistic regression over those traits trained
  on the tuning sets (dev, dev2..dev11) and scored on dev12, dev13 (blind) and val.
Only totals are printed for dev12, dev13 and val. Measured, not adopted (benchmarks/README.md).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
from extraction_quality import judged_items, right_in_full

import briefing

GOLD = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/gold/eval")
TUNING = ["dev", *(f"dev{k}" for k in range(2, 12))]
HELD_OUT = ["dev12", "dev13", "val"]
CUE_WORDS = (
    "will,would,'ll,shall,going to,pledg,promis,vow,plan,intend,aim,agree,commit,guarantee,offer,"
    "refus,should,must,need,has to,have to,urg,call,ask,demand,want,warn,is to,are to,hope,expect,"
    "insist,appeal,press,vital,determined,prepared,ready,announc,propos,recommend"
).split(",")

spec = importlib.util.spec_from_file_location("score", GOLD / "score.py")
assert spec and spec.loader
scorer: Any = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scorer)


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def traits(item: dict[str, Any], kind: str, types: dict[str, str]) -> dict[str, bool]:
    ev, actor, checks = item["evidence"], item["actor"] or "", item["checks"]
    low = ev.lower()
    out = {
        "ask": kind == "ask",
        "refusal": item.get("stance") == "refuse",
        "conditional": bool(item.get("conditional")),
        "said_by": bool(item.get("said_by")),
        "deadline": bool(item.get("deadline")),
        "actor check failed": not checks["actor"],
        "addressee check failed": checks.get("addressee") is False,
        "ask with no addressee": kind == "ask" and not item.get("addressee"),
        "quoted": bool(re.search(r'["“”]', ev)),
        "actor a person": types.get(actor) == "person",
        "actor an organisation": types.get(actor) == "organisation",
        "actor lower-case": bool(actor) and actor[0].islower(),
        "long sentence": len(ev.split()) > 35,
    }
    out.update({f"cue {c}": bool(re.search(r"\b" + re.escape(c), low)) for c in CUE_WORDS})
    return out


def rows(name: str) -> list[tuple[dict[str, bool], bool, bool]]:
    """(traits, right in full, verified) for each offline item of a gold set."""
    gold = json.loads((GOLD / f"{name}.json").read_text())
    found = []
    for art in gold["articles"]:
        path = (
            GOLD.parent / "seed" / "article.txt"
            if art["id"] == "seed"
            else GOLD.parent / "corpus" / "bbc-politics" / f"{art['id']}.txt"
        )
        note = briefing.note(str(path), engine="offline", no_cache=True).to_json()
        types = {e["name"]: e["type"] for e in note["entities"]}
        for kind, item, truth in judged_items(scorer, {"articles": [art]}, {art["id"]: note}):
            right = right_in_full(scorer, kind, item, truth)
            found.append((traits(item, kind, types), right, bool(item["verified"])))
    return found


def auc(p: np.ndarray, y: np.ndarray) -> float:
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    return float(np.mean([(a > b) + 0.5 * (a == b) for a in pos for b in neg]))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.5 * (x.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]] / len(y))
    return w


def main() -> None:
    data = {name: rows(name) for name in TUNING + HELD_OUT}
    names = sorted(data["dev"][0][0])

    def matrix(rs: list[tuple[dict[str, bool], bool, bool]]) -> np.ndarray:
        return np.array([[1.0] + [float(r[0][k]) for k in names] for r in rs])

    for label, sets in (("tuning sets", TUNING), ("dev12, dev13, val", HELD_OUT)):
        rs = [r for s in sets for r in data[s]]
        shown = [r[1] for r in rs if r[2]]
        held = [r[1] for r in rs if not r[2]]
        out(
            f"\n{label}: {len(rs)} items, {sum(r[1] for r in rs)} right in full; "
            f"verified {sum(shown)} of {len(shown)} right, check these {sum(held)} of {len(held)}"
        )
        for k in names:
            with_ = [r[1] for r in rs if r[0][k]]
            without = [r[1] for r in rs if not r[0][k]]
            if len(with_) >= 5:
                out(
                    f"  {k:24s} with: {sum(with_):3d} of {len(with_):3d} right "
                    f"({sum(with_) / len(with_):.2f}); without: {sum(without) / len(without):.2f}"
                )
    train = [r for s in TUNING for r in data[s]]
    w = fit(matrix(train), np.array([float(r[1]) for r in train]))
    out("\nAUC for 'right in full' (0.5 = no better than chance)")
    for name in HELD_OUT:
        rs = data[name]
        y = np.array([float(r[1]) for r in rs])
        learned = 1 / (1 + np.exp(-matrix(rs) @ w))
        verified = np.array([float(r[2]) for r in rs])
        out(f"  {name:6s} verified label {auc(verified, y):.3f}, learned {auc(learned, y):.3f}")
        for threshold in (0.4, 0.5):
            keep = learned >= threshold
            out(
                f"         learned >= {threshold}: {int(y[keep].sum())} of {int(keep.sum())} "
                f"right; below: {int(y[~keep].sum())} of {int((~keep).sum())}"
            )
        out(
            f"         verified: {int(y[verified == 1].sum())} of {int(verified.sum())} right; "
            f"check these: {int(y[verified == 0].sum())} of {int((verified == 0).sum())}"
        )


if __name__ == "__main__":
    main()
