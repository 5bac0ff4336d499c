"""Summary budget, order and key points of the offline engine."""

from __future__ import annotations

from pathlib import Path

from briefing.models import Article
from briefing.offline import extract

SEED = (Path(__file__).parent / "data" / "offline" / "seed.txt").read_text(encoding="utf-8")


def _article(text: str, title: str = "") -> Article:
    return Article(id="a", title=title, text=text, source="a.txt")


def test_summary_respects_word_budget_and_keeps_whole_sentences() -> None:
    x = extract(_article(SEED), summary_words=60)
    assert 0 < len(x.summary.split()) <= 60
    assert not x.summary.endswith("…")
    for sentence in x.summary.split("” ")[0:1]:
        assert sentence.split()[0] in SEED


def test_summary_sentences_appear_in_article_order() -> None:
    x = extract(_article(SEED), summary_words=100)
    positions = []
    for s in (" ".join(SEED.split())).split(". "):
        if s and s in x.summary:
            positions.append(x.summary.index(s))
    assert positions == sorted(positions)
    assert len(positions) >= 2


def test_tiny_budget_cuts_first_sentence_at_word_boundary_with_ellipsis() -> None:
    x = extract(_article(SEED), summary_words=5)
    assert x.summary.endswith("…")
    words = x.summary.rstrip("…").split()
    assert len(words) == 5
    assert " ".join(words) in " ".join(SEED.split())


def test_summary_skips_title_line() -> None:
    text = "Councils told to act\n\n" + SEED
    x = extract(_article(text, title="Councils told to act"))
    assert "Councils told to act" not in x.summary


def test_key_points_are_distinct_and_not_summary_sentences() -> None:
    x = extract(_article(SEED))
    assert 3 <= len(x.key_points) <= 6
    flat = " ".join(SEED.split())
    for p in x.key_points:
        assert p not in x.summary
        assert p.rstrip("…") in flat  # taken from the article, never invented
    assert len({p.lower() for p in x.key_points}) == len(x.key_points)


def test_lower_cased_text_is_split_into_sentences() -> None:
    text = (
        "uk economy faces risks\n\n"
        "the uk economy faces major risks, the chamber said. exports picked up in the quarter. "
        "growth is set to slow next year, it warned. "
        "manufacturers said domestic sales fell back slightly in the quarter."
    )
    x = extract(_article(text, title="uk economy faces risks"), summary_words=12)
    assert len(x.summary.split()) <= 12
    assert x.summary.endswith(".")


def test_extract_is_deterministic() -> None:
    a, b = extract(_article(SEED)), extract(_article(SEED))
    assert a == b
