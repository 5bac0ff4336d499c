"""Asks: phrasings and attributions added in issue 9's fourth round (made-up sentences)."""

from __future__ import annotations

from helpers import offline as run

from briefing.models import Ask


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


def test_a_named_partys_call_as_a_noun_is_its_ask_of_the_one_who_rejects_it() -> None:
    ask = one_ask("The government rejected Amnesty International's call for an inquiry.")
    assert (ask.actor, ask.addressee) == ("Amnesty International", "government")
    assert ask.action == "an inquiry"
    ask = one_ask("Mr Dale rejected Labour's demands for him to resign.")
    assert (ask.actor, ask.addressee, ask.action) == ("Labour", "Mr Dale", "resign")


def test_a_call_for_him_from_a_named_person_keeps_the_sentences_pledge() -> None:
    x = run(
        "Lib Dem leader Tom Kennedy said no.\n\n"
        "Home Secretary Charles Dale has vowed to press on with ID cards despite a call for "
        'him to "pause for thought" from Tom Kennedy.'
    )
    (ask,) = x.asks
    assert (ask.actor, ask.addressee) == ("Tom Kennedy", "Charles Dale")
    assert ask.action == '"pause for thought"'
    (c,) = x.commitments
    assert c.actor == "Charles Dale"


def test_calls_with_no_named_caller_are_no_ask() -> None:
    assert not run("He rejected critics' calls for the law change to be delayed.").asks
    assert not run("There were growing calls for an inquiry from the city.").asks


def test_warned_someone_against_asks_them_not_to() -> None:
    ask = one_ask("The charity warned the government against cutting aid.")
    assert (ask.actor, ask.addressee, ask.action) == (
        "charity",
        "the government",
        "avoid cutting aid",
    )
    ask = one_ask(
        "The Tories want health tests for migrants. Labour said the plans were unworkable.\n"
        'The Lib Dems warned both parties against "pandering to prejudice".'
    )
    # "both parties": the two named before, not the one warning
    assert (ask.actor, ask.addressee) == ("Liberal Democrats", "Conservatives and Labour")


def test_warned_against_with_no_one_warned_is_no_ask() -> None:
    assert not run("Labour MPs have warned against disunity.").asks
    assert not run("Ministers warned of the dangers of acting against the law.").asks


def test_we_look_to_x_to_asks_x() -> None:
    ask = one_ask(
        "Tory leader Tom Dale sent his congratulations, saying: "
        '"We look to the president to be a unifying force."'
    )
    assert (ask.actor, ask.addressee, ask.action) == (
        "Tom Dale",
        "the president",
        "be a unifying force",
    )


def test_entitled_to_expect_x_to_is_the_speakers_ask_of_x() -> None:
    ask = one_ask(
        "Tom Dale accepted some people believed he was too close to the Israelis, but said "
        "the Israelis were entitled to expect Palestinians to give up terrorism."
    )
    assert (ask.actor, ask.addressee, ask.action) == (
        "Tom Dale",
        "Palestinians",
        "give up terrorism",
    )


def test_expecting_a_thing_to_happen_is_a_forecast_not_an_ask() -> None:
    assert not run("Earlier this week he said he expected the embargo to be lifted.").asks
    assert not run("He said he expected the Lib Dems to increase their votes.").asks
    assert not run("And everyone does, indeed, expect Gordon Brown to do just that.").asks
    assert not run("They cannot expect the electorate to support a divided government.").asks


def test_high_time_is_a_demand_of_whoever_says_it() -> None:
    ask = one_ask(
        "Lib Dem leader Tom Dale said he was pleased.\n"
        "Mr Dale criticised Mr Brown for failing to mention council tax, saying it was "
        '"high time" the system was replaced by a "local tax".'
    )
    assert ask.actor == "Tom Dale"
    assert ask.action == 'the system was replaced by a "local tax"'
    assert not run("It was about time, he said.").asks


def test_x_did_something_saying_y_should_is_xs_ask_of_y() -> None:
    ask = one_ask("Tory leader Tom Dale criticised the plan, saying ministers should scrap it.")
    assert (ask.actor, ask.addressee, ask.action) == ("Tom Dale", "ministers", "scrap it")


def test_an_impersonal_demand_is_of_the_government_the_article_names() -> None:
    text = (
        "The government has refused an inquiry into the deaths.\n"
        '"There must be an independent public investigation," said Tom Dale, of Redress.'
    )
    ask = one_ask(text)
    assert (ask.actor, ask.addressee) == ("Tom Dale", "the government")
    # not when the article names no government, nor when a minister demands it
    ask = one_ask('"There must be an independent investigation," said Tom Dale, of Redress.')
    assert ask.addressee == ""
    ask = one_ask(
        "The government has refused an inquiry.\n"
        '"More research needs to be done," said Home Secretary Tom Dale.'
    )
    assert (ask.actor, ask.addressee) == ("Tom Dale", "")


def test_demanded_x_do_asks_x() -> None:
    ask = one_ask("The chancellor has demanded all government departments make similar savings.")
    assert (ask.addressee, ask.action) == ("all government departments", "make similar savings")
    ask = one_ask("Labour demanded an inquiry into the deaths.")
    assert (ask.addressee, ask.action) == ("", "an inquiry into the deaths")


def test_a_relative_clause_is_not_part_of_the_addressee() -> None:
    ask = one_ask(
        "Acpo wants pubs and clubs which cause extra work for police to have to pay the costs."
    )
    assert ask.addressee == "pubs and clubs"
    ask = one_ask("The office wants more schemes which help young people to volunteer.")
    assert ask.addressee == ""  # "more schemes": not a party that is asked


def test_a_demand_told_to_mps_is_of_them_but_not_of_the_bbc() -> None:
    ask = one_ask("New powers are needed to close disorderly pubs, police chiefs have told MPs.")
    assert (ask.actor, ask.addressee) == ("police chiefs", "MPs")
    ask = one_ask("New powers are needed to close pubs, Tom Dale told the BBC.")
    assert ask.addressee == ""


def test_a_speaker_with_a_capitalised_title_speaks_the_quotation_that_follows() -> None:
    text = (
        '"We will act," said the assembly government.\n'
        "Earlier, Tom Dale, Chief Executive of Hereford Hospitals NHS Trust, had said: "
        '"It is with real regret that we have taken this step. '
        '"We appeal to the health board to allow patients to choose Hereford."'
    )
    (ask,) = run(text).asks
    assert (ask.actor, ask.addressee) == ("Tom Dale", "the health board")


def test_want_x_to_ask_is_not_cut_at_a_word_starting_with_a() -> None:
    ask = one_ask('"We want Powys people to ask to be referred here," said Tom Dale.')
    assert (ask.addressee, ask.action) == ("Powys people", "ask to be referred here")


def test_a_challenge_or_an_order_as_a_noun_is_no_ask() -> None:
    assert not run(
        "The family of an Iraqi civilian have won a challenge against the government's refusal "
        "to order a full inquiry."
    ).asks
    ask = one_ask("The union challenged the minister to resign.")
    assert (ask.actor, ask.addressee, ask.action) == ("union", "the minister", "resign")


def test_written_to_x_to_insist_they_do_asks_x() -> None:
    ask = one_ask(
        'Tom Dale, chief executive of the board, said: "I have written straight back to the '
        'trust... to insist they withdraw this threat and treat the patients."'
    )
    assert (ask.actor, ask.addressee) == ("Tom Dale", "the trust")
    assert ask.action == "withdraw this threat and treat the patients"
    # "to insist they remain": no one written to, and "they" are the ones insisting
    assert not run("Ministers came out to insist they remain committed to the plan.").asks


def test_an_aside_between_subject_and_verb_is_not_who_asks() -> None:
    ask = one_ask("Rich countries, not just Britain, should cancel the debt, said Tom Dale.")
    assert (ask.actor, ask.addressee) == ("Tom Dale", "Rich countries")
    ask = one_ask("Labour MPs, including Tom Dale, have urged ministers to act.")
    assert (ask.actor, ask.addressee) == ("Labour MPs", "ministers")
