"""Summaries and key points never run one quotation across two speakers' sentences, and their
quotation marks are balanced, whichever engine wrote them."""

from __future__ import annotations

import pytest

from briefing.engines import EngineResult, create
from briefing.models import Article, Extraction
from briefing.pipeline import finish_note
from briefing.quotes import balance_quotes
from briefing.sentences import find_words
from briefing.settings import Settings

ARTICLE = (
    "Mr Smith said: “We will build the bridge. It will open in June. Nobody will pay.”\n\n"
    "Ms Jones disagreed. “The plan is late. The money is gone,” she said.\n\n"
    "“We will fight it."
)


def test_two_speakers_sentences_are_two_quotations() -> None:
    spliced = "Mr Smith said: “We will build the bridge. The money is gone,” she said."
    assert balance_quotes(spliced, ARTICLE) == (
        "Mr Smith said: “We will build the bridge.” “The money is gone,” she said."
    )


def test_a_quotation_the_article_continues_stays_one() -> None:
    whole = "Mr Smith said: “We will build the bridge. It will open in June. Nobody will pay.”"
    assert balance_quotes(whole, ARTICLE) == whole
    # Two neighbouring sentences of one quotation, the second not yet closed in the summary.
    assert balance_quotes("“We will build the bridge. It will open in June.", ARTICLE) == (
        "“We will build the bridge. It will open in June.”"
    )


def test_a_sentence_begun_or_cut_mid_quote_is_closed_and_opened() -> None:
    assert balance_quotes("The money is gone,” she said.", ARTICLE) == (
        "“The money is gone,” she said."
    )
    assert balance_quotes("“We will fight it.", ARTICLE) == "“We will fight it.”"
    assert balance_quotes("“The plan is late…", ARTICLE) == "“The plan is late…”"
    # Straight marks stay straight.
    art = 'She said: "It is late. It is dear." He said: "It is fine.'
    assert balance_quotes('She said: "It is late. He said: "It is fine.', art) == (
        'She said: "It is late." He said: "It is fine."'
    )
    assert balance_quotes("No quotation here.", ARTICLE) == "No quotation here."


def test_finish_note_balances_an_llm_summary_and_key_points() -> None:
    article = Article("a", "Bridge row", ARTICLE, "a.txt")
    engine = create("offline", Settings(engine="offline", use_cache=False))
    result = EngineResult(
        [Extraction()],
        summary="Mr Smith said: “We will build the bridge. The money is gone,” she said.",
        key_points=["The money is gone,” she said.", "“We will fight it."],
    )
    note = finish_note(article, engine, result)
    assert note.summary == (
        "Mr Smith said: “We will build the bridge.” “The money is gone,” she said."
    )
    assert note.key_points == ["“The money is gone,” she said.", "“We will fight it.”"]


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["We", "will", "act."], "He said: We  will\nact. Then", (9, 22)),
        (["will", "act."], "will not act. will act.", (14, 23)),  # the leftmost whole match
        (["will", "act."], "willact.", None),  # words must be apart
        (["will", "act"], "we will  stop", None),
        ([], "anything", None),
    ],
)
def test_words_are_found_whatever_the_whitespace_between_them(
    words: list[str], text: str, expected: tuple[int, int] | None
) -> None:
    assert find_words(words, text) == expected
