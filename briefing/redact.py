"""What must not leave the process, or reach a note: secrets (in cassettes, error messages,
warnings) and links that model or server text carries but the article does not."""

from __future__ import annotations

import re

# OpenAI-style keys (also as servers echo them masked: sk-abc*****wxyz) and bearer tokens.
_SECRET = re.compile(r"(sk-[A-Za-z0-9_*.-]{8,}|Bearer\s+[A-Za-z0-9._~+/=*-]+)")


def scrub(text: str, *secrets: str | None) -> str:
    """Remove anything shaped like a key or bearer token, and the given secrets verbatim
    (keys of other providers have no recognisable shape)."""
    for secret in secrets:
        if secret and len(secret) >= 8:
            text = text.replace(secret, "[REDACTED]")
    return _SECRET.sub("[REDACTED]", text)


# Anything a Markdown renderer or a reader could follow: scheme://, protocol-relative //host,
# www., and the schemes that run or embed content.
_URL = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]{1,20}://|(?<![\w:/])//(?=[\w-]+\.)|\bwww\.|"
    r"\b(?:javascript|vbscript|data|file|mailto):)\S+",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}>'\"”’*_"
_NEVER_KEPT = ("javascript:", "data:", "vbscript:", "file:")


def remove_foreign_urls(value: str, source: str) -> str:
    """Model text may not carry a link the article does not contain."""

    def keep(m: re.Match[str]) -> str:
        url = m.group(0)
        # Sentence punctuation after a link is not part of it; a `)` only when unbalanced.
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        tail = m.group(0)[len(url) :]
        if url and url in source and not url.lower().startswith(_NEVER_KEPT):
            return url + tail
        return "[link removed]" + tail

    return _URL.sub(keep, value)
