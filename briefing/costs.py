"""What a run would cost, from token counts alone: nothing is called (`briefing estimate`,
`digest --max-cost`). Articles already in the cache plan no call."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .catalogue import cost_usd
from .models import Article, Usage
from .settings import Settings

# Expected reply size per call when estimating: a summary, a few points and items, as JSON.
ESTIMATED_COMPLETION_TOKENS = 450


@dataclass
class Estimate:
    """The planned usage of a run, with what it is planned on."""

    engine: str = "offline"
    model: str | None = None
    articles: int = 0
    tokens: int = 0
    usage: Usage = field(default_factory=Usage)
    price_known: bool = True
    # Planned as a batch: cost_usd is at the batch rate, this at the synchronous one.
    sync_cost_usd: float | None = None

    def to_json(self) -> dict[str, Any]:
        data = {
            "engine": self.engine,
            "model": self.model,
            "articles": self.articles,
            "tokens": self.tokens,
            **self.usage.to_json(),
            "price_known": self.price_known,
        }
        if self.sync_cost_usd is not None:
            data.update(batch=True, sync_cost_usd=round(self.sync_cost_usd, 6))
        return data


def prompt_overhead_tokens(settings: Settings, encoding: str) -> int:
    """Tokens of instructions, schema and markers sent with every extraction call."""
    from .prompts import extraction_messages
    from .schema import EXTRACTION_SCHEMA
    from .tokens import count_tokens

    messages = extraction_messages([], settings.summary_words, "")
    text = "".join(m["content"] for m in messages) + json.dumps(EXTRACTION_SCHEMA)
    return count_tokens(text, encoding) + 8 * len(messages)


def estimate(
    articles: list[Article], settings: Settings, engine_name: str | None = None
) -> Estimate:
    """Tokens, planned calls (chunks, plus one combine call for chunked articles) and cost of
    running `engine_name` (default: the engine the settings resolve to)."""
    from .cache import note_key
    from .chunking import chunk_text
    from .engines import create
    from .engines.chunked import chunk_budget
    from .pipeline import run_cache
    from .tokens import count_tokens, encoding_name_for_model

    engine_name = engine_name or settings.resolved_engine()
    model = settings.effective_model if engine_name != "offline" else None
    encoding = encoding_name_for_model(model)
    result = Estimate(engine=engine_name, model=model, articles=len(articles))

    def count(text: str) -> int:
        return count_tokens(text, encoding)

    if engine_name == "offline":
        result.tokens = sum(count(a.text) for a in articles)
        return result
    cache = run_cache(settings)
    fingerprint = _fingerprint(engine_name, settings, create) if cache is not None else {}
    overhead = prompt_overhead_tokens(settings, encoding)
    budget = chunk_budget(settings)
    reply = min(ESTIMATED_COMPLETION_TOKENS, settings.max_output_tokens)
    usage = result.usage
    for article in articles:
        tokens = count(article.text)
        result.tokens += tokens
        chunks = chunk_text(article.text, budget, count)
        calls = len(chunks) + (1 if len(chunks) > 1 else 0)
        if cache is not None and cache.get(note_key(article, fingerprint)) is not None:
            usage.cached_calls += calls
            continue
        usage.calls += calls
        usage.prompt_tokens += tokens + (overhead + count(article.title)) * len(chunks)
        usage.completion_tokens += reply * calls
        if len(chunks) > 1:
            usage.prompt_tokens += overhead + reply * len(chunks)
    prices = settings.price()
    result.price_known = prices is not None
    usage.cost_usd = cost_usd(usage.prompt_tokens, usage.completion_tokens, prices)
    if settings.batch:
        from dataclasses import replace

        sync = replace(settings, batch=False).price()
        result.sync_cost_usd = cost_usd(usage.prompt_tokens, usage.completion_tokens, sync)
    return result


def _fingerprint(engine_name: str, settings: Settings, create: Any) -> dict[str, Any]:
    """The engine's cache fingerprint; building the engine needs a key but calls nothing."""
    from dataclasses import replace

    keyed = replace(settings, api_key=settings.api_key or "estimate-only")
    fingerprint: dict[str, Any] = create(engine_name, keyed).fingerprint()
    return fingerprint
