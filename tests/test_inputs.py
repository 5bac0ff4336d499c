"""Expanding INPUT...: files, directories, globs, stdin, JSONL, RSS/Atom feeds, URLs.
Fetching is tested against an HTTP server on 127.0.0.1 only."""

from __future__ import annotations

import io
import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import InputError
from briefing.fetch import fetch
from briefing.inputs import expand_inputs
from briefing.models import Article, Failure

DATA = Path(__file__).parent / "data" / "digest"
BODY = "The minister will publish the plan by June. Unions urged the government to act."
PAGE = (
    "<!DOCTYPE html><html><head><title>Site | Page</title></head><body><nav>Menu Home</nav>"
    f"<article><h1>Plan to be published</h1><p>{BODY}</p></article>"
    "<footer>Copyright</footer><script>var x = 1;</script></body></html>"
)


def rss(base: str) -> str:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Feed</title>
<item><title>Full content entry</title><link>{base}/a/one</link>
<pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate>
<description>Short teaser only.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">
<![CDATA[<p>{BODY}</p><p>The council will meet on Friday.</p>]]></content:encoded>
</item>
<item><title>Summary entry</title><link>{base}/a/two</link>
<pubDate>Tue, 30 Apr 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The council will vote on the budget next week.&lt;/p&gt;</description></item>
<item><title>Linked entry</title><link>{base}/article.html</link></item>
<item><title>Broken link entry</title><link>{base}/missing</link></item>
</channel></rss>"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom feed</title>
<entry><title>Atom entry</title><link href="http://example.invalid/atom-1"/>
<updated>2024-05-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;The mayor pledged to build 500 homes by 2026.&lt;/p&gt;
</content></entry>
</feed>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", PAGE),
            "/feed.xml": (200, "application/rss+xml", rss(base)),
            "/feed-as-text": (200, "text/plain", rss(base)),
            "/big": (200, "text/html", "<p>" + "x" * 5000 + "</p>"),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.0)
        status, ctype, body = routes.get(self.path, (404, "text/plain", "not found"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def kinds(items: list[Article | Failure]) -> list[str]:
    return ["A" if isinstance(i, Article) else "F" for i in items]


def test_directory_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(DATA / "abbas-will-not-tolerate-attacks.txt", tmp_path / "b.txt")
    (tmp_path / "sub" / "a.md").write_text("# Heading here\n\nThe board will meet.\n")
    (tmp_path / "c.html").write_text(PAGE)
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden" / "x.txt").write_text("The board will meet.\n")
    items = expand_inputs([str(tmp_path)])
    assert [Path(i.source).name for i in items] == ["b.txt", "c.html", "a.md"]
    html = items[1]
    assert isinstance(html, Article)
    assert html.title == "Plan to be published" and "Menu" not in html.text


def test_glob_and_missing(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Title {name}\n\nThe board will meet.\n")
    items = expand_inputs([str(tmp_path / "x*.txt"), str(tmp_path / "z*.txt"), "nope.txt"])
    assert kinds(items) == ["A", "A", "F", "F"]
    assert items[2].error == "no file matches this pattern"
    assert items[3].error == "no such file"


def test_stdin_article_and_stdin_jsonl() -> None:
    items = expand_inputs(["-"], stdin=io.BytesIO(b"A title\n\nThe board will meet.\n"))
    assert kinds(items) == ["A"] and items[0].source == "-" and items[0].title == "A title"
    lines = b'{"title": "One", "text": "The board will meet."}\n{"title": "Two"}\n'
    items = expand_inputs(["-"], stdin=io.BytesIO(lines))
    assert kinds(items) == ["A", "F"] and items[1].source == "-:2"


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "day.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "title": "One",
                        "text": "The board will meet.",
                        "url": "https://x.org/1",
                        "date": "Wed, 01 May 2024 08:00:00 GMT",
                        "source": "wire:1",
                    }
                ),
                "{not json",
                json.dumps(["a list"]),
                json.dumps({"title": "No text"}),
                json.dumps({"title": 5, "text": "The board will meet."}),
                json.dumps({"text": "Second article without a title. The board will meet."}),
            ]
        )  # fmt: skip
    )
    items = expand_inputs([str(f)])
    assert kinds(items) == ["A", "F", "F", "F", "F", "A"]
    first = items[0]
    assert (first.title, first.url, first.date, first.source) == (
        "One", "https://x.org/1", "2024-05-01", "wire:1",
    )  # fmt: skip
    assert items[1].source == f"{f}:2" and "not valid JSON" in items[1].error
    assert items[5].id == "day-6"


def test_feed_file_content_summary_and_linked_page(site: str, tmp_path: Path) -> None:
    f = tmp_path / "feed.xml"
    f.write_text(rss(site))
    # The feed file's links point at 127.0.0.1, which feeds may reach only when allowed
    # (tests/test_input_hardening.py checks the refusal).
    items = expand_inputs([str(f)], allow_private_urls=True)
    assert kinds(items) == ["A", "A", "A", "F"]
    full, summary, linked, broken = items
    assert full.title == "Full content entry" and "council will meet" in full.text
    assert "teaser" not in full.text and full.date == "2024-05-01"
    assert full.source == f"{site}/a/one" and full.id == "one"
    assert summary.text == "The council will vote on the budget next week."
    assert linked.title == "Linked entry" and BODY in linked.text
    assert broken.source == f"{site}/missing" and "HTTP 404" in broken.error


def test_atom_file_is_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "news.atom"
    f.write_text(ATOM)
    (item,) = expand_inputs([str(f)])
    assert item.title == "Atom entry" and item.date == "2024-05-02"
    assert "500 homes" in item.text


def test_feed_url_by_content_type_and_by_sniffing(site: str) -> None:
    assert kinds(expand_inputs([f"{site}/feed.xml"])) == ["A", "A", "A", "F"]
    assert kinds(expand_inputs([f"{site}/feed-as-text"])) == ["A", "A", "A", "F"]


def test_article_url(site: str) -> None:
    (item,) = expand_inputs([f"{site}/redirect"])
    assert isinstance(item, Article)
    assert item.source == f"{site}/redirect" and item.url == f"{site}/article.html"
    assert item.title == "Plan to be published" and item.text == BODY
    assert "Copyright" not in item.text and "var x" not in item.text


def test_fetch_limits(site: str) -> None:
    with pytest.raises(InputError, match="too large"):
        fetch(f"{site}/big", max_bytes=1000)
    with pytest.raises(InputError, match="more than 3 redirects"):
        fetch(f"{site}/loop", max_redirects=3)
    with pytest.raises(InputError, match="no answer within 0.2 s"):
        fetch(f"{site}/slow", timeout=0.2)
    with pytest.raises(InputError, match="HTTP 404"):
        fetch(f"{site}/nothing")
    with pytest.raises(InputError):
        fetch(f"{site}/to-file")
    with pytest.raises(InputError, match="only http and https"):
        fetch("file:///etc/passwd")


def test_feeds_need_feedparser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "feedparser", None)
    f = tmp_path / "feed.xml"
    f.write_text(ATOM)
    (item,) = expand_inputs([str(f)])
    assert isinstance(item, Failure) and "briefing[feeds]" in item.error


def test_digest_of_mixed_inputs(site: str, tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"title": "From JSONL", "text": "The board will meet."}) + "\n")
    result = CliRunner().invoke(
        cli,
        ["digest", str(f), f"{site}/article.html", f"{site}/feed.xml", "--format", "json", "-q"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1  # the feed's broken link
    data = json.loads(result.stdout)
    titles = [n["article"]["title"] for n in data["notes"]]
    assert titles == [
        "From JSONL", "Plan to be published", "Full content entry", "Summary entry",
        "Linked entry",
    ]  # fmt: skip
    assert [x["source"] for x in data["failed"]] == [f"{site}/missing"]
    ids = [n["article"]["id"] for n in data["notes"]]
    assert len(ids) == len(set(ids))


def test_note_of_a_web_page(site: str) -> None:
    ok = CliRunner().invoke(cli, ["note", f"{site}/redirect", "--engine", "offline",
                                  "--format", "json"], catch_exceptions=False)  # fmt: skip
    assert ok.exit_code == 0, ok.output
    note = json.loads(ok.stdout)
    assert note["article"]["url"] == f"{site}/article.html"
    assert note["article"]["title"] == "Plan to be published"
    missing = CliRunner().invoke(cli, ["note", f"{site}/nothing"], catch_exceptions=False)
    assert missing.exit_code == 1 and "HTTP 404" in missing.stderr
    assert "Traceback" not in missing.stderr
