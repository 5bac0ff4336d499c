"""The offline engine's sentence judge: a second opinion on each sentence, never a verified item."""

from __future__ import annotations

import pytest

import briefing
from briefing.models import Article, Commitment
from briefing.offline import extract, judge

STAY = "The men will stay behind bars while ministers decide how to react."
# The judge weighs where a sentence stands: these tests' sentences stand fourth.
LEAD = (
    "The debate went on late into the night.\n\nMPs met in the chamber on Monday.\n\n"
    "The vote was close.\n\n"
)


def _article(sentence: str) -> Article:
    return Article(id="t", title="Test", text=LEAD + sentence, source="t.txt")


def test_the_judge_puts_forward_a_sentence_the_rules_read_nothing_in() -> None:
    assert extract(_article(STAY), judged=False).commitments == []
    [c] = extract(_article(STAY)).commitments
    assert (c.found_by, c.evidence, c.action) == ("judge", STAY, "stay behind bars")


def test_the_judges_item_is_never_verified_and_says_why() -> None:
    note = briefing.note(text=LEAD + STAY, title="Test", engine="offline")
    [c] = note.commitments
    assert not c.verified and c.checks.rules is False and c.found_by == "judge"
    assert "found by a model alone: the rules read nothing in this sentence" in (
        c.checks.failures()
    )
    assert "found by a model alone" in briefing.to_markdown(note).split("Check these")[1]


def test_the_judge_rules_out_an_item_it_finds_very_unlikely() -> None:
    text = (
        "Ms Khan said the human rights movement would make itself irrelevant if it turned away "
        "from the suffering caused by economic strife."
    )
    assert len(extract(_article(text), judged=False).commitments) == 1
    assert extract(_article(text)).commitments == []


@pytest.mark.parametrize(
    "text",
    [
        "If the party is found to have broken the rules, it will be asked to stop at once.",
        "A positive test for TB would mean visa applications being turned down.",
    ],
)
def test_the_judge_does_not_put_back_what_the_rules_rule_out_by_meaning(text: str) -> None:
    pc, _ = judge.probabilities(judge.features(text, 3, None, None))
    assert pc >= judge.ADD  # the words alone look like a pledge ...
    assert extract(_article(text)).commitments == []  # ... the meaning says otherwise


def test_the_shipped_judge_loads_both_models_once() -> None:
    shipped = judge.shipped()
    assert shipped is judge.shipped()
    assert shipped.commitment.weights and shipped.ask.weights
    assert "RC" in shipped.commitment.weights and "RA" in shipped.ask.weights


def _judged(text: str) -> list[Commitment]:
    return [c for c in extract(_article(text)).commitments if c.found_by == "judge"]


def test_the_judges_item_reads_a_refusal_a_condition_and_a_deadline_as_the_rules_do() -> None:
    [refusal] = _judged('He said: "We are not going to suggest people support one party."')
    assert (refusal.stance, refusal.conditional) == ("refuse", False)
    [offer] = _judged(
        "They are ready to fly out and secure the route to the airport if called upon."
    )
    assert (offer.stance, offer.conditional) == ("commit", True)
    [dated] = _judged(
        "About 4,300 civil servants will leave London and the South East by the end of March 2005."
    )
    assert dated.deadline == "by the end of March 2005"


def test_the_judges_item_says_who_reported_it_when_that_is_not_its_actor() -> None:
    sentence = "The bulk of the money will go back into frontline services, Mr Howard said."
    act = judge._COMMIT_AT.search(sentence)
    assert act is not None
    assert judge._reading(sentence, act, "the government", "Michael Howard")["said_by"] == (
        "Michael Howard"
    )
    assert judge._reading(sentence, act, "Michael Howard", "Michael Howard")["said_by"] == ""


def test_what_is_announced_by_someone_is_the_subject_not_the_agent() -> None:
    sentence = "New targets to cut delays in courts have been announced by the lord chancellor."
    put = judge._put_forward(sentence, judge._COMMIT_AT)
    assert put is not None and put[0] == "New targets to cut delays in courts"


def test_a_consequence_with_an_adverb_is_no_pledge() -> None:
    text = "A positive test for TB would automatically mean visa applications being turned down."
    assert extract(_article(text)).commitments == []
