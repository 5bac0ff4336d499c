"""Entities with roles and merged short forms."""

from __future__ import annotations

from pathlib import Path

from briefing.models import Article, Entity
from briefing.offline import entities as entity_index
from briefing.offline import extract

SEED = (Path(__file__).parent / "data" / "offline" / "seed.txt").read_text(encoding="utf-8")


def entities(text: str) -> dict[str, Entity]:
    x = extract(Article(id="t", title="", text=text, source="t.txt"))
    return {e.name: e for e in x.entities}


def test_seed_people_roles_and_countries() -> None:
    ents = entities(SEED)
    assert ents["Sar Kheng"].type == "person"
    assert ents["Sar Kheng"].role == "Minister of Interior"
    assert ents["Dominic Williams"].role == "UK ambassador"
    assert "Williams" not in ents  # short form merged
    assert ents["UK"].type == "country"
    assert ents["Cambodia"].type == "country"
    assert ents["ASEAN"].type == "organisation"


def test_roles_before_names_and_honorific_short_forms() -> None:
    text = (
        "More money is to be given to councils, said housing minister Yvette Cooper. "
        "Ms Cooper said the plans were fair. Liberal Democrat peer Lord Greaves called for "
        "observers. Home Secretary Charles Clarke said detainees will not be freed. "
        "Mr Clarke spoke to the Traveller Law Reform Coalition."
    )
    ents = entities(text)
    assert ents["Yvette Cooper"].role == "housing minister"
    assert ents["Lord Greaves"].role == "Liberal Democrat peer"
    assert ents["Charles Clarke"].role == "Home Secretary"
    assert ents["Traveller Law Reform Coalition"].type == "organisation"
    assert not any(n in ents for n in ("Cooper", "Ms Cooper", "Clarke", "Mr Clarke"))


def test_places_and_events_are_not_people() -> None:
    ents = entities("Protesters gathered in Tiananmen Square after the Cold War ended.")
    assert "Tiananmen Square" not in ents or ents["Tiananmen Square"].type != "person"
    assert "Cold War" not in ents or ents["Cold War"].type != "person"


def test_two_people_joined_by_and_are_two_entries() -> None:
    text = (
        "Prime Minister Tony Blair and Mr Brown met on Monday. Mr Blair said the talks went "
        "well. Chancellor Gordon Brown said nothing."
    )
    ents = entities(text)
    assert not any(" and " in name for name in ents)
    assert "Tony Blair" in ents and "Gordon Brown" in ents


def test_acronym_and_full_name_are_one_entry() -> None:
    text = (
        "The Financial Action Task Force (FATF) said banks must report cash deals. "
        "FATF also named three countries."
    )
    ents = entities(text)
    assert "Financial Action Task Force" in ents
    assert "FATF" not in ents


def test_body_named_with_and_stays_whole() -> None:
    ents = entities("The Department for Work and Pensions said the scheme would close.")
    assert "Department for Work and Pensions" in ents
    ents = entities("MPs debated the Police and Criminal Evidence Act on Monday.")
    assert "Police and Criminal Evidence Act" in ents  # one word before "and" is no body


def test_two_bodies_or_people_joined_by_and_in_a_run_with_a_body_word_are_two_entries() -> None:
    cases = {
        "Officials of Kent County Council and Dover Harbour Board met.": (
            "Kent County Council", "Dover Harbour Board"),
        "It was drafted by Home Office Minister Lord Penn and Downing Street aide Baroness Vale.": (
            "Lord Penn", "Baroness Vale"),
        "He was joined by Lords Leader Baroness Hale and Baroness Mott of Leigh.": (
            "Baroness Hale", "Baroness Mott of Leigh"),
        "The Scottish National Party and the Greens walked out.": (
            "Scottish National Party", "Greens"),
    }  # fmt: skip
    for text, (first, second) in cases.items():
        ents = entities(text)
        assert not any(" and " in name for name in ents), (text, list(ents))
        names = " | ".join(ents)
        assert first.split()[-1] in names and second.split()[-1] in names, (text, list(ents))


def test_a_party_possessive_before_mr_is_a_party_and_a_person() -> None:
    ents = entities("Mayor Ken Dale faces a row. Labour's Mr Dale said he would stay.")
    assert "Ken Dale" in ents
    assert not [n for n in ents if "'s" in n]


def test_mc_and_mac_names_are_whole() -> None:
    ents = entities("First Minister Jack McDale spoke. Labour leader Ramsay MacRoss agreed.")
    assert "Jack McDale" in ents and "Ramsay MacRoss" in ents


def test_a_party_possessive_before_a_full_name_is_the_persons_party() -> None:
    ents = entities("Labour's Elizabeth Dale holds the seat with a majority of 4,000.")
    assert ents["Elizabeth Dale"].type == "person"
    assert ents["Elizabeth Dale"].role == "Labour"


def test_a_shadow_chancellor_is_not_the_chancellor() -> None:
    from briefing.offline.entities import find

    index = find("Shadow chancellor Oliver Vane attacked the plans. The chancellor said no.")
    assert index.person_with_role("chancellor") == ""
    index = find("Chancellor Tom Dale and shadow chancellor Oliver Vane met.")
    assert index.person_with_role("chancellor") == "Tom Dale"


def test_a_speaker_opening_a_paragraph_is_a_person() -> None:
    ents = entities("Minister rebuts claims\n\nTom Dale said he would do all he could to help.")
    assert ents["Tom Dale"].type == "person"


def test_an_mp_for_a_seat_is_no_person_named_for() -> None:
    ents = entities(
        '"Why fight it out?" the Labour MP for Ashby asked. Former minister Tom Dale said so.'
    )
    assert "for Ashby" not in ents


def test_a_one_word_name_after_union_or_group_is_a_body() -> None:
    ents = entities("The nurses' union Carewell and the rights group Fairplay met on Monday.")
    assert ents["Carewell"].type == "organisation"
    assert ents["Fairplay"].type == "organisation"


def test_a_bare_modifier_opens_a_role_we_do_not_know() -> None:
    ents = entities("Former Scots Guardsman Allan Hendry will stand. Mr Hendry said so.")
    assert ents["Allan Hendry"].role == "Former Scots Guardsman"
    assert "Scots Guardsman Allan Hendry" not in ents


def test_one_party_is_one_entry_under_its_fullest_name() -> None:
    text = (
        "The Tories have pledged to cut taxes. A Tory spokesman said the Conservative Party "
        "would publish its plans. Labour said the Conservatives were wrong.\n\n"
        "Jan Berry, the chairman of the Police Federation, said the Party must listen."
    )
    ents = entities(text)
    assert "Conservative Party" in ents
    assert not {"Tories", "Tory", "Conservatives", "Party"} & set(ents)
    assert ents["Police Federation"].role == ""  # "chairman of the" is Jan Berry's role


def test_stories_key_a_party_by_one_name() -> None:
    from briefing.stories import name_keys

    tories = Article(id="a", title="", text="The Tories said so. The Tories went.", source="a")
    conservatives = Article(id="b", title="", text="The Conservatives said so.", source="b")
    keys = []
    for article in (tories, conservatives):
        x = extract(article)
        note = type("N", (), {"entities": x.entities})()
        keys.append(set(name_keys(note)))  # type: ignore[arg-type]
    assert keys[0] & keys[1] == {"org:conservative party"}


def test_a_title_of_address_inside_a_run_starts_a_new_name() -> None:
    ents = entities(
        "Alastair Campbell is back. A Labour source told the Sunday Times Mr Campbell would "
        "front the campaign. Instead Mr Blair will travel to key cities."
    )
    assert "Alastair Campbell" in ents and "Blair" in ents
    assert not [n for n in ents if "Mr" in n.split()]


def test_a_role_before_a_title_of_address_stays_the_role() -> None:
    assert entities("Prime Minister Mr Blair said he would go.")["Blair"].role == "Prime Minister"


def test_a_time_zone_is_no_body() -> None:
    assert "GMT" not in entities("The Budget will be at 1230 GMT on that Wednesday.")


def test_a_role_is_the_role_not_the_words_of_the_sentence_before_it() -> None:
    ents = entities(
        "Labour will attack Tory leader Michael Howard today. Ariel Sharon and the Palestinian "
        "leader Mahmoud Abbas met. The committee, led by Edward Leigh, who is chairman of the "
        "committee, reported. Tory MP Tory MP Jonathan Sayeed quit. Former Scottish First "
        "Minister Jack McConnell spoke. Alastair Campbell, the ex-Downing Street media chief, "
        "returned. Jan Berry, head of the Police Federation, spoke. Britain, the UK, agreed."
    )
    assert ents["Michael Howard"].role == "Tory leader"
    assert ents["Mahmoud Abbas"].role == "Palestinian leader"
    assert ents["Jonathan Sayeed"].role == "Tory MP"
    assert ents["Edward Leigh"].role == "chairman"
    assert ents["Jack McConnell"].role == "Former Scottish First Minister"
    assert ents["Alastair Campbell"].role == "ex-Downing Street media chief"
    assert ents["UK"].role == ""


def test_an_abbreviation_of_a_thing_is_no_body() -> None:
    ents = entities(
        "The ID cards bill passed. Ministers promised a TV debate on HIV and TB screening, and "
        "the CBI welcomed it."
    )
    assert not {"ID", "TV", "HIV", "TB"} & set(ents)
    assert ents["CBI"].type == "organisation"


def test_a_name_never_runs_across_a_line_break() -> None:
    text = (
        "End Bush denial, Blair tells EU\n\nTony Blair is urging European leaders to wake up.\n\n"
        "School sport is back, says PM\n\nTony Blair visited a school, Mr Blair said."
    )
    names = {e.name for e in entity_index.find(text).entities}
    assert "Tony Blair" in names
    assert not any("\n" in n or n.startswith(("EU ", "PM")) for n in names), names
