"""Word lists and the word tokenizer of the offline stages (they live in `briefing.words`, which
the engine-neutral stages use too)."""

from __future__ import annotations

from briefing.words import STOPWORDS, WORD, content_words, words

__all__ = ["STOPWORDS", "WORD", "content_words", "words"]
