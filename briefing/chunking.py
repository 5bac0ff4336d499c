"""Split an article into chunks that fit the model: paragraphs first, then sentences, never
through a sentence (a sentence longer than the budget becomes its own chunk)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .sentences import paragraphs, sentences


@dataclass(frozen=True)
class Chunk:
    """A slice of the article text, with its offsets so evidence can be traced back."""

    start: int
    end: int
    text: str
    tokens: int


def chunk_text(text: str, max_tokens: int, count: Callable[[str], int]) -> list[Chunk]:
    """Greedy packing of paragraphs (or, inside a paragraph too long, its sentences) into
    chunks of at most max_tokens. An article that fits is exactly one chunk."""
    total = count(text)
    if total <= max_tokens:
        return [Chunk(0, len(text), text, total)]

    units: list[tuple[int, int, int]] = []  # (start, end, tokens) of paragraphs or sentences
    for p_start, p_end in paragraphs(text):
        p_tokens = count(text[p_start:p_end])
        if p_tokens <= max_tokens:
            units.append((p_start, p_end, p_tokens))
        else:
            units.extend((s, e, count(text[s:e])) for s, e in sentences(text, p_start, p_end))

    chunks: list[Chunk] = []
    start = end = -1
    used = 0
    for u_start, u_end, u_tokens in units:
        # +1 approximates the separator token between units.
        if start >= 0 and used + u_tokens + 1 > max_tokens:
            chunks.append(_make(text, start, end, count))
            start = -1
        if start < 0:
            start, used = u_start, 0
        end = u_end
        used += u_tokens + 1
    if start >= 0:
        chunks.append(_make(text, start, end, count))
    return chunks


def split_chunk(chunk: Chunk, count: Callable[[str], int], full_text: str) -> list[Chunk]:
    """Two halves of a chunk at the sentence boundary nearest its middle (for outputs cut off
    at the token limit). Returns [chunk] when it holds a single sentence."""
    spans = list(sentences(full_text, chunk.start, chunk.end))
    if len(spans) < 2:
        return [chunk]
    middle = chunk.start + (chunk.end - chunk.start) // 2
    cut = min(range(1, len(spans)), key=lambda i: abs(spans[i][0] - middle))
    first = _make(full_text, spans[0][0], spans[cut - 1][1], count)
    second = _make(full_text, spans[cut][0], spans[-1][1], count)
    return [first, second]


def _make(text: str, start: int, end: int, count: Callable[[str], int]) -> Chunk:
    body = text[start:end]
    return Chunk(start, end, body, count(body))
