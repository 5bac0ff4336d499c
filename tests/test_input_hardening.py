"""The input side under attack (issue 10): slow-drip servers, the size cap on every way in,
internal addresses reached through feeds and redirects, symlinks out of a directory, pipes with
no writer, and text the cleaner or the title rule used to mangle. Servers are on 127.0.0.1 only
(tests/input_servers.py); the fetch deadline is cut to a second so the tests stay fast."""

from __future__ import annotations

import io
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from input_servers import Drip, Page, Redirect, Site, serve

import briefing.fetch
import briefing.ingest
from briefing.cli import cli
from briefing.errors import InputError
from briefing.fetch import fetch, is_public_address
from briefing.ingest import MAX_ARTICLE_BYTES, article_from_text, clean_text, read_article
from briefing.inputs import MAX_JSONL_LINE, expand_inputs, read_url
from briefing.models import Article, Failure

ROOT = Path(__file__).resolve().parent.parent
BODY = "The minister will publish the plan by June. Unions urged the government to act."
SECRET = "INTERNAL-TOKEN-7f3a"


def page(title: str, body: str = BODY) -> Page:
    return Page(f"<html><body><article><h1>{title}</h1><p>{body}</p></article></body></html>")


def rss(*links: str) -> Page:
    items = "".join(f"<item><title>Entry {i}</title><link>{link}</link></item>" for i, link in
                    enumerate(links, 1))  # fmt: skip
    return Page(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>',
        "application/rss+xml",
    )


def kinds(items: list[Article | Failure]) -> list[str]:
    return ["A" if isinstance(i, Article) else "F" for i in items]


def failure(item: Article | Failure) -> Failure:
    assert isinstance(item, Failure), item
    return item


def article(item: Article | Failure) -> Article:
    assert isinstance(item, Article), item
    return item


@pytest.fixture
def site() -> Iterator[Site]:
    """The server the user names on the command line."""
    with serve({"/page.html": page("Public page")}) as s:
        yield s


@pytest.fixture
def internal() -> Iterator[Site]:
    """Another loopback port standing in for an internal service (metadata, admin panel)."""
    with serve({"/secret.html": page("Internal", f"The token is {SECRET}.")}) as s:
        yield s


# -- defect 2: the fetch timeout bounds the whole response ---------------------------------------

DRIP_BODY = "<p>" + "The minister will act. " * 4 + "</p>"  # ~100 bytes: 10 s at 0.1 s a byte


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_slow_drip_fetch_stops_at_the_deadline(site: Site, headers_too: bool) -> None:
    site.routes["/slow"] = Drip(DRIP_BODY, interval=0.1, headers_too=headers_too)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"/slow: no answer within 1 s"):
        fetch(f"{site.url}/slow", timeout=1.0)
    assert time.monotonic() - start < 2.5  # per-read timeouts let it run ~10 s


def test_slow_dns_lookup_counts_against_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def slow(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "slow-dns.invalid":
            time.sleep(3)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    start = time.monotonic()
    with pytest.raises(InputError, match="no answer within 0.5 s"):
        fetch("http://slow-dns.invalid/page.html", timeout=0.5)
    assert time.monotonic() - start < 1.5


def test_digest_inputs_with_a_slow_url_fail_that_one_and_keep_the_rest(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/slow"] = Drip(DRIP_BODY, interval=0.1)
    good = tmp_path / "good.txt"
    good.write_text("Good article\n\n" + BODY + "\n")
    start = time.monotonic()
    items = expand_inputs([str(good), f"{site.url}/slow", f"{site.url}/page.html"],
                          fetch_timeout=1.0)  # fmt: skip
    assert time.monotonic() - start < 3.5
    assert kinds(items) == ["A", "F", "A"]
    assert failure(items[1]).source == f"{site.url}/slow"
    assert "no answer within 1 s" in failure(items[1]).error


def test_digest_cli_with_a_slow_url_writes_the_others(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefing.fetch, "FETCH_TIMEOUT", 1.0)
    site.routes["/slow"] = Drip(DRIP_BODY, interval=0.1)
    good = tmp_path / "good.txt"
    good.write_text("Good article\n\n" + BODY + "\n")
    out = tmp_path / "digest.json"
    start = time.monotonic()
    result = CliRunner().invoke(
        cli,
        ["digest", str(good), f"{site.url}/slow", "--engine", "offline", "--format", "json",
         "-q", "-o", str(out)],
        catch_exceptions=False,
    )  # fmt: skip
    assert time.monotonic() - start < 6
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text())
    assert [n["article"]["title"] for n in data["notes"]] == ["Good article"]
    assert [f["source"] for f in data["failed"]] == [f"{site.url}/slow"]


def test_note_of_a_slow_url_is_one_line_within_the_deadline(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefing.fetch, "FETCH_TIMEOUT", 1.0)
    site.routes["/slow"] = Drip(DRIP_BODY, interval=0.1)
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["note", f"{site.url}/slow", "--engine", "offline"])
    assert time.monotonic() - start < 3
    assert result.exit_code == 1
    assert "no answer within 1 s" in result.stderr and "Traceback" not in result.stderr


# -- defect 3: the 10 MB cap on every way in -----------------------------------------------------


def _limit_memory() -> None:  # a regression must not take the test machine down
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_note_of_dev_zero_is_refused_at_the_cap() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from briefing.cli import main; main()", "note", "/dev/zero",
         "--engine", "offline"],
        capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == "Error: /dev/zero: input is too large (over 10 MB)"


def test_jsonl_record_over_the_cap_fails_alone(tmp_path: Path) -> None:
    f = tmp_path / "day.jsonl"
    big = "The minister will act. " * (MAX_ARTICLE_BYTES // 23 + 10)
    f.write_text(
        json.dumps({"title": "Huge", "text": big}) + "\n"
        + json.dumps({"title": "Small", "text": BODY}) + "\n"
    )  # fmt: skip
    items = expand_inputs([str(f)])
    assert kinds(items) == ["F", "A"]
    assert failure(items[0]).source == f"{f}:1" and "too large" in failure(items[0]).error
    assert article(items[1]).title == "Small"


def test_jsonl_line_far_over_the_cap_is_skipped_unparsed(tmp_path: Path) -> None:
    f = tmp_path / "day.jsonl"
    with f.open("w") as out:
        out.write('{"title": "Huge", "text": "' + "x" * MAX_JSONL_LINE + '"}\n')
        out.write(json.dumps({"title": "Small", "text": BODY}) + "\n")
    items = expand_inputs([str(f)])
    assert kinds(items) == ["F", "A"]
    assert failure(items[0]).source == f"{f}:1"
    assert "the line is too large" in failure(items[0]).error


def test_stdin_jsonl_is_read_past_the_cap_record_by_record() -> None:
    big = "The minister will act. " * (MAX_ARTICLE_BYTES // 23 + 10)
    lines = (
        json.dumps({"title": "Small", "text": BODY}) + "\n"
        + json.dumps({"title": "Huge", "text": big}) + "\n"
        + json.dumps({"title": "After", "text": BODY}) + "\n"
    ).encode()  # fmt: skip
    items = expand_inputs(["-"], stdin=io.BytesIO(lines))
    assert kinds(items) == ["A", "F", "A"]
    assert failure(items[1]).source == "-:2" and "too large" in failure(items[1]).error
    assert article(items[2]).title == "After"


def test_feed_over_the_cap_is_refused(tmp_path: Path) -> None:
    para = "<p>The minister will act.</p>"
    big = para * (MAX_ARTICLE_BYTES // len(para) + 10)
    f = tmp_path / "feed.xml"
    f.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Big'
        f"</title><description><![CDATA[{big}]]></description></item></channel></rss>"
    )
    (item,) = expand_inputs([str(f)])
    assert isinstance(item, Failure) and "too large" in item.error


def test_article_text_over_the_cap_is_an_input_error() -> None:
    with pytest.raises(InputError, match="too large"):
        article_from_text("é" * (MAX_ARTICLE_BYTES // 2 + 1), source="x", article_id="x")


# -- defect 8: internal addresses, symlinks, relative links --------------------------------------


@pytest.mark.parametrize(
    ("ip", "public"),
    [
        ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.10", False),
        ("172.16.5.4", False), ("169.254.169.254", False), ("100.64.0.1", False),
        ("0.0.0.0", False), ("::1", False), ("fe80::1%eth0", False), ("fc00::1", False),
        ("::ffff:127.0.0.1", False), ("224.0.0.1", False),
        ("93.184.216.34", True), ("2606:4700::6810:85e5", True),
    ],
)  # fmt: skip
def test_public_addresses(ip: str, public: bool) -> None:
    assert is_public_address(ip) is public


def test_redirect_to_another_loopback_port_is_refused(site: Site, internal: Site) -> None:
    site.routes["/jump"] = Redirect(f"{internal.url}/secret.html")
    with pytest.raises(InputError, match="internal address"):
        fetch(f"{site.url}/jump")
    with pytest.raises(InputError, match="internal address"):
        read_url(f"{site.url}/jump")
    assert internal.hits == []  # refused before connecting, not after reading
    allowed = read_url(f"{site.url}/jump", allow_private_urls=True)
    assert SECRET in allowed.text


def test_redirect_within_the_typed_server_still_works(site: Site) -> None:
    site.routes["/moved"] = Redirect("/page.html", status=301)
    article = read_url(f"{site.url}/moved")
    assert article.url == f"{site.url}/page.html" and article.title == "Public page"


def test_feed_entry_linking_to_an_internal_address_is_refused(site: Site, internal: Site) -> None:
    site.routes["/feed.xml"] = rss(
        f"{site.url}/page.html",  # the feed's own server: the user chose to reach it
        f"{internal.url}/secret.html",  # another port: refused
        f"http://localhost:{internal.url.rsplit(':', 1)[1]}/secret.html",  # a name for it too
    )
    items = expand_inputs([f"{site.url}/feed.xml"])
    assert kinds(items) == ["A", "F", "F"]
    assert all("internal address" in failure(i).error for i in items[1:])
    assert internal.hits == []
    assert all(SECRET not in i.text for i in items if isinstance(i, Article))


def test_feed_links_to_internal_addresses_when_allowed(
    site: Site, internal: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.routes["/feed.xml"] = rss(f"{internal.url}/secret.html")
    (item,) = expand_inputs([f"{site.url}/feed.xml"], allow_private_urls=True)
    assert isinstance(item, Article) and SECRET in item.text
    monkeypatch.setenv("BRIEFING_ALLOW_PRIVATE_URLS", "1")
    (item,) = expand_inputs([f"{site.url}/feed.xml"])
    assert isinstance(item, Article) and SECRET in item.text


def test_feed_file_links_to_loopback_are_refused(internal: Site, tmp_path: Path) -> None:
    f = tmp_path / "feed.xml"
    f.write_text(rss(f"{internal.url}/secret.html").body)
    (item,) = expand_inputs([str(f)])
    assert isinstance(item, Failure) and "internal address" in item.error
    assert internal.hits == []


def test_digest_cli_never_shows_internal_content(site: Site, internal: Site) -> None:
    site.routes["/feed.xml"] = rss(f"{site.url}/page.html", f"{internal.url}/secret.html")
    result = CliRunner().invoke(
        cli, ["digest", f"{site.url}/feed.xml", "--engine", "offline", "--format", "json", "-q"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1
    assert SECRET not in result.output
    data = json.loads(result.stdout)
    assert [f["source"] for f in data["failed"]] == [f"{internal.url}/secret.html"]


def test_invalid_urls_are_one_line_errors(site: Site) -> None:
    site.routes["/bad-redirect"] = Redirect("http://[::1")
    with pytest.raises(InputError, match="redirected to an invalid URL"):
        fetch(f"{site.url}/bad-redirect")
    site.routes["/feed.xml"] = rss("http://[::1/x", f"{site.url}/page.html")
    assert kinds(expand_inputs([f"{site.url}/feed.xml"])) == ["F", "A"]
    result = CliRunner().invoke(cli, ["note", "http://[::1/x", "--engine", "offline"])
    assert result.exit_code == 1 and "not a valid URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_relative_feed_links_resolve_against_the_feed_url(site: Site) -> None:
    site.routes["/news/feed.xml"] = rss("../page.html", "/page.html", "other.html")
    items = expand_inputs([f"{site.url}/news/feed.xml"])
    assert kinds(items) == ["A", "A", "F"]
    assert article(items[0]).url == article(items[1]).url == f"{site.url}/page.html"
    assert failure(items[2]).source == f"{site.url}/news/other.html"
    assert "HTTP 404" in failure(items[2]).error


def test_relative_links_in_a_feed_file_resolve_against_its_channel_link(
    site: Site, tmp_path: Path
) -> None:
    f = tmp_path / "feed.xml"
    f.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>{site.url}/news/'
        "</link><item><title>E</title><link>../page.html</link></item></channel></rss>"
    )
    (item,) = expand_inputs([str(f)], allow_private_urls=True)
    assert article(item).url == f"{site.url}/page.html"
    (f.parent / "bare.xml").write_text(f.read_text().replace(f"<link>{site.url}/news/</link>", ""))
    (item,) = expand_inputs([str(f.parent / "bare.xml")], allow_private_urls=True)
    assert "relative link" in failure(item).error


def test_trust_in_a_typed_address_does_not_extend_to_other_inputs(
    site: Site, internal: Site
) -> None:
    site.routes["/feed.xml"] = rss(f"{internal.url}/secret.html")
    items = expand_inputs([f"{internal.url}/secret.html", f"{site.url}/feed.xml"])
    assert kinds(items) == ["A", "F"]  # the user reached the internal page; the feed may not
    assert "internal address" in failure(items[1]).error


def test_directory_does_not_follow_symlinks_out_of_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"Secret\n\nThe token is {SECRET}.\n")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text("Article A\n\n" + BODY + "\n")
    (inbox / "passwd.txt").symlink_to("/etc/passwd")
    (inbox / "secret.txt").symlink_to(outside / "secret.txt")
    (inbox / "same.txt").symlink_to(inbox / "a.txt")  # inside the directory: fine
    (inbox / "sub" / "linked").symlink_to(outside, target_is_directory=True)
    items = expand_inputs([str(inbox)])
    by_name = {Path(i.source).name: i for i in items}
    assert sorted(by_name) == ["a.txt", "passwd.txt", "same.txt", "secret.txt"]
    assert isinstance(by_name["a.txt"], Article) and isinstance(by_name["same.txt"], Article)
    for name in ("passwd.txt", "secret.txt"):
        assert "symbolic link" in failure(by_name[name]).error
    assert all(SECRET not in i.text and "root:" not in i.text
               for i in items if isinstance(i, Article))  # fmt: skip


# -- the smaller ones ----------------------------------------------------------------------------


def test_emoji_joiners_are_kept_and_zero_width_spaces_keep_words_apart() -> None:
    assert clean_text("Staff 👩\u200d💼 and 👨🏽\u200d🔬 and ❤\ufe0f\u200d🔥.") == (
        "Staff 👩\u200d💼 and 👨🏽\u200d🔬 and ❤\ufe0f\u200d🔥."
    )
    assert clean_text("The minister\u200bpledged funds.") == "The minister pledged funds."
    assert clean_text("The plan\u200b is late.") == "The plan is late."
    assert clean_text("東京\u200b都") == "東京都"  # a line-break hint where words have no spaces
    assert clean_text("ig\u200dnore") == "ignore"  # a joiner between letters is still dropped


def test_an_article_of_quote_marks_only_is_refused_and_titles_are_bounded() -> None:
    with pytest.raises(InputError, match="no words"):
        article_from_text('"' * 5098, source="q.txt", article_id="q")
    article = article_from_text("“" + "quoted" * 900 + "” he said.", source="q", article_id="q")
    assert len(article.title) <= 160
    long_title = article_from_text(BODY, source="j", article_id="j", title="Word " * 1000)
    assert len(long_title.title) <= 160 and long_title.title.endswith("…")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _write_later(path: Path, data: bytes) -> threading.Thread:
    def write() -> None:
        with path.open("wb") as f:  # blocks until the reader opens the FIFO
            f.write(data)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_fifo_with_no_writer_is_an_error_not_a_hang(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match="nothing to read within 0.3 s"):
        read_article(str(fifo), wait=0.3)
    monkeypatch.setattr(briefing.ingest, "PIPE_WAIT", 0.3)
    result = CliRunner().invoke(cli, ["note", str(fifo), "--engine", "offline"])
    assert result.exit_code == 1 and "nothing to read within 0.3 s" in result.stderr
    assert time.monotonic() - start < 3


def test_fifo_with_a_writer_is_read_by_note_and_digest(fifo: Path) -> None:
    writer = _write_later(fifo, ("Piped article\n\n" + BODY + "\n").encode())
    (item,) = expand_inputs([str(fifo)])
    writer.join(5)
    assert isinstance(item, Article) and item.title == "Piped article"
    writer = _write_later(fifo, ("Piped article\n\n" + BODY + "\n").encode())
    result = CliRunner().invoke(cli, ["note", str(fifo), "--engine", "offline", "--format",
                                      "json"], catch_exceptions=False)  # fmt: skip
    writer.join(5)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["title"] == "Piped article"
