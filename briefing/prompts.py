"""Prompt files and the messages built from them.

The instructions (and, where a server needs it, the schema's outline) come first and are the
same in every call, so servers can cache that prefix (OpenAI caches repeated prefixes of 1,024
tokens or more; llama.cpp reuses any matching prefix). The article follows as numbered
sentences that the model cites by number, between markers carrying a nonce: article text is
untrusted data, and the text cannot forge the markers. The nonce is an HMAC of the block with a
per-installation secret, so a run at temperature 0 sends the same request every time (repeatable,
and cacheable by the server) while staying unguessable to an article's author.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .settings import user_dir

# Part of the cache key: raised when what a reply becomes changes (4: the model's own items are
# marked found_by "model" and gated; 5: the summary is a list of sentences; 6: the model's own
# items are never verified; 7: key points are the rules' ranking, not the model's), so no note
# cached before is served as if made now.
PROMPT_VERSION = 7
SECRET_FILE = "secret"

# Words that often carry a commitment or an ask: the sentences holding one are marked for the
# model to judge (recall matters here; the model decides), and an item the model adds must sit
# in a sentence with a word of its own kind.
_COMMITMENT_CUE = (
    r"will|won't|would|shall|'ll|going to|pledge\w*|promis\w*|vow\w*|commit\w*|agree\w*"
    r"|plan(?:s|ned)? to|intend\w*|aim(?:s|ed)? to|undertak\w*|guarantee\w*|offer\w*|refus\w*"
)
_ASK_CUE = (
    r"urg(?:e|es|ed|ing)\b|call(?:s|ed|ing)? (?:on|upon|for)|appeal\w*|demand\w*"
    # asking a question ("asked if he would stand again") is no request
    r"|ask\w*(?! (?:if|whether|about|what|how|why|when|who|where)\b)"
    r"|request\w*|press\w* \w+ to|want\w* \w+ to|must|should|need(?:s|ed)? to|ought to"
    r"|insist\w*"
)
CUES = {
    "commitment": re.compile(rf"\b(?:{_COMMITMENT_CUE})\b", re.IGNORECASE),
    "ask": re.compile(rf"\b(?:{_ASK_CUE})\b", re.IGNORECASE),
}
_LIKELY = re.compile(rf"\b(?:{_COMMITMENT_CUE}|{_ASK_CUE})\b", re.IGNORECASE)


@dataclass(frozen=True)
class NumberedSentence:
    """One sentence of the article as the model sees it: its number across the whole article
    (chunks keep them), whether it opens a paragraph, and the text."""

    number: int
    text: str
    opens_paragraph: bool = False
    # A rule-based reader's guesses at the commitments and asks in it, for the model to judge.
    drafts: tuple[str, ...] = ()


def load_prompt(name: str) -> str:
    """A prompt file: the user's `prompts/NAME.md` if present, else the built-in one."""
    custom = user_dir() / "prompts" / f"{name}.md"
    if custom.is_file():
        return custom.read_text(encoding="utf-8").strip()
    return resources.files("briefing").joinpath("prompts", f"{name}.md").read_text("utf-8").strip()


@cache
def installation_secret() -> bytes:
    """The key of the nonce's HMAC: made once per installation (user dir, mode 0600); a
    per-process one when the user directory cannot be written."""
    path = user_dir() / SECRET_FILE
    try:
        data = path.read_bytes()
        if len(data) >= 16:
            return data
    except OSError:
        pass
    fresh = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(fresh)
    except FileExistsError:
        return path.read_bytes()  # another process made it first
    except OSError:
        pass
    return fresh


def nonce_for(text: str) -> str:
    return hmac.new(installation_secret(), text.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def fence(label: str, text: str, nonce: str) -> str:
    """Text between nonce markers; marker-like sequences in the text are defused so an
    article cannot close the block early."""
    safe = text.replace(nonce, "").replace("<<<", "‹‹‹").replace(">>>", "›››")
    return f"<<<{label} {nonce}>>>\n{safe}\n<<<END {nonce}>>>"


def prompt_quotes(text: str) -> str:
    """Double quotes (straight or curly) shown as single ones, ‘ ’: a model that writes a bare
    `"` into a JSON string under a grammar (llama.cpp) ends the string there, cutting a summary
    mid-sentence, and Qwen2.5-1.5B wrote one after seeing “ ” in the article. Evidence and key
    points are cited by number, so the note still shows the article's own marks."""
    out = []
    for i, ch in enumerate(text):
        if ch in '"“”':
            before = text[i - 1] if i else " "
            opening = ch == "“" or (ch == '"' and (before.isspace() or before in "([{—–-"))
            ch = "‘" if opening else "’"
        out.append(ch)
    return "".join(out)


def numbered_article(title: str, sentences: list[NumberedSentence]) -> str:
    """`Title: ...` and one sentence a line, `[n]` (or `[n*]` when it is worth judging for a
    commitment or an ask), a blank line between paragraphs."""
    lines = [f"Title: {prompt_quotes(title)}"] if title else []
    for s in sentences:
        if s.opens_paragraph and lines:
            lines.append("")
        mark = "*" if worth_judging(s) else ""
        lines.append(f"[{s.number}{mark}] {prompt_quotes(' '.join(s.text.split()))}")
        lines += [f"  draft: {prompt_quotes(draft)}" for draft in s.drafts]
    return "\n".join(lines)


def worth_judging(sentence: NumberedSentence) -> bool:
    """A sentence marked [n*]: it has a draft, or words that often signal a commitment or an
    ask."""
    return bool(sentence.drafts) or bool(cue_positions(_LIKELY, sentence.text))


def cue_positions(cue: re.Pattern[str], text: str) -> list[int]:
    """Where the sentence uses a cue word: a capitalised one inside the sentence is part of a
    name ("the Court of Appeal", "Will Young"), not a cue."""
    return [
        m.start()
        for m in cue.finditer(text)
        if m.group(0)[0].islower() or not text[: m.start()].strip(" \"“‘'(")
    ]


# Words a summary sentence takes, about: the summary may have one sentence per this many words
# of its limit (three for the default 100).
SUMMARY_SENTENCE_WORDS = 30


def summary_sentences(summary_words: int) -> int:
    return max(2, round(summary_words / SUMMARY_SENTENCE_WORDS))


def extraction_messages(
    sentences: list[NumberedSentence], summary_words: int, title: str = ""
) -> list[dict[str, str]]:
    system = (
        load_prompt("extract")
        .replace("{summary_words}", str(summary_words))
        .replace("{summary_sentences}", str(summary_sentences(summary_words)))
    )
    body = numbered_article(title, sentences)
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": fence("ARTICLE", body, nonce_for(body))},
    ]


def combine_messages(summaries: list[str], summary_words: int) -> list[dict[str, str]]:
    system = load_prompt("combine").replace("{summary_words}", str(summary_words))
    joined = "\n\n".join(f"Part {i}: {s}" for i, s in enumerate(summaries, 1))
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": fence("SUMMARIES", joined, nonce_for(joined))},
    ]


def repair_message(problem: str) -> dict[str, str]:
    return {"role": "user", "content": load_prompt("repair").replace("{problem}", problem)}
