"""A fake OpenAI-compatible chat completions server for tests and benchmarks (stdlib only).

Answers briefing's extraction and combine requests deterministically from the text between
the ``<<<ARTICLE nonce>>>`` / ``<<<SUMMARIES nonce>>>`` markers, and injects faults on demand:
at random rates drawn from ``random.Random(seed)``, or forced by a marker string in the
request text (``trigger``).

    with FakeOpenAIServer(latency=0.0, faults={"429": 0.2}, seed=1) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="test-key")
        ...
        server.stats()

As a script: ``python tests/fake_openai_server.py --port 0 --latency 0.3 --faults
"429=0.1,500=0.1" --seed 1 --json-schema reject`` prints ``listening on URL`` and serves forever.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

FAULTS = tuple(
    "429 quota 500 503 401 404model hang broken_json length html prose refusal content_filter "
    "context".split()
)
_IRE = "invalid_request_error"
# Faults answered with an OpenAI error body: fault -> (status, message, type, code).
ERROR_FAULTS: dict[str, tuple[int, str, str, str | None]] = {
    "429": (429, "Rate limit reached", "requests", "rate_limit_exceeded"),
    "quota": (429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota"),
    "500": (500, "The server had an error while processing your request.", "server_error", None),
    "503": (503, "The engine is currently overloaded.", "server_error", "service_unavailable"),
    "401": (401, "Incorrect API key provided", _IRE, "invalid_api_key"),
    "404model": (404, "The model `{model}` does not exist", _IRE, "model_not_found"),
    "context": (
        400,
        "This model's maximum context length is 8192 tokens. However, your messages resulted "
        "in more tokens. Please reduce the length of the messages.",
        _IRE,
        "context_length_exceeded",
    ),
}

LLAMA_CPP_JSON_SCHEMA_ERROR = (
    "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
    "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}]"
)
HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n"
    "<h1>502 Bad Gateway</h1>\n<p>The proxy server received an invalid response from an "
    "upstream server.</p>\n<hr><address>nginx/1.24.0</address>\n</body></html>\n"
)
JSON = "application/json"
EMPTY_EXTRACTION = '{"summary": "", "commitments": [], "asks": []}'

_BLOCK = re.compile(r"<<<(ARTICLE|SUMMARIES) ([^>\s]+)>>>\r?\n?(.*?)<<<END \2>>>", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")
_CAPS = re.compile(r"\b[A-Z][\w’'&-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'&-]*)*")
_STOP = set(
    "The A An It He She They We I In On At This That But And If As By For After Before Its "
    "Their Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January "
    "February March April May June July August September October November December".split()
)
_COMMIT = re.compile(r"\b(will|pledged?|promised?|commit(?:ted|s)?)\b\s*(?:to\s+)?", re.I)
_ASK = re.compile(r"\b(urged?|call(?:ed|s)? on|ask(?:ed|s)?|demand(?:ed|s)?)\b\s*", re.I)
_DEADLINE = re.compile(
    r"\b(?:by|before|within|until|no later than)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{1,2}\s+)?"
    r"(?:[A-Z0-9][\w-]*|one|two|three|four|five|six|ten|next|this|spring|summer|autumn|winter)"
    r"(?:\s+(?:\d{1,4}|days?|weeks?|months?|years?))?"
)


def split_sentences(text: str) -> list[str]:
    """Split on sentence punctuation or blank lines; each sentence is a verbatim substring."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _names(text: str) -> list[str]:
    out = []
    for m in _CAPS.finditer(text):
        words = m.group(0).rstrip(".").split()
        while words and words[0] in _STOP:
            words = words[1:]
        if words:
            out.append(" ".join(words))
    return out


def _deadline(sentence: str) -> str:
    m = _DEADLINE.search(sentence)
    return m.group(0).rstrip(".,;") if m else ""


def _subject(text: str) -> str:
    """A short noun phrase (e.g. the text before the verb) or the first capitalised name in it."""
    words = text.strip(" ,;:").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if 0 < len(words) <= 4:
        return " ".join(words)
    names = _names(text)
    return names[0] if names else "unknown"


def numbered(article: str) -> list[tuple[int, str]]:
    """The `[n] sentence` lines of a prompt's article block (`[n*]` marks likely ones)."""
    return [
        (int(m.group(1)), m.group(2))
        for m in re.finditer(r"^\[(\d+)\*?\] (.*)$", article, re.MULTILINE)
    ]


def extract(article: str) -> dict[str, Any]:
    """Deterministic, plausible extraction that cites the article's sentence numbers."""
    sentences = numbered(article)
    commitments, asks = [], []
    for n, s in sentences:
        if (m := _COMMIT.search(s)) and (m.group(1).lower() != "will" or " will " in f" {s} "):
            commitments.append(
                {
                    "sentence": n,
                    "actor": _subject(s[: m.start()]),
                    "action": s[m.end() :].rstrip(" .!?\"'”") or s,
                    "deadline": _deadline(s),
                    "said_by": "",
                    "stance": "commit",
                    "conditional": False,
                }
            )
        if m := _ASK.search(s):
            rest = s[m.end() :]
            asks.append(
                {
                    "sentence": n,
                    "actor": _subject(s[: m.start()]),
                    "addressee": _subject(rest.split(" to ")[0]),
                    "action": rest.rstrip(" .!?\"'”") or s,
                    "deadline": _deadline(s),
                    "said_by": "",
                    "conditional": False,
                }
            )
    return {
        "summary": " ".join(s for _, s in sentences[:2]),
        "commitments": commitments,
        "asks": asks,
    }


def combine(summaries: str) -> dict[str, Any]:
    """Join the first sentence of each partial summary."""
    summary = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)]|\[))", summaries):
        block = re.sub(r"^\s*(?:[-*•]|\d+[.)]|\[[^\]]*\]:?)\s*", "", block)
        sentences = split_sentences(block)
        if sentences:
            summary.append(sentences[0])
    return {"summary": " ".join(summary)}


def parse_faults(spec: str) -> dict[str, float]:
    """Parse ``"429=0.1,500=0.05"`` into ``{"429": 0.1, "500": 0.05}``."""
    out = {}
    for item in filter(None, (p.strip() for p in spec.split(","))):
        name, _, rate = item.partition("=")
        out[name.strip()] = float(rate)
    return out


def _error(message: str, type_: str, code: str | int | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "code": code}}


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
        return "\n".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet

    def _send(
        self,
        status: int,
        body: Any,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        fake = self.server.fake
        path = self.path.split("?")[0].rstrip("/")
        if path.startswith(("/v1/files", "/v1/batches")):
            self._send_reply(fake.batch_api.get(path))
        elif path == "/stats":
            self._send(200, fake.stats())
        elif path == "/v1/models":
            model = {"id": fake.model, "object": "model", "created": 0, "owned_by": "fake"}
            self._send(200, {"object": "list", "data": [model]})
        else:
            self._send(404, _error(f"Unknown path {path}", "invalid_request_error", 404))

    def do_POST(self) -> None:
        fake = self.server.fake
        path = self.path.split("?")[0].rstrip("/")
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path == "/reset":
            fake.reset()
            self._send(200, {"ok": True})
        elif path.startswith(("/v1/files", "/v1/batches")):
            self._send_reply(fake.batch_api.post(path, raw, self.headers.get("Content-Type", "")))
        elif path != "/v1/chat/completions":
            self._send(404, _error(f"Unknown path {path}", "invalid_request_error", 404))
        else:
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                body = None
            if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
                msg = "Request body must be a JSON object with `messages`"
                self._send(400, _error(msg, "invalid_request_error", "invalid_request"))
                return
            with fake._in_flight_request():
                self._chat(fake, body)

    def _chat(self, fake: FakeOpenAIServer, body: dict[str, Any]) -> None:
        reply = answer(fake, body)
        if reply is None:  # the "hang" fault: no answer at all
            self.close_connection = True
            return
        self._send(*reply)

    def _send_reply(self, reply: Reply) -> None:
        status, body, content_type, headers = reply
        if isinstance(body, bytes):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self._send(status, body, content_type, headers)


Reply = tuple[int, Any, str, dict[str, str]]


def answer(fake: FakeOpenAIServer, body: dict[str, Any]) -> Reply | None:
    """(status, body, content type, headers) of one chat completion request, or None for a
    request that hangs; shared by the live endpoint and the batch runner."""
    model = str(body.get("model") or fake.model)
    text = "\n".join(_text_of(m.get("content")) for m in body["messages"] if isinstance(m, dict))
    block = next(reversed([*_BLOCK.finditer(text)]), None)  # the prompt may name markers
    kind = {"ARTICLE": "extract", "SUMMARIES": "combine"}[block.group(1)] if block else "other"
    inner = block.group(3) if block else ""
    rf = body.get("response_format")
    rf_type = str(rf.get("type")) if isinstance(rf, dict) else "none"
    fake._record(kind, rf_type, body)
    if body.get("stream"):
        msg = "stream=true is not supported by the fake server"
        return 400, _error(msg, "invalid_request_error", "unsupported_parameter"), JSON, {}
    if rf_type == "json_schema" and fake.json_schema == "reject":
        fake._count_fault("json_schema_rejected")
        err = {"code": 500, "message": LLAMA_CPP_JSON_SCHEMA_ERROR, "type": "server_error"}
        return 500, {"error": err}, JSON, {}
    fault = fake._choose_fault(text)
    if fault == "hang":
        fake._stopping.wait(fake.hang_seconds)
        return None
    if fake.latency > 0:
        fake._stopping.wait(fake.latency)
    if fault in ERROR_FAULTS:
        status, err_message, err_type, code = ERROR_FAULTS[fault]
        headers: dict[str, str] = {}
        if fault == "429" and fake.retry_after is not None:
            headers["Retry-After"] = f"{fake.retry_after:g}"
        return status, _error(err_message.format(model=model), err_type, code), JSON, headers
    if fault is None and fake.length_if_prompt_over is not None:
        if len(inner) > fake.length_if_prompt_over:
            fault = "length"
            fake._count_fault(fault)
    if fault == "html":
        return 200, HTML_PAGE, "text/html", {}
    if kind == "extract":
        result = extract(inner)
    elif kind == "combine":
        result = combine(inner)
    else:
        result = json.loads(EMPTY_EXTRACTION)
    if fake.ignore_schema:
        result = {
            "Summary": result.get("summary", ""),
            "commitments": "none",
            "asks": None,
        }
    valid = json.dumps(result, ensure_ascii=False)
    content: str | None = valid
    finish, refusal = "stop", None
    if fault == "broken_json":
        content = valid[:-1] + ', "extra": [1, 2,}'
    elif fault == "length":
        content, finish = valid[: max(1, len(valid) // 2)], "length"
    elif fault == "prose":
        summary = result.get("summary") or result.get("Summary") or "it covers several topics."
        content = f"Here is a summary of the article: {summary}\n\nLet me know if you need more."
    elif fault == "refusal":
        content, refusal = None, "I'm sorry, I can't help with that."
    elif fault == "content_filter":
        content, finish = "", "content_filter"
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    prompt_tokens = max(1, len(text) // 4)
    completion_tokens = len(content or refusal or "") // 4
    return (
        200,
        {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
        JSON,
        {},
    )


class FakeBatchAPI:
    """The Files and Batches endpoints of the fake: uploads kept in memory, and each batch run
    by a thread over its request file, every line answered by `answer` as a live call would be
    (latency, faults and triggers included), `workers` lines at a time.

    Controls for tests: `hold` keeps new batches in_progress until `release()`;
    `expire_after` answers that many lines of a batch and then expires it (the rest become
    batch_expired error lines, as the Batch API does at the end of its window).
    """

    def __init__(self, fake: FakeOpenAIServer, workers: int = 8) -> None:
        self.fake = fake
        self.workers = workers
        self.hold = False
        self.expire_after: int | None = None
        self.files: dict[str, tuple[dict[str, Any], bytes]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.uploads = 0
        self._released = threading.Event()
        self._lock = threading.RLock()

    def release(self) -> None:
        self._released.set()

    # -- HTTP ----------------------------------------------------------------------------------
    def get(self, path: str) -> Reply:
        parts = path.strip("/").split("/")[1:]  # after "v1"
        if parts[0] == "files" and len(parts) == 3 and parts[2] == "content":
            found = self.files.get(parts[1])
            if found is None:
                return self._missing("file", parts[1])
            return 200, found[1], "application/jsonl", {}
        if parts[0] == "files" and len(parts) == 2:
            found = self.files.get(parts[1])
            return (200, found[0], JSON, {}) if found else self._missing("file", parts[1])
        if parts == ["batches"]:
            with self._lock:
                data = [dict(b) for b in reversed(self.batches.values())]
            return 200, {"object": "list", "data": data, "has_more": False}, JSON, {}
        if parts[0] == "batches" and len(parts) == 2:
            with self._lock:
                batch = self.batches.get(parts[1])
                return (200, dict(batch), JSON, {}) if batch else self._missing("batch", parts[1])
        return 404, _error(f"Unknown path {path}", _IRE, None), JSON, {}

    def post(self, path: str, raw: bytes, content_type: str) -> Reply:
        parts = path.strip("/").split("/")[1:]
        if parts == ["files"]:
            return self._upload(raw, content_type)
        if parts == ["batches"]:
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                body = None
            if not isinstance(body, dict) or body.get("input_file_id") not in self.files:
                return 400, _error("input_file_id names no uploaded file", _IRE, None), JSON, {}
            return 200, self._create(body), JSON, {}
        if parts[0] == "batches" and len(parts) == 3 and parts[2] == "cancel":
            with self._lock:
                batch = self.batches.get(parts[1])
                if batch is None:
                    return self._missing("batch", parts[1])
                if batch["status"] not in ("completed", "failed", "expired", "cancelled"):
                    batch["status"], batch["cancelling_at"] = "cancelling", int(time.time())
                return 200, dict(batch), JSON, {}
        return 404, _error(f"Unknown path {path}", _IRE, None), JSON, {}

    def _missing(self, kind: str, name: str) -> Reply:
        return 404, _error(f"No such {kind}: '{name}'", _IRE, None), JSON, {}

    def _upload(self, raw: bytes, content_type: str) -> Reply:
        from email.parser import BytesParser
        from email.policy import HTTP

        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + raw)
        fields: dict[str, tuple[str | None, bytes]] = {}
        for part in message.iter_parts() if message.is_multipart() else []:
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                fields[name] = (part.get_filename(), payload)
        if "file" not in fields or "purpose" not in fields:
            return 400, _error("a file and a purpose are required", _IRE, None), JSON, {}
        filename, data = fields["file"]
        info = self._store(data, filename or "upload", fields["purpose"][1].decode())
        with self._lock:
            self.uploads += 1
        return 200, info, JSON, {}

    def _store(self, data: bytes, filename: str, purpose: str) -> dict[str, Any]:
        info = {
            "id": f"file-{uuid.uuid4().hex[:24]}",
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        with self._lock:
            self.files[str(info["id"])] = (info, data)
        return info

    # -- running a batch ---------------------------------------------------------------------
    def _create(self, body: dict[str, Any]) -> dict[str, Any]:
        now = int(time.time())
        batch: dict[str, Any] = {
            "id": f"batch_{uuid.uuid4().hex[:24]}",
            "object": "batch",
            "endpoint": body.get("endpoint"),
            "errors": None,
            "input_file_id": body["input_file_id"],
            "completion_window": body.get("completion_window", "24h"),
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": now,
            "in_progress_at": None,
            "expires_at": now + 86_400,
            "finalizing_at": None,
            "completed_at": None,
            "failed_at": None,
            "expired_at": None,
            "cancelling_at": None,
            "cancelled_at": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": body.get("metadata"),
        }
        with self._lock:
            self.batches[batch["id"]] = batch
        threading.Thread(target=self._run, args=(batch,), daemon=True).start()
        return dict(batch)

    def _run(self, batch: dict[str, Any]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        data = self.files[batch["input_file_id"]][1]
        lines, problems = [], []
        for n, text in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except ValueError:
                line = None
            if (
                not isinstance(line, dict)
                or not isinstance(line.get("custom_id"), str)
                or line.get("url") != batch["endpoint"]
                or not isinstance(line.get("body"), dict)
            ):
                problems.append({"code": "invalid_request", "message": "bad line", "line": n})
            lines.append(line)
        with self._lock:
            if problems or not lines:
                problems = problems or [{"code": "empty_file", "message": "no requests"}]
                batch.update(status="failed", failed_at=int(time.time()))
                batch["errors"] = {"object": "list", "data": problems}
                return
            batch.update(status="in_progress", in_progress_at=int(time.time()))
            batch["request_counts"]["total"] = len(lines)
        while self.hold and not self._released.is_set() and not self._stopped(batch):
            self._released.wait(0.02)

        def one(item: tuple[int, dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
            index, line = item
            if self._stopped(batch):
                return None
            result: dict[str, Any] = {"id": f"batch_req_{uuid.uuid4().hex[:24]}"}
            result["custom_id"] = line["custom_id"]
            if self.expire_after is not None and index >= self.expire_after:
                result["response"] = None
                result["error"] = {
                    "code": "batch_expired",
                    "message": "This request could not be executed before the completion "
                    "window expired.",
                }
                return "error", result
            reply = answer(self.fake, line["body"])
            if reply is None:  # a hung request: the runner records a server error
                status, body = 500, _error("no answer", "server_error", None)
            else:
                status, body = reply[0], reply[1]
            request_id = uuid.uuid4().hex
            result["response"] = {"status_code": status, "request_id": request_id, "body": body}
            result["error"] = None
            with self._lock:
                batch["request_counts"]["completed" if status == 200 else "failed"] += 1
            return ("output" if status == 200 else "error"), result

        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            done = [r for r in pool.map(one, enumerate(lines)) if r is not None]
        outputs = [json.dumps(r) for kind, r in done if kind == "output"]
        errors = [json.dumps(r) for kind, r in done if kind == "error"]
        now = int(time.time())
        with self._lock:
            if outputs:
                out = self._store(("\n".join(outputs) + "\n").encode(), "out.jsonl", "batch_output")
                batch["output_file_id"] = out["id"]
            if errors:
                err = self._store(("\n".join(errors) + "\n").encode(), "err.jsonl", "batch_output")
                batch["error_file_id"] = err["id"]
            if batch["status"] == "cancelling":
                batch.update(status="cancelled", cancelled_at=now)
            elif self.expire_after is not None and len(lines) > self.expire_after:
                batch.update(status="expired", expired_at=now)
            else:
                batch.update(status="completed", completed_at=now, finalizing_at=now)

    def _stopped(self, batch: dict[str, Any]) -> bool:
        return batch["status"] == "cancelling" or self.fake._stopping.is_set()


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # listen backlog: benchmarks open many connections at once
    fake: FakeOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # client gave up: not an error
            super().handle_error(request, client_address)


class FakeOpenAIServer:
    """A fake OpenAI chat completions server on 127.0.0.1, served from a daemon thread.

    faults: fault name -> probability (0..1; the rates are exclusive, their sum must be <= 1).
    trigger: marker substring -> fault name, forced when the marker occurs in a message.
    json_schema: "accept" or "reject" (llama.cpp-python's HTTP 500 for json_schema).
    retry_after: Retry-After seconds for the 429 fault (None: no header).
    latency: seconds slept before every chat completion answer (not for "hang").
    hang_seconds: how long a "hang" request waits before closing without an answer.
    length_if_prompt_over: finish_reason "length" if the marked text is longer than this.
    ignore_schema: answer valid JSON with the wrong field names and types.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        model: str = "fake-model",
        latency: float = 0.0,
        faults: dict[str, float] | None = None,
        seed: int | None = 0,
        json_schema: str = "accept",
        retry_after: float | None = 1.0,
        trigger: dict[str, str] | None = None,
        hang_seconds: float = 300.0,
        length_if_prompt_over: int | None = None,
        ignore_schema: bool = False,
    ) -> None:
        self.faults = dict(faults or {})
        self.trigger = dict(trigger or {})
        unknown = (set(self.faults) | set(self.trigger.values())) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown fault(s) {sorted(unknown)}; known: {', '.join(FAULTS)}")
        if any(not 0 <= r <= 1 for r in self.faults.values()) or sum(self.faults.values()) > 1:
            raise ValueError("fault rates must be in 0..1 and sum to at most 1")
        if json_schema not in ("accept", "reject"):
            raise ValueError("json_schema must be 'accept' or 'reject'")
        self.host, self.port, self.model = host, port, model
        self.latency, self.json_schema, self.retry_after = latency, json_schema, retry_after
        self.hang_seconds, self.ignore_schema = hang_seconds, ignore_schema
        self.length_if_prompt_over = length_if_prompt_over
        self.requests: list[dict[str, Any]] = []  # every chat completion body received
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.batch_api = FakeBatchAPI(self)
        self.reset()

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> FakeOpenAIServer:
        httpd = self._bind()
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-openai-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # releases hung handlers and latency sleeps
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _bind(self) -> _HTTPServer:
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), _Handler)
        self._httpd.fake = self
        self.port = self._httpd.server_address[1]
        return self._httpd

    def serve_forever(self, on_ready: Callable[[str], None] | None = None) -> None:
        """Serve in the calling thread until KeyboardInterrupt (the script's mode)."""
        httpd = self._bind()
        if on_ready is not None:
            on_ready(self.base_url)
        try:
            httpd.serve_forever(poll_interval=0.05)
        except KeyboardInterrupt:
            pass
        finally:
            self._stopping.set()
            httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    # -- counters ----------------------------------------------------------------------------
    def reset(self) -> None:
        with self._lock:
            self._total = 0
            self._kinds: Counter[str] = Counter({"extract": 0, "combine": 0, "other": 0})
            self._faults: Counter[str] = Counter()
            self._rf_types: list[str] = []
            self._in_flight = self._max_in_flight = 0
            self.requests.clear()

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "total": self._total,
                "requests": dict(self._kinds),
                "faults": dict(self._faults),
                "response_format_types": list(self._rf_types),
                "in_flight": self._in_flight,
                "max_in_flight": self._max_in_flight,
            }

    def _record(self, kind: str, rf_type: str, body: dict[str, Any]) -> None:
        with self._lock:
            self._total += 1
            self._kinds[kind] += 1
            self._rf_types.append(rf_type)
            self.requests.append(body)

    def _choose_fault(self, text: str) -> str | None:
        """A trigger marker found in the request text wins; otherwise one seeded draw."""
        with self._lock:
            fault = next((f for marker, f in self.trigger.items() if marker in text), None)
            if fault is None and self.faults:
                draw, acc = self._rng.random(), 0.0
                for name, rate in self.faults.items():
                    acc += rate
                    if draw < acc:
                        fault = name
                        break
            if fault is not None:
                self._faults[fault] += 1
            return fault

    def _count_fault(self, fault: str) -> None:
        with self._lock:
            self._faults[fault] += 1

    @contextlib.contextmanager
    def _in_flight_request(self) -> Iterator[None]:
        with self._lock:
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--model", default="fake-model")
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--faults", default="", help='e.g. "429=0.1,500=0.05"')
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json-schema", choices=("accept", "reject"), default="accept")
    parser.add_argument("--retry-after", type=float, default=1.0)
    parser.add_argument("--hang-seconds", type=float, default=300.0)
    parser.add_argument("--length-if-prompt-over", type=int, default=None)
    parser.add_argument("--ignore-schema", action="store_true")
    parser.add_argument("--trigger", action="append", default=[], help="MARKER=FAULT")
    args = parser.parse_args(argv)
    server = FakeOpenAIServer(
        host=args.host,
        port=args.port,
        model=args.model,
        latency=args.latency,
        faults=parse_faults(args.faults),
        seed=args.seed,
        json_schema=args.json_schema,
        retry_after=args.retry_after,
        hang_seconds=args.hang_seconds,
        length_if_prompt_over=args.length_if_prompt_over,
        ignore_schema=args.ignore_schema,
        trigger=dict(t.rsplit("=", 1) for t in args.trigger),
    )
    server.serve_forever(lambda url: print(f"listening on {url}", flush=True))  # noqa: T201


if __name__ == "__main__":
    main()
