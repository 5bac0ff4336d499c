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


CONFIG_FILE = "config.toml"
PRICES_SHAPE = '[input, output] in USD per million tokens, e.g. "my-model" = [0.15, 0.60]'


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The user's config.toml as a dict ({} when absent); a file that cannot be read or holds
    a malformed [prices] table is a one-line ConfigError naming the key."""
    path = path or user_dir() / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML (it is not UTF-8 text)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    for table in PRICE_TABLES:
        if table in config:
            parse_prices(config[table], path, table)
    return config


# config.toml's price tables: synchronous calls, and calls made through a batch.
PRICE_TABLES = ("prices", "batch_prices")


def parse_prices(
    table: Any, where: Path | str = CONFIG_FILE, name: str = "prices"
) -> dict[str, tuple[float, float]]:
    """The [prices] (or [batch_prices]) table as model -> (input, output) USD per million
    tokens."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: {name} must be a table of model = {PRICES_SHAPE}")
    prices = {}
    for model, value in table.items():
        pair = value if isinstance(value, list) else None
        if (
            pair is None
            or len(pair) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pair)
            or not all(v >= 0 for v in pair)
        ):
            raise ConfigError(f"{where}: {name}.{model} must be {PRICES_SHAPE}; it is {value!r}")
        prices[str(model)] = (float(pair[0]), float(pair[1]))
    return prices


MODEL_ITEMS = ("auto", "judged", "all")


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
    # Which of an LLM's own items to keep (those in sentences the offline rules read nothing in):
    # "judged" where the offline sentence judge finds one plausible, "all" wherever the sentence
    # has a word of its kind; "auto" is "all" for the hosted models the catalogue knows and
    # "judged" for the rest (local models, whose own items were measured mostly wrong).
    model_items: str = "auto"
    prices: dict[str, tuple[float, float]] = field(default_factory=dict)
    # Calls go through a batch (`digest --batch`, `estimate --batch`): priced at the batch rate.
    batch: bool = False
    batch_prices: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def effective_model(self) -> str:
        return self.model or catalogue.DEFAULT_OPENAI_MODEL

    def keeps_all_model_items(self) -> bool:
        if self.model_items == "auto":
            return catalogue.model_info(self.effective_model) is not catalogue.UNKNOWN
        return self.model_items == "all"

    def context_window(self) -> int:
        return self.context_tokens or catalogue.model_info(self.effective_model).context

    def price(self) -> tuple[float, float] | None:
        """(input, output) USD per million tokens; None for unknown and local models."""
        if self.batch:
            return catalogue.batch_price(self.effective_model, self.prices, self.batch_prices)
        return catalogue.price(self.effective_model, self.prices)

    def resolved_engine(self) -> str:
        """`auto` means openai when a key, base URL or replay cassette is configured, or when
        the calls go through a batch."""
        if self.engine != "auto":
            return self.engine
        llm = self.api_key or self.base_url or self.replay or self.batch
        return "openai" if llm else "offline"


def settings_from_values(
    values: dict[str, Any],
    prices: dict[str, tuple[float, float]],
    batch_prices: dict[str, tuple[float, float]] | None = None,
) -> Settings:
    """Settings from option values by their long names (`retries`, `no_cache`, ...), already
    resolved flag > environment > config file: the one path the CLI and the library share.
    What is missing or None keeps its default; the key comes from OPENAI_API_KEY only."""
    from dataclasses import replace

    fallback = values.get("fallback", "none")
    retries = values.get("retries")
    fields = {
        name: values.get(name)
        for name in (
            "engine", "model", "base_url", "chunk_tokens", "context_tokens", "summary_words",
            "max_output_tokens", "timeout", "article_deadline", "concurrency", "record",
            "replay", "template", "model_items",
        )
    }  # fmt: skip
    fields["max_attempts"] = None if retries is None else retries + 1
    if fields["model_items"] not in (None, *MODEL_ITEMS):
        raise ConfigError(
            f"model_items must be one of {', '.join(MODEL_ITEMS)}, not {fields['model_items']!r}"
        )
    return replace(
        Settings(),
        **{k: v for k, v in fields.items() if v is not None},
        api_key=os.environ.get("OPENAI_API_KEY") or None,
        use_cache=not values.get("no_cache", False),
        fallback=None if fallback in (None, "none") else fallback,
        prices=prices,
        batch=bool(values.get("batch", False)),
        batch_prices=batch_prices or {},
    )
