"""Deadlines as dates: as written when they carry a year, resolved against the article's date
when they do not, and left unresolved (None) when there is nothing to resolve them against."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.dates import resolve_deadline
from briefing.merge import merge_extractions
from briefing.models import Commitment, Extraction
from briefing.verify import SourceIndex

PUBLISHED = dt.date(2005, 3, 10)  # a Thursday


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        ("by 30 June 2025", "2025-06-30"),
        ("June 30, 2025", "2025-06-30"),
        ("in November 2003", "2003-11-30"),
        ("by 2026", "2026-12-31"),
        ("before 2008", "2007-12-31"),
        ("by June", "2005-06-30"),
        ("by February", "2006-02-28"),  # February has passed: next year's
        ("by 1 April", "2005-04-01"),
        ("next year", "2006-12-31"),
        ("by the end of the year", "2005-12-31"),
        ("by the end of the month", "2005-03-31"),
        ("next month", "2005-04-30"),
        ("within two weeks", "2005-03-24"),
        ("within 6 months", "2005-09-10"),
        ("by Friday", "2005-03-11"),
        ("soon", None),
        ("", None),
    ],
)
def test_deadlines_resolve_against_the_articles_date(deadline: str, expected: str | None) -> None:
    when = resolve_deadline(deadline, PUBLISHED)
    assert (when.isoformat() if when else None) == expected


def test_relative_deadlines_need_the_articles_date_and_absolute_ones_do_not() -> None:
    assert resolve_deadline("next year", None) is None
    assert resolve_deadline("by June", None) is None
    assert resolve_deadline("by 30 June 2025", None) == dt.date(2025, 6, 30)


def test_every_item_carries_its_deadline_date() -> None:
    text = "The council will rebuild the bridge by June. The mayor will resign soon."
    items = [
        Commitment("The council", "rebuild the bridge", "by June", "will rebuild the bridge"),
        Commitment("The mayor", "resign", "soon", "The mayor will resign soon."),
    ]
    found = merge_extractions([Extraction(commitments=items)], SourceIndex(text), PUBLISHED)
    assert [c.deadline_date for c in found.commitments] == ["2005-06-30", None]
    assert found.commitments[0].to_json()["deadline_date"] == "2005-06-30"
