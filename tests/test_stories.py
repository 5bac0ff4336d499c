"""Near-duplicate grouping and merged commitments/asks."""

from __future__ import annotations

from pathlib import Path

from briefing.ingest import read_article
from briefing.models import Article, Commitment, Note
from briefing.stories import group_stories, jaccard, merge_items, shingles

DATA = Path(__file__).parent / "data" / "digest"


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
