"""Regression tests for issue 10 (hardening round two): outputs that replaced inputs, a digest
too large for its own template, broken caches, leaking credentials, config mistakes, unbounded
user templates, and the rough edges a new user hit. Each test failed before its fix."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import FakeOpenAIServer
from helpers import EXAMPLES, one_line, run

SEED = EXAMPLES / "seed-article.txt"

# -- defect 1: no output replaces an input or another output of the run ----------------------


def _planted_jsonl(tmp_path: Path) -> Path:
    feed = tmp_path / "clob.jsonl"
    lines = [
        {"id": "digest", "title": "Planted", "text": "The minister promised to build 40 schools."},
        {"title": "Real", "text": "The mayor promised to fix roads by June."},
    ]
    feed.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return feed


def test_a_per_article_note_never_replaces_the_digest(tmp_path: Path) -> None:
    feed, out = _planted_jsonl(tmp_path), tmp_path / "outj"
    result = run(
        "digest", str(feed), "--format", "json", "--per-article-dir", str(out),
        "-o", str(out / "digest.json"), "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    digest = json.loads((out / "digest.json").read_text())
    assert "notes" in digest and len(digest["notes"]) == 2  # the digest, not a note
    planted = json.loads((out / "digest-2.json").read_text())
    assert planted["article"]["title"] == "Planted"
    assert sorted(p.name for p in out.iterdir()) == ["clob-2.json", "digest-2.json", "digest.json"]


def test_a_per_article_note_never_replaces_an_input(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = inbox / "story.md"
    story.write_text("The mayor promised to fix roads by June.\n")
    result = run("digest", str(story), "--per-article-dir", str(inbox), "-q")
    assert result.exit_code == 0, result.output
    assert story.read_text() == "The mayor promised to fix roads by June.\n"
    assert (inbox / "story-2.md").read_text().startswith("# ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["note", "{a}", "-o", "{a}"], "is one of this run's inputs"),
        (["note", "{a}", "-o", "{link}"], "is one of this run's inputs"),
        (["digest", "{feed}", "-o", "{feed}"], "is one of this run's inputs"),
        (["estimate", "{feed}", "-o", "{feed}"], "is one of this run's inputs"),
        (["digest", "{inbox}", "-o", "{inbox}/digest.md"], "inside the input directory"),
        (["digest", "{inbox}", "--per-article-dir", "{inbox}"], "would be read as articles"),
        (["digest", "{inbox}/*.md", "-o", "{inbox}/d.md"], "matches the input pattern"),
        (["note", "{a}", "--record", "{tmp}/c.json", "-o", "{tmp}/c.json"], "cassette"),
        (["note", "{a}", "--record", "{a}"], "cassette {a} is one of this run's inputs"),
    ],
)
def test_an_output_that_would_replace_an_input_is_refused_before_any_work(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    a = tmp_path / "a.txt"
    a.write_text(SEED.read_text())
    (tmp_path / "link.txt").symlink_to(a)
    feed = _planted_jsonl(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "story.md").write_text("The mayor promised to fix roads by June.\n")
    before = {p: p.read_bytes() for p in (a, feed, inbox / "story.md")}
    names = {"a": a, "link": tmp_path / "link.txt", "feed": feed, "inbox": inbox, "tmp": tmp_path}
    result = run(*(x.format(**names) for x in args), "--engine", "offline")
    assert result.exit_code == 2, result.output
    assert expected.format(**names) in one_line(result.stderr)
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in inbox.iterdir()) == ["story.md"]


# -- defect 5: a broken cache is a cache miss, said once ---------------------------------------


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as s:
        yield s


def _break_cache(cache: Path, how: str) -> None:
    if how == "a file":
        cache.write_text("not a directory\n")
    elif how == "corrupt":
        cache.mkdir()
        (cache / "notes.sqlite3").write_bytes(b"this is not a database " * 500)
    else:  # unwritable: what sqlite sees in a read-only directory, also when running as root
        cache.mkdir()
        sqlite3.connect(cache / "notes.sqlite3").close()
        (cache / "notes.sqlite3-wal").mkdir()
        (cache / "notes.sqlite3-shm").mkdir()


@pytest.mark.parametrize("how", ["a file", "corrupt", "unwritable"])
def test_a_broken_cache_is_a_miss_with_one_warning(
    articles: Path, server: FakeOpenAIServer, tmp_path: Path, how: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import briefing.cache

    cache = tmp_path / "briefing-cache"
    _break_cache(cache, how)
    waits: list[float] = []
    monkeypatch.setattr(briefing.cache.time, "sleep", waits.append)
    out = tmp_path / "digest.json"
    args = ["digest", str(articles), "--base-url", server.base_url, "--format", "json"]
    result = run(*args, "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["notes"]) == 7
    assert waits == []  # no lookup waited for a lock nobody holds (was 50 x 50 ms each)
    warning = one_line(result.stderr)
    assert warning.startswith("briefing: warning: the cache") and "running without it" in warning


def test_cache_stats_and_clear_repair_a_corrupt_cache(
    articles: Path, server: FakeOpenAIServer, tmp_path: Path
) -> None:
    _break_cache(tmp_path / "briefing-cache", "corrupt")
    stats = run("cache", "stats")
    assert stats.exit_code == 0 and "entries: unknown (file is not a database" in stats.stdout
    assert "cache clear" in stats.stdout
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and "made it anew" in cleared.stdout
    args = ["digest", str(articles), "--base-url", server.base_url, "-q"]
    assert run(*args).exit_code == 0
    calls = server.stats()["total"]
    again = run(*args)
    assert again.exit_code == 0 and again.stderr == ""
    assert server.stats()["total"] == calls  # the repaired cache serves the rerun
    assert "entries: 7" in run("cache", "stats").stdout


def test_clearing_a_cache_whose_directory_is_a_file_is_one_line(tmp_path: Path) -> None:
    _break_cache(tmp_path / "briefing-cache", "a file")
    result = run("cache", "clear")
    assert result.exit_code == 1
    assert "is not a directory" in one_line(result.stderr)
    assert (tmp_path / "briefing-cache").read_text() == "not a directory\n"
    assert "entries: unknown" in run("cache", "stats").stdout


# -- defects 6 and 9: the configured key and URL passwords never leave the process -------------

ODD_KEY = "0f3a9c77e1d24b5aSECRETVALUE123"  # no sk- shape to recognise
PASSWORD = "hunter2-pa55word"


@contextlib.contextmanager
def echo_server(status: int, padding: int = 0) -> Iterator[str]:
    """A server that rejects every call and echoes the credentials it got (body and header),
    after `padding` characters of message."""

    class Echo(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            auth = self.headers.get("authorization", "")
            key = auth.split()[-1] if auth else ""
            message = f"{'x' * padding}bad request for key {key} ({auth})"
            body = json.dumps({"error": {"message": message}})
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("x-echo", key)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("status", [400, 401])
def test_a_key_of_any_shape_never_reaches_a_cassette_or_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", ODD_KEY)
    cassette = tmp_path / "c.json"
    with echo_server(status) as url:
        result = run(
            "note", str(SEED), "--base-url", url, "--record", str(cassette), "--retries", "0"
        )
    assert result.exit_code == 1
    recorded = cassette.read_text()
    assert json.loads(recorded)["interactions"]  # the exchange was recorded, key removed
    for text in (recorded, result.stdout, result.stderr):
        assert ODD_KEY not in text and ODD_KEY[:16] not in text


def test_a_key_echoed_where_a_message_is_cut_leaves_no_part_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Messages are cut at 160-200 characters: the key is removed before, not after, so no
    prefix of it survives at the cut."""
    monkeypatch.setenv("OPENAI_API_KEY", ODD_KEY)
    for status, padding in ((401, 130), (400, 165)):  # the key straddles the cut at 160 / 200
        with echo_server(status, padding) as url:
            result = run("note", str(SEED), "--base-url", url, "--retries", "0")
        assert result.exit_code == 1
        assert ODD_KEY[:5] not in result.stderr.replace("x" * padding, "")


def test_a_password_in_the_base_url_reaches_no_message_digest_or_cache(
    tmp_path: Path, articles: Path
) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = f"http://analyst:{PASSWORD}@127.0.0.1:{port}/v1"
    one = articles / "abbas-will-not-tolerate-attacks.txt"
    common = ["--base-url", dead, "--retries", "0", "--timeout", "2"]
    note = run("note", str(one), *common)
    assert note.exit_code == 1 and "cannot reach" in one_line(note.stderr)
    digest = run("digest", str(one), *common, "--format", "json", "-q")
    assert digest.exit_code == 1 and "cannot reach" in digest.stdout
    assert "[REDACTED]@127.0.0.1" in note.stderr and "[REDACTED]@127.0.0.1" in digest.stdout
    for text in (note.stderr, digest.stdout, digest.stderr):
        assert PASSWORD not in text
    with FakeOpenAIServer() as server:
        live = server.base_url.replace("http://", f"http://analyst:{PASSWORD}@")
        assert run("digest", str(one), "--base-url", live, "-q").exit_code == 0
    cache = tmp_path / "briefing-cache"
    assert any(cache.iterdir())
    assert not [p for p in cache.iterdir() if PASSWORD.encode() in p.read_bytes()]


# -- defect 4: the built-in templates have no output cap; user templates keep theirs ---------


def _digest_of(summaries: list[str]) -> Any:
    from briefing.models import Article, Digest, Note, Story, Usage

    notes = [
        Note(
            article=Article(id=f"a{i}", title=f"Story {i}", text=s, source=f"a{i}.txt"),
            tokens=1,
            engine="offline",
            model=None,
            summary=s,
            key_points=[],
            commitments=[],
            asks=[],
            entities=[],
            warnings=[],
            usage=Usage(),
        )  # fmt: skip
        for i, s in enumerate(summaries)
    ]
    stories = [Story(title=n.article.title, note_ids=[n.article.id]) for n in notes]
    return Digest(
        title="Big", date="2024-05-01", notes=notes, stories=stories, failed=[], usage=Usage()
    )


def test_the_built_in_digest_template_renders_past_the_user_template_cap(
    isolated_env: Path,
) -> None:
    from briefing.errors import TemplateError
    from briefing.render import MAX_OUTPUT_CHARS, digest_markdown

    digest = _digest_of([f"Summary {i}: " + "word " * 20_000 for i in range(25)])
    markdown = digest_markdown(digest)
    assert len(markdown) > MAX_OUTPUT_CHARS and markdown.count("\n## ") == 26
    # The same template as the user's own (in the user directory) keeps the cap.
    mine = isolated_env / "templates" / "digest.md.j2"
    mine.parent.mkdir(parents=True)
    mine.write_text("{% extends 'default:digest.md.j2' %}")
    with pytest.raises(TemplateError, match="produced more than"):
        digest_markdown(digest)


# -- defect 11: user templates are bounded in time and in the values they build --------------

ATTACKS = {
    "concat-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s | length }}",
        "built a value longer than 100000",
    ),
    "block-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set b %}{{ ns.s }}{{ ns.s }}"
        "{% endset %}{% set ns.s = b %}{% endfor %}{{ ns.s | length }}",
        "built a block longer than 2000000",
    ),
    "ljust": ("{{ 'x'.ljust(10**9) | length }}", "built a value longer than 100000"),
    "replace-chain": (
        "{% set ns = namespace(s='x' * 1000) %}{% for i in range(20) %}"
        "{% set ns.s = ns.s.replace('x', 'xx') %}{% endfor %}{{ ns.s | length }}",
        "built a value longer than 100000",
    ),
    "replace-filter": (
        "{{ ('x' * 100000) | replace('x', 'x' * 100000) | length }}",
        "built a value longer than 100000",
    ),
    "center": ("{{ 'x' | center(10**9) | length }}", "built a value longer than 100000"),
    "percent-width": ("{{ ('%1000000000d' % 1) | length }}", "built a value longer than 100000"),
    "format-width": (
        "{{ '{:>{w}}'.format(1, w=10**9) | length }}",
        "built a value longer than 100000",
    ),
    "join": (
        "{{ (['x' * 100000] * 100000) | join | length }}",
        "built a value longer than 100000",
    ),
    "int-squaring": (
        "{% set ns = namespace(x=3) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}"
        "{% endfor %}{{ ns.x > 1 }}",
        "a number too large",
    ),
    "list-extend": (
        "{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) or '' }}{% endfor %}",
        "built a list longer than 100000",
    ),
    "nested-loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "took longer than 0.5 s",
    ),
    "loop-over-string": (
        "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "took longer than 0.5 s",
    ),
    "ordinary": (
        "{{ note.summary ~ '!' }} {{ '%s: %d' % ('n', 3) }} {{ ', '.join(['a', 'b']) }} "
        "{{ ['a', 'b'] | join('; ') }} {{ 'x' | center(9) }} "
        "{{ note.summary | replace('a', 'b') }}",
        "OK",
    ),
}

_ATTACK_SCRIPT = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, resource.RLIM_INFINITY))
from pathlib import Path
import briefing.render as render
from briefing import read_article, Settings, make_note
render.RENDER_SECONDS = 0.5
note = make_note(read_article(sys.argv[2]), Settings(engine="offline"))
for name, body in json.loads(Path(sys.argv[1]).read_text()).items():
    path = Path(sys.argv[1]).parent / f"{name}.md.j2"
    path.write_text(body)
    try:
        render.note_markdown(note, str(path))
        result = "OK"
    except Exception as exc:
        result = f"{type(exc).__name__}: {exc}"
    print(json.dumps([name, result]), flush=True)
"""


@pytest.fixture(scope="module")
def attack_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every attack rendered once, in a child process held to 1 GB of address space; one that
    never ends is reported as such."""
    import subprocess
    import sys

    where = tmp_path_factory.mktemp("attacks")
    (where / "attacks.json").write_text(json.dumps({k: v[0] for k, v in ATTACKS.items()}))
    command = [sys.executable, "-c", _ATTACK_SCRIPT, str(where / "attacks.json"), str(SEED)]
    env = {"PATH": "/usr/bin:/bin", "BRIEFING_HOME": str(where / "home")}
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30, env=env).stdout
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
    results = dict(json.loads(line) for line in out.splitlines() if line.startswith("["))
    return {name: results.get(name, "did not finish within 30 s") for name in ATTACKS}


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs RLIMIT_AS (Linux)")
@pytest.mark.parametrize("name", list(ATTACKS))
def test_user_templates_are_bounded_in_time_and_memory(
    attack_results: dict[str, str], name: str
) -> None:
    expected = ATTACKS[name][1]
    assert expected in attack_results[name]
    if expected != "OK":
        assert attack_results[name].startswith("TemplateError: ")


def test_a_template_over_its_time_limit_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.render

    monkeypatch.setattr(briefing.render, "RENDER_SECONDS", 0.3, raising=False)
    path = tmp_path / "slow.md.j2"  # finite (about 20 s), so the old code ends too
    path.write_text(
        "{% for i in range(100000) %}{% for j in range(2000) %}{% endfor %}{% endfor %}"
    )
    result = run("note", str(SEED), "--engine", "offline", "--template", str(path))
    assert result.exit_code == 1
    assert "slow.md.j2 took longer than 0.3 s to render" in one_line(result.stderr)


# -- defect 10: config mistakes are one line naming the key; every option works from it -------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("prices = 5\n", "prices must be a table"),
        ('[prices]\n"gpt-4o-mini" = "cheap"\n', "prices.gpt-4o-mini must be [input, output]"),
        ('[prices]\n"gpt-4o-mini" = [1]\n', "prices.gpt-4o-mini must be [input, output]"),
        ("summary_words = 5\n", "summary_words: 5 is not in the range"),
        ('timeout = "fast"\n', "timeout: 'fast' is not a valid"),
        ('model = ["a"]\n', "model must be a single value"),
        ('quiet = "yes"\n', "quiet must be true or false"),
        ('format = "pdf"\n', "format: 'pdf' is not one of"),
        (None, "is a directory, not a file"),
    ],
)
def test_a_config_mistake_is_one_line_naming_the_key(
    isolated_env: Path, config: str | None, expected: str
) -> None:
    isolated_env.mkdir(parents=True)
    if config is None:
        (isolated_env / "config.toml").mkdir()
    else:
        (isolated_env / "config.toml").write_text(config)
    # estimate has no --timeout: a key for other commands only is not its business
    for command in ("note", "digest") if "timeout" in expected else ("note", "digest", "estimate"):
        result = run(command, str(SEED), "--engine", "offline")
        assert result.exit_code == 2, (command, result.output)
        line = one_line(result.stderr)
        assert str(isolated_env / "config.toml") in line and expected in line


def test_every_option_works_from_the_config_and_unknown_keys_warn(
    isolated_env: Path, tmp_path: Path
) -> None:
    isolated_env.mkdir(parents=True)
    notes = tmp_path / "notes"
    (isolated_env / "config.toml").write_text(
        'format = "json"\ndate = 2024-05-01\ntitle = "From the config"\nengine = "offline"\n'
        f'per_article_dir = "{notes}"\nsummary_words = 30\nmodle = "gpt-4o"\n'
    )
    result = run("digest", str(SEED), "-q")
    assert result.exit_code == 0, result.output
    digest = json.loads(result.stdout)
    assert digest["title"] == "From the config" and digest["date"] == "2024-05-01"
    assert len(digest["notes"][0]["summary"].split()) <= 31
    assert (notes / "seed-article.json").exists()
    warning = one_line(result.stderr)
    assert "unknown key(s) modle ignored" in warning
    # A value meant for another command (estimate has no html) is not an error there.
    (isolated_env / "config.toml").write_text('format = "html"\n')
    assert run("estimate", str(SEED)).exit_code == 0
    assert run("note", str(SEED), "--engine", "offline").stdout.startswith("<!DOCTYPE html>")


# -- smaller ones: code spans, templates checked first, empty digests, fallbacks, prices --------


def test_a_code_span_shows_its_text_not_an_entity() -> None:
    pytest.importorskip("markdown_it")
    from briefing.render import markdown_page, markdown_safe

    markdown = markdown_safe("Use `<script>` tags, not <script>")
    assert markdown == "Use `<script>` tags, not &lt;script>"
    assert "<code>&lt;script&gt;</code>" in markdown_page(markdown, "t")


@pytest.mark.parametrize(
    "values",
    [
        ["x ` ", " `<script>alert(1)</script>`"],  # a lone backtick in another value
        ["```<script>x</script>```"],  # a fence-like span broken by the block-start escape
        ["\\`<img src=x onerror=alert(1)>`"],  # an escaped backtick opens nothing
        ["``a` <i>b</i>", "`c[x](javascript:alert(1))` [y](javascript:alert(2))"],
        ["# `<b>` heading?", "`` ` ``<b>``"],
    ],
)
def test_code_spans_cannot_smuggle_html_or_links(values: list[str]) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    from briefing.render import markdown_safe

    line = " ".join(markdown_safe(v) for v in values)
    html = markdown_it.MarkdownIt("commonmark").render(line)  # raw HTML enabled
    assert "<script" not in html and "<img" not in html and "<i>" not in html
    assert "<b>" not in html and "href" not in html and "<h1" not in html


@pytest.mark.parametrize("command", ["note", "digest"])
def test_a_missing_template_fails_before_any_call(
    server: FakeOpenAIServer, command: str, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.md.j2"
    broken.write_text("{% for %}")
    for template in ("nosuch", str(broken)):
        result = run(command, str(SEED), "--base-url", server.base_url, "--template", template)
        assert result.exit_code == 1
        assert "template" in one_line(result.stderr)
    assert server.stats()["total"] == 0


@pytest.mark.parametrize(
    ("make", "code", "expected"),
    [
        (lambda d: d / "nosuch", 2, "nosuch: no such file"),
        (lambda d: (d / "empty").mkdir() or d / "empty", 2, "holds no .txt, .md or .html"),
        (lambda d: d / "no-*.txt", 2, "no file matches this pattern"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01PNG\x00" * 50) and d / "bin.txt", 1, ""),
    ],
    ids=["missing", "empty-dir", "glob", "binary"],
)
def test_a_digest_of_nothing_readable_writes_nothing(
    tmp_path: Path, make: Any, code: int, expected: str
) -> None:
    out = tmp_path / "digest.md"
    path = make(tmp_path)
    result = run("digest", str(path), "-o", str(out), "-q")
    assert result.exit_code == code, result.output
    assert "no article to digest" in one_line(result.stderr) and expected in result.stderr
    assert not out.exists()
    if "*" not in path.name and not path.is_dir():  # a file note can be given too
        assert run("note", str(path), "-q").exit_code == code  # the same mistake, the same code


def test_a_digest_whose_articles_all_failed_does_not_say_others_were_written(
    tmp_path: Path,
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/v1"
    result = run("digest", str(SEED), "--base-url", dead, "--retries", "0", "-q")
    assert result.exit_code == 1
    assert one_line(result.stderr) == "Error: all 1 article(s) failed (listed in the digest)"


def test_a_fallback_is_said_on_stderr_with_the_reason(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/v1"
    common = ["--base-url", dead, "--retries", "0", "--fallback", "offline", "-q"]
    note = run("note", str(SEED), *common)
    assert note.exit_code == 0, note.output
    line = one_line(note.stderr)
    assert "1 article(s) fell back to the offline engine" in line and "cannot reach" in line
    assert str(SEED) in line
    digest = run("digest", str(SEED), str(SEED), *common)
    assert digest.exit_code == 0
    assert "2 article(s) fell back to the offline engine" in one_line(digest.stderr)


def test_an_unknown_price_is_said_not_shown_as_zero(server: FakeOpenAIServer) -> None:
    args = ["digest", str(SEED), "--base-url", server.base_url, "--model", "my-local-model"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    usage = result.stderr.strip().splitlines()[-1]
    assert usage.endswith("est. price unknown") and "$" not in usage


def test_a_user_template_may_render_large_blocks_through_super_and_macros(
    tmp_path: Path,
) -> None:
    from briefing.render import MAX_VALUE_CHARS, digest_markdown

    digest = _digest_of([f"Summary {i}: " + "word " * 4_000 for i in range(10)])
    mine = tmp_path / "mine.md.j2"
    mine.write_text(
        "{% extends 'default:digest.md.j2' %}{% block stories %}EXTRA{{ super() }}{% endblock %}"
        "{% block index %}{% macro all() %}{% for n in digest.notes %}{{ n.summary }}\n"
        "{% endfor %}{% endmacro %}{{ all() }}{% endblock %}"
    )
    markdown = digest_markdown(digest, str(mine))
    assert "EXTRA" in markdown and len(markdown) > 2 * MAX_VALUE_CHARS


def test_a_device_is_never_taken_for_an_input_being_replaced() -> None:
    from briefing.output import check_outputs

    # /dev/stdin and /dev/stdout are often one terminal: writing to it replaces nothing.
    check_outputs(["/dev/null"], output="/dev/null")


# -- the smaller ones and what a new user hit --------------------------------------------------


def test_two_copies_of_an_article_in_one_digest_cost_one_call(tmp_path: Path) -> None:
    """A story carried by two feeds: the same text (a title differing only in spacing) is one
    call, the second copy served from the cache while the first is in flight."""
    text = "The mayor will fix the roads by June. Residents urged the council to act."
    feed = tmp_path / "two.jsonl"
    feed.write_text(
        json.dumps({"title": "Roads plan", "text": text}) + "\n"
        + json.dumps({"title": "Roads  plan ", "text": text, "id": "copy"}) + "\n"
    )  # fmt: skip
    with FakeOpenAIServer(latency=0.3) as server:
        result = run("digest", str(feed), "--base-url", server.base_url, "--format", "json", "-q")
        calls = server.stats()["requests"]["extract"]
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["notes"]) == 2
    assert calls == 1


def test_prompt_markers_echoed_by_a_model_never_reach_the_note() -> None:
    from briefing.redact import remove_markers

    echoed = "<<<ARTICLE 3f9a1c2b>>> The minister met the envoy. <<<END 3f9a1c2b>>>"
    assert remove_markers(echoed) == "The minister met the envoy."
    assert remove_markers("‹‹‹END x››› Text.") == "Text."
    assert remove_markers("a <<< b >>> c") == "a <<< b >>> c"  # ordinary text is left alone


def test_debug_and_quiet_work_after_the_command_too(tmp_path: Path) -> None:
    missing_template = run("note", str(SEED), "--template", "nosuch", "--debug",
                           catch_exceptions=True)  # fmt: skip
    # The error itself propagates (a traceback), not a usage error about an unknown option.
    assert missing_template.exception is not None
    assert not isinstance(missing_template.exception, SystemExit)
    quiet = run("note", str(SEED), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""  # no offline notice for cron


def test_estimate_offers_only_what_means_something_there() -> None:
    help_text = run("estimate", "--help").stdout
    for meaningless in ("--template", "--fallback", "--record", "--timeout", "--retries"):
        assert meaningless not in help_text
    assert "--model" in help_text and "--format" in help_text
