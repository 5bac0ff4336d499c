"""Tests of the fake OpenAI server itself, through the real `openai` SDK and plain httpx2."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from fake_openai_server import (
    LLAMA_CPP_JSON_SCHEMA_ERROR,
    FakeOpenAIServer,
    parse_faults,
    split_sentences,
)

ARTICLE = (
    "The European Commission met in Brussels on Monday to discuss energy prices. "
    "Ministers from France and Germany attended the talks.\n"
    "Prices have risen sharply since the spring. Households are paying more for heating. "
    "Industry groups warned of closures.\n\n"
    "The European Commission will publish a reform plan by 30 June. "
    "Germany pledged to fund new storage capacity within two years. "
    "Ursula Schmidt urged national governments to cut energy taxes before winter. "
    "Consumer groups called on the Commission to cap retail prices."
)
SCHEMA_FORMAT = {
    "type": "json_schema",
    "json_schema": {"name": "extraction", "schema": {"type": "object"}, "strict": True},
}


def numbered(body: str) -> str:
    """The article as `briefing` sends it: one `[n] sentence` a line."""
    return "\n".join(f"[{n}] {s}" for n, s in enumerate(split_sentences(body), 1))


def prompt(body: str, kind: str = "ARTICLE", nonce: str = "3f9a1c") -> list[Any]:
    if kind == "ARTICLE":
        body = numbered(body)
    user = f"Extract.\n<<<{kind} {nonce}>>>\n{body}\n<<<END {nonce}>>>\nReturn JSON."
    return [{"role": "system", "content": "You extract facts."}, {"role": "user", "content": user}]


@functools.cache
def _client(base_url: str, timeout: float) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key="test-key", max_retries=0, timeout=timeout)


def client(server: FakeOpenAIServer, timeout: float = 5.0) -> openai.OpenAI:
    return _client(server.base_url, timeout)


def chat(server: FakeOpenAIServer, body: str = ARTICLE, **kwargs: Any) -> Any:
    kwargs.setdefault("response_format", {"type": "json_object"})
    messages = kwargs.pop("messages", None) or prompt(body)
    return client(server).chat.completions.create(
        model="test-model", messages=messages, max_tokens=800, temperature=0, **kwargs
    )


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(
        retry_after=0.2,
        trigger={f"FAULT:{name}": name for name in ("429", "quota", "500", "503", "401",
                 "404model", "context", "hang", "broken_json", "length", "html", "prose",
                 "refusal", "content_filter")},
    ) as s:  # fmt: skip
        yield s


def test_extraction_is_plausible_and_openai_shaped(server: FakeOpenAIServer) -> None:
    resp = chat(server, response_format=SCHEMA_FORMAT)
    assert resp.id.startswith("chatcmpl-") and resp.object == "chat.completion"
    assert resp.model == "test-model"
    assert resp.choices[0].finish_reason == "stop"
    assert resp.usage is not None and resp.usage.total_tokens == (
        resp.usage.prompt_tokens + resp.usage.completion_tokens
    )
    data = json.loads(resp.choices[0].message.content or "")
    assert set(data) == {"summary", "commitments", "asks"}
    sentences = dict(enumerate(split_sentences(ARTICLE), 1))
    assert data["summary"].startswith("The European Commission met in Brussels")
    assert data["summary"].endswith("attended the talks.")
    commitments = {sentences[c["sentence"]]: c for c in data["commitments"]}
    assert len(commitments) == 2
    plan = commitments["The European Commission will publish a reform plan by 30 June."]
    assert plan["actor"] == "European Commission"
    assert plan["action"] == "publish a reform plan by 30 June"
    assert plan["deadline"] == "by 30 June"
    assert plan["stance"] == "commit" and plan["conditional"] is False
    assert any(c["actor"] == "Germany" and c["deadline"] == "within two years"
               for c in data["commitments"])  # fmt: skip
    asks = [(a["actor"], a["addressee"], a["deadline"]) for a in data["asks"]]
    assert asks == [
        ("Ursula Schmidt", "national governments", "before winter"),
        ("Consumer groups", "Commission", ""),
    ]
    for item in data["commitments"] + data["asks"]:
        assert item["sentence"] in sentences


def test_combine_other_and_models(server: FakeOpenAIServer) -> None:
    parts = "1. Prices rose. Households pay more.\n2. The Commission will act. It meets in June."
    data = json.loads(chat(server, messages=prompt(parts, "SUMMARIES")).choices[0].message.content)
    assert data == {"summary": "Prices rose. The Commission will act."}
    other = chat(server, messages=[{"role": "user", "content": "Hello"}], response_format=None)
    assert json.loads(other.choices[0].message.content or "") == {
        "summary": "", "commitments": [], "asks": [],
    }  # fmt: skip
    assert [m.id for m in client(server).models.list()] == ["fake-model"]
    stats = server.stats()
    assert stats["total"] == 2
    assert stats["requests"] == {"extract": 0, "combine": 1, "other": 1}
    assert stats["response_format_types"] == ["json_object", "none"]


def test_json_schema_reject_mimics_llama_cpp() -> None:
    with FakeOpenAIServer(json_schema="reject") as server:
        with pytest.raises(openai.InternalServerError) as info:
            chat(server, response_format=SCHEMA_FORMAT)
        assert info.value.status_code == 500
        assert info.value.body == {"code": 500, "message": LLAMA_CPP_JSON_SCHEMA_ERROR,
                                   "type": "server_error"}  # fmt: skip
        assert "Input should be 'text' or 'json_object'" in LLAMA_CPP_JSON_SCHEMA_ERROR
        assert json.loads(chat(server).choices[0].message.content or "")["summary"]
        stats = server.stats()
        assert stats["response_format_types"] == ["json_schema", "json_object"]
        assert stats["faults"] == {"json_schema_rejected": 1}


@pytest.mark.parametrize(
    ("fault", "exc", "status", "code"),
    [
        ("429", openai.RateLimitError, 429, "rate_limit_exceeded"),
        ("quota", openai.RateLimitError, 429, "insufficient_quota"),
        ("500", openai.InternalServerError, 500, None),
        ("503", openai.InternalServerError, 503, "service_unavailable"),
        ("401", openai.AuthenticationError, 401, "invalid_api_key"),
        ("404model", openai.NotFoundError, 404, "model_not_found"),
        ("context", openai.BadRequestError, 400, "context_length_exceeded"),
    ],
)
def test_error_faults(
    server: FakeOpenAIServer, fault: str, exc: type[openai.APIStatusError], status: int,
    code: str | None,
) -> None:  # fmt: skip
    with pytest.raises(exc) as info:
        chat(server, body=ARTICLE + f" FAULT:{fault}")
    assert info.value.status_code == status
    assert info.value.code == code
    if fault == "429":
        assert info.value.response.headers["Retry-After"] == "0.2"
        assert info.value.message.endswith("Rate limit reached")
    if fault == "quota":
        assert info.value.type == "insufficient_quota"
    if fault == "404model":
        assert "The model `test-model` does not exist" in info.value.message
    assert server.stats()["faults"] == {fault: 1}


def test_malformed_200_faults(server: FakeOpenAIServer) -> None:
    def answer(fault: str) -> Any:
        return chat(server, body=ARTICLE + f" FAULT:{fault}").choices[0]

    for fault in ("broken_json", "length"):
        with pytest.raises(json.JSONDecodeError):
            json.loads(answer(fault).message.content or "")
    assert answer("length").finish_reason == "length"
    assert answer("prose").message.content.startswith("Here is a summary of the article: ")
    refusal = answer("refusal")
    assert refusal.message.content is None and refusal.finish_reason == "stop"
    assert refusal.message.refusal == "I'm sorry, I can't help with that."
    filtered = answer("content_filter")
    assert filtered.finish_reason == "content_filter" and not filtered.message.content
    body = {"model": "m", "messages": prompt(ARTICLE + " FAULT:html")}
    resp = httpx2.post(f"{server.base_url}/chat/completions", json=body)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert "502 Bad Gateway" in resp.text


def test_hang_times_out_and_does_not_block_shutdown() -> None:
    server = FakeOpenAIServer(trigger={"FAULT:hang": "hang"}, hang_seconds=60).start()
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client(server, timeout=0.3).chat.completions.create(
            model="m", messages=prompt("Text. FAULT:hang")
        )
    errors: list[Exception] = []

    def hung_call() -> None:
        try:
            chat(server, "x FAULT:hang")
        except openai.APIError as exc:
            errors.append(exc)

    background = threading.Thread(target=hung_call)
    background.start()
    time.sleep(0.1)
    assert chat(server).choices[0].finish_reason == "stop"  # other requests still served
    server.stop()
    background.join(timeout=2)
    assert not background.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], openai.APIConnectionError)
    assert time.monotonic() - started < 2
    assert server.stats()["faults"] == {"hang": 2}


def test_seeded_rates_are_reproducible_and_exclusive() -> None:
    def sequence(seed: int) -> list[str | None]:
        out: list[str | None] = []
        with FakeOpenAIServer(faults={"500": 0.3, "prose": 0.3}, seed=seed) as server:
            for _ in range(20):
                try:
                    content = chat(server).choices[0].message.content or ""
                    out.append("prose" if content.startswith("Here is") else None)
                except openai.InternalServerError:
                    out.append("500")
            stats = server.stats()
        assert stats["faults"].get("500", 0) == out.count("500")
        assert stats["faults"].get("prose", 0) == out.count("prose")
        return out

    first = sequence(1)
    assert first == sequence(1)
    assert {"500", "prose", None} == set(first)
    with FakeOpenAIServer(faults={"503": 1.0}) as server, pytest.raises(openai.APIStatusError):
        chat(server)
    with pytest.raises(ValueError):
        FakeOpenAIServer(faults={"nonsense": 0.1})
    with pytest.raises(ValueError):
        FakeOpenAIServer(faults={"429": 0.7, "500": 0.7})
    assert parse_faults("429=0.1, 500=0.05,") == {"429": 0.1, "500": 0.05}


def test_latency_is_applied_concurrently() -> None:
    with FakeOpenAIServer(latency=0.3) as server:
        threads = [threading.Thread(target=chat, args=(server,)) for _ in range(4)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        assert 0.3 <= elapsed < 0.9
        assert server.stats()["max_in_flight"] >= 2


def test_length_threshold_ignore_schema_and_stream() -> None:
    with FakeOpenAIServer(length_if_prompt_over=200) as server:
        assert chat(server, body=ARTICLE[:150]).choices[0].finish_reason == "stop"
        assert chat(server).choices[0].finish_reason == "length"
        assert server.stats()["faults"] == {"length": 1}
        with pytest.raises(openai.BadRequestError):
            client(server).chat.completions.create(model="m", messages=prompt("x"), stream=True)
    with FakeOpenAIServer(ignore_schema=True) as server:
        data = json.loads(chat(server).choices[0].message.content or "")
        assert "summary" not in data and data["Summary"] and data["commitments"] == "none"


def test_stats_reset_and_unknown_paths(server: FakeOpenAIServer) -> None:
    chat(server)
    stats = httpx2.get(f"{server.url}/stats").json()
    assert stats == server.stats()
    assert stats["total"] == 1 and stats["requests"]["extract"] == 1
    assert server.requests[0]["max_tokens"] == 800
    assert httpx2.post(f"{server.url}/reset").status_code == 200
    assert server.stats()["total"] == 0 and server.requests == []
    assert httpx2.get(f"{server.url}/nope").status_code == 404
    assert httpx2.post(f"{server.base_url}/chat/completions", content=b"{").status_code == 400


def test_script_mode() -> None:
    script = Path(__file__).with_name("fake_openai_server.py")
    args = [sys.executable, str(script), "--port", "0", "--latency", "0", "--faults",
            "429=0.1,500=0.1", "--seed", "1", "--json-schema", "reject"]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:") and line.endswith("/v1")
        base_url = line.removeprefix("listening on ")
        models = httpx2.get(f"{base_url}/models", timeout=5).json()
        assert models["data"][0]["id"] == "fake-model"
        body = {"model": "m", "messages": prompt(ARTICLE), "response_format": SCHEMA_FORMAT}
        assert httpx2.post(f"{base_url}/chat/completions", json=body).status_code == 500
    finally:
        proc.terminate()
        proc.wait(timeout=5)
