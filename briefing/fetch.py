"""Fetching article pages and feeds over HTTP(S), with the limits a scheduled job needs:
a timeout, a size cap, a bounded number of redirects, http(s) only, one clear error line.

httpx2 is already installed with the openai SDK, so fetching adds no dependency.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError
from .ingest import MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    import httpx2

FETCH_TIMEOUT = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "briefing/0.1 (+https://pypi.org/project/briefing/)"


@dataclass
class Fetched:
    """A fetched document: the final URL after redirects, its content type and its bytes."""

    url: str
    content_type: str
    data: bytes


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT,
    max_bytes: int = MAX_ARTICLE_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    transport: httpx2.BaseTransport | None = None,
) -> Fetched:
    """GET url; raises InputError (one line, naming the URL) on any failure."""
    import httpx2

    if not is_url(url):
        raise InputError(f"{url}: only http and https URLs can be fetched")
    try:
        with httpx2.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=max_redirects,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*"},
            transport=transport,
            trust_env=True,  # proxies and CA bundles from the environment, as for the SDK
        ) as client:
            with client.stream("GET", url) as response:
                final = str(response.url)
                if not is_url(final):
                    raise InputError(f"{url}: redirected to a non-http URL")
                if response.status_code >= 400:
                    raise InputError(f"{url}: HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise InputError(f"{url}: too large ({int(declared) / 1e6:.1f} MB)")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputError(f"{url}: too large (over {max_bytes / 1e6:.0f} MB)")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "").lower()
                return Fetched(final, content_type, b"".join(chunks))
    except httpx2.TooManyRedirects:
        raise InputError(f"{url}: more than {max_redirects} redirects") from None
    except httpx2.TimeoutException:
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except httpx2.HTTPError as exc:
        reason = type(exc).__name__
        raise InputError(f"{url}: cannot fetch ({reason}: {exc})") from None
