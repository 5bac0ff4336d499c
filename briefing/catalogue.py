"""What `briefing` knows about models, in one table: context window, prices, tokenizer, and
whether it is a reasoning model. Matched by name prefix (the longest wins); `[prices]` in
config.toml adds or overrides prices, `[batch_prices]` the Batch API's. Local and unknown models
get a conservative context, no price, and o200k_base as an estimate of their tokenizer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelInfo:
    """One model family. Prices are USD per million tokens (input, output); None is unknown."""

    context: int = 8_192
    prices: tuple[float, float] | None = None
    encoding: str = "o200k_base"
    reasoning: bool = False


DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
UNKNOWN = ModelInfo()
# OpenAI's Batch API bills every model of this table at half its synchronous rate.
OPENAI_BATCH_FACTOR = 0.5

# Families by name prefix. A price applies to the family name itself and its dated snapshots
# (gpt-4o-mini-2024-07-18), never to a longer sibling (gpt-4o is not gpt-4o-mini's price).
FAMILIES: dict[str, ModelInfo] = {
    "gpt-5": ModelInfo(272_000, (1.25, 10.00), reasoning=True),
    "gpt-5-mini": ModelInfo(272_000, (0.25, 2.00), reasoning=True),
    "gpt-5-nano": ModelInfo(272_000, (0.05, 0.40), reasoning=True),
    "gpt-4.1": ModelInfo(1_000_000, (2.00, 8.00)),
    "gpt-4.1-mini": ModelInfo(1_000_000, (0.40, 1.60)),
    "gpt-4.1-nano": ModelInfo(1_000_000, (0.10, 0.40)),
    "gpt-4.5": ModelInfo(128_000),
    "gpt-4o": ModelInfo(128_000, (2.50, 10.00)),
    "gpt-4o-mini": ModelInfo(128_000, (0.15, 0.60)),
    "chatgpt-4o": ModelInfo(128_000),
    "o1": ModelInfo(128_000, reasoning=True),
    "o3": ModelInfo(200_000, reasoning=True),
    "o4": ModelInfo(200_000, reasoning=True),
    "gpt-4-turbo": ModelInfo(128_000, encoding="cl100k_base"),
    "gpt-4": ModelInfo(8_192, encoding="cl100k_base"),
    "gpt-3.5": ModelInfo(16_385, encoding="cl100k_base"),
    "gpt-3.5-turbo": ModelInfo(16_385, encoding="cl100k_base"),
    "text-embedding-3": ModelInfo(8_192, encoding="cl100k_base"),
    "text-embedding-ada": ModelInfo(8_192, encoding="cl100k_base"),
}
_BY_LENGTH = sorted(FAMILIES, key=len, reverse=True)


def _base_name(model: str | None) -> str:
    return (model or "").lower().split("/")[-1]


def model_info(model: str | None) -> ModelInfo:
    """The family of a model name (`org/name` counts as `name`), or UNKNOWN."""
    name = _base_name(model)
    for prefix in _BY_LENGTH:
        if name.startswith(prefix):
            return FAMILIES[prefix]
    return UNKNOWN


def price(
    model: str | None, overrides: dict[str, tuple[float, float]] | None = None
) -> tuple[float, float] | None:
    """(input, output) USD per million tokens, or None when the price is unknown (local models,
    new models): callers say so rather than print $0."""
    table = {p: info.prices for p, info in FAMILIES.items() if info.prices is not None}
    return _lookup(model, {**table, **{k.lower(): v for k, v in (overrides or {}).items()}})


def batch_price(
    model: str | None,
    overrides: dict[str, tuple[float, float]] | None = None,
    batch_overrides: dict[str, tuple[float, float]] | None = None,
) -> tuple[float, float] | None:
    """The rate of a call made through a batch: `[batch_prices]` first; else half the
    synchronous price for OpenAI's models (the Batch API's rate); else the synchronous price, as
    a runner one pays by the hour (vLLM) gives no discount to count on."""
    own = _lookup(model, {k.lower(): v for k, v in (batch_overrides or {}).items()})
    if own is not None:
        return own
    sync = price(model, overrides)
    if sync is None or model_info(model) is UNKNOWN:
        return sync
    return (sync[0] * OPENAI_BATCH_FACTOR, sync[1] * OPENAI_BATCH_FACTOR)


def _lookup(
    model: str | None, table: dict[str, tuple[float, float]]
) -> tuple[float, float] | None:
    """The price of a family name itself or its dated snapshots, longest name first."""
    name = _base_name(model)
    for prefix in sorted(table, key=len, reverse=True):
        if name == prefix or name.startswith(prefix + "-20"):
            return table[prefix]
    return None


def cost_usd(
    prompt_tokens: int, completion_tokens: int, prices: tuple[float, float] | None
) -> float:
    """The cost of tokens at a price; 0 when the price is unknown."""
    if prices is None:
        return 0.0
    return (prompt_tokens * prices[0] + completion_tokens * prices[1]) / 1e6
