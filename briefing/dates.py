"""Deadlines as dates: "by 30 June 2025", "in November 2003", "by 2026" are dates as written;
"by June", "next year", "within two weeks", "by the end of the month" are resolved against the
article's date when it is known, and stay unresolved (None) otherwise. A deadline names the last
day it allows: "by June" is 30 June, "by 2026" is 31 December 2026, "before 2008" 31 December
2007."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"((?:19|20)\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
}  # fmt: skip
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


def resolve_deadline(deadline: str, published: dt.date | None) -> dt.date | None:
    """The last day a deadline allows, or None when it cannot be told."""
    text = " ".join(deadline.lower().replace(",", " ").split())
    if not text:
        return None
    if m := re.search(r"\b(\d{4})-(\d\d)-(\d\d)\b", text):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(rf"\b{_DAY} {_MONTH} {_YEAR}\b", text):
        return _date(int(m[3]), _MONTHS[m[2][:3]], int(m[1]))
    if m := re.search(rf"\b{_MONTH} {_DAY} {_YEAR}\b", text):
        return _date(int(m[3]), _MONTHS[m[1][:3]], int(m[2]))
    if m := re.search(rf"\b{_MONTH} {_YEAR}\b", text):
        return _month_end(int(m[2]), _MONTHS[m[1][:3]])
    if m := re.search(rf"\b(before|by|in|until|end of|from) {_YEAR}\b", text) or re.search(
        rf"^{_YEAR}$", text
    ):
        year = int(m[m.lastindex or 1])
        return dt.date(year - 1, 12, 31) if m[0].startswith("before") else dt.date(year, 12, 31)
    if published is None:
        return None
    return _relative(text, published)


def _relative(text: str, published: dt.date) -> dt.date | None:
    if m := re.search(rf"\b{_DAY} {_MONTH}\b", text) or re.search(rf"\b{_MONTH} {_DAY}\b", text):
        day, month = (m[1], m[2]) if m[1].isdigit() else (m[2], m[1])
        return _next(published, lambda year: _date(year, _MONTHS[month[:3]], int(day)))
    if m := re.search(rf"\b{_MONTH}\b", text):
        month_number = _MONTHS[m[1][:3]]
        if m[1] != "may" or re.search(r"\b(?:by|in|until|end of|before) may\b", text):
            return _next(published, lambda year: _month_end(year, month_number))
    if re.search(r"\bnext year\b", text):
        return dt.date(published.year + 1, 12, 31)
    if re.search(r"\b(?:this|the end of the|end of the|the) year\b", text):
        return dt.date(published.year, 12, 31)
    if re.search(r"\bnext month\b", text):
        nxt = _month_end(published.year, published.month) + dt.timedelta(days=1)
        return _month_end(nxt.year, nxt.month)
    if re.search(r"\b(?:this|the end of the|end of the) month\b", text):
        return _month_end(published.year, published.month)
    if re.search(r"\bnext week\b", text):
        return published + dt.timedelta(days=13 - published.weekday())
    if m := re.search(
        r"\bwithin (?:the next )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
        r"|twelve) (day|week|month|year)s?\b",
        text,
    ):
        n = int(m[1]) if m[1].isdigit() else _NUMBERS[m[1]]
        return _add(published, n, m[2])
    if m := re.search(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", text):
        ahead = (_WEEKDAYS[m[1]] - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    if "christmas" in text:
        return _next(published, lambda year: dt.date(year, 12, 25))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _next(published: dt.date, make: Callable[[int], dt.date | None]) -> dt.date | None:
    """The day in the article's year, or the next year's when it has already passed."""
    this = make(published.year)
    if this is not None and this >= published:
        return this
    return make(published.year + 1)


def _add(published: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return published + dt.timedelta(days=n)
    if unit == "week":
        return published + dt.timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    year, month = divmod(published.month - 1 + months, 12)
    target_year, target_month = published.year + year, month + 1
    day = min(published.day, calendar.monthrange(target_year, target_month)[1])
    return dt.date(target_year, target_month, day)
