"""Quotes are checked against the source and shown in the source's words; findings from several
chunks collapse into one list in article order."""

from __future__ import annotations

import pytest

from briefing.merge import merge_extractions
from briefing.models import Ask, Commitment, Entity, Extraction
from briefing.redact import remove_foreign_urls
from briefing.verify import SourceIndex

SOURCE = (
    "Minister of Interior Sar Kheng met UK ambassador Dominic Williams on April 5.\n\n"
    "“We are strongly committed to combating all kinds of transnational crimes, especially "
    "human trafficking and illegal drugs,” he said.\n\n"
    "The ministry will publish a new anti-trafficking plan by the end of June — the first "
    "since 2019.\n\n"
    "Sar Kheng urged  the UK to share its experience with\nCambodian law enforcement officers."
)


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return SourceIndex(SOURCE)


def shown(index: SourceIndex, quote: str) -> str | None:
    span = index.locate(quote)
    return None if span is None else SOURCE[span[0] : span[1]]


def test_exact_quote(index: SourceIndex) -> None:
    quote = "The ministry will publish a new anti-trafficking plan by the end of June"
    assert shown(index, quote) == quote


@pytest.mark.parametrize(
    ("model_quote", "source_span"),
    [
        # straight quotes for curly ones; a quotation is shown with its opening mark
        (
            '"We are strongly committed to combating all kinds of transnational crimes',
            "“We are strongly committed to combating all kinds of transnational crimes",
        ),
        # a hyphen for an em dash, and a different case
        (
            "the end of june - the first since 2019",
            "the end of June — the first since 2019",
        ),
        # collapsed whitespace and a line break
        (
            "Sar Kheng urged the UK to share its experience with Cambodian law enforcement",
            "Sar Kheng urged  the UK to share its experience with\nCambodian law enforcement",
        ),
    ],
)
def test_normalised_quote_is_found_and_shown_as_the_source_has_it(
    index: SourceIndex, model_quote: str, source_span: str
) -> None:
    assert shown(index, model_quote) == source_span


def test_fuzzy_match_accepts_a_dropped_comma_and_a_typo(index: SourceIndex) -> None:
    quote = (
        "We are strongly committed to combatting all kinds of transnational crimes especially "
        "human trafficking and illegal drugs he said."
    )
    found = shown(index, quote)
    assert found is not None
    assert found.startswith("“We are strongly committed to combating")  # the source's words
    assert "combatting" not in found


@pytest.mark.parametrize(
    "paraphrase",
    [
        "Sar Kheng said Cambodia is firmly committed to fighting every type of cross-border crime.",
        "The interior ministry plans to release a fresh strategy against trafficking by June.",
        "Sar Kheng asked the United Kingdom to train Cambodian police officers in future.",
        "committed to fighting crime",  # too short to match fuzzily, and not verbatim either
        "The ministry will publish a new plan",  # words from the source, but not contiguous
    ],
)
def test_paraphrase_or_invention_is_rejected(index: SourceIndex, paraphrase: str) -> None:
    assert index.locate(paraphrase) is None


def test_empty_quote_is_not_found(index: SourceIndex) -> None:
    assert index.locate("") is None
    assert index.locate('  ""  ') is None


def test_foreign_urls_are_removed_from_model_text() -> None:
    source = "See https://gov.example/plan for details."
    assert (
        remove_foreign_urls("at https://gov.example/plan", source) == "at https://gov.example/plan"
    )
    assert "evil" not in remove_foreign_urls("click https://evil.example/x now", source)
    assert "javascript:" not in remove_foreign_urls("javascript:alert(1)", source)


# -- merge --------------------------------------------------------------------------------------

PLAN = "The ministry will publish a new anti-trafficking plan by the end of June"
URGE = "Sar Kheng urged the UK to share its experience with Cambodian law enforcement officers."
COMMITTED = "We are strongly committed to combating all kinds of transnational crimes"


def test_duplicates_across_chunks_collapse_and_come_out_in_article_order(
    index: SourceIndex,
) -> None:
    chunk_two = Extraction(
        key_points=["A plan is due by June."],
        commitments=[
            Commitment("The ministry", "publish an anti-trafficking plan", "end of June", PLAN),
            Commitment("Sar Kheng", "combat transnational crime", "", COMMITTED),
        ],
        asks=[Ask("Sar Kheng", "UK", "share its experience", "", URGE)],
        entities=[Entity("UK", "country", ""), Entity("Sar Kheng", "person", "minister")],
    )
    chunk_one = Extraction(
        key_points=["a plan is due by june", "Sar Kheng met the UK ambassador."],
        commitments=[
            # the same commitment, quoted with other quote marks and case by another chunk
            Commitment("Ministry", "publish an anti-trafficking plan", "June", PLAN.lower()),
            Commitment("Cambodia", "combat transnational crimes", "", f'"{COMMITTED}"'),
        ],
        asks=[Ask("Sar Kheng", "the UK", "share its experience", "", URGE.upper())],
        entities=[Entity("uk", "country", "host of the ambassador"), Entity("Sar Kheng", "", "")],
    )
    findings = merge_extractions([chunk_two, chunk_one], index)

    # article order, one each, in the source's words (with its opening quotation mark)
    assert [c.evidence for c in findings.commitments] == [f"“{COMMITTED}", PLAN]
    assert all(c.verified for c in findings.commitments)
    assert len(findings.asks) == 1 and findings.asks[0].verified
    assert findings.asks[0].evidence in SOURCE  # the source's words, not the upper-cased quote
    assert len(findings.key_points) == 2  # "A plan is due by June." said twice
    names = [e.name for e in findings.entities]
    assert sorted(n.lower() for n in names) == ["sar kheng", "uk"]
    assert findings.warnings == []


def test_unverified_items_are_kept_last_and_flagged(index: SourceIndex) -> None:
    invented = Commitment("UK", "fund training", "", "The UK will fund training for 500 officers.")
    extraction = Extraction(
        commitments=[invented, Commitment("The ministry", "publish a plan", "June", PLAN)]
    )
    findings = merge_extractions([extraction], index)
    assert [c.verified for c in findings.commitments] == [True, False]
    assert findings.commitments[1].evidence == "The UK will fund training for 500 officers."
    assert any("not in the article" in w for w in findings.warnings)


def test_two_items_from_one_sentence_with_different_actions_are_both_kept() -> None:
    source = SourceIndex(
        "The council will repair the bridge and will open a new library by May. Nothing else."
    )
    sentence = "The council will repair the bridge and will open a new library by May."
    findings = merge_extractions(
        [
            Extraction(
                commitments=[
                    Commitment("The council", "repair the bridge", "", sentence),
                    Commitment("The council", "open a new library", "May", sentence),
                ]
            )
        ],
        source,
    )
    assert [c.action for c in findings.commitments] == ["repair the bridge", "open a new library"]


def test_entities_absent_from_the_article_are_not_listed(index: SourceIndex) -> None:
    """SmolLM2's recorded runs list invented people ("Billy Crystal", "Theresa May") and verbs
    ("dance with") under Who's who; a note shows them as fact. An entity whose words are not in
    the article should be dropped (or at least flagged), like an unverified quote."""
    extraction = Extraction(
        entities=[
            Entity("Sar Kheng", "person", "minister of interior"),
            Entity("Dominic Williams", "person", "UK ambassador"),
            Entity("Billy Crystal", "person", "comedian"),
            Entity("dance with", "other", ""),
        ]
    )
    names = [e.name for e in merge_extractions([extraction], index).entities]
    assert names == ["Sar Kheng", "Dominic Williams"]


SEED_TEXT = (
    "“I ask the UK to further strengthen cooperation, and share their experiences and practices "
    "for enhancing the capacity of the Cambodian law enforcement forces in the fight against "
    "transnational crime,” Sar Kheng wrote. Minister of Interior Sar Kheng met with UK ambassador "
    "Dominic Williams on April 5 to discuss cooperation on fighting human trafficking."
)


def test_summary_sentences_made_of_words_not_in_the_article_are_flagged() -> None:
    source = SourceIndex(SEED_TEXT)
    faithful = (
        "Sar Kheng asked the UK to strengthen cooperation and share law enforcement practices. "
        "Cambodia's interior minister met Britain's envoy about human trafficking."
    )
    # What SmolLM2 wrote for another article (tests/cassettes/kinnock-lords-two-chunks-...).
    invented = "The British Council was established by the Labour Party to promote the arts."
    assert source.ungrounded(faithful) == []
    assert source.ungrounded(f"{faithful} {invented}") == [invented]
    assert source.ungrounded("Short one.") == []  # too few words to judge


def test_summary_sentences_naming_or_numbering_what_the_article_does_not_are_flagged() -> None:
    """Word overlap passes an invented funder or a wrong figure in an otherwise faithful
    sentence; names and numbers the article never uses are caught."""
    source = SourceIndex(SEED_TEXT)
    funder = "Sar Kheng met the UK ambassador, whose visit was paid for by Oxfam."
    figure = "Sar Kheng met the UK ambassador on April 9 to discuss human trafficking."
    assert source.ungrounded(f"{funder} {figure}") == [funder, figure]
    assert source.unsupported(funder) == "names Oxfam, which the article does not"
    assert source.unsupported(figure) == "gives the number 9, which the article does not"
    assert source.unsupported("Sar Kheng met the UK ambassador on April 5.") == ""


def test_a_person_given_another_partys_role_is_flagged() -> None:
    """Every word is the article's, so word overlap passes it: Qwen2.5-1.5B made the Tory
    leader the leader of the Labour Party (val.json: howard-hits-back-at-mongrel-jibe)."""
    source = SourceIndex(
        "Tory leader Michael Howard hit back at Labour on Tuesday.\n\n"
        "Peter Hain said Mr Howard was wrong. Lib Dem leader Charles Kennedy agreed. "
        "Jack Cunningham, an ex-Labour MP, will stand down."
    )
    assert source.unsupported("Michael Howard, the leader of the Labour Party, hit back.") == (
        "calls Michael Howard Labour Party leader, which the article does not"
    )
    assert source.unsupported("Labour leader Michael Howard hit back at Peter Hain.")
    assert source.unsupported("Michael Howard, the Labour leader, hit back at Peter Hain.")
    for faithful in (
        "Conservative leader Michael Howard hit back at Labour.",  # an alias of the party
        "Michael Howard, the Tory leader, hit back at Labour.",
        "Liberal Democrat leader Charles Kennedy agreed with Peter Hain.",
        "Labour MP Jack Cunningham will stand down.",
    ):
        assert source.unsupported(faithful) == "", faithful


def test_a_name_the_article_uses_in_the_plural_is_not_flagged() -> None:
    """Qwen wrote "Liberal Democrat leader" for an article that says "Liberal Democrats"."""
    source = SourceIndex("The Liberal Democrats said taxes would rise under the plan.")
    assert source.unsupported("The Liberal Democrat leader said taxes would rise.") == ""
