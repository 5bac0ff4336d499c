"""Plans put forward and roles resolved to their holder (issue 9, fourth round).

Sentences are made up, in the manner of the BBC politics articles the rules were read from.
"""

from __future__ import annotations

import pytest
from helpers import offline as run


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "Shadow chancellor Oliver Letwin spoke first. Chancellor Gordon Brown replied. The "
            "chancellor also unveiled plans for a new museum of rail, funded by a special coin.",
            "Gordon Brown",
            "plans for a new museum of rail",
        ),
        (
            "The Green Party launched a £20m initiative to plant trees along every "
            "motorway by 2012.",
            "Green Party",
            "a £20m initiative to plant trees along every motorway by 2012",
        ),
        (
            "The Liberal Democrats have published their own proposals to scrap tuition fees.",
            "Liberal Democrats",
            "scrap tuition fees",
        ),
    ],
)
def test_a_plan_put_forward_is_its_authors_commitment(text: str, actor: str, action: str) -> None:
    (c,) = run(text).commitments
    assert actor in c.actor
    assert c.action == action
    assert c.evidence in text


@pytest.mark.parametrize(
    "text",
    [
        "Critics attacked plans for a new tax on flights.",
        "The plans for a new tax on flights were unveiled last year.",
        "Mr Davey was speaking as the party launched its plans for the council elections.",
        "If the council publishes plans for a bypass, residents will object.",
    ],
)
def test_plans_someone_else_put_forward_or_background_are_not_commitments(text: str) -> None:
    assert [c.action for c in run(text).commitments] == []


def test_a_role_names_its_one_holder_not_a_shadow_or_deputy() -> None:
    text = (
        "Home Secretary Charles Clarke wrote to MPs on Monday. Shadow home secretary David "
        "Davis attacked the plans. The home secretary will publish the detention rules in March."
    )
    (c,) = run(text).commitments
    assert c.actor == "Charles Clarke"


def test_families_and_relatives_can_commit() -> None:
    (c,) = run("The soldiers' families will appeal against the ruling.").commitments
    assert "families" in c.actor
    assert c.action == "appeal against the ruling"


@pytest.mark.parametrize(
    "text",
    [
        "Their lawyer said the families would be reunited with the men at home.",
        "If the party is found to have broken the rules, it will be asked to stop at once.",
    ],
)
def test_what_others_do_to_an_agent_is_not_its_commitment(text: str) -> None:
    assert [c.action for c in run(text).commitments] == []


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "The minimum wage will rise in October, benefiting 1m people, the government has "
            "announced.",
            "government",
            "The minimum wage will rise in October",
        ),
        (
            "Chancellor Gordon Brown has announced help for pensioners. Mr Brown told MPs the "
            "winter fuel payment would rise to £300 for the over-80s.",
            "Gordon Brown",
            "the winter fuel payment would rise to £300 for the over-80s",
        ),
    ],
)
def test_a_change_in_a_rate_a_body_sets_is_its_decision(text: str, actor: str, action: str) -> None:
    (c,) = run(text).commitments
    assert actor in c.actor
    assert c.action == action


@pytest.mark.parametrize(
    "text",
    [
        "Prices will rise in October, the retailers have warned.",
        "Under a new Labour government the tax credit would rise to pay for it, Mr Howard said.",
        "Critics say child benefit will fall in real terms.",
    ],
)
def test_forecasts_and_charges_about_rates_are_not_commitments(text: str) -> None:
    assert [c.action for c in run(text).commitments] == []


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "Anyone wanting to open a casino will have to pass a fitness test, Culture Secretary "
            "Tessa Jowell has said.",
            "Tessa Jowell",
            "Anyone wanting to open a casino will have to pass a fitness test",
        ),
        (
            "Overseas students staying more than a year will have to register with a doctor, "
            "under plans unveiled by the Conservatives.",
            "Conservatives",
            "Overseas students staying more than a year will have to register with a doctor",
        ),
    ],
)
def test_a_rule_stated_as_what_it_binds_others_to_is_its_authors_commitment(
    text: str, actor: str, action: str
) -> None:
    (c,) = run(text).commitments
    assert actor in c.actor
    assert c.action == action


@pytest.mark.parametrize(
    "text",
    [
        "Voters would have to decide at the next election which party deserves their trust.",
        "Critics claimed people would have to pay more for their pensions under the plans.",
        '"Students will have to work harder," said the lecturer.',
        "Mr Brown will have to raise taxes after the election, Mr Letwin predicted.",
    ],
)
def test_forecasts_of_what_others_will_have_to_do_are_not_commitments(text: str) -> None:
    assert [c.action for c in run(text).commitments] == []


def test_they_plan_and_they_want_resolve_to_the_body_named_before() -> None:
    text = (
        "Ministers say the new rules would make grants simpler. They also plan a review of "
        "every grant in 2006. They also want to set up a helpline for claimants."
    )
    actions = [(c.actor, c.action) for c in run(text).commitments]
    assert ("Ministers", "a review of every grant in 2006") in actions
    assert ("Ministers", "set up a helpline for claimants") in actions


@pytest.mark.parametrize(
    "text",
    [
        "The group is meeting this week to plan a campaign.",
        "Visitors can phone ahead when they want to view particular papers.",
    ],
)
def test_planning_as_a_purpose_or_inside_a_when_clause_is_not_a_commitment(text: str) -> None:
    assert [c.action for c in run(text).commitments] == []


@pytest.mark.parametrize(
    "text",
    [
        "But judicial reviews into five other deaths in southern Iraq were ruled out.",
        'Sir Digby Jones added: "I don\'t think he will."',
    ],
)
def test_no_commitment_without_an_action(text: str) -> None:
    assert [c for c in run(text).commitments if not c.action] == []


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "Health Minister Jane Hutt said no patient would wait more than a year for an "
            "operation by March 2006.",
            "Jane Hutt",
            "no patient would wait more than a year for an operation by March 2006",
        ),
        (
            "The National Union of Teachers (NUT) will ballot its members in May.",
            "National Union of Teachers",
            "ballot its members in May",
        ),
    ],
)
def test_guarantees_and_bodies_named_with_their_acronym(text: str, actor: str, action: str) -> None:
    (c,) = run(text).commitments
    assert c.actor == actor
    assert c.action == action


@pytest.mark.parametrize(
    "text",
    [
        "Mr Blair said no one would be surprised by the result.",
        "Critics said no patient would be treated on time.",
    ],
)
def test_no_one_statements_that_guarantee_nothing(text: str) -> None:
    assert [c.action for c in run(text).commitments] == []


def test_activists_and_protesters_can_commit() -> None:
    (c,) = run("The activists said they would ignore the ban and go on hunting.").commitments
    assert "activists" in c.actor
    assert c.action.startswith("ignore the ban")


@pytest.mark.parametrize(
    "text",
    [
        "A positive test for TB would mean visa applications being turned down.",
        'She said: "These proposals would increase the costs to the public purse every year."',
    ],
)
def test_consequences_and_critics_claims_about_a_plan_are_not_commitments(text: str) -> None:
    assert [c.action for c in run(text).commitments] == []


def test_a_measure_that_increases_something_is_its_authors_commitment() -> None:
    text = (
        "Education Secretary Ruth Kelly has announced a £50m package for school sport. The "
        "package will also increase the number of sports colleges from 350 to 400."
    )
    actions = {c.action: c.actor for c in run(text).commitments}
    assert actions.get("also increase the number of sports colleges from 350 to 400") == (
        "Ruth Kelly"
    )


def test_a_refusal_already_made_still_stands() -> None:
    text = "Mr Kennedy has already ruled out joining a coalition after the election."
    (c,) = run(text).commitments
    assert c.stance == "refuse"
    assert c.action.startswith("joining a coalition")
