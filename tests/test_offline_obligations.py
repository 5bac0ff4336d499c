"""Commitments and asks: pattern families, attribution, deadlines, exclusions, dedup.

Sentences are real BBC politics sentences (tests/data/offline, see LICENSE.bbc-politics).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import offline as run

from briefing.models import Article, Commitment
from briefing.offline import extract

DATA = Path(__file__).parent / "data" / "offline"


def load(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "actor", "addressee"),
    [
        (
            "Gordon Brown has called on rich nations to fund a £5.5bn ($10bn) plan to fight the "
            "Aids epidemic and find a vaccine.",
            "Gordon Brown",
            "rich nations",
        ),
        (
            'Tony Blair is urging European leaders to wake up from their "state of denial" over '
            "President Bush's re-election.",
            "Tony Blair",
            "European leaders",
        ),
        (
            "Ex-Labour MP George Galloway has appealed for the release of aid worker Margaret "
            "Hassan, kidnapped in Iraq.",
            "George Galloway",
            "",
        ),
        (
            "In November, MPs urged ministers to make councils create sites because 3,500 "
            "travellers have no place to stop.",
            "MPs",
            "ministers",
        ),
        (
            "Ministers are telling councils to find more sites for travellers, amid continuing "
            "rows "
            "concerning a string of unauthorised encampments.",
            "Ministers",
            "councils",
        ),
    ],
)
def test_ask_verbs(text: str, actor: str, addressee: str) -> None:
    x = run(text)
    assert len(x.asks) == 1 and not x.commitments
    ask = x.asks[0]
    assert ask.actor == actor
    assert ask.addressee == addressee
    assert ask.evidence == text


def test_should_must_demand_in_reported_speech() -> None:
    text = (
        "The government must act quickly on the Law Lords' ruling that detention of foreign "
        "terror suspects without trial is unlawful, Mary Robinson has said."
    )
    (ask,) = run(text).asks
    assert ask.actor == "Mary Robinson"
    assert ask.addressee == "government"
    assert ask.action.startswith("act quickly")


@pytest.mark.parametrize(
    "text",
    [
        "In December, the EU pledged to work towards lifting the ban but said it was not ready "
        "to do so yet.",
        "UK Chancellor Gordon Brown has offered £960m ($1.8bn) over 15 years to an international "
        "scheme aiming to boost vaccination and immunisation schemes.",
        "In October, Mr Straw and his Spanish counterpart Miguel Moratinos agreed to establish a "
        "body that would give Gibraltarians a voice in their future.",
        "Ministers will invite international observers to check the forthcoming UK general "
        "election is fairly run.",
        "Palestinian leader Mahmoud Abbas has said he will not tolerate attacks such as last "
        "Friday's suicide bombing in the Israeli city of Tel Aviv.",
    ],
)
def test_commitment_patterns(text: str) -> None:
    x = run(text)
    assert len(x.commitments) == 1 and not x.asks
    assert x.commitments[0].evidence == text


def test_refusal_resolves_pronoun_to_named_speaker() -> None:
    (c,) = run(
        "Palestinian leader Mahmoud Abbas has said he will not tolerate attacks such as last "
        "Friday's suicide bombing in the Israeli city of Tel Aviv."
    ).commitments
    assert c.actor == "Mahmoud Abbas"
    assert "not tolerate" in c.action


def test_quote_attribution_and_he_said() -> None:
    x = run(load("act-on-detention-ruling-uk-urged.txt"))
    studying = [c for c in x.commitments if "studying the judgement" in c.evidence]
    assert studying and studying[0].actor == "Charles Clarke"
    x = run(load("brown-calls-for-aps5-5bn-aids-fund.txt"))
    more = [a for a in x.asks if a.evidence.startswith("More must also be done")]
    assert more and more[0].actor == "Gordon Brown"  # "..., he said." -> last named speaker


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        (
            "UK Chancellor Gordon Brown has offered £960m ($1.8bn) over 15 years to an "
            "international scheme.",
            "over 15 years",
        ),
        (
            'Mr Clarke said: "I will be asking Parliament to renew this legislation in the New '
            'Year."',
            "in the New Year",
        ),
        ("The minister pledged to publish the figures by the end of March.", "by the end of March"),
        ("The government promised to cut waiting times within six months.", "within six months"),
        ("Labour has promised to halve child poverty by 2010.", "by 2010"),
    ],
)
def test_deadlines(text: str, deadline: str) -> None:
    (c,) = run(text).commitments
    assert c.deadline == deadline


@pytest.mark.parametrize(
    "text",
    [
        # completed past action
        "Thursday's report was drawn up by two committees scrutinising the work of the Office "
        "of the Deputy Prime Minister (ODPM) and the Department for Constitutional Affairs (DCA).",
        # journalist speculation
        "Young people in shared accommodation are thought to miss out because no one acts as "
        "head of the household to fill in the form.",
        "The EU is expected to lift the ban within months.",
        # hypothetical / prediction about others
        "It would be an expensive system that would be hard to enforce.",
        # denial of a plan
        "He denied an earlier report that he planned to make a direct appeal to the kidnappers "
        "via the Al-Jazeera Arabic television channel.",
        # question, not a request
        "Reporters asked whether the minister would resign.",
    ],
)
def test_exclusions(text: str) -> None:
    x = run(text)
    assert not x.commitments and not x.asks


def test_should_have_criticism_is_not_an_ask() -> None:
    x = run("The government should have acted sooner, Mr Howard said.")
    assert not x.asks


def test_restated_quote_gives_one_commitment() -> None:
    text = load("seed.txt")
    x = run(text)
    cambodia = [c for c in x.commitments if "Cambodia" in c.actor]
    assert len(cambodia) == 1


def test_evidence_is_verbatim_slice() -> None:
    text = load("abbas-will-not-tolerate-attacks.txt")
    x = run(text)
    assert x.commitments
    for item in [*x.commitments, *x.asks]:
        assert item.evidence in text


def test_seed_ask_and_commitment() -> None:
    x = run(load("seed.txt"))
    uk = [a for a in x.asks if a.actor == "Sar Kheng" and a.addressee == "UK"]
    assert uk and uk[0].evidence.startswith("“I ask the UK to further strengthen cooperation")
    assert any(
        c.actor.startswith("Cambodia") and "transnational crime" in c.evidence
        for c in x.commitments
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # bbc-politics: stalemate-in-pension-strike-talks / talks-aim-to-avert-pension-strike
        "The five unions which met Mr Prescott want the government to withdraw these regulations.",
        "The five unions meeting Mr Prescott want the government to withdraw these regulations.",
    ],
)
def test_a_name_inside_a_relative_clause_is_not_the_actor(sentence: str) -> None:
    text = "Deputy Prime Minister John Prescott met union leaders on Monday.\n\n" + sentence
    article = Article(id="t", title="Pension talks", text=text, source="t.txt")
    asks = extract(article).asks
    assert [(a.actor, a.addressee) for a in asks] == [("unions", "the government")]


# --- generalisation: one made-up case per category of issue 9 --------------------------------


def one_commitment(text: str) -> Commitment:
    x = run(text)
    assert len(x.commitments) == 1, x.commitments
    return x.commitments[0]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "The Transport Ministry announced a shake-up of rail services on Monday. "
            "Four regional depots will also be closed.",
            "Transport Ministry",
        ),
        (
            "Defence Secretary Alan Marsh spoke to MPs. Extra engineers are being sent to the "
            "flooded region, he said.",
            "Alan Marsh",
        ),
        ("The Treasury said the grant scheme would be reviewed every year.", "Treasury"),
    ],
)
def test_passive_announcement_is_the_announcing_bodys(text: str, actor: str) -> None:
    c = one_commitment(text)
    assert c.actor == actor
    assert c.evidence in text and c.evidence.split()[0] in ("Four", "Extra", "The")


def test_passive_agent_is_the_actor() -> None:
    c = one_commitment(
        "Students would be given free rail passes by a future Liberal Democrat government."
    )
    assert "Liberal Democrat" in c.actor
    assert "Students" not in c.actor


@pytest.mark.parametrize(
    ("text", "actor", "addressee"),
    [
        (
            "The health secretary, Ann Holt, is being urged by nurses to scrap parking charges.",
            "nurses",
            "Ann Holt",
        ),
        (
            "The county council has been asked by residents to reopen the library.",
            "residents",
            "county council",
        ),
    ],
)
def test_passive_ask_subject_is_the_addressee(text: str, actor: str, addressee: str) -> None:
    (ask,) = run(text).asks
    assert actor in ask.actor
    assert addressee in ask.addressee


def test_conditional_commitment_is_kept_and_marked() -> None:
    c = one_commitment("Unless the pay offer improves, the union will ballot its members.")
    assert c.conditional is True
    assert c.actor == "union"
    assert c.action.startswith("ballot its members")


def test_even_if_is_not_a_condition() -> None:
    c = one_commitment(
        "Mayor Tom Reed has said he would not resign even if the council asked him to."
    )
    assert c.conditional is False
    assert c.stance == "refuse"


@pytest.mark.parametrize(
    "text",
    [
        # a hedge, a denial, a refusal to rule out
        "It was highly unlikely he would give the party any more money, Mr Dale said.",
        "The minister denied that he had promised to close the hospital.",
        "Chancellor Ruth Kane refused to rule out raising fuel duty.",
        # a prediction about a third party, reported by a rival
        "Labour leader Sam Price said the Conservatives would cut hospital budgets.",
        # one person cannot pledge for another
        "Mr Ford said Ms Lane would never betray the party.",
        # casualty figures and scheduled visits
        "Twelve miners are now confirmed to have died in the blast.",
        "The prime minister will visit Paris on Friday.",
    ],
)
def test_hedges_predictions_casualties_and_visits_are_not_commitments(text: str) -> None:
    assert not run(text).commitments


def test_reported_speech_keeps_who_said_it() -> None:
    c = one_commitment("Tory leader Sam Price said his party would scrap the toll.")
    assert c.actor == "Conservatives"
    assert c.said_by == "Sam Price"


@pytest.mark.parametrize(
    ("text", "actor", "addressee"),
    [
        ("The charity Shelter wants ministers to build more social homes.", "Shelter", "ministers"),
        (
            "The regulator must act now to protect savers, said consumer campaigner Jo Hart.",
            "Jo Hart",
            "regulator",
        ),
        (
            "Opposition leader Kim Lowe argued that the government should publish the report.",
            "Kim Lowe",
            "government",
        ),
    ],
)
def test_asks_with_wants_must_argued_should(text: str, actor: str, addressee: str) -> None:
    (ask,) = run(text).asks
    assert ask.actor == actor
    assert addressee in ask.addressee


def test_called_for_the_release_of() -> None:
    (ask,) = run(
        "Human rights group Amnesty International called for the release of the two journalists."
    ).asks
    assert ask.actor == "Amnesty International"
    assert "release of the two journalists" in ask.action


def test_possessive_her_party_is_the_speakers_party() -> None:
    text = "Labour MP Jane Cole spoke in Leeds. She said her party would abolish the fee."
    c = one_commitment(text)
    assert c.actor == "Labour"


def test_it_said_resolves_to_the_body_named_before() -> None:
    text = (
        "The Local Government Association published its annual survey on Tuesday. "
        "It said councils needed to recruit more planning officers."
    )
    (ask,) = run(text).asks
    assert ask.actor == "Local Government Association"
    assert ask.addressee == "councils"


def test_joint_subject_is_one_actor() -> None:
    c = one_commitment("India and Pakistan agreed to reopen the border crossing.")
    assert c.actor == "India and Pakistan"


def test_generic_actor_keeps_its_full_name() -> None:
    (ask,) = run("The prime minister also urged Europe and the US to rebuild their alliance.").asks
    assert ask.actor != "minister"
    assert "prime minister" in ask.actor


def test_urgently_is_not_urge() -> None:
    x = run("Officials said the road urgently needed repairs.")
    assert all(not a.action.startswith("ntly") for a in x.asks)
    assert all("urg" not in a.action[:3] for a in x.asks)


def test_action_is_not_cut_inside_a_number_or_quotation() -> None:
    (ask,) = run(
        'Gordon Brown has called on rich nations to fund a £5.5bn ($10bn) plan to "end the '
        'epidemic, once and for all" and find a vaccine.'
    ).asks
    assert "£5.5bn" in ask.action
    assert ask.action.count('"') % 2 == 0


def test_a_short_action_stops_before_the_tag_that_reports_it() -> None:
    (ask,) = run(
        '"We make this offer unilaterally but we are now asking other countries to join us," '
        "the chancellor said."
    ).asks
    assert ask.action == "join us"


def test_refusal_stance() -> None:
    c = one_commitment("The home secretary said he will not introduce ID cards before 2008.")
    assert c.stance == "refuse"
    assert "introduce ID cards" in c.action


def test_deadline_comes_after_the_trigger() -> None:
    c = one_commitment(
        "In November 2003 the prime minister promised his cabinet to stand down by 2008."
    )
    assert c.deadline == "by 2008"


def test_ask_without_addressee_takes_the_government_the_sentence_names() -> None:
    (ask,) = run(
        "New homes need to be backed up with proper funding from the government, housing "
        "campaigner Ben Cole said."
    ).asks
    assert ask.actor == "Ben Cole"
    assert ask.addressee == "the government"


def test_said_mr_x_would_is_not_mr_x_speaking() -> None:
    x = run(
        "Opposition leader Anna Ross said Mr Dale would be running scared if he refused a debate."
    )
    assert not x.commitments


def test_a_decision_to_act_is_a_commitment_of_whoever_decided() -> None:
    c = one_commitment("The union welcomed the decision by Norway and Chile to cut fishing quotas.")
    assert c.actor == "Norway and Chile"
    assert c.action.startswith("cut fishing quotas")


def test_a_future_ask_is_an_agenda() -> None:
    assert not run("On Sunday the bishop will ask worshippers to pray for peace.").asks


def test_asked_if_he_would_is_a_question() -> None:
    x = run("A backbencher asked the prime minister if he would keep the hospital open.")
    assert not x.commitments


def test_a_thing_that_needs_to_change_is_not_an_ask_but_a_passive_demand_is() -> None:
    assert not run("Petrol prices need to come down, the motoring group said.").asks
    (ask,) = run("More research needs to be done, the professor said.").asks
    assert ask.action.startswith("be done")


def test_an_announced_service_is_a_commitment_an_announced_departure_is_not() -> None:
    text = (
        "Transport Secretary Ruth Kay set out her plans in Leeds. A new night bus service "
        "linking the two cities was also announced."
    )
    c = one_commitment(text)
    assert c.actor == "Ruth Kay"
    assert not run("The chief executive's departure was announced by the minister.").commitments


def test_said_by_is_empty_when_the_speaker_is_the_actor() -> None:
    (c,) = run(
        'Cambodian minister Sar Kheng said: "We are strongly committed to combating '
        'trafficking in Cambodia."'
    ).commitments
    assert "Sar Kheng" in c.actor
    assert c.said_by == ""


# --- issue 9: behaviours read from articles the rules were not written from ---------------


def test_a_passive_pledge_takes_its_by_agent_not_the_beneficiary() -> None:
    c = one_commitment(
        "Students would be offered free bus passes for a whole year by a future Green "
        "government, the party said."
    )
    assert "Green" in c.actor
    assert "Students" not in c.actor


def test_an_impersonal_announcement_takes_who_it_was_announced_by() -> None:
    c = one_commitment(
        "Maternity pay is to rise by £900 as part of proposals announced by the Trade "
        "Secretary Ann Dale."
    )
    assert c.actor == "Ann Dale"


def test_an_unnamed_reporter_is_not_the_announcer() -> None:
    text = (
        "The housing minister Ruth Kay unveiled her rental plans on Monday.\n"
        "Some landlords say the plans would drive tenants away."
    )
    assert not [c for c in run(text).commitments if "drive tenants" in c.action]


def test_plans_described_are_a_noun_not_a_pledge() -> None:
    x = run("Labour plans to raise the speed limit are reckless, the motoring group said.")
    assert not x.commitments


def test_a_sentence_connective_is_not_part_of_the_actor() -> None:
    (ask,) = run("But the Green Party called on councils to plant more trees.").asks
    assert ask.actor == "Green Party"
    assert ask.addressee == "councils"
    assert ask.action == "plant more trees"


def test_ministers_have_insisted_they_are_committed() -> None:
    c = one_commitment("Ministers have insisted they are committed to free school meals.")
    assert c.actor == "Ministers"


def test_it_is_time_for_x_to_asks_x() -> None:
    (ask,) = run("The bishop says it is time for Mr Dale to say sorry.").asks
    assert ask.addressee == "Mr Dale"
    assert ask.action == "say sorry"


def test_a_thing_that_was_needed_is_the_action() -> None:
    text = "Ben Cole runs the campaign.\nMr Cole said tougher action was needed."
    (ask,) = run(text).asks
    assert ask.actor == "Ben Cole"
    assert ask.action == "tougher action"


def test_they_have_agreed_to_is_the_body_named_before() -> None:
    text = (
        "The Ramblers Association says 2,000 walkers will march on the capital.\n"
        "They have agreed to keep to a route along the river."
    )
    c = one_commitment(text)
    assert c.actor == "Ramblers Association"


def test_an_agreement_in_a_because_clause_is_background() -> None:
    x = run("The strike ended because the council had agreed to the pay rise, Mr Dale said.")
    assert not x.commitments


def test_knew_x_would_is_no_pledge() -> None:
    assert not run("But Ann Dale already knew the council would close the library.").commitments


def test_a_speaker_with_a_role_after_the_name_tags_the_quotation() -> None:
    text = (
        'Earlier, Ann Dale, chief executive of the hospital trust, had said: "We appeal to '
        'the health board to let patients choose our hospital."'
    )
    (ask,) = run(text).asks
    assert ask.actor == "Ann Dale"
    assert ask.action.startswith("let patients choose")


def test_two_distinct_pledges_in_one_quotation_are_two_commitments() -> None:
    text = (
        '"We will open two new hospitals in the north. We will also train 500 more midwives '
        'by 2010," Mr Dale said.'
    )
    assert len(run(text).commitments) == 2


def test_refusing_to_comment_and_holding_a_conference_are_no_pledges() -> None:
    assert not run("The chancellor would not comment on the reports.").commitments
    assert not run(
        "Mr Dale will hold his monthly press conference at the same time as the speech."
    ).commitments


def test_a_belief_about_another_is_no_pledge_but_a_belief_that_they_should_is_an_ask() -> None:
    assert not run("Ministers believe the council will close the library.").commitments
    (ask,) = run("The Greens believe the minister should resign.").asks
    assert ask.actor == "Greens"


def test_hoping_others_will_act_is_no_pledge() -> None:
    x = run("The chancellor said he hoped other European countries would follow suit.")
    assert not x.commitments


def test_an_admission_is_no_pledge() -> None:
    text = (
        "Health minister Ann Dale was in Cardiff.\n"
        "But she said the health service also needed to create a healthier population.\n"
        "She also acknowledged that until the waiting list issue was sorted out, the rest of "
        "the health policy would be overshadowed."
    )
    assert not run(text).commitments
    assert run(text).asks  # the demand before it still stands


def test_something_to_offer_is_no_offer() -> None:
    text = (
        "Mayor Ann Dale says her record will be an issue in the election.\n"
        "Whether she still had something to offer, she said, was a judgement for people to make."
    )
    assert not run(text).commitments


def test_a_thing_announced_in_a_when_clause_is_background() -> None:
    x = run(
        "Speaking after the investigation was announced Ann Dale, leader of the council "
        'group, said: "He has behaved badly."'
    )
    assert not x.commitments


def test_it_after_a_plural_reporter_is_a_thing_not_the_reporter() -> None:
    assert not run("Ministers say it would help the fight against crime.").commitments


def test_a_role_before_a_known_name_keeps_that_name_not_a_namesake() -> None:
    text = (
        "Opposition leader Michael Dale welcomed the news.\n"
        "Canada's Prime Minister John Dale also offered to send 200 engineers."
    )
    c = one_commitment(text)
    assert c.actor == "John Dale"


def test_a_possessive_before_a_name_is_not_part_of_the_actor() -> None:
    text = "Mayor Ken Dale faces a row.\nLabour's Mr Dale said he would not apologise."
    c = one_commitment(text)
    assert c.actor == "Ken Dale"
    assert c.stance == "refuse"


@pytest.mark.parametrize(
    ("text", "actor", "addressee", "action"),
    [
        (
            "The union challenged the minister to publish the figures.",
            "union",
            "the minister",
            "publish the figures",
        ),
        (
            "The Greens have invited the prime minister to visit the site.",
            "Greens",
            "the prime minister",
            "visit the site",
        ),
        (
            "Doctors warned ministers not to cut the budget.",
            "Doctors",
            "ministers",
            "not cut the budget",
        ),
        (
            "Ann Dale said she would like the council to reopen the library.",
            "Ann Dale",
            "the council",
            "reopen the library",
        ),
    ],
)
def test_asks_with_challenge_invite_warn_and_would_like(
    text: str, actor: str, addressee: str, action: str
) -> None:
    (ask,) = run(text).asks
    assert (ask.actor, ask.addressee, ask.action) == (actor, addressee, action)


def test_urged_not_to_keeps_the_negation_and_the_addressee() -> None:
    (ask,) = run("Ann Dale urged ministers not to close the mine.").asks
    assert ask.addressee == "ministers"
    assert ask.action.startswith("not")


def test_according_to_x_at_the_end_names_who_asks() -> None:
    (ask,) = run(
        "Broadcasters should fix a date for a televised debate, according to the Hansard Society."
    ).asks
    assert ask.actor == "Hansard Society"
    assert ask.addressee == "Broadcasters"


def test_should_not_have_a_right_is_a_demand_should_have_acted_is_criticism() -> None:
    (ask,) = run("Lord Holme argued that prime ministers should not have the right of veto.").asks
    assert ask.action.startswith("not have the right")
    assert not run("Mr Dale said ministers should have acted sooner.").asks


def test_a_speaker_with_an_appositive_role_reports_an_ask() -> None:
    (ask,) = run("Edward Dale, chairman of the committee, said Britain had to set an example.").asks
    assert ask.actor == "Edward Dale"
    assert ask.addressee == "Britain"


def test_a_day_in_a_relative_clause_is_not_a_schedule_and_from_the_x_is_not_the_subject() -> None:
    text = (
        "Ken Dale is to stand in the election.\n"
        "Mr Dale, who on Thursday won £15,000 in damages from the Daily Herald said he would "
        "contest Bethnal Green."
    )
    actors = {c.actor for c in run(text).commitments if "Bethnal" in c.action}
    assert actors == {"Ken Dale"}


def test_a_pledge_tag_after_the_clause_takes_the_clause_as_its_action() -> None:
    c = one_commitment(
        "Flood aid will not take money from the schools budget, Prime Minister Ann Dale has "
        "promised."
    )
    assert c.actor == "Ann Dale"
    assert c.action.startswith("not take money")
    assert c.stance == "refuse"


def test_told_to_by_is_no_ask() -> None:
    assert not run("A stooge who will do anything she is told to by the leader.").asks


def test_a_quoted_forecast_about_them_is_no_pledge() -> None:
    text = (
        'Ann Dale spoke.\n"We have checked the rules. If they have no papers they are going to '
        'be detained."'
    )
    assert not run(text).commitments


def test_speculation_by_the_writer_is_no_pledge() -> None:
    assert not run("A leak suggested Mr Dale was ready to put a tax on home sales.").commitments
    assert not run("Mr Dale will undoubtedly claim the forecasts are wrong.").commitments
    assert not run("And there will be prolonged argument over the savings.").commitments
    assert not run("Any chancellor would use his budget to offer some sweeteners.").commitments


def test_joint_speakers_saying_they_will_are_the_actor() -> None:
    c = one_commitment(
        "The Ramblers Association and the RSPB say they will monitor the paths and help police."
    )
    assert c.actor.startswith("Ramblers Association")
    c = one_commitment("Both Labour and the Greens have said they also plan to boost pensions.")
    assert c.actor == "Labour and Greens"


def test_wanting_to_act_is_a_commitment_unless_conditional_or_a_relative_clause() -> None:
    c = one_commitment("Ann Dale said she wanted to spend an extra £50m a year on refugees.")
    assert c.actor == "Ann Dale"
    assert c.action.startswith("spend an extra")
    assert not run("Voters want to know what the plans will cost them.").commitments
    assert not run(
        "If the mayor does want to take part, he would then be obliged to say so."
    ).commitments
    assert not run(
        "The aid will not eat into the money Britain wanted to spend on Africa, Mr Dale said."
    ).commitments


def test_an_appositive_role_or_body_names_the_speaker_but_a_clause_does_not() -> None:
    assert not run(
        "Judge Ann Dale, sitting with Lord Ross and Lord Hay, ruled that the claims should be "
        "dealt with on the normal civil standard."
    ).asks
    (ask,) = run(
        "Ann Dale, of the Road Safety Coalition, said ministers should lower the limit."
    ).asks
    assert ask.actor == "Ann Dale"
    assert ask.addressee == "ministers"


def test_what_others_will_be_able_to_do_under_plans_is_the_planners_commitment() -> None:
    c = one_commitment(
        "Teenagers will be able to stand for councils under plans unveiled by ministers."
    )
    assert c.actor == "ministers"
    c = one_commitment(
        "Pensioners will get free bus travel under new plans set out by the Welsh Assembly."
    )
    assert c.actor == "Welsh Assembly"


def test_a_view_on_what_would_happen_is_no_pledge() -> None:
    assert not run("The board would, in its view, harm the exams, Ann Dale said.").commitments


def test_a_body_insisting_about_a_quotation_does_not_pledge_its_words() -> None:
    text = (
        "But the Scottish Executive has insisted Mr Dale was speaking about adults and his "
        'words were "a recognition that people will get drunk".'
    )
    assert not run(text).commitments
    c = one_commitment("The Home Office says people will pay £85 for the card.")
    assert c.actor == "Home Office"


def test_a_speaker_saying_there_will_be_a_campaign_provides_it() -> None:
    text = (
        "First Minister Jack Dale spoke.\n"
        "He said there will be a marketing campaign to bring in tourists."
    )
    c = one_commitment(text)
    assert c.actor == "Jack Dale"
    assert not run("And there will be prolonged argument over the savings.").commitments
    trouble = "First Minister Jack Dale spoke.\nHe said there will be trouble in the streets."
    assert not run(trouble).commitments


def test_a_quoted_he_should_asks_the_man_named_before_not_the_speaker() -> None:
    text = (
        "London mayor Ken Dale made the remarks.\n"
        '"He was rude to a reporter, yes, he should apologise," Mr Ross said.'
    )
    (ask,) = run(text).asks
    assert ask.addressee == "Ken Dale"


def test_nobody_should_is_no_ask() -> None:
    assert not run("Nobody should doubt that the threat is real, Ann Dale argued.").asks


def test_a_past_decision_looked_at_is_no_pledge() -> None:
    x = run("The watchdog is looking at his decision to give Ms Ross free rail tickets.")
    assert not x.commitments


def test_hoping_to_have_made_gains_and_refusing_to_talk_are_no_pledges() -> None:
    assert not run("The Greens will hope to have made advances by May.").commitments
    assert not run("Ann Dale will not talk about the big breakthrough.").commitments


def test_agreed_unanimously_to_is_a_commitment() -> None:
    c = one_commitment("The Welsh Assembly agreed unanimously to introduce a ban on smoking.")
    assert c.actor == "Welsh Assembly"


def test_surpassing_a_record_is_an_outcome_not_a_pledge() -> None:
    x = run("If Mr Dale wins the next election, he will surpass Ann Ross's 11 years in 2008.")
    assert not x.commitments


def test_a_body_says_that_it_is_willing_is_that_body() -> None:
    text = (
        "Councils will set their budgets on Thursday.\n"
        "Cosla says that it is willing to work with the executive on finding savings."
    )
    c = one_commitment(text)
    assert c.actor == "Cosla"


def test_a_passive_demand_has_no_addressee_of_its_subject() -> None:
    (ask,) = run('Ann Dale said: "Adults should be treated as adults."').asks
    assert ask.addressee == ""


def test_should_with_an_adverbial_before_have_done_is_criticism() -> None:
    x = run('She said: "They should at the outset have told the Americans it was illegal."')
    assert not x.asks


def test_called_on_x_to_a_quoted_action_starts_at_the_action() -> None:
    (ask,) = run('Ann Dale called on the government to "practise what it preaches".').asks
    assert ask.addressee == "the government"
    assert ask.action.startswith('"practise') or ask.action.startswith("practise")


def test_announcing_his_plans_without_saying_them_is_no_pledge() -> None:
    assert not run("Mr Dale announced his plans a day after launching his party.").commitments


def test_a_comma_relative_clause_is_not_the_subject() -> None:
    text = (
        "The East Midlands MEP, who quit the UK Independence Party, wants his new group to "
        '"change the face" of politics.'
    )
    asks = run(text).asks
    assert all(a.actor != "UK Independence Party" for a in asks)


def test_wanting_to_remain_anonymous_is_no_pledge() -> None:
    x = run("Lucy, who was adopted by a family from Essex, wants to remain anonymous.")
    assert not x.commitments


def test_they_urge_is_the_body_named_before() -> None:
    text = (
        "The Green Party launched its posters on Monday.\n"
        "They urge voters not to let the big parties take things backwards."
    )
    (ask,) = run(text).asks
    assert ask.actor == "Green Party"
    assert ask.addressee == "voters"


def test_would_be_a_quoted_verdict_is_no_pledge() -> None:
    assert not run(
        'The Association of Probation Officers said the move would be "political suicide".'
    ).commitments


def test_not_supposing_and_nothing_will_are_no_pledges() -> None:
    assert not run('"I do not suppose I will be working forever," Mr Dale said.').commitments
    assert not run(
        'Mr Dale told MPs: "Nothing is going to get in the way of a unified party."'
    ).commitments


def test_the_prime_minister_asked_is_the_one_person_with_that_role() -> None:
    (ask,) = run("Prime Minister Tony Dale spoke.\nThe union urged the prime minister to act.").asks
    assert ask.addressee == "Tony Dale"
    assert ask.said_by == ""  # "The union" reported it: that is the actor, "union"
    (ask,) = run("The union urged the prime minister to act.").asks
    assert ask.addressee == "the prime minister"  # no one named with that role


def test_the_lib_dems_are_named_liberal_democrats() -> None:
    c = one_commitment("He underlined Lib Dem plans to scrap university fees.")
    assert c.actor == "Liberal Democrats"
    (ask,) = run("The Lib Dems believe the minister should allow the evidence.").asks
    assert ask.actor == "Liberal Democrats"


def test_both_would_is_no_ones_pledge() -> None:
    x = run("Labour says both would cap people's ambitions.")
    assert not x.commitments


def test_a_body_has_already_said_reports_it() -> None:
    text = (
        "Home Secretary David Dale announced a review of murder law.\n"
        "The Home Office has already said the review will begin next year."
    )
    c = one_commitment(text)
    assert c.actor == "Home Office"


def test_a_decision_that_has_given_is_a_noun_not_a_pledge() -> None:
    x = run("Mr Dale's decision to name his retirement date has given his rival a target.")
    assert not x.commitments


def test_is_to_inside_an_if_clause_is_the_condition() -> None:
    assert not run(
        "Many challenges remain if the UK is to reach its aim of leading the world, he added."
    ).commitments


def test_demanding_that_x_do_asks_x() -> None:
    text = (
        "Tony Dale leads Labour.\n"
        "But the Tories are in turn demanding that Tony Dale spell out which taxes he would raise."
    )
    (ask,) = run(text).asks
    assert ask.addressee == "Tony Dale"
    assert ask.action.startswith("spell out")


def test_an_accusation_about_a_rival_is_no_pledge() -> None:
    x = run('Tony Dale claimed a Green government would "cut" £35bn from public services.')
    assert not x.commitments


def test_must_hope_is_no_demand_and_a_right_of_appeal_is_no_ask() -> None:
    assert not run("Europeans must hope that his administration will listen, Mr Dale said.").asks
    assert not run("He said those held had a right of appeal to the tribunal.").asks


def test_anyone_planning_to_is_no_actor() -> None:
    text = "Anyone planning to move to the UK will have to pass a test, Ann Dale has said."
    assert all(c.actor != "Anyone" for c in run(text).commitments)


def test_the_thing_we_want_to_stop_is_no_pledge() -> None:
    assert not run('"That is the kind of thing we want to stop," Ann Dale said.').commitments


def test_changes_needed_to_the_law_names_the_changes() -> None:
    (ask,) = run("Lord Dale said major changes were needed to the law.").asks
    assert ask.action == "major changes to the law"


def test_should_have_had_is_criticism_of_the_past() -> None:
    text = 'The spokesman added: "Residents thought they should have had their papers by now."'
    assert not run(text).asks


def test_so_called_is_no_call() -> None:
    text = (
        'Home Secretary Charles Dale said: "I have no desire to make further so-called '
        'concessions on the Bill."'
    )
    assert not run(text).asks


def test_hoping_to_be_elected_and_wanting_to_hear_from_are_no_pledges() -> None:
    assert not run("Ann Dale said she hoped to be elected party leader in May.").commitments
    assert not run("Police want to hear from anyone who has information.").commitments


def test_i_would_emphasise_is_no_pledge() -> None:
    assert not run('Ann Dale said: "I would emphasise that the posters are fair."').commitments


def test_a_clause_is_never_an_actor() -> None:
    text = (
        "Mr Dale said the man tried to recruit him, but he refused and within three weeks was "
        "told he would be sent to Guantanamo Bay."
    )
    assert all(not c.actor.startswith("be ") for c in run(text).commitments)


def test_says_the_assembly_government_is_the_body_not_a_person() -> None:
    text = (
        "Finance Minister Ann Dale spoke in Cardiff.\n"
        'Welsh councils should set their taxes at "reasonable levels", says the assembly '
        "government."
    )
    (ask,) = run(text).asks
    assert ask.actor == "the assembly government"
    assert ask.addressee == "Welsh councils"


def test_the_government_has_ruled_out_is_a_refusal_said_by_no_one_else() -> None:
    c = one_commitment("The government has ruled out amending the present law.")
    assert c.actor == "government"
    assert c.said_by == ""
    assert c.stance == "refuse"


def test_a_past_offer_to_him_and_a_habit_of_offering_are_no_pledges() -> None:
    assert not run(
        "What Ann Dale does not say is that he was offered several posts which would have "
        "given him control."
    ).commitments
    assert not run(
        "Casinos also frequently offer free food and drink to keep punters betting."
    ).commitments


def test_a_relative_with_whom_someone_planned_to_stay_is_no_pledge() -> None:
    assert not run("Mrs Dale was the relative with whom Giuseppe planned to stay.").commitments


def test_of_course_be_consulted_is_a_passive_announcement_not_the_subjects() -> None:
    text = "Unions will of course be consulted about any changes, the Treasury said."
    c = one_commitment(text)
    assert c.actor == "Treasury"


def test_a_consequence_with_had_to_is_no_demand() -> None:
    assert not run("Ann Dale said the changes would mean they had to pay in more.").asks


def test_a_country_will_be_isolated_is_a_forecast() -> None:
    text = (
        '"If we reject this treaty, Britain will be isolated and weak in Europe," said Foreign '
        "Secretary Jack Dale."
    )
    assert not run(text).commitments


def test_along_with_the_rest_of_the_cabinet_is_not_the_subject() -> None:
    text = (
        "Foreign Secretary Jack Dale unveiled the question.\n"
        'Mr Dale, along with the rest of the Cabinet, will back a "yes" vote.'
    )
    c = one_commitment(text)
    assert c.actor == "Jack Dale"


def test_plans_to_with_a_relative_clause_after_are_still_a_pledge() -> None:
    text = (
        "Tory leader Michael Dale spoke.\n"
        "His party plans to move an amendment to the Police Bill next week that would give a "
        "judge the final say."
    )
    c = one_commitment(text)
    assert c.actor == "Conservatives"
    assert c.action.startswith("move an amendment")


def test_a_connective_is_not_part_of_a_speaker() -> None:
    (ask,) = run("But Downing Street said Mr Dale should be judged by results.").asks
    assert ask.actor == "Downing Street"


def test_wanting_to_sell_and_an_economy_that_will_prosper_are_no_asks_or_pledges() -> None:
    assert not run("The French want the embargo lifted because they want to sell arms.").asks
    assert not run(
        "The plans are crucial to delivering an economy that will prosper, Ann Dale said."
    ).commitments


def test_prudence_difference_and_what_criteria_meant_are_no_items() -> None:
    assert not run(
        'Ann Dale said: "It would clearly be prudent to allow the police more time."'
    ).commitments
    assert not run(
        "Labour MP Ann Dale said the campaigners would not make any difference to the outcome."
    ).commitments
    assert not run(
        "Mr Dale insisted the code of conduct meant tough criteria on rights still had to be met."
    ).asks


def test_a_tax_cut_she_was_promising_without_an_action_is_no_pledge() -> None:
    text = "Ann Dale said the UK could not compete without the tax cuts she was promising."
    assert not run(text).commitments


def test_what_is_needed_in_britain_names_the_thing_needed() -> None:
    (ask,) = run(
        "A major change of direction is needed in Britain, the shadow chancellor Ann Dale said."
    ).asks
    assert ask.action.startswith("A major change of direction")


# -- two requests or pledges joined by ", and" in one sentence (offline/coordination.py) -------


def _coordinated(evidence: str, action: str, ask: bool = True) -> list[str]:
    from briefing.models import Ask, Commitment
    from briefing.offline.coordination import split_coordinated

    if ask:
        return [
            a.action
            for a in split_coordinated([Ask("Ms Reed", "the board", action, evidence=evidence)])
        ]
    return [c.action for c in split_coordinated([Commitment("Mr Ode", action, evidence=evidence)])]


def test_a_second_bare_verb_after_comma_and_is_a_second_request() -> None:
    evidence = (
        "“I ask the board to publish the audit, and give staff a say in the review,” she said."
    )
    assert _coordinated(evidence, "publish the audit") == [
        "publish the audit",
        "give staff a say in the review",
    ]


def test_a_second_verb_of_request_is_a_second_ask_without_the_first_addressee() -> None:
    from briefing.models import Ask
    from briefing.offline.coordination import split_coordinated

    evidence = "She urged the board to sell the depot, and appealed for the workers to be rehired."
    first = Ask("Ms Reed", "the board", "sell the depot", evidence=evidence)
    second = split_coordinated([first])[1]
    assert (second.action, second.addressee, second.actor) == (
        "the workers to be rehired",
        "",
        "Ms Reed",
    )


def test_a_pledge_with_two_verbs_gives_two_commitments() -> None:
    evidence = "Mr Ode said the council would repair the bridge, and build a new footpath by May."
    assert _coordinated(evidence, "repair the bridge", ask=False) == [
        "repair the bridge",
        "build a new footpath by May",
    ]


def test_what_follows_comma_and_that_is_no_verb_phrase_is_no_second_item() -> None:
    cases = [
        (
            "He will repair the bridge, and the council will pay.",
            "repair the bridge",
        ),  # own subject
        ("He will repair the bridge, and said it was urgent.", "repair the bridge"),  # a report
        ("He will repair the bridge, and roads in the north.", "repair the bridge"),  # plural noun
        ("He will repair the bridge, and quickly.", "repair the bridge"),  # an aside
        ("He will repair the bridge and the road.", "repair the bridge"),  # no comma: one phrase
    ]
    for evidence, action in cases:
        assert _coordinated(evidence, action, ask=False) == [action], evidence


def test_a_name_after_by_and_a_role_is_not_who_he_is() -> None:
    text = (
        "Labour MP Tom Dale spoke in Leeds.\n"
        "He said the cuts proposed by shadow chancellor Oliver Vane were reckless. Turning to "
        'schools, he said: "We will build 100 new schools by 2008."'
    )
    c = one_commitment(text)
    assert c.actor == "Tom Dale"


def test_role_words_between_said_and_the_name_still_tag_the_speaker() -> None:
    text = (
        'Party spokesman Mark Vane added: "The power should be used sparingly."\n'
        'Rights groups also raised doubts. "We believe there should be an inquiry into the '
        'detentions," said director Kate Dale.'
    )
    asks = run(text).asks
    assert [a.actor for a in asks if "inquiry" in a.action] == ["Kate Dale"]


def test_the_party_is_the_party_named_before() -> None:
    text = (
        "The Tories mocked the plans after Labour unveiled how it will fight the election.\n"
        "In a break with tradition, the party will scrap its daily press briefings in London."
    )
    assert one_commitment(text).actor == "Labour"


def test_the_chancellor_is_the_person_reported_when_no_role_is_stated() -> None:
    text = (
        "Tom Dale has told supporters to turn out and vote.\n"
        "He said the choice was clear. Turning to jobs, the chancellor pledged to end youth "
        "unemployment within five years."
    )
    assert one_commitment(text).actor == "Tom Dale"


def test_the_premier_naming_someone_else_is_not_that_person() -> None:
    text = (
        "Tom Dale set out his plans.\n"
        "The premier insisted Mr Dale will have a key role in the campaign."
    )
    assert all(c.actor != "Tom Dale" or c.said_by for c in run(text).commitments)


def test_a_past_motive_is_no_pledge() -> None:
    text = (
        "Tom Dale said talking was the only answer. This was why he wanted to get away from the "
        "soundbites, he added."
    )
    assert not run(text).commitments


def test_backshifted_had_to_goes_on_from_the_speaker_reported() -> None:
    text = (
        "In a speech, charity director Ann Dale said aid groups had failed the poor. She said "
        "the aid movement had to speak more plainly. And it had to fight hunger first.\n"
        "More also needed to be done to hold companies to account."
    )
    asks = run(text).asks
    assert len(asks) == 3
    assert {a.actor for a in asks} == {"Ann Dale"}


def test_a_past_need_in_a_quotation_is_no_ask() -> None:
    text = '"The ministry, last week, had to print a guide of 300 pages," Tom Dale said.'
    assert not run(text).asks


def test_narrative_had_to_is_no_ask() -> None:
    text = (
        "Home Secretary Tom Dale said he was sorry.\n"
        "Amid opposition anger, Mr Dale had to answer an urgent question in Parliament. "
        "His speech in Leeds had to be postponed after he stayed in London. "
        "His supporters say they have the 50 signatures needed to call a meeting."
    )
    assert not run(text).asks


def test_she_is_a_woman_named_after_a_preposition_when_no_other_woman_is_named() -> None:
    text = (
        "The plans were welcomed by children's minister Ann Dale. Campaigner Tom Vane was "
        'unimpressed.\n"We want to make courts the last resort," she added.'
    )
    assert one_commitment(text).actor == "Ann Dale"


def test_the_executive_is_a_body_not_its_chief_executive() -> None:
    text = (
        "Chief executive Tom Dale spoke to the council.\n"
        "Mr Dale said the executive would play its part in the aid campaign."
    )
    assert one_commitment(text).actor != "Tom Dale"


def test_two_requests_joined_by_and_to_are_two_asks() -> None:
    text = (
        "The union has called on ministers to hire more fire inspectors and to raise spending "
        "on safety checks."
    )
    asks = run(text).asks
    assert [a.action for a in asks] == [
        "hire more fire inspectors",
        "raise spending on safety checks",
    ]
    assert {a.addressee for a in asks} == {"ministers"}


def test_looking_for_a_body_to_act_is_an_ask_but_looking_for_ways_is_not() -> None:
    (ask,) = run("Mr Dale is also looking for councils to share their payroll systems.").asks
    assert ask.addressee == "councils"
    assert ask.action.startswith("share their payroll")
    assert not run("The firm is looking for ways to cut its costs.").asks


def test_trying_to_is_a_pledge_only_when_the_body_says_it_of_itself() -> None:
    c = one_commitment("The Food Standards Agency said it was trying to cut salt in bread.")
    assert c.actor == "Food Standards Agency"
    assert c.action.startswith("cut salt")
    for text in (
        "A spokesman for the Bingo Association said the government was trying to calm fears.",
        "Tom Dale said he suspected Labour was now trying to win back lost voters.",
        '"I was trying to be helpful to the party," Tom Dale said.',
        "The ministry is trying to push the bill through before the summer.",
    ):
        assert not run(text).commitments, text


def test_in_order_for_is_no_order_and_no_agreement() -> None:
    text = (
        "The Greens say the deal was struck with France in order for the ships to be allowed "
        "into port."
    )
    assert not run(text).asks
    assert not run(text).commitments


def test_a_second_verb_phrase_shares_the_clauses_subject() -> None:
    text = (
        "The Prison Reform Trust published its report on Monday.\n"
        "It picked out the case of a young man, who died in his cell in 2002, and urged the home "
        "secretary to hold a public inquiry."
    )
    (ask,) = run(text).asks
    assert ask.actor == "Prison Reform Trust"
    (ask,) = run(
        "The Green Party have not been drawn into the row but have called for a Europe-wide "
        "policy on asylum."
    ).asks
    assert ask.actor == "Green Party"
    c = one_commitment(
        "Labour MP Tom Dale said he was proud of the record, and would strive for stability."
    )
    assert c.actor == "Tom Dale"


def test_a_second_verb_phrase_after_a_reported_clause_is_that_clauses() -> None:
    text = (
        "Labour MP Tom Dale argued that the EU was moving towards the UK view, and would "
        "recognise the need for reform."
    )
    assert all(c.actor != "Tom Dale" for c in run(text).commitments)


def test_a_participle_after_the_object_has_the_clauses_subject() -> None:
    text = (
        "Labour MP Tom Dale toured the region.\n"
        "Starting in Leeds, he visited marginal seats pledging to build more homes."
    )
    c = one_commitment(text)
    assert c.actor == "Tom Dale"
    assert "build more homes" in c.action


def test_repeating_or_joining_calls_makes_them_the_subjects_own() -> None:
    (ask,) = run("Tom Dale repeated calls for the mayor to apologise for his remarks.").asks
    assert ask.actor == "Tom Dale"
    (ask,) = run(
        "Ann Dale, from the campaign group Justice, joined calls for phone-tap evidence to be "
        "allowed in trials."
    ).asks
    assert ask.actor == "Ann Dale"
    assert not run("The row prompted repeated calls for him to quit.").asks


def test_calling_it_a_budget_for_someone_is_no_ask() -> None:
    assert not run("Tom Dale, of the Green Party, called it a budget for the rich.").asks


def test_a_quotation_reopened_in_a_paragraph_ends_the_one_left_open() -> None:
    text = (
        'Labour MP Ann Dale said: "We have already doubled the grant. "We are going to raise it '
        'again by 2007." She said parents wanted more help. "We have made a firm commitment. We '
        'will definitely extend the grant to nine months."'
    )
    actions = [c.action for c in run(text).commitments]
    assert any("extend the grant" in a for a in actions)


def test_poll_forecasts_of_seats_are_no_pledges() -> None:
    text = (
        "Labour will hold key marginal seats, winning a majority of 100, the survey suggests. "
        "And the Greens will take two key seats from the Tories."
    )
    assert not run(text).commitments


def test_whoever_is_urged_or_called_on_to_act_is_the_addressee() -> None:
    (ask,) = run("Green Party leader Ann Dale urged cyclists to wear helmets at night.").asks
    assert (ask.addressee, ask.action) == ("cyclists", "wear helmets at night")
    (ask,) = run("Ann Dale called on anglers to do more to protect the river.").asks
    assert ask.addressee == "anglers"
    (ask,) = run(
        "Ann Dale urged Save The Rivers, the charity she chairs, to close its London office."
    ).asks
    assert ask.addressee == "Save The Rivers"
    assert ask.action.startswith("close its London office")
    (ask,) = run("Campaigners urged tirelessly for the line to reopen.").asks or (None,)
    assert ask is None or ask.addressee != "tirelessly"


def test_a_movement_told_it_must_act_is_the_addressee() -> None:
    (ask,) = run("Charity chief Ann Dale said the peace movement must speak more plainly.").asks
    assert ask.addressee.endswith("movement")


def test_it_after_a_condition_is_the_conditions_subject() -> None:
    text = (
        "Green Party spokeswoman Ann Dale said if the party was in government it would make "
        "sure the road scheme was scrapped."
    )
    c = one_commitment(text)
    assert c.actor == "Greens"
    assert c.conditional


def test_a_day_between_the_speaker_and_said_keeps_the_speaker() -> None:
    text = (
        "Prime Minister Tom Dale spoke on television.\n"
        "The prime minister on Sunday said the rules would be tightened to ensure fair play."
    )
    c = one_commitment(text)
    assert c.actor in ("Tom Dale", "The prime minister")


def test_i_hope_the_council_will_is_an_appeal_to_it() -> None:
    (ask,) = run('"We hope the council will reopen the library," said campaigner Ann Dale.').asks
    assert (ask.actor, ask.addressee) == ("Ann Dale", "the council")
    assert ask.action.startswith("reopen the library")
    assert not run("Tom Vane said he hoped Mr Dale would be premier at some point.").asks


def test_a_speaker_in_a_place_is_not_the_place() -> None:
    text = (
        "In a statement, prisoner 'B' in Long Lartin Prison said: \"I hope now that the "
        'government will free us."'
    )
    (ask,) = run(text).asks
    assert ask.actor == "prisoner 'B'"


def test_a_bare_be_and_answering_questions_are_no_pledges() -> None:
    assert not run('Tom Dale said: "Whoever is the leader will be."').commitments
    text = "Later, Prime Minister Tom Dale will answer questions sent by the public by e-mail."
    assert not run(text).commitments


def test_it_stands_for_the_body_a_sentence_opened_on() -> None:
    text = (
        "The committee also highlighted worrying cases of young people in custody. It picked out "
        "the case of a young man, who died in his cell in 2003, and urged the home secretary to "
        "hold a public inquiry."
    )
    (ask,) = run(text).asks
    assert (ask.actor, ask.addressee) == ("committee", "the home secretary")


def test_if_you_are_serious_about_it_you_should_is_a_demand() -> None:
    text = (
        'Green Party chairman Tom Vane said: "If Ann Dale is serious about clean air she should '
        'start by closing the coal plant."'
    )
    (ask,) = run(text).asks
    assert (ask.actor, ask.addressee) == ("Tom Vane", "Ann Dale")
    assert not run("Tom Vane asked if the minister should resign.").asks


def test_under_government_plans_the_government_commits() -> None:
    c = one_commitment(
        "Carers would choose how their own budget for respite care was spent under government "
        "plans."
    )
    assert c.actor == "government"
    run("Pupils will read more under the plans.")  # no owner named: no error either


def test_a_dated_plan_or_the_day_of_saying_is_no_schedule() -> None:
    c = one_commitment("The Greens plan to oppose the bill in the Lords on Thursday.")
    assert c.actor == "Greens"
    text = (
        "Chancellor Tom Dale spoke in Leeds.\nOn Friday night, Mr Dale confirmed he would not "
        "make any tax commitments until the manifesto had been published."
    )
    assert one_commitment(text).stance == "refuse"
    assert not run("Mr Tom Dale will deliver his Budget on Wednesday.").commitments


def test_it_is_to_be_hoped_and_debating_proposals_are_no_pledges() -> None:
    text = 'Tom Dale said: "It is to be hoped that a second term will see a calmer approach."'
    assert not run(text).commitments
    assert not run("Peers are debating proposals to change the rules on titles.").commitments
