"""Who acts and who is asked in a sentence the judge puts forward (the role ranker)."""

from __future__ import annotations

import re

import pytest

from briefing.models import Article
from briefing.offline import entities, extract, roles, rules_reading, summarize

LEAD = (
    "The debate went on late into the night.\n\nMPs met in the chamber on Monday.\n\n"
    "The vote was close.\n\n"
)


def _asks(text: str) -> list[tuple[str, str, str]]:
    article = Article(id="t", title="Test", text=LEAD + text, source="t.txt")
    return [(a.actor, a.addressee, a.found_by) for a in extract(article).asks]


def test_the_one_urged_in_a_passive_request_is_the_addressee_and_the_body_named_before_asks() -> (
    None
):
    text = (
        "Oxfam published its report on Monday.\n\n"
        "Tony Blair is being urged to use all his negotiating powers to end poor countries' "
        "debt and double aid."
    )
    assert _asks(text) == [("Oxfam", "Tony Blair", "judge")]


def test_who_suggests_asks_and_the_one_who_should_act_is_asked_by_full_name() -> None:
    text = (
        "Tony Blair and Gordon Brown met on Monday.\n\n"
        "Lord Haskins even suggested Mr Blair should reinstate Mr Brown as the central figure "
        "in the election planning."
    )
    assert _asks(text) == [("Lord Haskins", "Tony Blair", "judge")]


@pytest.mark.parametrize(
    ("sentence", "act", "expected"),
    [
        ("Ministers should act now.", r"should\s+", ("subject", "Ministers")),
        ("He said the party will cut taxes.", r"will\s+", ("subject", "the party")),
        ("Oxfam urged the G8 leaders to act.", r"urged\s+", ("object", "the G8 leaders")),
        ("Tony Blair is being urged to act.", r"urged\s+", ("passive", "Tony Blair")),
    ],
)
def test_the_words_where_the_acts_subject_or_object_stands(
    sentence: str, act: str, expected: tuple[str, str]
) -> None:
    assert roles.act_phrase(sentence, re.search(act, sentence)) == expected


def _ranker(weights: dict[str, float], bias: float = 0.0) -> roles.Ranker:
    model = {"bias": bias, "weights": weights}
    return roles.Ranker.from_json({role: model for role in roles.ROLES})


def test_the_one_asked_is_never_the_one_asking_and_none_is_named_below_the_floor() -> None:
    candidates = {"Oxfam": {"before"}, "Tony Blair": {"after"}, "Labour": set()}
    ranker = _ranker({"before": 3.0, "after": 1.0})
    assert roles.best(candidates, "ask", ranker) == "Oxfam"
    assert roles.best(candidates, "addressee", ranker, other_than="Oxfam") == "Tony Blair"
    # p(after) = 1 / (1 + e^-1) = .73: named at a floor of .7, not at .8
    assert roles.best(candidates, "addressee", ranker, 0.7, other_than="Oxfam") == "Tony Blair"
    assert roles.best(candidates, "addressee", ranker, 0.8, other_than="Oxfam") == ""


def test_the_shipped_ranker_has_a_model_for_each_role() -> None:
    shipped = roles.shipped()
    assert shipped is roles.shipped()
    assert all(shipped.models[role].weights for role in roles.ROLES)


def test_the_reporter_is_a_party_the_article_names_never_a_bare_role() -> None:
    text = (
        "Michael Howard unveiled his plans on Monday.\n\n"
        "The money will go back into frontline services, Mr Howard said.\n\n"
        "The plans will be costed in full, a spokesman said.\n\n"
        "Michael Howard spoke to reporters."
    )
    article = Article(id="t", title="Test", text=text, source="t.txt")
    spans = summarize.body_spans(text, article.title)
    index = entities.find(text)
    _, _, speakers = rules_reading(text, spans, index)
    parties = roles.Parties(text, spans, index, speakers)
    said = [text[a:b] for a, b in spans]
    assert parties.reporter(said.index("Michael Howard unveiled his plans on Monday.")) == ""
    k = said.index("The money will go back into frontline services, Mr Howard said.")
    assert parties.reporter(k) == "Michael Howard"
    assert parties.reporter(said.index("The plans will be costed in full, a spokesman said.")) == ""


@pytest.mark.parametrize(
    "text",
    [
        "A group of MPs has tried to raise the pressure on Tony Blair over reform to the House "
        "of Lords by publishing a detailed blueprint for change.",
        "Acpo made its call for stronger closure powers in a paper for the Commons home affairs "
        "select committee.",
        '"I don\'t see why the prime minister has to get involved in this," the editor told '
        "BBC Radio 4's Today programme.",
    ],
)
def test_the_one_asked_is_never_a_clause_or_the_thing_asked_for(text: str) -> None:
    for _, addressee, _ in _asks(text):
        assert not re.search(r"\b(?:on|in|don't|why)\b", addressee), addressee
