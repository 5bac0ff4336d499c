"""Engines: what turns one article into findings. Every engine has the same small face, so the
pipeline, the cache and digests never ask which one they hold.

An engine is built from the run's Settings by its factory in ENGINES; adding one is a module
with a class that satisfies `Engine` and one `register()` call (the tests register a test-only
engine this way).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .base import Engine, EngineResult

if TYPE_CHECKING:
    import httpx2

    from ..cache import EndpointMemory
    from ..settings import Settings

__all__ = ["ENGINES", "Engine", "EngineResult", "create", "engine_names", "register"]


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
