"""Loopback HTTP servers for input tests (127.0.0.1 only): pages, redirects, feeds, and a
slow-drip route that sends its response a byte at a time, as a hostile or broken server would.

Each server records the paths it was asked for, so a test can show that a refused internal
address was never contacted at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: str
    content_type: str = "text/html; charset=utf-8"


@dataclass
class Redirect:
    location: str
    status: int = 302


@dataclass
class Drip:
    """A response sent one byte every `interval` seconds: the body only, or (headers_too) the
    status line and headers as well."""

    body: str
    interval: float = 0.1
    headers_too: bool = False


Route = Page | Redirect | Drip


@dataclass
class Site:
    """A server's routes, its base URL and the paths it was asked for."""

    url: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        site.hits.append(self.path)
        route = site.routes.get(self.path.split("?", 1)[0])
        try:
            if isinstance(route, Redirect):
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif isinstance(route, Drip):
                self._drip(route)
            else:
                page = route or Page("not found", "text/plain")
                data = page.body.encode("utf-8")
                self.send_response(200 if route else 404)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
        except OSError:  # the client gave up (as it should with a drip)
            pass

    def _drip(self, route: Drip) -> None:
        body = route.body.encode("utf-8")
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        if not route.headers_too:
            self.wfile.write(head)
            self.wfile.flush()
            head = b""
        for i in range(len(head) + len(body)):
            data = (head + body)[i : i + 1]
            self.wfile.write(data)
            self.wfile.flush()
            time.sleep(route.interval)
        self.close_connection = True


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[Site]:
    """A Site served on 127.0.0.1 (a free port) from a daemon thread, for one `with` block."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    site = Site(f"http://127.0.0.1:{httpd.server_address[1]}", dict(routes or {}))
    httpd.site = site
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()
