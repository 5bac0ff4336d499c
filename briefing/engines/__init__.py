"""Engines: what turns one article into findings. Every engine has the same small face, so the
pipeline, the cache and digests never ask which one they hold.

An engine is built from the run's Settings by its factory in ENGINES; adding one is a module
with a class that satisfies `Engine` and one `register()` call (the tests register a test-only
engine this way).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..models import Article, Extraction, Usage

if TYPE_CHECKING:
    import httpx2

    from ..cache import EndpointMemory
    from ..settings import Settings


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


Factory = Callable[["Settings", "httpx2.BaseTransport | None", "EndpointMemory | None"], Engine]
ENGINES: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    """Make an engine available as `--engine NAME` (and Settings(engine=NAME))."""
    ENGINES[name] = factory


def engine_names() -> list[str]:
    _register_builtins()
    return sorted(ENGINES)


def create(
    name: str,
    settings: Settings,
    transport: httpx2.BaseTransport | None = None,
    memory: EndpointMemory | None = None,
) -> Engine:
    from ..errors import ConfigError

    _register_builtins()
    if name not in ENGINES:
        raise ConfigError(f"unknown engine {name!r}; choose one of {', '.join(sorted(ENGINES))}")
    return ENGINES[name](settings, transport, memory)


def _register_builtins() -> None:
    """The built-in engines, imported on first use so `--help` never loads the SDK."""
    if "offline" not in ENGINES:
        from .offline import OfflineEngine

        register("offline", lambda settings, transport, memory: OfflineEngine(settings))
    if "openai" not in ENGINES:
        from .openai import OpenAIEngine

        register("openai", OpenAIEngine.from_settings)
