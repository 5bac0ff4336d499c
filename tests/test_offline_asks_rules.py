"""Asks: phrasings and attributions added in issue 9's fourth round (made-up sentences)."""

from __future__ import annotations

from briefing.models import Article, Ask, Extraction
from briefing.offline import extract


def run(text: str) -> Extraction:
    return extract(Article(id="t", title="", text=text, source="t.txt"))


def one_ask(text: str) -> Ask:
    asks = run(text).asks
    assert len(asks) == 1, asks
    return asks[0]


def test_the_prime_minister_who_urges_is_the_person_the_paragraph_reports() -> None:
    ask = one_ask(
        "Tony Dale said the war was wrong.\n"
        'The prime minister also urged Europe and the US to "build anew their alliance".'
    )
    assert ask.actor == "Tony Dale"
    assert ask.addressee == "Europe and US"
    assert ask.said_by == ""


def test_an_office_with_no_known_holder_stays_the_office() -> None:
    assert one_ask("The prime minister urged Europe to act.").actor == "prime minister"
    # a shadow minister is not the minister; a person with another role is not the holder
    ask = one_ask("Tony Dale said the war was wrong.\nThe shadow home secretary urged MPs to act.")
    assert ask.actor == "shadow home secretary"
    ask = one_ask("Tory leader Tom Dale said no.\nThe prime minister urged Europe to act.")
    assert ask.actor == "prime minister"
