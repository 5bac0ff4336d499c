"""Near-duplicate grouping and merged commitments/asks."""

from __future__ import annotations

from pathlib import Path

from briefing.ingest import read_article
from briefing.models import Article, Commitment, Entity, Note
from briefing.pipeline import make_note
from briefing.settings import Settings
from briefing.stories import (
    average_link,
    group_stories,
    jaccard,
    merge_items,
    quotations,
    shared_names,
    shingles,
)

DATA = Path(__file__).parent / "data" / "digest"
STORIES = Path(__file__).parent / "data" / "stories"


def note(article: Article, commitments: list[Commitment] | None = None) -> Note:
    return Note(article, 0, "offline", None, "", [], commitments or [], [], [])


def test_rewrites_of_one_report_group_and_different_stories_do_not() -> None:
    names = [
        "abbas-will-not-tolerate-attacks",
        "stalemate-in-pension-strike-talks",
        "conservative-backing-for-id-cards",
        "talks-aim-to-avert-pension-strike",
        "tory-backing-for-id-cards",
        "act-on-detention-ruling-uk-urged",
    ]
    notes = [note(read_article(str(DATA / f"{n}.txt"))) for n in names]
    stories = group_stories(notes)
    groups = [sorted(s.note_ids) for s in stories]
    assert groups[:2] == [
        ["stalemate-in-pension-strike-talks", "talks-aim-to-avert-pension-strike"],
        ["conservative-backing-for-id-cards", "tory-backing-for-id-cards"],
    ]
    assert groups[2:] == [["abbas-will-not-tolerate-attacks"], ["act-on-detention-ruling-uk-urged"]]
    assert sum(len(s.note_ids) for s in stories) == len(notes)


def test_differently_worded_reports_of_one_event_group_by_names_quotes_and_words() -> None:
    """The issue's digest: "Blair pledges unity" and "Labour seeks to quell feud talk" carry one
    Blair quote and stayed apart; of four ID-card articles only two grouped. A later rift story
    and a donor's reaction to the feud are other stories."""
    paths = sorted(STORIES.glob("*.txt")) + [
        DATA / "conservative-backing-for-id-cards.txt",
        DATA / "tory-backing-for-id-cards.txt",
    ]
    settings = Settings(engine="offline", use_cache=False)
    notes = [make_note(read_article(str(p)), settings) for p in paths]
    stories = group_stories(notes)
    assert [sorted(s.note_ids) for s in stories] == [
        [
            "clarke-faces-id-cards-rebellion",
            "clarke-to-press-on-with-id-cards",
            "conservative-backing-for-id-cards",
            "howard-denies-split-over-id-cards",
            "tory-backing-for-id-cards",
        ],
        ["blair-pledges-unity-to-labour-mps", "labour-seeks-to-quell-feud-talk"],
        ["brown-and-blair-face-new-rift-claims"],
        ["donor-attacks-blair-brown-feud"],
    ]
    assert {"Gordon Brown", "Parliamentary Labour Party"} <= set(stories[1].shared_names)
    assert stories[2].shared_names == []  # one article: nothing in common to show


def test_a_chain_of_follow_ups_is_not_one_story() -> None:
    """a~b closely, b~c a little, a and c nothing in common: c joins neither."""
    assert average_link(3, {(0, 1): 0.9, (1, 2): 0.3}, 0.25) == [[0, 1], [2]]
    assert average_link(3, {(0, 1): 0.9, (1, 2): 0.3, (0, 2): 0.3}, 0.25) == [[0, 1, 2]]
    assert average_link(2, {}, 0.25) == [[0], [1]]


def test_quotations_of_five_words_or_more_in_any_quotation_marks() -> None:
    text = 'He said: “Nothing is going to get in the way.” Also "too short" and "Unity, now!"'
    assert quotations(text) == {"quote:nothing is going to get in the way"}


def test_shared_names_are_those_two_articles_name_in_the_most_used_spelling() -> None:
    def named(i: str, *names: tuple[str, str]) -> Note:
        n = note(Article(i, i, "text", f"{i}.txt"))
        n.entities = [Entity(name, kind, "") for name, kind in names]
        return n

    notes = [
        named("a", ("Gordon Brown", "person"), ("Labour", "organisation"), ("Paris", "place")),
        named("b", ("Labour's Gordon Brown", "person"), ("Paris", "place")),
        named("c", ("Gordon Brown", "person"), ("Labour", "organisation"), ("Kenya", "place")),
    ]
    assert shared_names(notes) == ["Gordon Brown", "Labour"]


def test_story_title_is_the_most_central_then_earliest_article() -> None:
    base = "The council will build five hundred new homes in the north of the city by 2026."
    a = Article("a", "Late report", base + " Extra detail one.", "a.txt", date="2024-05-03")
    b = Article("b", "Early report", base + " Extra detail two.", "b.txt", date="2024-05-01")
    (story,) = group_stories([note(a), note(b)])
    assert story.title == "Early report" and story.note_ids == ["a", "b"]


def test_shingle_similarity() -> None:
    a = shingles("The minister will publish the plan by June.")
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles("Something else entirely happened on Tuesday night.")) == 0.0


def test_repeated_commitment_merged_with_sources() -> None:
    text = "The mayor will build 500 homes by 2026. The mayor will fix roads."
    a = Article("a", "A", text, "a.txt")
    b = Article("b", "B", text, "b.txt")
    homes = Commitment("Mayor", "build 500 homes", "2026", "The mayor will build 500 homes", True)
    homes_b = Commitment("The mayor", "build 500 homes", "by 2026", "will build 500 homes", True)
    roads = Commitment("Mayor", "fix roads", "", "The mayor will fix roads", True)
    unverified = Commitment("Mayor", "fly", "", "The mayor will fly", False)
    merged = merge_items([note(a, [homes, roads]), note(b, [homes_b, unverified])], "commitments")
    assert [(m.item.action, m.sources) for m in merged] == [
        ("build 500 homes", ["a", "b"]),
        ("fix roads", ["a"]),
    ]
