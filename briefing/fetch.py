"""Fetching article pages and feeds over HTTP(S), with the limits a scheduled job needs:
a deadline for the whole response, a size cap, a bounded number of redirects, http(s) only, one
clear error line, and no reaching internal addresses through URLs the user did not type.

httpx2 is already installed with the openai SDK, so fetching adds no dependency.

The address rule: a URL taken from a feed or a redirect ("derived") may not reach a loopback,
private, link-local or otherwise non-public address, unless it is the very address and port a
URL the user typed reached (a local feed linking to its own pages), or private addresses are
allowed (`allow_private`, or BRIEFING_ALLOW_PRIVATE_URLS=1). It is checked on the addresses the
host resolves to, and the connection goes to the address checked, so DNS cannot get around it.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .ingest import MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    import ssl

    import httpcore2
    import httpx2

FETCH_TIMEOUT = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "briefing/0.1 (+https://pypi.org/project/briefing/)"
ALLOW_PRIVATE_ENV = "BRIEFING_ALLOW_PRIVATE_URLS"


@dataclass
class Fetched:
    """A fetched document: the final URL after redirects, its content type and its bytes."""

    url: str
    content_type: str
    data: bytes


@dataclass
class AddressPolicy:
    """Which addresses derived URLs may reach; shared by the fetches of one run, so the
    addresses the user's own URLs reached are remembered."""

    allow_private: bool = False
    trusted: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def from_env(cls, allow_private: bool | None = None) -> AddressPolicy:
        """allow_private as given, else from BRIEFING_ALLOW_PRIVATE_URLS (1, true, yes, on)."""
        if allow_private is None:
            value = os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower()
            allow_private = value in ("1", "true", "yes", "on")
        return cls(allow_private=allow_private)

    def permits(self, ip: str, port: int) -> bool:
        return self.allow_private or is_public_address(ip) or (ip, port) in self.trusted


class Fetcher:
    """fetch() with one timeout and one AddressPolicy for a whole run (a digest's inputs)."""

    def __init__(self, *, timeout: float | None = None, allow_private: bool | None = None):
        self.timeout = timeout
        self.policy = AddressPolicy.from_env(allow_private)

    def __call__(self, url: str, *, derived: bool = False) -> Fetched:
        return fetch(url, timeout=self.timeout, policy=self.policy, derived=derived)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def is_public_address(ip: str) -> bool:
    """False for loopback, private, link-local, shared, reserved, multicast and unspecified
    addresses, IPv4 ones written as IPv6 included."""
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class RefusedAddress(Exception):
    """A derived URL's host resolves only to addresses the policy does not permit."""

    def __init__(self, host: str, ip: str) -> None:
        super().__init__(f"{host} is at {ip}")
        self.host = host
        self.ip = ip


def fetch(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    transport: httpx2.BaseTransport | None = None,
    policy: AddressPolicy | None = None,
    derived: bool = False,
) -> Fetched:
    """GET url; raises InputError (one line, naming the URL) on any failure.

    `timeout` (default FETCH_TIMEOUT) bounds the whole fetch, redirects and a slow body
    included, not each read. `derived` says the URL came from a feed, not from the user; its
    redirects are always derived. An injected `transport` decides itself where requests go, so
    the address rule is not applied to it."""
    import httpx2

    timeout = FETCH_TIMEOUT if timeout is None else timeout
    policy = policy if policy is not None else AddressPolicy.from_env()
    if not is_url(url):
        raise InputError(f"{url}: only http and https URLs can be fetched")
    deadline = _Deadline(time.monotonic() + timeout)
    current = url
    try:
        with httpx2.Client(
            timeout=timeout,
            follow_redirects=False,  # followed below, each hop held to the address rule
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*"},
            transport=transport,
            trust_env=True,  # proxies and CA bundles from the environment, as for the SDK
            limits=httpx2.Limits(max_keepalive_connections=0),  # every hop connects anew
        ) as client:
            direct = _install_guard(client, deadline, policy) if transport is None else None
            for hop in range(max_redirects + 1):
                hop_derived = derived or hop > 0
                if direct is not None:
                    direct.derived = hop_derived
                    proxied = (
                        client._transport_for_url(httpx2.URL(current)) is not client._transport
                    )
                    if hop_derived and proxied:  # the proxy connects: check beforehand
                        _check_resolved(current, policy, deadline)
                with client.stream("GET", current) as response:
                    if response.has_redirect_location:
                        try:
                            target = str(response.url.join(response.headers["location"]))
                        except httpx2.InvalidURL as exc:
                            raise InputError(
                                f"{url}: redirected to an invalid URL ({exc})"
                            ) from None
                        if not is_url(target):
                            raise InputError(f"{url}: redirected to a non-http URL")
                        current = target
                        continue
                    return _read_body(response, url, max_bytes, deadline)
            raise InputError(f"{url}: more than {max_redirects} redirects")
    except RefusedAddress as exc:
        where = exc.ip if exc.host.strip("[]") == exc.ip else f"{exc.host} ({exc.ip})"
        via = "" if current == url else f" redirected to {current}:"
        raise InputError(
            f"{url}:{via} refused: {where} is an internal address, which links from feeds and "
            f"redirects may not reach (set {ALLOW_PRIVATE_ENV}=1 to allow it)"
        ) from None
    except httpx2.InvalidURL as exc:
        what = "not a valid URL" if current == url else "redirected to an invalid URL"
        raise InputError(f"{url}: {what} ({exc})") from None
    except httpx2.TimeoutException:
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except httpx2.HTTPError as exc:
        if deadline.expired():
            raise InputError(f"{url}: no answer within {timeout:g} s") from None
        reason = type(exc).__name__
        raise InputError(f"{url}: cannot fetch ({reason}: {exc})") from None


def _read_body(response: httpx2.Response, url: str, max_bytes: int, deadline: _Deadline) -> Fetched:
    import httpx2

    final = str(response.url)
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
        if deadline.expired():
            raise httpx2.ReadTimeout("the fetch deadline passed")
    content_type = response.headers.get("content-type", "").lower()
    return Fetched(final, content_type, b"".join(chunks))


def _check_resolved(url: str, policy: AddressPolicy, deadline: _Deadline) -> None:
    """The address rule for a URL fetched through a proxy: its host's addresses, resolved
    here (the proxy resolves it again, so this is the best that can be done)."""
    import httpx2

    parsed = httpx2.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = _resolve(parsed.host, port, deadline.bound(None, httpx2.ConnectTimeout))
    except TimeoutError:
        raise httpx2.ConnectTimeout(f"looking up {parsed.host} took too long") from None
    if addresses and not any(policy.permits(ip, port) for ip in addresses):
        raise RefusedAddress(parsed.host, addresses[0])


def _resolve(host: str, port: int, timeout: float | None = None) -> list[str]:
    """The addresses host resolves to, in the resolver's order ([] when it does not). A lookup
    still running after `timeout` raises TimeoutError: a slow DNS server must not stretch the
    fetch deadline (the lookup itself cannot be cancelled, so it finishes in a daemon thread)."""
    found: list[list[str]] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            infos = []
        found.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))

    if timeout is None:
        lookup()
    else:
        thread = threading.Thread(target=lookup, daemon=True)
        thread.start()
        thread.join(timeout)
    if not found:
        raise TimeoutError(f"looking up {host} took too long")
    return found[0]


class _Deadline:
    def __init__(self, at: float) -> None:
        self.at = at

    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def bound(self, timeout: float | None, error: type[Exception]) -> float:
        """The smaller of timeout and the time left; raises error when no time is left."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("the fetch deadline passed")
        return left if timeout is None else min(timeout, left)


def _install_guard(client: httpx2.Client, deadline: _Deadline, policy: AddressPolicy) -> Any:
    """Give every connection pool of client a network backend that bounds each read, write
    and connect by the deadline; on the direct (proxy-free) pool it also resolves hosts,
    applies the address rule and connects to the address it checked."""
    import httpcore2

    backend_class = _guarded_backend_class()
    direct = backend_class(deadline, policy, check=True)
    proxied = backend_class(deadline, policy, check=False)
    pools = {
        id(t): getattr(t, "_pool", None) for t in [client._transport, *client._mounts.values()]
    }
    direct_pool = getattr(client._transport, "_pool", None)
    if type(direct_pool) is not httpcore2.ConnectionPool:
        raise RuntimeError("httpx2's transport changed: fetches cannot be guarded")
    for pool in pools.values():
        if isinstance(pool, httpcore2.ConnectionPool):
            pool._network_backend = direct if pool is direct_pool else proxied
    return direct


@functools.cache
def _guarded_backend_class() -> Any:
    """The guarded backend and its stream, defined on first use so that importing this module
    (which every command does) does not import httpcore2."""
    import httpcore2

    class DeadlineStream(httpcore2.NetworkStream):
        def __init__(self, stream: httpcore2.NetworkStream, deadline: _Deadline) -> None:
            self._stream = stream
            self._deadline = deadline

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            timeout = self._deadline.bound(timeout, httpcore2.ReadTimeout)
            return self._stream.read(max_bytes, timeout)

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, self._deadline.bound(timeout, httpcore2.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(
            self,
            ssl_context: ssl.SSLContext,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore2.NetworkStream:
            timeout = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
            tls = self._stream.start_tls(ssl_context, server_hostname, timeout)
            return DeadlineStream(tls, self._deadline)

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class GuardedBackend(httpcore2.NetworkBackend):
        def __init__(self, deadline: _Deadline, policy: AddressPolicy, *, check: bool) -> None:
            self._inner = httpcore2.SyncBackend()
            self._deadline = deadline
            self._policy = policy
            self._check = check
            self.derived = False

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Iterable[Any] | None = None,
        ) -> httpcore2.NetworkStream:
            bound = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
            if not self._check:
                stream = self._inner.connect_tcp(host, port, bound, local_address, socket_options)
                return DeadlineStream(stream, self._deadline)
            try:
                addresses = _resolve(host, port, bound)
            except TimeoutError as exc:
                raise httpcore2.ConnectTimeout(str(exc)) from None
            if not addresses:
                raise httpcore2.ConnectError(f"cannot resolve {host}")
            if self.derived:
                permitted = [ip for ip in addresses if self._policy.permits(ip, port)]
                if not permitted:
                    raise RefusedAddress(host, addresses[0])
                addresses = permitted
            error: Exception | None = None
            for ip in addresses:  # connect to the address checked, not to the name again
                try:
                    bound = self._deadline.bound(timeout, httpcore2.ConnectTimeout)
                    stream = self._inner.connect_tcp(ip, port, bound, local_address, socket_options)
                except httpcore2.ConnectError as exc:
                    error = exc
                    continue
                if not self.derived:
                    self._policy.trusted.add((ip, port))
                return DeadlineStream(stream, self._deadline)
            assert error is not None
            raise error

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> httpcore2.NetworkStream:
            raise httpcore2.ConnectError("unix sockets are not fetched")

        def sleep(self, seconds: float) -> None:
            time.sleep(seconds)

    return GuardedBackend
