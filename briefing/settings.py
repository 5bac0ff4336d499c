"""One settings object for a run, and where the user's files live.

Precedence is flag > environment > config file > default; click resolves flags and environment
(`envvar=`) and feeds the config file in as its `default_map`, so the library only sees the
result. Library users build Settings directly.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import catalogue
from .errors import ConfigError


def user_dir() -> Path:
    """BRIEFING_HOME, else the platform's app directory (~/.config/briefing on Linux)."""
    env = os.environ.get("BRIEFING_HOME")
    if env:
        return Path(env)
    import click

    return Path(click.get_app_dir("briefing"))


def cache_dir() -> Path:
    env = os.environ.get("BRIEFING_CACHE_DIR")
    return Path(env) if env else user_dir() / "cache"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The user's config.toml as a dict ({} when absent); a broken file is a clear error."""
    path = path or user_dir() / "config.toml"
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


@dataclass
class Settings:
    """Everything a run needs to know, already resolved."""

    engine: str = "auto"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    chunk_tokens: int | None = None
    context_tokens: int | None = None
    max_output_tokens: int = 2_000
    summary_words: int = 100
    timeout: float = 60.0
    max_attempts: int = 4
    article_deadline: float = 300.0
    concurrency: int = 8
    use_cache: bool = True
    record: str | None = None
    replay: str | None = None
    template: str | None = None
    fallback: str | None = None
    prices: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def effective_model(self) -> str:
        return self.model or catalogue.DEFAULT_OPENAI_MODEL

    def context_window(self) -> int:
        return self.context_tokens or catalogue.model_info(self.effective_model).context

    def price(self) -> tuple[float, float] | None:
        """(input, output) USD per million tokens; None for unknown and local models."""
        return catalogue.price(self.effective_model, self.prices)

    def resolved_engine(self) -> str:
        """`auto` means openai when a key, base URL or replay cassette is configured."""
        if self.engine != "auto":
            return self.engine
        return "openai" if (self.api_key or self.base_url or self.replay) else "offline"
