"""Record and replay HTTP exchanges at the transport of the real SDK client.

A cassette is a JSON file of interactions. Replay matches a request by method, path and JSON
body (with prompt nonces normalised, since they are random per request), never by order alone
and never by headers, so concurrent runs replay correctly. Secrets never reach the file: request
headers are not stored at all and response headers are filtered.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

import httpx2

from .errors import ConfigError
from .redact import scrub

CASSETTE_VERSION = 1
SCRUBBED_HEADERS = {
    "authorization",
    "api-key",
    "set-cookie",
    "cookie",
    "openai-organization",
    "openai-project",
    "x-api-key",
    "proxy-authorization",
}
_NONCE = re.compile(r"<<<(ARTICLE|SUMMARIES|END) [0-9a-f]{8,}>>>")


def request_key(method: str, path: str, body: bytes) -> str:
    """Method, path and canonical JSON body, with per-request nonces replaced."""
    try:
        data = json.loads(body or b"null")
        if isinstance(data, dict) and "max_completion_tokens" in data:
            # The parameter's name depends on the endpoint (OpenAI or not), not on the request.
            data["max_tokens"] = data.pop("max_completion_tokens")
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    except ValueError:
        canonical = body.decode("utf-8", "replace")
    return f"{method.upper()} {path}\n" + _NONCE.sub(r"<<<\1 NONCE>>>", canonical)


def _format_type(body: str | bytes) -> str | None:
    """The response_format type of a chat request body, if any."""
    try:
        data = json.loads(body or "null")
    except ValueError:
        return None
    rf = data.get("response_format") if isinstance(data, dict) else None
    return rf.get("type") if isinstance(rf, dict) else None


def request_secrets(request: httpx2.Request) -> list[str]:
    """Every credential a request carries: the key in its auth headers (with and without the
    scheme word), and the user name and password of its URL (also as basic auth)."""
    import base64
    from urllib.parse import unquote

    found: list[str] = []
    for name in SCRUBBED_HEADERS:
        for value in request.headers.get_list(name):
            found += [value, *value.split()[1:]]
            scheme, _, token = value.partition(" ")
            if scheme.lower() == "basic":
                with contextlib.suppress(ValueError):
                    user, _, password = base64.b64decode(token).decode("utf-8").partition(":")
                    found += [user, password]
    userinfo = request.url.userinfo.decode("ascii", "replace")
    if userinfo:
        user, _, password = userinfo.partition(":")
        found += [userinfo, user, password, unquote(user), unquote(password)]
    # Longest first, so a key is removed whole before any part of it.
    return sorted({s for s in found if s}, key=len, reverse=True)


class RecordingTransport(httpx2.BaseTransport):
    """Passes requests to the real transport and keeps every exchange for the cassette."""

    def __init__(self, path: Path, inner: httpx2.BaseTransport | None = None) -> None:
        self.path = path
        self.inner = inner or httpx2.HTTPTransport()
        self.interactions: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        try:
            self._save()  # an empty cassette now: a bad path fails before any billed call
        except OSError as exc:
            raise ConfigError(f"cannot write cassette {path}: {exc.strerror or exc}") from None

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.inner.handle_request(request)
        body = response.read()
        headers = {
            k: v
            for k, v in response.headers.items()
            if k.lower() not in SCRUBBED_HEADERS and k.lower() != "content-encoding"
        }
        # The key this request carries, whatever its shape: a server may echo it anywhere.
        secrets = request_secrets(request)
        entry = {
            "request": {
                "method": request.method,
                "path": scrub(request.url.path, *secrets),
                "body": scrub(request.content.decode("utf-8", "replace"), *secrets),
            },
            "response": {
                "status": response.status_code,
                "headers": {k: scrub(v, *secrets) for k, v in headers.items()},
                "body": scrub(body.decode("utf-8", "replace"), *secrets),
            },
        }
        with self._lock:
            self.interactions.append(entry)
            self._save()
        return httpx2.Response(response.status_code, headers=headers, content=body, request=request)

    def _save(self) -> None:
        data = {"version": CASSETTE_VERSION, "interactions": self.interactions}
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(self.path)

    def close(self) -> None:
        self.inner.close()


class ReplayTransport(httpx2.BaseTransport):
    """Serves recorded responses; an unrecorded request is an error naming the cassette."""

    def __init__(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"cassette {path} does not exist") from None
        except ValueError as exc:
            raise ConfigError(f"cassette {path} is not valid JSON ({exc})") from None
        self.path = path
        self._queues: dict[str, deque[dict[str, Any]]] = defaultdict(deque)
        self._last: dict[str, dict[str, Any]] = {}
        self._schema_rejection: dict[str, Any] | None = None
        for entry in data.get("interactions", []):
            req = entry["request"]
            key = request_key(req["method"], req["path"], req["body"].encode("utf-8"))
            self._queues[key].append(entry["response"])
            if entry["response"]["status"] >= 400 and _format_type(req["body"]) == "json_schema":
                # A server that rejects json_schema rejects it for every body; which of several
                # concurrent first requests probed it is a race, not part of the recording.
                self._schema_rejection = entry["response"]
        self._lock = threading.Lock()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        key = request_key(request.method, request.url.path, request.read())
        with self._lock:
            queue = self._queues.get(key)
            if queue:
                recorded = queue.popleft()
                self._last[key] = recorded
            elif key in self._last:  # identical request repeated more often than recorded
                recorded = self._last[key]
            elif self._schema_rejection and _format_type(request.content) == "json_schema":
                recorded = self._schema_rejection
            else:
                raise httpx2.ConnectError(
                    f"no recorded response in {self.path} for {request.method} "
                    f"{request.url.path} with this body (re-record the cassette)",
                    request=request,
                )
        return httpx2.Response(
            recorded["status"],
            headers=recorded["headers"],
            content=recorded["body"].encode("utf-8"),
            request=request,
        )
