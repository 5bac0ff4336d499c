"""Retries within a deadline, for any engine that calls a server: backoff with jitter, the
server's own Retry-After, a gate that bounds calls in flight across all articles, and no call
that outlives the article's deadline or the configured timeout."""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from ..errors import TransientServerError
from ..settings import Settings

T = TypeVar("T")


class Retry(Exception):
    """A transient failure: try again after `wait` seconds (None: the usual backoff)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class Caller:
    """One per engine: the gate and the retry policy of the run's settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Bounds calls in flight across articles and their chunks together.
        self.gate = threading.BoundedSemaphore(max(1, settings.concurrency))

    def call(self, attempt_once: Callable[[float], T], deadline: float) -> T:
        """attempt_once(timeout) until it returns or raises something other than Retry."""
        settings = self.settings
        attempt = 0
        while True:
            attempt += 1
            left = deadline - time.monotonic()
            if left <= 0:
                raise TransientServerError(
                    f"the article's deadline ({settings.article_deadline:g} s) ran out"
                )
            try:
                with self.gate:
                    return bounded(attempt_once, min(settings.timeout, max(left, 0.1)))
            except Retry as retry:
                wait = backoff(attempt) if retry.wait is None else retry.wait
                reason = retry.reason
            if attempt >= settings.max_attempts:
                raise TransientServerError(f"gave up after {attempt} attempt(s): {reason}")
            if time.monotonic() + wait > deadline:
                why = f"waiting {wait:g} s as asked would pass" if wait >= 1 else "no time left in"
                raise TransientServerError(
                    f"gave up after {attempt} attempt(s): {reason}; {why} the article's deadline "
                    f"({settings.article_deadline:g} s)"
                )
            time.sleep(wait)


# Beyond the timeout, the time a call gets to report its own timeout before it is abandoned.
GRACE_SECONDS = 0.5


def bounded(attempt_once: Callable[[float], T], timeout: float) -> T:
    """attempt_once(timeout), given at most `timeout` seconds in all. HTTP clients time out per
    read, so a server that drips its reply a byte at a time never trips them; the call runs in
    a daemon thread that is abandoned (never waited for, not even at exit) when it overruns."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = attempt_once(timeout)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="briefing-call")
    worker.start()
    worker.join(timeout + GRACE_SECONDS)
    if worker.is_alive():
        raise Retry(f"no complete answer within {timeout:g} s", 0.0)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def backoff(attempt: int) -> float:
    return min(0.5 * 2.0 ** (attempt - 1), 8.0) * (0.75 + random.random() / 2)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header, or None when absent or not a sane number (nan,
    negative, an HTTP date): the usual backoff applies then."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None
