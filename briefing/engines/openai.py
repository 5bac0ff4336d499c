"""The openai engine: structured extraction through any OpenAI-compatible chat endpoint, with
the official SDK (the one place its client is built; tests and replay inject an HTTP transport
here, since openai 3.x talks over httpx2).

Structured output is tried in the strongest form the server accepts (json_schema strict, then
json_object with the schema, then plain JSON instructions) and what worked is remembered for the
rest of the run, and in the cache database for later runs. Replies are always validated here,
because servers ignore schemas.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import cost_usd, model_info
from ..errors import (
    ArticleError,
    ConfigError,
    FatalServerError,
    InvalidOutputError,
    OutputTruncated,
    RefusalError,
)
from ..models import Extraction, Usage
from ..prompts import (
    PROMPT_VERSION,
    NumberedSentence,
    combine_messages,
    extraction_messages,
    load_prompt,
    repair_message,
    summary_sentences,
)
from ..redact import remove_foreign_urls, scrub
from ..schema import (
    COMBINE_SCHEMA,
    EXTRACTION_SCHEMA,
    bounded,
    parse_json_object,
    shape,
    unbounded,
    validate_combined,
    validate_extraction,
    with_room,
)
from ..settings import Settings
from .base import ReplySource
from .chunked import ChunkedLLMEngine, chunk_budget, citable
from .retry import Caller, Retry, parse_retry_after

if TYPE_CHECKING:
    import httpx2
    from openai import OpenAI

    from ..cache import EndpointMemory

# Response-format modes, strongest first.
MODES = ("json_schema", "json_object", "prompt")
_JSON_INSTRUCTION = (
    "\nReply with only a JSON object of this shape (listed keys hold strings): {shape}"
)
# The SDK insists on a key; local servers (llama.cpp, Ollama, vLLM) do not check it.
LOCAL_PLACEHOLDER_KEY = "not-needed"


class OpenAIEngine(ChunkedLLMEngine):
    """One per run: the client, the call gate and what the endpoint accepted."""

    name = "openai"

    def __init__(
        self, settings: Settings, client: OpenAI, memory: EndpointMemory | None = None
    ) -> None:
        self.settings = settings
        self.client = client
        self.model = settings.effective_model
        self.caller = Caller(settings)
        self.formats = ResponseFormats(
            f"response-format:{settings.base_url or 'openai'}|{self.model}", memory
        )
        # OpenAI's and Azure OpenAI's own APIs want max_completion_tokens (reasoning models
        # reject max_tokens); other OpenAI-compatible servers know only max_tokens.
        host = (settings.base_url or "https://api.openai.com").lower()
        self._official = "api.openai.com" in host or ".openai.azure.com" in host
        # Set by a batch run: replies are read from the batch's results, not asked for.
        self.replies: ReplySource | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        transport: httpx2.BaseTransport | None = None,
        memory: EndpointMemory | None = None,
    ) -> OpenAIEngine:
        return cls(settings, make_client(settings, transport), memory)

    def fingerprint(self) -> dict[str, Any]:
        s = self.settings
        return {
            "engine": self.name,
            "model": self.model,
            "base_url": (s.base_url or "https://api.openai.com/v1").rstrip("/"),
            "prompt_version": PROMPT_VERSION,
            "prompts": [load_prompt(name) for name in ("extract", "combine", "repair")],
            "schema": [EXTRACTION_SCHEMA, COMBINE_SCHEMA],
            "summary_words": s.summary_words,
            "chunk_tokens": chunk_budget(s),
            "max_output_tokens": s.max_output_tokens,
            "sampling": {"temperature": 0},
        }

    # -- the two calls an LLM engine makes -----------------------------------------------------

    def extract_chunk(
        self, sentences: list[NumberedSentence], title: str, deadline: float
    ) -> tuple[Extraction, Usage]:
        messages = extraction_messages(sentences, self.settings.summary_words, title)
        summary_room = {"summary": summary_sentences(self.settings.summary_words)}
        schema = with_room(EXTRACTION_SCHEMA, summary_room, citable(sentences))
        data, usage = self._structured(
            messages, schema, "extraction", validate_extraction, deadline
        )
        return validate_extraction(data), usage

    def combine(self, summaries: list[str], deadline: float) -> tuple[str, Usage]:
        messages = combine_messages(summaries, self.settings.summary_words)
        data, usage = self._structured(
            messages, COMBINE_SCHEMA, "summary", validate_combined, deadline
        )
        return validate_combined(data), usage

    # -- structured output ---------------------------------------------------------------------

    def _structured(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        name: str,
        validate: Callable[[dict[str, Any]], object],
        deadline: float,
    ) -> tuple[dict[str, Any], Usage]:
        """A validated JSON object, with one repair attempt that shows the model its reply and
        what was wrong with it."""
        usage = Usage()
        content, call_usage, mode = self._call_in_best_mode(messages, schema, name, deadline)
        usage.add(call_usage)
        try:
            data = parse_json_object(content)
            validate(data)
            return data, usage
        except InvalidOutputError as problem:
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
        return data, usage

    def _call_in_best_mode(
        self, messages: list[dict[str, str]], schema: dict[str, Any], name: str, deadline: float
    ) -> tuple[str, Usage, str]:
        """One call in the strongest response format the endpoint accepts. The first wave goes
        out at once: a rejected format costs a quick unbilled error, waiting for a probe would
        cost every run a whole reply's latency."""
        while True:
            mode = self.formats.current()
            try:
                content, usage = self._call(messages, schema, name, mode, deadline)
            except _FormatRejected:
                self.formats.downgrade(mode)
                continue
            self.formats.accepted(mode)
            return content, usage, mode

    def _request(
        self, messages: list[dict[str, str]], schema: dict[str, Any], name: str, mode: str
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"model": self.model}
        if mode == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": name, "strict": True, "schema": unbounded(schema)},
            }
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object", "schema": bounded(schema)}
        if mode != "json_schema":
            # Servers that ignore the schema still need to see it: its outline without the
            # call's own bounds and sentence choices, so the system message stays the same in
            # every call (a prefix servers cache).
            outline = shape(unbounded(schema))
            system = messages[0]["content"] + _JSON_INSTRUCTION.format(shape=outline)
            messages = [{"role": "system", "content": system}, *messages[1:]]
        kwargs["messages"] = messages
        limit = self.settings.max_output_tokens
        kwargs["max_completion_tokens" if self._official else "max_tokens"] = limit
        if not model_info(self.model).reasoning:
            kwargs["temperature"] = 0
        return kwargs

    # -- one HTTP call, with retries -------------------------------------------------------------

    def _call(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        name: str,
        mode: str,
        deadline: float,
    ) -> tuple[str, Usage]:
        kwargs = self._request(messages, schema, name, mode)
        if self.replies is not None:
            return self._read(self.replies.reply(kwargs))

        def attempt(timeout: float) -> tuple[str, Usage]:
            try:
                completion = self.client.chat.completions.create(**kwargs, timeout=timeout)
            except Exception as exc:  # noqa: BLE001 - sorted into retry, stop or fail below
                raise self._classify(exc, mode) from None
            return self._read(completion)

        return self.caller.call(attempt, deadline)

    def _classify(self, exc: Exception, mode: str) -> Exception:
        """What an SDK error means for the run: retry, stop the run, or fail this article."""
        import openai

        key = self.settings.api_key
        if isinstance(exc, openai.APIStatusError):
            if _rejects_format(exc, mode):
                return _FormatRejected()
            fatal = _fatal_message(exc, key)
            if fatal:
                return FatalServerError(scrub(fatal, key))
            if isinstance(exc, openai.RateLimitError | openai.InternalServerError) or (
                exc.status_code in (408, 409)
            ):
                wait = parse_retry_after(exc.response.headers.get("retry-after"))
                return Retry(f"HTTP {exc.status_code}", wait)
            return ArticleError(scrub(_article_message(exc, key), key))
        if isinstance(exc, openai.APITimeoutError):
            # A timeout has already cost the wait.
            return Retry(f"no answer within {self.settings.timeout:g} s", 0.0)
        if isinstance(exc, openai.APIConnectionError):
            if "no recorded response" in str(exc.__cause__ or exc):
                return ArticleError(str(exc.__cause__ or exc))
            where = scrub(self.settings.base_url or "api.openai.com", key)  # no password
            return Retry(f"cannot reach {where} (is the server running?)")
        if isinstance(exc, openai.APIResponseValidationError | json.JSONDecodeError):
            # A 200 whose body is not JSON at all (a proxy page served as JSON, a cut body).
            return ArticleError("the server's reply is not a chat completion")
        return exc

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
        usage.cost_usd = cost_usd(
            usage.prompt_tokens, usage.completion_tokens, self.settings.price()
        )
        if finish_reason == "length":
            raise OutputTruncated(usage)
        return content or "", usage


class ResponseFormats:
    """The strongest response format this endpoint accepts: learned from rejections during the
    run, and kept in the cache database so a server that rejects json_schema is not asked
    again every morning."""

    def __init__(self, key: str, memory: EndpointMemory | None) -> None:
        self._key = key
        self._memory = memory
        self._lock = threading.Lock()
        self._index = 0
        self._remembered = memory.recall(key) if memory is not None else None
        if self._remembered in MODES:
            self._index = MODES.index(self._remembered)

    def current(self) -> str:
        return MODES[self._index]

    def downgrade(self, rejected: str) -> None:
        with self._lock:
            seen = MODES.index(rejected)
            if self._index == seen and seen < len(MODES) - 1:
                self._index = seen + 1

    def accepted(self, mode: str) -> None:
        if self._memory is None or mode == self._remembered:
            return
        with self._lock:
            if mode != self._remembered:
                self._remembered = mode
                self._memory.remember(self._key, mode)


# -- the client --------------------------------------------------------------------------------


def make_transport(settings: Settings) -> httpx2.BaseTransport | None:
    """A recording or replaying transport when asked for, else None (the SDK's default)."""
    from ..cassette import RecordingTransport, ReplayTransport

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


# -- what an error from the server means -------------------------------------------------------


def _int(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


class _FormatRejected(Exception):
    """The server does not accept this response_format."""


def _error_text(exc: Any, key: str | None = None) -> str:
    """The server's error message, with the key and anything shaped like one removed before it
    is cut short: servers echo (part of) a rejected key, and this text reaches the terminal,
    logs and digests."""
    body = exc.body
    if isinstance(body, dict):
        err = body.get("error", body)
        text = str(err.get("message") or err) if isinstance(err, dict) else str(err)
    else:
        text = str(exc.message or exc)
    return scrub(text, key)


def _error_code(exc: Any) -> str:
    """The SDK's `code`, else the error's `type` in the body."""
    if exc.code:
        return str(exc.code)
    body = exc.body
    err = body.get("error", body) if isinstance(body, dict) else None
    return str(err.get("type") or "") if isinstance(err, dict) else ""


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


def _fatal_message(exc: Any, key: str | None) -> str | None:
    import openai

    code, text = _error_code(exc), _error_text(exc, key)
    if isinstance(exc, openai.AuthenticationError):
        return "the server rejected the API key (HTTP 401): check OPENAI_API_KEY"
    if isinstance(exc, openai.PermissionDeniedError):
        return f"access denied (HTTP 403): {text[:160]}"
    if isinstance(exc, openai.NotFoundError):
        if "model" in code or "model" in text.lower():
            return f"unknown model (HTTP 404): {text[:160]}; check --model / BRIEFING_MODEL"
        return "the server has no chat completions endpoint here (HTTP 404): check --base-url"
    if isinstance(exc, openai.RateLimitError) and "insufficient_quota" in (code + text):
        return "the account has no quota left (HTTP 429 insufficient_quota): check billing"
    return None


def _article_message(exc: Any, key: str | None) -> str:
    code, text = _error_code(exc), _error_text(exc, key)
    if "context_length" in code or "context length" in text.lower():
        return "the article is too long for the model's context (pass a smaller --chunk-tokens)"
    return f"the server rejected the request (HTTP {exc.status_code}): {text[:200]}"
