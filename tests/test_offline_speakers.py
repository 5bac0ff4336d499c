"""Who speaks for whom: parties as bodies, roles with a complement, a speaker's own side
(issue 9, sixth round).

Sentences are made up, in the manner of the BBC politics articles the rules were read from.
"""

from __future__ import annotations

import pytest
from helpers import offline as run


def test_a_party_that_speaks_is_still_a_body_and_a_role_keeps_its_complement() -> None:
    text = (
        "The Liberal Democrats said the plan was wrong. Liberal Democrat spokesman for "
        'pensions Tom Baker said: "Older people deserve better." He said his party would '
        "raise the basic state pension by £25 a week."
    )
    x = run(text)
    kinds = {e.name: e for e in x.entities}
    assert kinds["Liberal Democrats"].type == "organisation"
    assert kinds["Tom Baker"].role == "Liberal Democrat spokesman for pensions"
    [c] = x.commitments
    assert c.actor == "Liberal Democrats"
    assert c.said_by == "Tom Baker"
    assert c.action.startswith("raise the basic state pension")


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "Home Secretary Jane Hill said the new rules would make the visa system simpler "
            "for students.",
            "Jane Hill",
            "make the visa system simpler for students",
        ),
        (
            "But Pensions Minister Ian Kemp said the plans would not affect existing pensions.",
            "Kemp",
            "not affect existing pensions",
        ),
        (
            "Mayor Sam Reed admitted his remarks had been clumsy, and said on Monday he would "
            "not resign whatever the inquiry found.",
            "Sam Reed",
            "not resign whatever the inquiry found",
        ),
    ],
)
def test_what_a_speakers_own_plans_do_and_a_vow_after_an_admission(
    text: str, actor: str, action: str
) -> None:
    [c] = run(text).commitments
    assert actor in c.actor
    assert c.action == action


@pytest.mark.parametrize(
    "text",
    [
        "Critics said the new rules would make the visa system more expensive.",
        "Mayor Sam Reed admitted he would probably resign if the inquiry went against him.",
    ],
)
def test_an_admission_or_a_critics_forecast_is_still_no_commitment(text: str) -> None:
    assert run(text).commitments == []


def test_the_office_named_for_the_person_the_paragraph_reports() -> None:
    text = (
        "Tony Blair said village halls mattered to every town. The prime minister launched a "
        "£300m fund to rebuild village halls by 2008."
    )
    [c] = run(text).commitments
    assert c.actor == "Tony Blair"


def test_an_office_is_not_given_to_the_one_who_speaks_of_it() -> None:
    text = (
        "Judge Tom Wood spoke to the committee. Mr Wood said it was inconceivable that the "
        "lord chancellor would overrule the judges."
    )
    assert all(c.actor != "Tom Wood" for c in run(text).commitments)


def test_those_written_to_are_them_and_they_who_are_asked_again() -> None:
    text = (
        "The Bishop of Leeds wrote to all three parties urging them not to scare voters. "
        "He said they should talk instead about jobs and schools."
    )
    asks = run(text).asks
    assert [(a.addressee, a.action) for a in asks] == [
        ("all three parties", "not to scare voters"),
        ("all three parties", "talk instead about jobs and schools"),
    ]


def test_an_unknown_them_is_not_part_of_the_action() -> None:
    text = "Union leader Bob Crow urged them to think again."
    [a] = run(text).asks
    assert a.action == "think again"


def test_the_us_is_a_country_not_the_pronoun_us() -> None:
    [a] = run("Gordon Brown said the US needed to take more action on aid.").asks
    assert a.addressee == "US"


def test_a_plural_in_ies_can_be_the_party_asked() -> None:
    text = 'Charity director Ann Lee said: "Political parties must stop ignoring older voters."'
    [a] = run(text).asks
    assert a.actor == "Ann Lee"
    assert a.action == "stop ignoring older voters"


def test_not_intending_to_is_a_refusal() -> None:
    text = (
        "Home Secretary Jane Hill defended the bill. Ms Hill says she does not intend to use "
        "the new curfew powers this year."
    )
    [c] = run(text).commitments
    assert (c.actor, c.stance) == ("Jane Hill", "refuse")
    assert c.action == "use the new curfew powers this year"


def test_what_replaces_something_is_not_the_one_who_acts() -> None:
    text = "The county councils will be replaced by a single authority, the government said."
    [c] = run(text).commitments
    assert c.actor == "the government"


def test_it_was_vital_that_is_a_reported_demand_of_no_one_before_it() -> None:
    text = "Council spokesman Bob Reed, of Leeds, said it was vital that rises were kept down."
    [a] = run(text).asks
    assert a.actor == "Bob Reed"
    assert a.addressee != "Leeds"


@pytest.mark.parametrize(
    "text",
    [
        "Mr Hill said the mayor should know by now that his remarks cause offence.",
        'Mayor Bob Hill told the BBC: "Some people think that women should stay at home."',
    ],
)
def test_a_rebuke_or_a_view_reported_of_others_is_not_an_ask(text: str) -> None:
    assert run(text).asks == []


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "The Tories unveiled their crime plans on Monday. Other Tory plans include "
            "building more prisons.",
            "Conservatives",
            "building more prisons",
        ),
        ("Labour's plans include scrapping tuition fees.", "Labour", "scrapping tuition fees"),
        (
            "The proposals include a new tax on second homes, the Liberal Democrats said.",
            "Liberal Democrats",
            "a new tax on second homes",
        ),
    ],
)
def test_what_a_partys_plans_include_is_its_commitment(text: str, actor: str, action: str) -> None:
    [c] = run(text).commitments
    assert (c.actor, c.action) == (actor, action)


def test_what_a_report_includes_is_nobodys_plan() -> None:
    assert run("The figures include a rise in crime in most cities.").commitments == []


@pytest.mark.parametrize(
    "text",
    [
        "The report said the government should make clear how it intends to measure success.",
        "The paper said the minister did not know when other countries were planning to vote.",
        "As farm minister he caused a row when he decided to ban beef on the bone.",
    ],
)
def test_a_plan_inside_a_how_or_when_clause_is_no_one_s_commitment(text: str) -> None:
    assert run(text).commitments == []


def test_it_argues_is_the_body_named_before() -> None:
    text = (
        "The Liberal Democrats tabled a motion on Monday. It argues decisions should be taken "
        "on a higher standard of proof."
    )
    [a] = run(text).asks
    assert a.actor == "Liberal Democrats"


@pytest.mark.parametrize(
    ("text", "actor", "addressee", "action"),
    [
        (
            "The government has been urged to rethink its plans by MPs.",
            "MPs",
            "government",
            "rethink its plans",
        ),
        (
            "Tony Blair is under pressure over the row, with Labour MPs urging him to act.",
            "Labour MPs",
            None,
            "act",
        ),
    ],
)
def test_passive_and_absolute_asks_name_who_asks(
    text: str, actor: str, addressee: str | None, action: str
) -> None:
    [a] = run(text).asks
    assert (a.actor, a.action) == (actor, action)
    if addressee is not None:
        assert a.addressee == addressee


def test_a_by_phrase_of_plans_unveiled_is_not_who_asks() -> None:
    text = (
        "Voters would be asked to elect a police chief, under plans unveiled by the Conservatives."
    )
    assert run(text).asks == []


@pytest.mark.parametrize(
    ("text", "actor", "action", "stance"),
    [
        (
            "Union leader Bob Crow threatened to call a strike if the plan went ahead.",
            "Bob Crow",
            "call a strike if the plan went ahead",
            "commit",
        ),
        (
            "Foreign Secretary Jack Straw has defended plans to end the arms embargo on China.",
            "Jack Straw",
            "end the arms embargo on China",
            "commit",
        ),
        (
            "Home Secretary Charles Clarke has defended his decision not to release the detainees.",
            "Charles Clarke",
            "release the detainees",
            "refuse",
        ),
    ],
)
def test_threats_and_decisions_defended_are_commitments(
    text: str, actor: str, action: str, stance: str
) -> None:
    [c] = run(text).commitments
    assert (c.actor, c.action, c.stance) == (actor, action, stance)


def test_a_decision_criticised_is_not_the_critics_commitment() -> None:
    text = "Tory leader Michael Howard attacked his decision to close the hospital."
    assert run(text).commitments == []


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "Campaigner Dan Lee of the Taxpayers Group wants a public inquiry into the agencies.",
            "Dan Lee",
            "a public inquiry into the agencies",
        ),
        (
            "The Tories wanted a sunset clause inserted in the bill.",
            "Tories",
            "a sunset clause inserted in the bill",
        ),
    ],
)
def test_a_demand_put_as_a_thing_wanted_is_an_ask(text: str, actor: str, action: str) -> None:
    [a] = run(text).asks
    assert actor in a.actor
    assert a.action == action


@pytest.mark.parametrize(
    "text",
    [
        "Voters want lower taxes, the poll found.",
        "The government does not want a referendum.",
        "Home Secretary Charles Clarke wants a new system of identity cards.",
    ],
)
def test_wishes_of_the_public_or_the_government_are_not_asks(text: str) -> None:
    assert run(text).asks == []


def test_rejecting_calls_is_a_refusal() -> None:
    text = "Prime Minister Tony Blair has rejected calls for the publication of the advice."
    [c] = run(text).commitments
    assert (c.actor, c.stance, c.action) == (
        "Tony Blair",
        "refuse",
        "the publication of the advice",
    )


@pytest.mark.parametrize(
    ("text", "actor", "action"),
    [
        (
            "London mayor Ken Livingstone has again refused to retract the remark.",
            "Ken Livingstone",
            "retract the remark",
        ),
        (
            "The government refuses to publish the advice on the legality of the war.",
            "government",
            "publish the advice on the legality of the war",
        ),
        ("Michael Howard said he has no plans to resign.", "Michael Howard", "resign"),
    ],
)
def test_refusing_to_act_is_a_refusal(text: str, actor: str, action: str) -> None:
    [c] = run(text).commitments
    assert (c.actor, c.stance, c.action) == (actor, "refuse", action)


@pytest.mark.parametrize(
    "text",
    [
        "The minister refused to comment on the claims.",
        "The Israeli government refuses to accept Syria's denials.",
        "In 1978 Lord Callaghan refused to hold an early election.",
        "Mr Blair refused to rule out a rise in taxes.",
    ],
)
def test_refusing_to_speak_or_a_refusal_in_history_is_no_commitment(text: str) -> None:
    assert run(text).commitments == []


def test_a_name_said_to_be_a_union_is_a_body_that_can_commit() -> None:
    text = (
        "Amicus, Britain's second biggest union, said the talks had failed. In four days, "
        "Amicus will start balloting its members on strikes."
    )
    x = run(text)
    assert {e.name: e.type for e in x.entities}["Amicus"] == "organisation"
    [c] = x.commitments
    assert (c.actor, c.action) == ("Amicus", "start balloting its members on strikes")


def test_we_need_a_party_to_act_is_an_ask_and_we_need_money_is_not() -> None:
    [a] = run('Former minister Jo Short said: "We need the Lords to set up a committee."').asks
    assert (a.actor, a.addressee, a.action) == ("Jo Short", "Lords", "set up a committee")
    assert run('Charity chief Ann Lee said: "We need more money to help the victims."').asks == []


def test_the_aim_was_to_is_the_speakers_commitment() -> None:
    text = "Prime Minister Tony Blair said the aim was to preserve tradition."
    [c] = run(text).commitments
    assert (c.actor, c.action) == ("Tony Blair", "preserve tradition")


@pytest.mark.parametrize(
    "text",
    [
        'Economist David Page said: "His forecast that he will meet the rule is too optimistic."',
        "Her presence on the commission is a sign that it will be uncompromising.",
        "It could take 15 years before Turkey can join, and entry cannot be guaranteed.",
    ],
)
def test_a_forecast_a_sign_or_what_cannot_be_guaranteed_is_no_commitment(text: str) -> None:
    assert run(text).commitments == []


def test_to_signal_that_a_body_will_act_is_still_its_commitment() -> None:
    text = (
        "First Minister Jack McConnell went on to signal that the Scottish Executive would "
        "play its part in the campaign."
    )
    assert len(run(text).commitments) == 1


def test_a_demand_of_no_one_named_in_a_story_about_the_government_is_of_the_government() -> None:
    text = (
        "The government published the bill on Monday. Tory MP Tom Hill wants a public inquiry "
        "into the agencies."
    )
    [a] = run(text).asks
    assert (a.actor, a.addressee) == ("Tom Hill", "the government")


def test_a_ministers_own_wish_or_nobody_should_is_not_a_demand_of_the_government() -> None:
    text = (
        "Chancellor Gordon Brown refused to comment on the book, saying nobody should be "
        "distracted from the business of government."
    )
    assert run(text).asks == []


def test_a_speaker_with_a_relative_clause_still_speaks_for_it() -> None:
    text = (
        "Cyprus is an EU member, but Turkey, which occupies northern Cyprus, had previously "
        "insisted it would not bow to demands to recognise the country."
    )
    [c] = run(text).commitments
    assert (c.actor, c.stance) == ("Turkey", "refuse")


def test_they_is_the_sentences_own_plural_subject_and_a_vow_loses_its_to() -> None:
    text = "The Save the Hospital campaigners were so angered they vowed to fight the closure."
    [c] = run(text).commitments
    assert (c.actor, c.action) == ("Save the Hospital campaigners", "fight the closure")


def test_a_feeling_about_what_will_happen_to_them_is_no_commitment() -> None:
    text = "Opposition MPs are also angry they will have only two days to debate the plans."
    assert run(text).commitments == []


def test_an_untagged_quotation_after_a_report_is_the_reported_speakers() -> None:
    text = (
        '"I have done nothing wrong," said candidate John Hughes. Party chairman Peter Nelson, '
        "who runs the Scottish branch, said he had suspended Mr Hughes on Friday. "
        '"He will remain suspended while we investigate and then we will decide what further '
        'action will be taken."'
    )
    actors = {c.actor for c in run(text).commitments}
    assert "Peter Nelson" in actors and "John Hughes" not in actors


def test_two_acts_named_by_gerunds_are_two_commitments() -> None:
    text = "Other Tory plans include building more prisons and making criminals serve full terms."
    assert [c.action for c in run(text).commitments] == [
        "building more prisons",
        "making criminals serve full terms",
    ]


def test_a_gerund_joined_to_a_noun_stays_one_act() -> None:
    text = "The chancellor pledged to continue economic stability and growth in a third term."
    assert len(run(text).commitments) == 1


def test_a_spokesman_named_by_his_owner_speaks_for_him() -> None:
    text = 'Tony Blair\'s official spokesman said: "We will publish the report next week."'
    [c] = run(text).commitments
    assert (c.actor, c.action) == ("Tony Blair", "publish the report next week")


def test_the_commission_is_the_commission_named_before() -> None:
    text = (
        "The Electoral Commission published its report on Monday. The commission urged "
        "political parties to seek more small donations."
    )
    [a] = run(text).asks
    assert a.actor == "Electoral Commission"


def test_the_group_is_not_guessed_from_the_last_body_named() -> None:
    text = "The Black Watch fought in Iraq. The group said it will announce a candidate later."
    assert all(c.actor != "Black Watch" for c in run(text).commitments)


def test_he_who_goes_on_reporting_is_the_one_reported_before_not_the_last_man_named() -> None:
    text = (
        "Ex-Labour leader Neil Kinnock said Mr Blair and Mr Brown could only deal with the media "
        "frenzy by saying they would not allow a row to damage Labour. He told BBC Radio Five "
        "Live that Mr Brown would never encourage any kind of insurrection or coup."
    )
    assert not [c for c in run(text).commitments if "insurrection" in c.action]


def test_they_opening_a_sentence_are_the_plural_subject_of_the_one_before() -> None:
    unions = run(
        "Five public sector unions met Deputy Prime Minister John Prescott at the Labour spring "
        "conference in Gateshead. They want the government to withdraw the regulations."
    )
    assert [a.actor for a in unions.asks] == ["public sector unions"]
    posters = run(
        "Labour's new posters say Britain is enjoying the lowest inflation since the 1960s. They "
        "urge voters not to let the Tories take things backwards."
    )
    assert [a.actor for a in posters.asks] == ["Labour"]


def test_we_are_the_speakers_own_country_not_one_named_in_passing() -> None:
    note = run(
        "Palestinian leader Mahmoud Abbas has said he will not tolerate attacks. In an email "
        'interview in the British newspaper the Independent, Mr Abbas said: "We are ready to '
        'negotiate with Israel to reach a true and lasting peace."'
    )
    assert "Palestine (Mahmoud Abbas)" in [c.actor for c in note.commitments]


def test_a_sentence_opening_word_is_no_speaker_and_no_actor() -> None:
    text = (
        'Ms Jowell insisted: "We have a good record on this." And continued: "We can be proud '
        'of our rates. I intend to keep it that way."'
    )
    assert [c.actor for c in run(text).commitments] == ["Ms Jowell"]  # she continues
    text = (
        '"By pledging to increase the threshold to £150,000, the Liberal Democrats will help '
        'first time buyers," said Vince Cable.'
    )
    assert [c.actor for c in run(text).commitments] == ["Liberal Democrats"]


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # a noun, not the verb: "expects" asks, and the authorities are asked
        (
            "John Cooper said the anti-hunting lobby expects the authorities to prosecute "
            "wherever there is clear evidence.",
            "expects the authorities",
        ),
        ("Nicola Sturgeon has demanded to know who was responsible for the leave.", "know"),
    ],
)
def test_the_one_asked_is_a_party_not_the_words_of_the_request(text: str, unwanted: str) -> None:
    [a] = run(text).asks
    assert a.addressee != unwanted


def test_not_just_but_is_a_commitment_to_more_not_a_refusal() -> None:
    text = (
        "Bob Geldof, in characteristically blunt style, promised that the commission would not "
        "just be a talking shop but would deliver radical new thinking to change direction for "
        "Africa."
    )
    assert [c.stance for c in run(text).commitments] == ["commit"]


def test_an_action_a_few_words_over_the_limit_is_kept_whole() -> None:
    text = (
        "The government must act quickly on the Law Lords' ruling that detention of foreign "
        "terror suspects without trial is unlawful, Mary Robinson has said."
    )
    [a] = run(text).asks
    assert a.action.endswith("without trial is unlawful")
