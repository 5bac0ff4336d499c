"""Commitments and asks of the offline engine scored against the hand-annotated dev set.

    python benchmarks/offline_eval.py                 # P/R/F1 per type
    python benchmarks/offline_eval.py --show          # plus every missed and spurious item

Uses `score()` from the shared scorer, with a digest built in-process (no CLI needed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.models import Article  # noqa: E402
from briefing.offline import extract  # noqa: E402


def load_scorer(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def article_for(aid: str, corpus: Path, seed: Path) -> Article:
    src = seed if aid == "seed" else corpus / f"{aid}.txt"
    text = src.read_text(encoding="utf-8")
    title = "" if aid == "seed" else text.split("\n", 1)[0].strip()
    return Article(id=aid, title=title, text=text, source=str(src.parent / f"{aid}.txt"))


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "../shared/eval/dev.json"))
    ap.add_argument("--corpus", default=str(ROOT / "../shared/corpus/bbc-politics"))
    ap.add_argument("--seed", default=str(ROOT / "../shared/seed/article.txt"))
    ap.add_argument("--show", action="store_true", help="list missed and spurious items")
    a = ap.parse_args()
    scorer = load_scorer(Path(a.gold).parent / "score.py")
    gold = json.loads(Path(a.gold).read_text())
    notes = []
    for g in gold["articles"]:
        art = article_for(g["id"], Path(a.corpus), Path(a.seed))
        x = extract(art)
        notes.append(
            {
                "article": {"source": art.source},
                "commitments": [c.to_json() for c in x.commitments],
                "asks": [q.to_json() for q in x.asks],
            }
        )
        if a.show:
            for t, key in (("commitment", "commitments"), ("ask", "asks")):
                golds = [i for i in g["items"] if i["type"] == t]
                for item in notes[-1][key]:
                    ok = any(scorer.match(item["evidence"], gi) for gi in golds)
                    who = f"{item['actor']} -> {item.get('addressee', '')}"
                    out(f"{'  ok' if ok else 'SPUR'} {t:10} [{who}] {item['evidence'][:150]}")
                for gi in golds:
                    if not any(scorer.match(i["evidence"], gi) for i in notes[-1][key]):
                        out(f"MISS {t:10} [{gi['actor']}] {gi['evidence'][:150]}")
    result = scorer.score(gold, {"notes": notes})
    out(f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'sys':>5} {'gold':>5}")
    for t, r in result.items():
        out(f"{t:<12} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} {r['sys']:5d} {r['gold']:5d}")


if __name__ == "__main__":
    main()
