"""Check every evidence quote against the source, and show the source's words, not the model's.

A quote is located exactly, then after normalising whitespace, quote marks, dashes and case, then
fuzzily against single sentences and adjacent pairs. The fuzzy threshold (0.90 similarity, on
quotes of at least 8 words) accepts a dropped comma or a straightened apostrophe in a long
sentence, but not a paraphrase: invented or reworded quotes from small models score well below it
(0.5 to 0.8 on the recorded SmolLM2 runs), so they stay unverified.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher

from .sentences import sentences, split_sentences
from .words import content_words

FUZZY_THRESHOLD = 0.90
FUZZY_MIN_WORDS = 8
_TRANSLATE = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
GROUNDING_THRESHOLD = 0.5
_OPENING = "“‘"
_CLOSING = "”’"


def _unbalanced(piece: str, mark: str, partner: str) -> bool:
    """More `mark` than `partner` quotation marks in piece."""
    return piece.count(mark) > piece.count(partner)




class SourceIndex:
    """The article text prepared once for many lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self.offsets = _normalise_with_offsets(text)
        self.spans = list(sentences(text))
        self._starts = [s for s, _ in self.spans]
        self._fuzzy_candidates: list[tuple[int, int, str]] | None = None
        self._article_words: frozenset[str] | None = None

    def locate(self, quote: str) -> tuple[int, int] | None:
        """The (start, end) of quote in the source, or None when it is not there. A quote that
        starts a quotation keeps its opening mark, and one that opens a quotation closed right
        after it keeps the closing mark."""
        span = self._locate(quote)
        if span is None:
            return None
        start, end = span
        if start > 0 and self.text[start - 1] in _OPENING:
            start -= 1  # a quotation is shown as one, opening mark included
        piece = self.text[start:end]
        if end < len(self.text) and self.text[end] in _CLOSING and _unbalanced(piece, "“", "”"):
            end += 1
        return start, end

    def _locate(self, quote: str) -> tuple[int, int] | None:
        quote = quote.strip().strip('"“”').strip()
        if not quote:
            return None
        pos = self.text.find(quote)
        if pos >= 0:
            return pos, pos + len(quote)
        norm_quote, _ = _normalise_with_offsets(quote)
        norm_quote = norm_quote.strip()
        if norm_quote:
            pos = self.norm.find(norm_quote)
            if pos >= 0:
                start = self.offsets[pos]
                end = self.offsets[pos + len(norm_quote) - 1] + 1
                return start, end
        return self._fuzzy(norm_quote)

    def _fuzzy(self, norm_quote: str) -> tuple[int, int] | None:
        if len(norm_quote.split()) < FUZZY_MIN_WORDS:
            return None
        best, best_span = 0.0, None
        # Length bounds first: a ratio of at least T needs lengths within a factor of T.
        shortest = len(norm_quote) * FUZZY_THRESHOLD / (2 - FUZZY_THRESHOLD)
        longest = len(norm_quote) * (2 - FUZZY_THRESHOLD) / FUZZY_THRESHOLD
        for start, end, norm_sentence in self._candidates():
            if not shortest <= len(norm_sentence) <= longest:
                continue
            matcher = SequenceMatcher(None, norm_quote, norm_sentence, autojunk=False)
            if matcher.quick_ratio() < FUZZY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_span = ratio, (start, end)
        return best_span if best >= FUZZY_THRESHOLD else None

    def _candidates(self) -> list[tuple[int, int, str]]:
        """Sentences and adjacent pairs, normalised once per article (built on first use)."""
        if self._fuzzy_candidates is None:
            spans = list(self.spans)
            spans += [(a[0], b[1]) for a, b in zip(self.spans, self.spans[1:], strict=False)]
            self._fuzzy_candidates = [
                (a, b, _normalise_with_offsets(self.text[a:b])[0]) for a, b in spans
            ]
        return self._fuzzy_candidates

    def ungrounded(self, written: str) -> list[str]:
        """Sentences of model-written text (a summary) whose content words are mostly absent
        from the article: a paraphrase keeps most of its nouns and names, an invention does not.
        A summary cannot be checked like a quote; this catches the worst of it."""
        if self._article_words is None:
            self._article_words = frozenset(content_words(self.text))
        out = []
        for sentence in split_sentences(written):
            words = content_words(sentence)
            found = sum(w in self._article_words for w in words)
            if len(words) >= 4 and found / len(words) < GROUNDING_THRESHOLD:
                out.append(sentence)
        return out

    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        """The sentence containing a position (for ordering and deduplication)."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with quote marks and dashes unified and whitespace runs collapsed,
    plus the source offset of every character kept."""
    out: list[str] = []
    offsets: list[int] = []
    translated = text.translate(_TRANSLATE).lower()
    space = False
    for i, ch in enumerate(translated):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                offsets.append(i)
            space = True
            continue
        space = False
        out.append(ch)
        offsets.append(i)
    return "".join(out), offsets
