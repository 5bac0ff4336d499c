"""A passive action names what is acted on, in the sentence's own words."""

from __future__ import annotations

import pytest

from briefing.models import Ask, Commitment
from briefing.offline import phrasing


def _phrased(evidence: str, action: str, text: str = "") -> str:
    item = Commitment("Ministers", action, "", evidence)
    [item] = phrasing.with_subject([item], text or evidence)
    return item.action


@pytest.mark.parametrize(
    ("evidence", "action", "phrased"),
    [
        (
            "The first cards would be issued in 2008 and, when he was introducing the bill, "
            "Mr Blunkett suggested Parliament could decide in 2011.",
            "be issued in 2008",
            "have the first cards issued in 2008",
        ),
        (
            "Nine consulates will also be closed, mostly in Europe and America.",
            "also be closed",
            "have nine consulates closed",
        ),
        (
            "His assurances came after Sir Digby Jones said stability was all important and any "
            "extra cash should be spent on improving workers' skills.",
            "be spent on improving workers' skills",
            "have any extra cash spent on improving workers' skills",
        ),
        (
            "He argued that people accused of terrorist offences should be brought to trial and "
            "be held in prison.",
            "be brought to trial and be held in prison",
            "have people accused of terrorist offences brought to trial and held in prison",
        ),
        (
            "The current detainees would not be freed until the new powers were in place.",
            "not be freed until the new powers were in place",
            "not have the current detainees freed until the new powers were in place",
        ),
        (
            "National Insurance will be raised if Labour wins the next election, Mr Howard said.",
            "be raised if Labour wins the next election",
            "have National Insurance raised if Labour wins the next election",
        ),
        (
            "The Tories would also press Labour over whether its objectives could be met.",
            "also press Labour over whether its objectives could be met",
            "press Labour over whether its objectives could be met",
        ),
        (
            '"By pledging to increase the threshold to £150,000, the Liberal Democrats will help."',
            "to increase the threshold to £150,000",
            "increase the threshold to £150,000",
        ),
    ],
)
def test_an_action_reads_on_its_own(evidence: str, action: str, phrased: str) -> None:
    assert _phrased(evidence, action) == phrased


@pytest.mark.parametrize(
    ("evidence", "action"),
    [
        ("If not they will be released as soon as possible.", "be released as soon as possible"),
        (  # an aside between commas is not the subject
            "The US said Mamdouh Habib, previously accused of terrorist offences, will be "
            "released without charge.",
            "be released without charge",
        ),
        (  # the tail of a list is not the subject
            "Waste from Japan, Germany, Switzerland and Sweden will be stored in the UK.",
            "be stored in the UK",
        ),
        (  # a clause with a verb of its own
            "He believes a lot of preparatory work is still needed to be done by police.",
            "be done by police",
        ),
        ("Northumbria Police said the bridge, by the site, will be shut.", "be shut"),
        (  # a purpose clause before the modal
            "He sought agreements between governments and Britain to ensure suspects would not "
            "be subjected to the death penalty.",
            "not be subjected to the death penalty",
        ),
        ("The minister will cut tax.", "cut tax"),
    ],
)
def test_no_subject_is_guessed_where_none_is_plain(evidence: str, action: str) -> None:
    assert _phrased(evidence, action) == action


def test_a_common_word_opening_the_sentence_is_written_in_lower_case_a_name_is_not() -> None:
    text = "Education will be protected. Spending on education rose."
    assert _phrased("Education will be protected.", "be protected", text) == (
        "have education protected"
    )
    assert _phrased("Scottish councils will be compelled to act.", "be compelled to act") == (
        "have Scottish councils compelled to act"
    )


def test_an_ask_keeps_its_parties() -> None:
    evidence = "The Tories said the law should be changed."
    [ask] = phrasing.with_subject(
        [Ask("Conservatives", "the government", "be changed", "", evidence)], evidence
    )
    assert (ask.actor, ask.addressee, ask.action) == (
        "Conservatives",
        "the government",
        "have the law changed",
    )
