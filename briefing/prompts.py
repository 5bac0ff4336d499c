"""Prompt files and the messages built from them. Article text is untrusted data: it goes into
the user message between markers carrying a fresh random nonce, which the text cannot forge."""

from __future__ import annotations

import secrets
from importlib import resources

from .settings import user_dir

PROMPT_VERSION = 1


def load_prompt(name: str) -> str:
    """A prompt file: the user's `prompts/NAME.md` if present, else the built-in one."""
    custom = user_dir() / "prompts" / f"{name}.md"
    if custom.is_file():
        return custom.read_text(encoding="utf-8").strip()
    return resources.files("briefing").joinpath("prompts", f"{name}.md").read_text("utf-8").strip()


def new_nonce() -> str:
    return secrets.token_hex(8)


def fence(label: str, text: str, nonce: str) -> str:
    """Text between nonce markers; marker-like sequences in the text are defused so an
    article cannot close the block early."""
    safe = text.replace(nonce, "").replace("<<<", "‹‹‹").replace(">>>", "›››")
    return f"<<<{label} {nonce}>>>\n{safe}\n<<<END {nonce}>>>"


def extraction_messages(text: str, summary_words: int, title: str = "") -> list[dict[str, str]]:
    nonce = new_nonce()
    system = load_prompt("extract").replace("{summary_words}", str(summary_words))
    body = f"Title: {title}\n{text}" if title else text
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": fence("ARTICLE", body, nonce)},
    ]


def combine_messages(summaries: list[str], summary_words: int) -> list[dict[str, str]]:
    nonce = new_nonce()
    system = load_prompt("combine").replace("{summary_words}", str(summary_words))
    joined = "\n\n".join(f"Part {i}: {s}" for i, s in enumerate(summaries, 1))
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": fence("SUMMARIES", joined, nonce)},
    ]


def repair_message(problem: str) -> dict[str, str]:
    return {"role": "user", "content": load_prompt("repair").replace("{problem}", problem)}
