"""Sentence and paragraph boundaries, as character spans into the article text.

Shared by chunking (never cut a sentence) and the offline engine (sentences are its evidence),
so both agree on what a sentence is. Spans, not strings, so evidence stays a verbatim slice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Lower-cased abbreviations that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm gov sen rep rev hon "
    "no nos vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n e.g i.e a.m p.m approx est fig dept univ mt ft".split()
)

_PARAGRAPH = re.compile(r"\n\s*\n")
# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+|$)""")
_NEXT_STARTS_SENTENCE = re.compile(r"""\s+["'“‘(\[]*[A-Z0-9£$€]""")
# In all-lower-case text (some corpora are lower-cased) any word may start a sentence.
_NEXT_STARTS_LOWER = re.compile(r"""\s+["'“‘(\[]*[a-z0-9£$€â]""")
_HAS_UPPER = re.compile(r"[A-Z]")
_TOKEN_BEFORE = re.compile(r"[\w.]*$")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of non-empty paragraphs (blocks separated by blank lines)."""
    start = 0
    for m in _PARAGRAPH.finditer(text):
        if text[start : m.start()].strip():
            yield _strip_span(text, start, m.start())
        start = m.end()
    if text[start:].strip():
        yield _strip_span(text, start, len(text))


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of sentences in text[start:end]; single newlines inside a paragraph also end one
    when the line reads as a heading (no terminal punctuation)."""
    end = len(text) if end is None else end
    for p_start, p_end in paragraphs(text[start:end]):
        yield from _sentences_in_paragraph(text, start + p_start, start + p_end)


def _sentences_in_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    s = start
    nxt = _NEXT_STARTS_SENTENCE if _HAS_UPPER.search(text, start, end) else _NEXT_STARTS_LOWER
    for m in _END.finditer(text, start, end):
        stop = m.end()
        if not _is_boundary(text, m.start(), stop, end, nxt):
            continue
        if text[s:stop].strip():
            yield _strip_span(text, s, stop)
        s = stop
    if text[s:end].strip():
        yield _strip_span(text, s, end)


def _is_boundary(
    text: str, punct: int, stop: int, end: int, nxt: re.Pattern[str] = _NEXT_STARTS_SENTENCE
) -> bool:
    if stop >= end:
        return True
    if text[punct] == "." and stop - punct == 1:
        word = _TOKEN_BEFORE.search(text, max(0, punct - 12), punct)
        token = word.group(0).lower() if word else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            return False
    if "\n" in text[stop : stop + 3]:
        return True
    return bool(nxt.match(text, stop, end))


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    """The sentences of text as strings (convenience for callers that need no offsets)."""
    return [text[a:b] for a, b in sentences(text)]


def find_words(words: list[str], text: str) -> tuple[int, int] | None:
    """Where these tokens (no whitespace in any) stand in `text` one after another, each run of
    whitespace between them any run: (start, end) of the leftmost such place, or None. (A
    regular expression built per sentence cost a compile per call: 2 ms an article in a digest.)"""
    if not words:
        return None
    first, rest = words[0], words[1:]
    start = text.find(first)
    while start >= 0:
        end = start + len(first)
        for word in rest:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return start, end
        start = text.find(first, start + 1)
    return None
