"""ROUGE of the offline engine's summaries against sumy baselines on bbc-summary.

    python benchmarks/offline_summary.py --split valid
    python benchmarks/offline_summary.py --split test   # release figures only: never tune on it

All summaries are cut at --words words before scoring (rouge-score, Porter stemming, F1).
The bbc-summary text is lower-cased; `â£` is a mis-decoded `£` and is repaired first.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.models import Article  # noqa: E402
from briefing.offline import extract  # noqa: E402
from briefing.sentences import split_sentences  # noqa: E402

_WORD = re.compile(r"\w+(?:'\w+)?")


class Tokenizer:
    """sumy tokenizer built on briefing's sentence splitter (sumy's default needs NLTK punkt)."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return split_sentences(text)

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def load(path: Path) -> list[tuple[str, str, str]]:
    """(title, body, reference) rows with the mis-decoded pound sign repaired."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            doc = r["document"].replace("â£", "£")
            title, _, body = doc.partition("\n\n")
            rows.append((title.strip(), body.strip(), r["summary"].replace("â£", "£")))
    return rows


def cut(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def engine(title: str, body: str, words: int) -> str:
    art = Article(id="x", title=title, text=f"{title}\n\n{body}", source="x")
    return extract(art, summary_words=words).summary


def lead_sentences(k: int) -> Callable[[str, str, int], str]:
    def run(title: str, body: str, words: int) -> str:
        return " ".join(split_sentences(body)[:k])

    return run


def lead_words(title: str, body: str, words: int) -> str:
    return body


def sumy_system(name: str, count: int) -> Callable[[str, str, int], str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    cls = {"textrank": TextRankSummarizer, "lexrank": LexRankSummarizer}[name]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tok = Tokenizer()

    def run(title: str, body: str, words: int) -> str:
        doc = PlaintextParser.from_string(body, tok).document
        return " ".join(str(s) for s in summarizer(doc, count))

    return run


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["valid", "test"], default="valid")
    ap.add_argument("--corpus", default=str(ROOT / "../shared/corpus/bbc-summary"))
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--sumy-sentences", type=int, default=5, help="sentences sumy selects")
    ap.add_argument("--only", help="comma-separated systems to run (default: all)")
    a = ap.parse_args()

    from rouge_score import rouge_scorer

    rows = load(Path(a.corpus) / f"{a.split}.csv")
    systems: dict[str, Callable[[str, str, int], str]] = {
        "briefing offline": engine,
        "Lead-3": lead_sentences(3),
        "Lead (100 words)": lead_words,
        "sumy TextRank": sumy_system("textrank", a.sumy_sentences),
        "sumy LexRank": sumy_system("lexrank", a.sumy_sentences),
    }
    if a.only:
        keep = [k.strip().lower() for k in a.only.split(",")]
        systems = {k: v for k, v in systems.items() if any(s in k.lower() for s in keep)}
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    out(f"bbc-summary {a.split}: {len(rows)} articles, summaries cut at {a.words} words")
    out(f"{'system':<20} {'R1':>6} {'R2':>6} {'RL':>6} {'s':>6}")
    for name, run in systems.items():
        t0 = time.perf_counter()
        texts = [cut(run(t, b, a.words), a.words) for t, b, _ in rows]
        took = time.perf_counter() - t0
        tot = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
        for summary, (_, _, ref) in zip(texts, rows, strict=True):
            sc = scorer.score(ref, summary)
            for k in tot:
                tot[k] += sc[k].fmeasure
        r = [100 * tot[k] / len(rows) for k in ("rouge1", "rouge2", "rougeL")]
        out(f"{name:<20} {r[0]:6.2f} {r[1]:6.2f} {r[2]:6.2f} {took:6.1f}")


if __name__ == "__main__":
    main()
