"""Key points that open with a pronoun name the person, from the article's preceding sentences;
when the article does not settle who it is, the point stays as written."""

from __future__ import annotations

from helpers import EXAMPLES, run

from briefing.pronouns import name_opening_pronoun

SEED = (EXAMPLES / "seed-article.txt").read_text(encoding="utf-8")


def test_the_seed_notes_key_points_name_who_complimented_and_who_emphasised() -> None:
    note = run("note", str(EXAMPLES / "seed-article.txt")).stdout
    # "The minister noted that Williams expressed admiration... He further complimented Sar
    # Kheng": not Sar Kheng, whom the point names, but Williams.
    assert "- [Dominic Williams] further complimented Sar Kheng for his efforts" in note
    # "Sar Kheng said he appreciated... “We are strongly committed...,” he said. He emphasised"
    assert "- [Sar Kheng] emphasised that Cambodia cannot accomplish this work alone" in note
    assert "\n- He " not in note


TEXT = (
    "The former UN human rights commissioner Mary Robinson met Prime Minister Tony Blair in "
    "London on Monday. Mr Blair praised the plan. He said the government would act within "
    "weeks. Mrs Robinson welcomed it. Her office said the visit went well. "
    'The minister said: "He will not be freed at present."\n\n'
    "Council leader Jane Doe spoke later. Ms Doe was brief. She said the council would meet."
)


def test_he_his_she_her_and_what_is_left_alone() -> None:
    assert (
        name_opening_pronoun("He said the government would act within weeks.", TEXT)
        == "[Tony Blair] said the government would act within weeks."
    )
    assert (
        name_opening_pronoun("Her office said the visit went well.", TEXT)
        == "[Mary Robinson’s] office said the visit went well."
    )
    assert name_opening_pronoun("She said the council would meet.", TEXT) == (
        "[Jane Doe] said the council would meet."
    )
    # A speaker's "he" inside a quotation; a point the article does not hold (model-written).
    assert name_opening_pronoun("He will not be freed at present.", TEXT).startswith("He ")
    assert name_opening_pronoun("He promised a new bridge for the town.", TEXT).startswith("He ")
    # No pronoun at all.
    assert name_opening_pronoun("Mrs Robinson welcomed it.", TEXT) == "Mrs Robinson welcomed it."


def test_an_unnamed_person_or_a_she_the_article_never_marks_stays_a_pronoun() -> None:
    text = (
        "Prime Minister Tony Blair spoke on Monday. The chancellor warned of cuts. "
        "He said taxes would rise. Alex Smith, a teacher, was there. She said it was fair."
    )
    # "the chancellor" is nobody the article names: "he" may be him, not Blair.
    assert name_opening_pronoun("He said taxes would rise.", text) == "He said taxes would rise."
    # No Mrs/Ms/Miss Smith: a "she" is not given to a name the article never marks as hers.
    assert name_opening_pronoun("She said it was fair.", text) == "She said it was fair."
