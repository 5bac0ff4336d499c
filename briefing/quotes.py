"""Quotation marks in a summary or key point are balanced, and one quotation never runs from
one speaker's sentence into another's.

An extractive summary joins sentences from across the article: a sentence that opens a quote
the article closes three sentences later, followed by someone else's sentence that closes
another, reads as one quotation of two people. A quotation open at a sentence's end is closed
there unless the next sentence is the one that continues it in the article; a closing mark
with no opening (the sentence began mid-quote) gets its opening mark at the sentence's start;
whatever is still open at the end is closed.
"""

from __future__ import annotations

import re

from .sentences import find_words, sentences

OPEN, CLOSE = "“", "”"
_MARK = re.compile(r"[“”\"]")
_WORDS = re.compile(r"\S+")


def balance_quotes(segment: str, article: str) -> str:
    """The summary or key point with its double quotation marks balanced (see the module)."""
    if not _MARK.search(segment):
        return segment
    spans = list(sentences(segment))
    if not spans:
        return segment
    found = [_in_article(segment[a:b], article) for a, b in spans]
    # Marks added are the kind the text uses: straight in a text that uses straight ones.
    straight = segment.count('"') > segment.count(OPEN) + segment.count(CLOSE)
    marks = ('"', '"') if straight else (OPEN, CLOSE)
    texts: list[str] = []
    is_open = False
    for k, (a, b) in enumerate(spans):
        text, is_open = _balance_sentence(segment[a:b], is_open, marks)
        if is_open and not _continues(segment, spans, found, k, article):
            text, is_open = text + marks[1], False
        texts.append(text)
    if is_open:
        texts[-1] += marks[1]
    gaps = [segment[: spans[0][0]]]
    gaps += [segment[b : spans[k + 1][0]] for k, (_, b) in enumerate(spans[:-1])]
    return "".join(g + t for g, t in zip(gaps, texts, strict=True)) + segment[spans[-1][1] :]


def _balance_sentence(text: str, is_open: bool, marks: tuple[str, str]) -> tuple[str, bool]:
    """The sentence with an opening mark at its start when it closes a quotation nobody opened
    (it began mid-quote), and whether a quotation is open at its end. Nothing is removed: a
    second stray closing mark in one sentence is left as the article has it."""
    began_inside = False
    for match in _MARK.finditer(text):
        if _opens(text, match.start()):
            is_open = True
        elif is_open:
            is_open = False
        elif text[: match.start()].strip('“”" '):  # words before it: it began mid-quote
            began_inside = True
    if began_inside:
        lead = len(text) - len(text.lstrip())
        text = text[:lead] + marks[0] + text[lead:]
    return text, is_open


def _opens(text: str, i: int) -> bool:
    """Whether the mark at i opens a quotation: curly marks say so; a straight one opens after a
    space, a bracket, a dash, "=" or ":"."""
    mark = text[i]
    if mark != '"':
        return mark == OPEN
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-=:"


def _continues(
    segment: str,
    spans: list[tuple[int, int]],
    found: list[tuple[int, int] | None],
    k: int,
    article: str,
) -> bool:
    """Whether sentence k+1 carries on sentence k's quotation: it follows k directly in the
    article and does not open a new quotation itself. Sentences the article does not hold (a
    model's own prose) are taken as written in sequence."""
    if k + 1 >= len(spans):
        return False
    nxt = segment[spans[k + 1][0] : spans[k + 1][1]]
    first = _MARK.search(nxt)
    if first is not None and _opens(nxt, first.start()) and not nxt[: first.start()].strip():
        return False  # a new paragraph of the quote, or a new quote: close this one here
    here, there = found[k], found[k + 1]
    if here is None or there is None:
        return here is None and there is None
    return here[1] <= there[0] and not article[here[1] : there[0]].strip('“”" \n\t')


def _in_article(sentence: str, article: str) -> tuple[int, int] | None:
    """Where the sentence is in the article, quotation marks at its ends and whitespace aside;
    None for a sentence the article does not hold, or holds only cut short (…)."""
    words = _WORDS.findall(sentence.strip('“”" '))
    if not words or sentence.endswith("…"):
        return None
    return find_words(words, article)
