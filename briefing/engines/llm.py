"""The openai engine: structured extraction through any OpenAI-compatible chat endpoint.

Structured output is tried in the strongest form the server accepts (json_schema strict, then
json_object with the schema, then plain JSON instructions) and what worked is remembered for the
rest of the run. Replies are always validated here, because servers ignore schemas.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..cassette import scrub
from ..errors import (
    ArticleError,
    FatalServerError,
    InvalidOutputError,
    RefusalError,
    TransientServerError,
)
from ..models import Extraction, Usage
from ..prompts import combine_messages, extraction_messages, repair_message
from ..schema import (
    COMBINE_SCHEMA,
    EXTRACTION_SCHEMA,
    bounded,
    parse_json_object,
    shape,
    validate_combined,
    validate_extraction,
)
from ..settings import Settings
from ..verify import remove_foreign_urls

if TYPE_CHECKING:
    from openai import OpenAI

    from ..cache import NoteCache

# Response-format modes, strongest first.
MODES = ("json_schema", "json_object", "prompt")
_JSON_INSTRUCTION = (
    "\nReply with only a JSON object of this shape (listed keys hold strings): {shape}"
)
_REASONING_PREFIXES = ("o1", "o3", "o4", "gpt-5")


class OutputTruncated(Exception):
    """The reply hit the output token limit; the caller splits the chunk and tries again."""

    def __init__(self, usage: Usage) -> None:
        super().__init__("the reply was cut off at the output limit")
        self.usage = usage


@dataclass
class Reply:
    data: dict[str, Any]
    usage: Usage


class LLMEngine:
    """One per run: holds the client, the call gate and what each endpoint accepted."""

    name = "openai"

    def __init__(
        self, settings: Settings, client: OpenAI, memory: NoteCache | None = None
    ) -> None:
        self.settings = settings
        self.client = client
        self.model = settings.effective_model
        self._mode_index = 0
        self._mode_lock = threading.Lock()
        # What this endpoint accepted in an earlier run, so a server that rejects json_schema
        # is not asked again every morning.
        self.memory = memory
        self._memory_key = f"response-format:{settings.base_url or 'openai'}|{self.model}"
        self._remembered: str | None = None
        if memory is not None:
            known = memory.recall(self._memory_key)
            if known in MODES:
                self._remembered = known
                self._mode_index = MODES.index(known)
        # Bounds calls in flight across articles and their chunks together.
        self.gate = threading.BoundedSemaphore(max(1, settings.concurrency))
        # OpenAI's and Azure OpenAI's own APIs want max_completion_tokens (reasoning models
        # reject max_tokens); other OpenAI-compatible servers know only max_tokens.
        host = (settings.base_url or "https://api.openai.com").lower()
        self._official = "api.openai.com" in host or ".openai.azure.com" in host

    # -- public ---------------------------------------------------------------------------

    def extract(self, text: str, title: str, deadline: float) -> tuple[Extraction, Usage]:
        """Extraction of one chunk; raises OutputTruncated when the reply was cut off."""
        messages = extraction_messages(text, self.settings.summary_words, title)
        reply = self._structured(messages, EXTRACTION_SCHEMA, "extraction", deadline)
        return validate_extraction(reply.data), reply.usage

    def combine(self, summaries: list[str], deadline: float) -> tuple[str, list[str], Usage]:
        """One call that merges chunk summaries; it never sees the article text again."""
        messages = combine_messages(summaries, self.settings.summary_words)
        reply = self._structured(messages, COMBINE_SCHEMA, "summary", deadline, combine=True)
        summary, points = validate_combined(reply.data)
        return summary, points, reply.usage

    # -- structured output ------------------------------------------------------------------

    def _structured(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        name: str,
        deadline: float,
        combine: bool = False,
    ) -> Reply:
        usage = Usage()
        validate: Callable[[dict[str, Any]], object] = (
            validate_combined if combine else validate_extraction
        )
        content, call_usage, mode = self._call_in_best_mode(messages, schema, name, deadline)
        usage.add(call_usage)
        try:
            data = parse_json_object(content)
            validate(data)
            return Reply(data, usage)
        except InvalidOutputError as problem:
            # One repair attempt: show the model its reply and what was wrong.
            repair = [
                *messages,
                {"role": "assistant", "content": content[:4000]},
                repair_message(str(problem)),
            ]
        content, call_usage = self._call(repair, schema, name, mode, deadline)
        usage.add(call_usage)
        try:
            data = parse_json_object(content)
            validate(data)
        except InvalidOutputError as again:
            raise InvalidOutputError(
                f"the model's output was not valid for the schema after one repair attempt "
                f"({again})"
            ) from None
        return Reply(data, usage)

    def _call_in_best_mode(
        self, messages: list[dict[str, str]], schema: dict[str, Any], name: str, deadline: float
    ) -> tuple[str, Usage, str]:
        """One call in the strongest response format the endpoint accepts. The first wave goes
        out at once: a rejected format costs a quick unbilled error, waiting for a probe would
        cost every run a whole reply's latency."""
        while True:
            mode_index = self._mode_index
            try:
                content, usage = self._call(messages, schema, name, MODES[mode_index], deadline)
            except _FormatRejected:
                self._downgrade(mode_index)
                continue
            self._remember(MODES[mode_index])
            return content, usage, MODES[mode_index]

    def _remember(self, mode: str) -> None:
        """Keep what this endpoint accepted for later runs (in the cache database)."""
        if self.memory is None or mode == self._remembered:
            return
        with self._mode_lock:
            if mode != self._remembered:
                self._remembered = mode
                self.memory.remember(self._memory_key, mode)

    def _downgrade(self, seen_index: int) -> None:
        with self._mode_lock:
            if self._mode_index == seen_index and seen_index < len(MODES) - 1:
                self._mode_index = seen_index + 1

    @property
    def mode(self) -> str:
        """The response format this endpoint accepted (remembered for the run)."""
        return MODES[self._mode_index]

    def _request(
        self, messages: list[dict[str, str]], schema: dict[str, Any], name: str, mode: str
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"model": self.model}
        if mode == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": name, "strict": True, "schema": schema},
            }
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object", "schema": bounded(schema)}
        if mode != "json_schema":
            # Servers that ignore the schema still need to see it.
            system = messages[0]["content"] + _JSON_INSTRUCTION.format(shape=shape(schema))
            messages = [{"role": "system", "content": system}, *messages[1:]]
        kwargs["messages"] = messages
        limit = self.settings.max_output_tokens
        if self._official:
            kwargs["max_completion_tokens"] = limit
        else:
            kwargs["max_tokens"] = limit
        if not self.model.lower().startswith(_REASONING_PREFIXES):
            kwargs["temperature"] = 0
        return kwargs

    # -- one HTTP call, with retries ----------------------------------------------------------

    def _call(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        name: str,
        mode: str,
        deadline: float,
    ) -> tuple[str, Usage]:
        import openai

        kwargs = self._request(messages, schema, name, mode)
        attempt = 0
        while True:
            attempt += 1
            # No single call may outlast the article's deadline (nor the configured timeout).
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TransientServerError(
                    f"the article's deadline ({self.settings.article_deadline:g} s) ran out"
                )
            try:
                with self.gate:
                    completion = self.client.chat.completions.create(
                        **kwargs, timeout=min(self.settings.timeout, max(remaining, 0.1))
                    )
                return self._read(completion)
            except openai.APIStatusError as exc:
                if _rejects_format(exc, mode):
                    raise _FormatRejected from None
                fatal = _fatal_message(exc)
                if fatal:
                    raise FatalServerError(scrub(fatal, self.settings.api_key)) from None
                if exc.status_code in (408, 409, 429) or exc.status_code >= 500:
                    wait = _retry_after(exc) or _backoff(attempt)
                    reason = f"HTTP {exc.status_code}"
                else:
                    message = scrub(_article_message(exc), self.settings.api_key)
                    raise ArticleError(message) from None
            except (openai.APITimeoutError, openai.APIConnectionError) as exc:
                if "no recorded response" in str(exc.__cause__ or exc):
                    raise ArticleError(str(exc.__cause__ or exc)) from None
                # A timeout has already cost the wait; a refused connection backs off.
                timed_out = isinstance(exc, openai.APITimeoutError)
                wait = 0.0 if timed_out else _backoff(attempt)
                reason = _describe_connection(exc, self.settings)
            except (openai.APIResponseValidationError, json.JSONDecodeError):
                # A 200 whose body is not JSON at all (a proxy page served as JSON, a cut body).
                raise ArticleError("the server's reply is not a chat completion") from None
            if attempt >= self.settings.max_attempts or time.monotonic() + wait > deadline:
                raise TransientServerError(
                    f"gave up after {attempt} attempt(s): {reason}"
                ) from None
            time.sleep(wait)

    def _read(self, completion: Any) -> tuple[str, Usage]:
        # The SDK hands back a str for a text/html body and builds models without validation,
        # so nothing about the shape of the reply can be taken for granted.
        not_completion = "the server's reply is not a chat completion (a proxy error page?)"
        choices = getattr(completion, "choices", None)
        if not choices or not isinstance(choices, list):
            raise ArticleError(not_completion)
        choice = choices[0]
        message = getattr(choice, "message", None)
        if message is None:
            raise ArticleError(not_completion)
        refusal = getattr(message, "refusal", None)
        if refusal:
            # The refusal is model text that reaches warnings and digests: no links in it.
            raise RefusalError(f"the model refused: {remove_foreign_urls(str(refusal), '')[:200]}")
        finish_reason = getattr(choice, "finish_reason", None)
        if finish_reason == "content_filter":
            raise ArticleError("the server's content filter blocked the reply")
        content = getattr(message, "content", None)
        if content is not None and not isinstance(content, str):
            raise ArticleError(not_completion)
        usage = Usage(calls=1)
        reported = getattr(completion, "usage", None)
        if reported is not None:
            usage.prompt_tokens = _int(getattr(reported, "prompt_tokens", 0))
            usage.completion_tokens = _int(getattr(reported, "completion_tokens", 0))
        price_in, price_out = self.settings.price()
        usage.cost_usd = (
            usage.prompt_tokens * price_in + usage.completion_tokens * price_out
        ) / 1e6
        if finish_reason == "length":
            raise OutputTruncated(usage)
        return content or "", usage


def _int(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


class _FormatRejected(Exception):
    """The server does not accept this response_format."""


def _error_text(exc: Any) -> str:
    """The server's error message, with anything shaped like a key removed: servers echo
    (part of) a rejected key, and this text reaches the terminal, logs and digests."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        text = str(err.get("message") or err) if isinstance(err, dict) else str(err)
    else:
        text = str(getattr(exc, "message", "") or exc)
    return scrub(text)


def _error_code(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            return str(err.get("code") or err.get("type") or "")
    return str(getattr(exc, "code", "") or "")


def _rejects_format(exc: Any, mode: str) -> bool:
    if mode == "prompt" or exc.status_code not in (400, 422, 500):
        return False
    text = _error_text(exc).lower()
    return any(
        k in text
        for k in (
            "response_format",
            "json_schema",
            "json_object",
            "'text' or",
            "structured output",
            "grammar",
        )
    )


def _fatal_message(exc: Any) -> str | None:
    status, code, text = exc.status_code, _error_code(exc), _error_text(exc)
    if status == 401:
        return "the server rejected the API key (HTTP 401): check OPENAI_API_KEY"
    if status == 403:
        return f"access denied (HTTP 403): {text[:160]}"
    if status == 404 and ("model" in code or "model" in text.lower()):
        return f"unknown model (HTTP 404): {text[:160]}; check --model / BRIEFING_MODEL"
    if status == 404:
        return "the server has no chat completions endpoint here (HTTP 404): check --base-url"
    if status == 429 and "insufficient_quota" in (code + text):
        return "the account has no quota left (HTTP 429 insufficient_quota): check billing"
    return None


def _article_message(exc: Any) -> str:
    code, text = _error_code(exc), _error_text(exc)
    if "context_length" in code or "context length" in text.lower():
        return "the article is too long for the model's context (pass a smaller --chunk-tokens)"
    return f"the server rejected the request (HTTP {exc.status_code}): {text[:200]}"


def _retry_after(exc: Any) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return min(float(value), 60.0) if value else None
    except ValueError:
        return None


def _backoff(attempt: int) -> float:
    return min(0.5 * 2.0 ** (attempt - 1), 8.0) * (0.75 + random.random() / 2)


def _describe_connection(exc: Exception, settings: Settings) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return f"no answer within {settings.timeout:g} s"
    where = settings.base_url or "api.openai.com"
    return f"cannot reach {where} (is the server running?)"
