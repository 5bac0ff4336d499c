"""`verified` means every check holds: the quote is in the article, and the actor (and the
addressee, when one is stated) is named in the quoted sentences or resolved there from a pronoun
or possessive to a name in the same paragraph. Whatever fails is listed under "Check these",
saying what failed."""

from __future__ import annotations

import pytest

from briefing.merge import merge_extractions
from briefing.models import Ask, Commitment, Entity, Extraction
from briefing.pipeline import counted_once
from briefing.render import note_markdown
from briefing.verify import FieldChecker, SourceIndex, named_in

SOURCE = (
    "The National Audit Office published its report on Monday.\n\n"
    "The Tories said they would scrap the tax. Ministers were urged by the NAO to act.\n\n"
    "Jane Smith, the council leader, spoke after the vote. “We will rebuild the bridge by "
    "June,” she said.\n\n"
    "Residents asked the council to reopen the library."
)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Jane Smith", "Ms Smith said so.", True),
        ("the Conservative Party", "The Tories said they would scrap it.", True),
        ("National Audit Office", "The NAO said so.", True),
        ("NAO", "The National Audit Office said so.", True),
        ("the government", "The government will act.", True),
        ("the government", "The council will act.", False),
        ("Gordon Brown", "Tony Blair will stand down.", False),
        ("UK", "Britain will help.", True),
        ("Liberal Democrats", "The Lib Dems have pledged to oppose the bill.", True),
        ("Lib Dems", "The Liberal Democrat leader said so.", True),
    ],
)
def test_named_in_counts_aliases_and_acronyms(name: str, text: str, expected: bool) -> None:
    assert named_in(name, text) is expected


def _span(source: SourceIndex, quote: str) -> tuple[int, int]:
    span = source.locate(quote)
    assert span is not None
    return span


def test_a_pronoun_resolves_to_a_name_in_the_same_paragraph() -> None:
    source = SourceIndex(SOURCE)
    checker = FieldChecker(source)
    span = _span(source, "We will rebuild the bridge by June")
    assert checker.party("Jane Smith", *span)
    assert not checker.party("Tony Blair", *span)


def test_a_name_from_another_paragraph_without_a_pronoun_does_not_count() -> None:
    source = SourceIndex(SOURCE)
    span = _span(source, "Residents asked the council to reopen the library.")
    assert not FieldChecker(source).party("Jane Smith", *span)


def _findings(commitments: list[Commitment], asks: list[Ask]) -> tuple[Extraction, str]:
    extraction = Extraction(summary="s", commitments=commitments, asks=asks)
    return extraction, SOURCE


CLAIMS = (
    "Neil Kinnock said Gordon Brown would never encourage a coup.\n\n"
    "Lib Dem spokesman Mark Oaten said the Tories would cut the police.\n\n"
    "Labour Party spokesman Tom Watt said Labour would publish its plans.\n\n"
    "Home Secretary Charles Clarke said the government would drop the bill.\n\n"
    "Shadow home secretary David Davis said the government would drop the bill.\n\n"
    "A spokesman said the government would review the scheme.\n\n"
    "Tory MP John Redwood said the Conservatives would axe 162 quangos."
)


@pytest.mark.parametrize(
    ("actor", "said_by", "evidence", "doubt"),
    [
        ("Gordon Brown", "Neil Kinnock", "Neil Kinnock said Gordon Brown would never",
         "Neil Kinnock’s words about Gordon Brown, not Gordon Brown’s own"),
        ("Tories", "Mark Oaten", "Mark Oaten said the Tories would cut",
         "Mark Oaten’s words about Tories, not Tories’ own"),  # a Lib Dem on the Tories
        ("Labour", "Tom Watt", "Tom Watt said Labour would publish", ""),
        ("government", "Charles Clarke", "Charles Clarke said the government would", ""),
        ("government", "David Davis", "David Davis said the government would",
         "David Davis’ words about government, not government’s own"),  # shadow: opposition
        ("government", "spokesman", "A spokesman said the government would", ""),
        ("Conservatives", "John Redwood", "John Redwood said the Conservatives would", ""),
        ("Gordon Brown", "", "Neil Kinnock said Gordon Brown would never", ""),  # not reported
    ],
)  # fmt: skip
def test_someone_elses_words_about_an_actor_are_not_its_commitment(
    actor: str, said_by: str, evidence: str, doubt: str
) -> None:
    """ "Critics said the government would never ..." is the critics' claim: the actor check
    holds only when the one reporting speaks for the actor (party, office, spokesman)."""
    people = [
        Entity("Neil Kinnock", "person"),
        Entity("Gordon Brown", "person"),
        Entity("Mark Oaten", "person", "Lib Dem spokesman"),
        Entity("Tom Watt", "person", "Labour Party spokesman"),
        Entity("Charles Clarke", "person", "Home Secretary"),
        Entity("David Davis", "person", "Shadow home secretary"),
        Entity("John Redwood", "person", "Tory MP"),
    ]
    item = Commitment(actor, "act", "", evidence, said_by=said_by)
    findings = merge_extractions(
        [Extraction(summary="s", commitments=[item], entities=people)], SourceIndex(CLAIMS)
    )
    checks = findings.commitments[0].checks
    assert checks.actor_doubt == doubt
    assert checks.actor is (not doubt)


def test_an_item_the_model_found_alone_is_kept_but_never_verified() -> None:
    """Its fields can all hold and it still be wrong: it goes under "Check these", saying why."""
    own = Commitment("Jane Smith", "rebuild the bridge", "June", "We will rebuild the bridge")
    own.found_by = "model"
    drafted = Commitment("Jane Smith", "rebuild the bridge", "June", "We will rebuild the bridge")
    alone = merge_extractions([Extraction(summary="s", commitments=[own])], SourceIndex(SOURCE))
    drafts = merge_extractions(
        [Extraction(summary="s", commitments=[drafted])], SourceIndex(SOURCE)
    )

    item = alone.commitments[0]
    assert item.checks.fields_hold() and item.checks.rules is False and not item.verified
    assert item.checks.failures() == [
        "found by a model alone: the rules read nothing in this sentence"
    ]
    assert any("found by a model alone" in w for w in alone.warnings)
    assert drafts.commitments[0].verified and drafts.commitments[0].checks.rules is True


def test_a_models_own_action_must_be_mostly_its_sentences_words() -> None:
    """The prompt asks for the action "in a few words from the sentence"; one shared word
    ("bridge") does not make another sentence's action this one's. The rules' paraphrases keep
    the one-word check."""
    copied = Commitment(
        "Jane Smith", "repair the old bridge over the river", "", "We will rebuild the bridge"
    )
    fitting = Commitment("Jane Smith", "rebuild the bridge", "", "We will rebuild the bridge")
    copied.found_by = fitting.found_by = "model"
    drafted = Commitment(
        "Jane Smith", "repair the old bridge over the river", "", "We will rebuild the bridge"
    )
    findings = merge_extractions(
        [Extraction(summary="s", commitments=[copied, fitting])], SourceIndex(SOURCE)
    )
    assert [c.action for c in findings.commitments] == ["rebuild the bridge"]
    assert any("from the model were left out" in w for w in findings.warnings)
    drafts = merge_extractions(
        [Extraction(summary="s", commitments=[drafted])], SourceIndex(SOURCE)
    )
    assert drafts.commitments[0].checks.action is True


def test_every_field_is_checked_and_verified_means_all_hold() -> None:
    right = Commitment("Jane Smith", "rebuild the bridge", "June", "We will rebuild the bridge")
    wrong_actor = Commitment("Tony Blair", "scrap the tax", "", "they would scrap the tax")
    invented = Commitment("Jane Smith", "resign", "", "I will resign tomorrow.")
    ask = Ask("Residents", "the council", "reopen the library", "", "asked the council to reopen")
    wrong_addressee = Ask("The NAO", "the army", "act", "", "Ministers were urged by the NAO")
    extraction = Extraction(
        summary="s", commitments=[right, wrong_actor, invented], asks=[ask, wrong_addressee]
    )
    findings = merge_extractions([extraction], SourceIndex(SOURCE))
    by_action = {i.action: i for i in [*findings.commitments, *findings.asks]}

    assert by_action["rebuild the bridge"].verified
    assert by_action["rebuild the bridge"].checks.to_json() == {
        "evidence": True, "actor": True, "addressee": None, "action": True, "deadline": True,
        "actor_doubt": "", "rules": True,
    }  # fmt: skip
    assert not by_action["scrap the tax"].verified
    assert by_action["scrap the tax"].checks.failures() == [
        "actor not named in the quoted sentence"
    ]
    assert by_action["resign"].checks.failures() == ["quote not found in the article"]
    assert by_action["reopen the library"].verified
    assert by_action["reopen the library"].checks.addressee is True
    assert by_action["act"].checks.actor and by_action["act"].checks.addressee is False
    assert not by_action["act"].verified
    assert any("say something their quote does not" in w for w in findings.warnings)


def test_an_action_or_deadline_the_quote_does_not_say_fails_its_check() -> None:
    """A small model fills fields with things the sentence never says: an invented deadline,
    an action from nowhere."""
    invented_deadline = Commitment("Jane Smith", "rebuild the bridge", "2023-04-05", "We will")
    invented_action = Commitment("Jane Smith", "politically-proliferating", "", "We will rebuild")
    paraphrase = Commitment("Jane Smith", "repair bridge", "by June", "We will rebuild the bridge")
    extraction = Extraction(commitments=[invented_deadline, invented_action, paraphrase])
    found = merge_extractions([extraction], SourceIndex(SOURCE)).commitments
    checks = {c.action: c.checks for c in found}
    assert checks["rebuild the bridge"].failures() == ["deadline not in the quoted sentence"]
    assert checks["politically-proliferating"].failures() == ["action not in the quoted sentence"]
    assert checks["repair bridge"].passed()  # one shared word is enough for a paraphrase


def test_check_these_says_what_failed_and_verified_items_show_who_said_it() -> None:
    from test_render import make_note

    reported = Commitment(
        "Gordon Brown", "never encourage a coup", "", "Brown would never encourage a coup",
        verified=True, said_by="Neil Kinnock",
    )  # fmt: skip
    refusal = Commitment(
        "The minister", "introduce ID cards before 2008", "", "will not introduce ID cards",
        verified=True, stance="refuse", conditional=True,
    )  # fmt: skip
    failed = Commitment("Tony Blair", "scrap the tax", "", "they would scrap the tax")
    failed.checks.evidence = True
    md = note_markdown(make_note(commitments=[reported, refusal, failed], asks=[]))
    assert "**Gordon Brown**: never encourage a coup — *said by Neil Kinnock*" in md
    assert "**The minister** (refuses, conditional): introduce ID cards before 2008" in md
    check_these = md.split("## Check these", 1)[1]
    assert "Tony Blair" in check_these and "actor not named in the quoted sentence" in check_these
    assert "Unverified" not in md


# -- the LLM path: cited sentences, drafts judged by the model ------------------------------------


def test_cited_numbers_become_the_articles_sentences_and_bad_numbers_are_dropped() -> None:
    from briefing.engines.chunked import cite

    extraction = Extraction(
        summary="s",
        commitments=[Commitment("Jane Smith", "rebuild", sentence=2), Commitment("X", sentence=9)],
    )
    warnings: list[str] = []
    cite(extraction, {1: "First.", 2: "We will rebuild the bridge."}, warnings)
    assert [c.evidence for c in extraction.commitments] == ["We will rebuild the bridge."]
    assert warnings == [
        "1 commitment(s) or ask(s) from the model cited no sentence of the article and were "
        "left out"
    ]


def test_the_prompt_shows_double_quotes_as_single_ones() -> None:
    """A bare `"` a model copies into a JSON string ends it under llama.cpp's grammar."""
    from briefing.prompts import NumberedSentence, numbered_article

    sentence = NumberedSentence(1, 'He said "we will" and “they won’t” ("ok").')
    shown = numbered_article("", [sentence])
    assert shown == "[1*] He said ‘we will’ and ‘they won’t’ (‘ok’)."
    assert '"' not in shown and "“" not in shown and "”" not in shown


def test_drafts_are_shown_under_their_sentences_marked_for_judging() -> None:
    from briefing.prompts import NumberedSentence, numbered_article

    shown = numbered_article(
        "T",
        [
            NumberedSentence(1, "The council met.", True),
            NumberedSentence(2, "It will reopen the pool.", False, ("commitment; actor: Council",)),
            NumberedSentence(3, "Residents should vote.", False),
        ],
    )
    assert shown.splitlines() == [
        "Title: T",
        "",
        "[1] The council met.",
        "[2*] It will reopen the pool.",
        "  draft: commitment; actor: Council",
        "[3*] Residents should vote.",
    ]


def test_drafts_stand_and_the_models_own_items_count_only_where_words_signal_them() -> None:
    from briefing.engines.chunked import reconcile

    draft = Commitment("Jane Smith", "rebuild the bridge", evidence="We will rebuild.")
    elsewhere = Ask("Residents", "the council", "reopen", evidence="Residents asked.")
    reply = Extraction(
        commitments=[
            Commitment("Smith", "rebuild", sentence=3),  # a draft's sentence: ignored
            Commitment("Council", "meet", sentence=8),  # no word of promise there ([8], no *)
        ],
        asks=[
            Ask("Union", "government", "talk", sentence=7),  # [7*], no draft: counts
            Ask("Israel", "PA", "refuse", sentence=9),  # [9*] has no word of an ask
        ],
    )
    drafts: dict[int, list[Commitment | Ask]] = {3: [draft], 12: [elsewhere]}
    judged = {  # [n*] sentences of this chunk (sentence 12 is in another chunk)
        3: "We will rebuild.",
        7: "The union urged the government to talk.",
        9: "Israel refuses to accept the denials.",
    }
    warnings: list[str] = []
    reconcile(reply, drafts, judged, warnings)
    assert reply.commitments == [draft]  # the rules' reading stands
    assert [a.actor for a in reply.asks] == ["Union"]
    assert warnings == [
        "1 item(s) from the model were left out: their sentence has no word of a commitment "
        "or an ask of that kind"
    ]


def test_a_models_own_item_is_conditional_only_when_its_sentence_states_a_condition() -> None:
    from briefing.engines.chunked import reconcile

    reply = Extraction(
        commitments=[
            Commitment("Cambodia", "continue its efforts", sentence=4, conditional=True),
            Commitment("Labour", "cut tax", sentence=5, conditional=True),
        ]
    )
    judged = {
        4: "That's a complicated issue, but Cambodia will continue in its efforts.",
        5: "Labour will cut tax if it wins.",
    }
    reconcile(reply, {}, judged, [], all_own=True)
    assert [c.conditional for c in reply.commitments] == [False, True]


def test_a_models_own_item_counts_where_the_offline_judge_finds_one_plausible() -> None:
    from briefing.engines.chunked import reconcile

    def reply() -> Extraction:
        return Extraction(
            commitments=[
                Commitment("Dominic Grieve", "change the safeguard", sentence=4),
                Commitment("ministers", "keep the men behind bars", sentence=5),
            ]
        )

    judged = {
        4: "Shadow attorney general Dominic Grieve criticised the government on its plans to "
        'change what he said was an "essential" safeguard.',
        5: "The men will stay behind bars while ministers decide how to react.",
    }
    warnings: list[str] = []
    gated = reply()
    reconcile(gated, {}, judged, warnings)
    assert [c.sentence for c in gated.commitments] == [5]
    assert warnings == [
        "1 item(s) from the model were left out: the offline sentence judge finds no such item "
        "likely in their sentence (--model-items all keeps them)"
    ]
    every = reply()
    reconcile(every, {}, judged, [], all_own=True)
    assert [c.sentence for c in every.commitments] == [4, 5]


def test_a_models_own_item_that_fails_a_check_is_left_out_and_a_rules_item_is_not() -> None:
    from briefing.schema import validate_extraction

    text = "The mayor said the city will rebuild the bridge. Critics urged a review of costs."
    rules = Commitment("the council", "rebuild the bridge", evidence=text[:48])  # wrong actor
    reply = validate_extraction(
        {"asks": [
            {"actor": "the treasury", "action": "a review of costs", "sentence": 2},
            {"actor": "Critics", "action": "a review of costs", "sentence": 2},
        ]}
    )  # fmt: skip
    assert [a.found_by for a in reply.asks] == ["model", "model"]
    for ask in reply.asks:
        ask.evidence = text[49:]
    findings = merge_extractions(
        [Extraction(commitments=[rules], asks=reply.asks)], SourceIndex(text)
    )
    # The rules' item fails its actor check and stays, under "Check these".
    assert [(c.found_by, c.verified) for c in findings.commitments] == [("rules", False)]
    assert [a.actor for a in findings.asks] == ["Critics"]
    assert any("1 item(s) from the model were left out" in w for w in findings.warnings)


def test_a_summary_past_its_word_limit_keeps_its_first_whole_sentences() -> None:
    from briefing.engines.chunked import within_words

    summary = "One two three four five. Six seven eight nine ten. Eleven twelve thirteen."
    assert within_words(summary, 8) == "One two three four five. Six seven eight nine ten."
    assert within_words(summary, 3) == "One two three four five."  # at least one sentence
    assert within_words(summary, 100) == summary


def test_a_whole_sentence_summary_is_kept_and_an_unfinished_last_sentence_is_not() -> None:
    from briefing.engines.chunked import whole_sentences

    warnings: list[str] = []
    assert whole_sentences("One. Two.", warnings) == "One. Two." and not warnings
    assert whole_sentences("One fact. He said the Tories would cut", warnings) == "One fact."
    assert warnings == ["the summary's last sentence was unfinished and was left out"]


def test_a_summary_cut_inside_its_only_sentence_is_marked_as_cut() -> None:
    from briefing.engines.chunked import whole_sentences

    warnings: list[str] = []
    assert whole_sentences("Labour says the Tory leader is acting like an", warnings) == (
        "Labour says the Tory leader is acting like an …"
    )
    assert warnings == ["the summary stops mid-sentence (marked …)"]


PRAISE = (
    "Tony Blair spoke to reporters on Monday. And he again heaped praise on Gordon Brown saying "
    "he was doing a great job, and would continue doing it."
)


def test_a_pronoun_beside_another_persons_name_leaves_the_actor_in_doubt() -> None:
    """ "he ... heaped praise on Gordon Brown saying he would continue": which "he"? The reader
    is told, instead of being shown Tony Blair's commitment as verified."""
    source = SourceIndex(PRAISE)
    span = _span(source, "And he again heaped praise")
    checker = FieldChecker(source, ["Tony Blair", "Gordon Brown"])
    assert checker.actor_doubt("Tony Blair", *span) == (
        "actor reached through “he”, but the sentence also names Gordon Brown"
    )
    assert checker.actor_doubt("Gordon Brown", *span) == ""  # named there


@pytest.mark.parametrize(
    ("actor", "doubt"),
    [
        ("the prime minister", "actor “the prime minister” is an office, not a name: who holds "
         "it was not settled"),
        ("The report", "actor “The report” is a document, not who stands behind it"),
        ("Tony Blair", ""),
        ("Ministers", ""),
    ],
)  # fmt: skip
def test_an_office_or_a_document_is_not_a_checked_actor(actor: str, doubt: str) -> None:
    text = "Ministers met. Tony Blair, the prime minister and the report said ministers would act."
    source = SourceIndex(text)
    span = _span(source, "Tony Blair, the prime minister and the report said")
    assert FieldChecker(source, ["Tony Blair"]).actor_doubt(actor, *span) == doubt


def test_the_note_says_why_an_actor_is_in_doubt() -> None:
    wrong = Commitment("Tony Blair", "continue doing it", "", "he was doing a great job")
    extraction = Extraction(summary="s", commitments=[wrong], entities=[
        Entity("Tony Blair", "person", ""), Entity("Gordon Brown", "person", "")])  # fmt: skip
    (item,) = merge_extractions([extraction], SourceIndex(PRAISE)).commitments
    assert not item.verified
    assert item.checks.failures() == [
        "actor reached through “he”, but the sentence also names Gordon Brown"
    ]


def test_the_speakers_own_pronoun_does_not_make_a_party_named_nearby_the_one_asked() -> None:
    text = (
        "The government is under pressure. Michael Howard said: \"I don't pretend that it is "
        'an easy decision but a decision has to be taken."'
    )
    source = SourceIndex(text)
    span = _span(source, "I don't pretend that it is an easy decision")
    checker = FieldChecker(source)
    assert checker.party("the government", *span)  # as an actor: "I" may be a speaker
    assert not checker.party("the government", *span, asked=True)


def test_a_place_after_in_is_not_the_one_acting() -> None:
    text = "Many MPs with rural seats, particularly in eastern England, have been pressing the " \
        "government to act."  # fmt: skip
    source = SourceIndex(text)
    span = _span(source, "Many MPs with rural seats")
    assert FieldChecker(source).actor_doubt("England", *span) == (
        "actor “England” is named only after “in”, not as the one acting"
    )
    assert FieldChecker(source).actor_doubt("MPs", *span) == ""


def test_a_question_holds_no_item_of_the_models_own() -> None:
    from briefing.engines.chunked import could_hold

    assert not could_hold("commitment", "Who will give taxpayers value for money?")
    assert not could_hold("ask", 'Should the UK approve the treaty?"')
    assert could_hold("commitment", "The Tories will give taxpayers value for money.")


def test_a_warning_each_chunk_repeats_is_one_line_with_the_counts_summed() -> None:
    judged = "item(s) from the model were left out: the offline sentence judge finds none likely"
    warnings = [f"1 {judged}", "the article has no date", f"2 {judged}", f"2 {judged}"]
    assert counted_once(warnings) == [f"5 {judged}", "the article has no date"]
