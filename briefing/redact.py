"""What must not leave the process, or reach a note: secrets (in cassettes, error messages,
warnings) and links that model or server text carries but the article does not."""

from __future__ import annotations

import re

# OpenAI-style keys (also as servers echo them masked: sk-abc*****wxyz), bearer tokens and
# HTTP basic credentials.
_SECRET = re.compile(
    r"(sk-[A-Za-z0-9_*.-]{8,}|Bearer\s+[A-Za-z0-9._~+/=*-]+|Basic\s+[A-Za-z0-9+/=]{8,})"
)
# The user-info part of a URL: scheme://user:password@host (also with an empty user).
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{0,20}://)[^/?#\s@]*@")


def scrub(text: str, *secrets: str | None) -> str:
    """Remove the given secrets verbatim (keys of other providers have no recognisable shape),
    anything shaped like a key or bearer token, and credentials in URLs."""
    text = _SECRET.sub("[REDACTED]", text)  # first: "Bearer <key>" goes whole
    for secret in secrets:
        if secret and len(secret) >= 8:
            text = text.replace(secret, "[REDACTED]")
    return _URL_CREDENTIALS.sub(r"\1[REDACTED]@", text)


def redact_url(url: str) -> str:
    """The URL with any user name and password replaced, for messages and stored keys."""
    return _URL_CREDENTIALS.sub(r"\1[REDACTED]@", url)


# Anything a Markdown renderer or a reader could follow: scheme://, protocol-relative //host,
# www., and the schemes that run or embed content.
_URL = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]{1,20}://|(?<![\w:/])//(?=[\w-]+\.)|\bwww\.|"
    r"\b(?:javascript|vbscript|data|file|mailto):)\S+",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}>'\"”’*_"
_NEVER_KEPT = ("javascript:", "data:", "vbscript:", "file:")
LINK_REMOVED = "[link removed]"


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
        return LINK_REMOVED + tail

    return _URL.sub(keep, value)


# The prompt's article markers (and their defused forms) echoed back by a model.
_MARKER = re.compile(r"(?:<<<|‹‹‹)\s*(?:ARTICLE|SUMMARIES|END)\b[^<>‹›\n]{0,40}(?:>>>|›››)")


def remove_markers(value: str) -> str:
    """Model text without the prompt's `<<<ARTICLE …>>>` / `<<<END …>>>` markers."""
    return " ".join(_MARKER.sub(" ", value).split()) if _MARKER.search(value) else value
