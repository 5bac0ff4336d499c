"""The one place an OpenAI client is built. Tests and replay inject an HTTP transport here
instead of monkeypatching (openai 3.x talks over httpx2)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .settings import Settings

if TYPE_CHECKING:
    import httpx2
    from openai import OpenAI

# The SDK insists on a key; local servers (llama.cpp, Ollama, vLLM) do not check it.
LOCAL_PLACEHOLDER_KEY = "not-needed"


def make_transport(settings: Settings) -> httpx2.BaseTransport | None:
    """A recording or replaying transport when asked for, else None (the SDK's default)."""
    from .cassette import RecordingTransport, ReplayTransport

    if settings.record and settings.replay:
        raise ConfigError("--record and --replay cannot be used together")
    if settings.replay:
        return ReplayTransport(Path(settings.replay))
    if settings.record:
        return RecordingTransport(Path(settings.record))
    return None


def make_client(settings: Settings, transport: httpx2.BaseTransport | None = None) -> OpenAI:
    """An OpenAI client with explicit timeout and no SDK retries (the engine retries itself,
    within each article's deadline, honouring Retry-After)."""
    import httpx2
    from openai import OpenAI

    api_key = settings.api_key
    if not api_key:
        if not settings.base_url and not settings.replay:
            raise ConfigError(
                "no OPENAI_API_KEY set: set OPENAI_API_KEY, or pass --base-url for a local "
                "server, or use --engine offline"
            )
        api_key = LOCAL_PLACEHOLDER_KEY
    transport = transport or make_transport(settings)
    http_client = (
        httpx2.Client(
            transport=transport,
            timeout=settings.timeout,
            limits=httpx2.Limits(max_connections=max(settings.concurrency, 1) * 2),
        )
        if transport is not None
        else None
    )
    return OpenAI(
        api_key=api_key,
        base_url=settings.base_url or None,
        timeout=settings.timeout,
        max_retries=0,
        http_client=http_client,
    )
