"""The face every engine shows: the pipeline, the cache and digests see only this."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..models import Article, Extraction, Usage


@dataclass
class EngineResult:
    """What an engine found in one article, before merge and verification.

    `summary` and `key_points` are the article-level ones when the engine wrote them (a
    combine call over chunk summaries); otherwise the first extraction's summary and the
    merged key points are used."""

    extractions: list[Extraction]
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)
    summary: str | None = None
    key_points: list[str] | None = None


class Engine(Protocol):
    """One per run, shared by every article's thread (implementations are thread-safe)."""

    @property
    def name(self) -> str:
        """The JSON contract's "engine" field."""

    @property
    def model(self) -> str | None:
        """The JSON contract's "model" field."""

    @property
    def cacheable(self) -> bool:
        """Worth a cache lookup (an LLM call), or cheaper to redo (offline)."""

    @property
    def waits_on_network(self) -> bool:
        """A digest runs extra article threads so local work never delays the next call."""

    def fingerprint(self) -> dict[str, Any]:
        """Everything besides the article that shapes this engine's answer: the cache key."""
        ...

    def tokenizer(self) -> str:
        """The tiktoken encoding that counts this engine's tokens."""
        ...

    def extract_article(self, article: Article, deadline: float) -> EngineResult:
        """Findings for one article; raises ArticleError subclasses for this article's failures
        and FatalServerError when the whole run must stop. `deadline` is time.monotonic()."""
        ...


class ReplySource(Protocol):
    """Where an LLM engine's replies come from instead of the network: a batch's results. The
    engine builds each request as for a live call and reads the reply as a live one, so a batch
    run validates, verifies and caches exactly as a synchronous one."""

    def reply(self, request: dict[str, Any]) -> Any:
        """The chat completion answering this request body; raises ReplyPending when it is not
        in yet, an ArticleError when it failed in the batch."""
        ...


class ReplyPending(Exception):
    """The reply to a request is not in yet: a batch run sends the request in its next batch.
    (Not an ArticleError: it fails nothing and no fallback engine takes over.)"""
