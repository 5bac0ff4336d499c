"""Expand a digest's INPUT... into Articles, in input order: files, directories (recursively),
globs, `-` (stdin), JSONL (one article per line), RSS/Atom feeds (files or URLs) and article URLs.

A bad input never stops the others: it becomes a Failure (source + reason) in its place.
Article ids are unique within one expansion (`a`, `a-2`, ...), since notes are keyed by them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from urllib.parse import urljoin

from .errors import InputError
from .fetch import Fetched, Fetcher, is_url
from .ingest import (
    HTML_SUFFIXES,
    MAX_ARTICLE_BYTES,
    article_from_bytes,
    article_from_text,
    decode,
    html_to_text,
    open_input,
    read_capped,
    read_file,
)
from .models import Article, Failure

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", *HTML_SUFFIXES}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_GLOB_CHARS = re.compile(r"[*?\[]")
_FEED_HEAD = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)
# A JSONL line may hold a 10 MB text escaped (\uXXXX makes 3 bytes of UTF-8 into 6, an emoji
# into 12); longer lines are refused unread, and every record's text is held to the cap.
MAX_JSONL_LINE = 3 * MAX_ARTICLE_BYTES

Item = Article | Failure


class FetchFn(Protocol):
    """Fetches one URL; `derived` says it came from a feed or a redirect, not from the user."""

    def __call__(self, url: str, *, derived: bool = False) -> Fetched: ...


def expand_inputs(
    inputs: list[str],
    *,
    stdin: BinaryIO | None = None,
    fetcher: FetchFn | None = None,
    allow_private_urls: bool | None = None,
    fetch_timeout: float | None = None,
) -> list[Item]:
    """Every input as Articles and Failures, in order, with unique article ids.

    URLs found in feeds and redirects may not reach loopback, private or link-local addresses
    unless allow_private_urls (None: the BRIEFING_ALLOW_PRIVATE_URLS environment variable);
    fetch_timeout bounds each whole response (None: FETCH_TIMEOUT). Each input gets its own
    Fetcher, so the address a URL the user typed reached is trusted for that input's own feed
    links and redirects, not for another input's."""
    items: list[Item] = []
    for spec in inputs:
        fetch_one = fetcher or Fetcher(timeout=fetch_timeout, allow_private=allow_private_urls)
        items += _expand_one(spec, stdin, fetch_one)
    return unique_ids(items)


def unique_ids(items: list[Item]) -> list[Item]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            base = item.id or "article"
            candidate, n = base, 1
            while candidate in seen:
                n += 1
                candidate = f"{base}-{n}"
            item.id = candidate
            seen.add(candidate)
    return items


def _expand_one(spec: str, stdin: BinaryIO | None, fetcher: FetchFn) -> list[Item]:
    if spec == "-":
        return _from_stdin(stdin if stdin is not None else sys.stdin.buffer)
    if is_url(spec):
        return _from_url(spec, fetcher)
    path = Path(spec)
    if path.is_dir():
        return _from_directory(path, spec)
    if path.exists():  # a regular file, or a pipe or device named on purpose
        return _from_file(path, spec, fetcher)
    if _GLOB_CHARS.search(spec):
        matches = sorted(m for m in glob.glob(spec, recursive=True) if Path(m).is_file())
        if not matches:
            return [Failure(spec, "no file matches this pattern")]
        out: list[Item] = []
        for m in matches:
            out += _from_file(Path(m), m, fetcher)
        return out
    return [Failure(spec, "no such file")]


def _from_stdin(stream: BinaryIO) -> list[Item]:
    """stdin: JSONL when its first line is a JSON object with `text`, else one article."""
    head = b""
    while len(head) <= MAX_ARTICLE_BYTES:
        line = stream.readline(MAX_ARTICLE_BYTES + 1 - len(head))
        head += line
        if not line or line.strip():
            break
    if _looks_like_jsonl(head):
        return list(_jsonl(_lines(stream, head), "-"))
    data = head + read_capped(stream, max(0, MAX_ARTICLE_BYTES + 1 - len(head)))
    return [_guard("-", article_from_bytes, data, source="-", article_id="stdin")]


def _from_directory(path: Path, spec: str) -> list[Item]:
    """Article files under a directory, recursively and sorted; hidden names are skipped, and
    neither symlinked directories nor symlinks to files outside the directory are followed."""
    root = path.resolve()
    found: list[tuple[Path, Path]] = []  # (as listed, what is read)
    for dirpath, dirnames, filenames in os.walk(path):  # does not descend into symlinks
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            p = Path(dirpath) / name
            if name.startswith(".") or p.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            real = p.resolve() if p.is_symlink() else p
            found.append((p, real))
    if not found:
        return [Failure(spec, "the directory holds no .txt, .md or .html files")]
    out: list[Item] = []
    for p, real in sorted(found):
        if real is not p and not real.is_relative_to(root):
            out.append(Failure(str(p), "a symbolic link out of the directory: not followed"))
        elif real.is_file():
            out.append(_guard(str(p), _read_article_file, real, str(p)))
    return out


def _read_article_file(path: Path, source: str) -> Article:
    """The article at path (a symlink's target, already checked), named after source."""
    listed = Path(source)
    data = read_file(path, source)
    return article_from_bytes(data, source=source, article_id=listed.stem, suffix=listed.suffix)


def _from_file(path: Path, source: str, fetcher: FetchFn) -> list[Item]:
    """A file, pipe or device: JSONL by its suffix, a feed by its suffix or content, else an
    article. It is read once, so a pipe works like a file."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            stream = open_input(path, source)
        except InputError as exc:
            return [Failure(source, _reason(str(exc), source))]
        with stream:
            return list(_jsonl(_lines(stream), source))
    try:
        data = read_file(path, source)
    except InputError as exc:
        return [Failure(source, _reason(str(exc), source))]
    if suffix in FEED_SUFFIXES or (
        suffix not in ARTICLE_SUFFIXES and _FEED_HEAD.match(data[:2048])
    ):
        return _feed(data, source, fetcher)
    article_id = path.stem
    return [
        _guard(
            source, article_from_bytes, data, source=source, article_id=article_id, suffix=suffix
        )
    ]


def _guard(where: str, make: Callable[..., Article], /, *args: Any, **kwargs: Any) -> Item:
    """make(*args, **kwargs), or a Failure naming the source when the input is unusable."""
    try:
        return make(*args, **kwargs)
    except InputError as exc:
        return Failure(where, _reason(str(exc), where))


def _reason(message: str, source: str) -> str:
    """The error without its `source: ` prefix, since the failure already names the source."""
    prefix = f"{source}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


# -- JSONL ----------------------------------------------------------------------------------


def _looks_like_jsonl(data: bytes) -> bool:
    first = data.lstrip()[:1]
    if first != b"{":
        return False
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and "text" in value


Line = tuple[bytes, bool]  # (the line, whether it was longer than MAX_JSONL_LINE)


def _lines(stream: BinaryIO, head: bytes = b"") -> Iterator[Line]:
    """The lines of head + stream (head holds whole lines), each read only up to
    MAX_JSONL_LINE bytes: the rest of a longer line is skipped, never held in memory."""
    for reader in (io.BytesIO(head), stream):
        while line := reader.readline(MAX_JSONL_LINE):
            if len(line) < MAX_JSONL_LINE or line.endswith(b"\n"):
                yield line, False
                continue
            while (rest := reader.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield b"", True


def _jsonl(lines: Iterable[Line], source: str) -> Iterator[Item]:
    """One article per line: `title`, `text`, optional `url`, `date`, `source`, `id`.
    A bad line is a Failure named `SOURCE:LINE`, never a crash; lines are read one at a time,
    so a JSONL file may hold many articles but each is held to the article size cap."""
    stem = Path(source).stem if source != "-" else "stdin"
    for lineno, (raw, too_long) in enumerate(lines, 1):
        where = f"{source}:{lineno}"
        if lineno == 1:
            if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                yield Failure(source, "JSONL must be UTF-8 (this is UTF-16)")
                return
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if too_long:
            yield Failure(
                where,
                f"the line is too large (over {MAX_JSONL_LINE // 10**6} MB of JSON; the limit "
                f"is {MAX_ARTICLE_BYTES // 10**6} MB of text per article)",
            )
            continue
        try:
            line = decode(raw, source, [])
        except InputError as exc:  # binary data: one failure for the whole input
            yield Failure(source, _reason(str(exc), source))
            return
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Failure(where, f"not valid JSON ({exc})")
            continue
        if not isinstance(record, dict):
            yield Failure(where, "not a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Failure(where, "no `text` field, or it is empty")
            continue
        fields = {k: record.get(k) for k in ("title", "url", "date", "source", "id")}
        if any(v is not None and not isinstance(v, str) for v in fields.values()):
            yield Failure(where, "title, url, date, source and id must be strings")
            continue
        origin = fields["source"] or where
        article_id = _slug(fields["id"] or "") or f"{stem}-{lineno}"
        yield _guard(
            origin,
            article_from_text,
            body,
            source=origin,
            article_id=article_id,
            title=fields["title"] or "",
            url=fields["url"],
            date=normalise_date(fields["date"]),
        )


# -- feeds and URLs ---------------------------------------------------------------------------


def read_url(
    url: str, *, timeout: float | None = None, allow_private_urls: bool | None = None
) -> Article:
    """One article from a web page (for `briefing note URL`); raises InputError. The URL itself
    may be internal (the user typed it); its redirects are held to the address rule."""
    fetcher = Fetcher(timeout=timeout, allow_private=allow_private_urls)
    return _article_from_page(fetcher(url), url)


def _from_url(url: str, fetcher: FetchFn) -> list[Item]:
    try:
        page = fetcher(url)
    except InputError as exc:
        return [Failure(url, _reason(str(exc), url))]
    if _is_feed(page):
        return _feed(page.data, url, fetcher)
    return [_guard(url, _article_from_page, page, url)]


def _is_feed(page: Fetched) -> bool:
    kind = page.content_type.split(";")[0].strip()
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    return bool(_FEED_HEAD.match(page.data[:2048]))


def _article_from_page(page: Fetched, source: str, **extra: Any) -> Article:
    suffix = ".html" if "html" in page.content_type or not page.content_type else ""
    article = article_from_bytes(
        page.data, source=source, article_id=url_id(page.url), suffix=suffix
    )
    article.url = page.url
    for key, value in extra.items():  # a feed entry's own title and date win over the page's
        if value:
            setattr(article, key, value)
    return article


def _feed(data: bytes, source: str, fetcher: FetchFn) -> list[Item]:
    """Entries of an RSS/Atom feed: full content, else summary, else the linked page.
    Relative links are resolved against the feed's URL (for a feed file: its channel link);
    linked pages are fetched as derived URLs, held to the address rule."""
    try:
        import feedparser  # type: ignore[import-untyped]
    except ImportError:
        return [Failure(source, "reading feeds needs feedparser: pip install 'briefing[feeds]'")]
    if is_url(source):
        parsed = feedparser.parse(data, response_headers={"content-location": source})
    else:
        parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        return [Failure(source, f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")]
    channel = str(parsed.get("feed", {}).get("link") or "")
    base = source if is_url(source) else channel if is_url(channel) else ""
    out: list[Item] = []
    for index, entry in enumerate(parsed.entries, 1):
        link = str(entry.get("link") or "").strip() or None
        if link and base and not is_url(link):
            link = urljoin(base, link)
        where = link or f"{source}#{index}"
        title = " ".join(str(entry.get("title", "")).split())
        date = _entry_date(entry)
        html = ""
        if entry.get("content"):
            html = "\n".join(str(c.get("value", "")) for c in entry["content"])
        if not _visible_text(html):
            html = str(entry.get("summary", "") or "")
        if _visible_text(html):
            _, text = html_to_text(html)
            article_id = url_id(link) if link else f"{Path(source).stem}-{index}"
            out.append(
                _guard(
                    where,
                    article_from_text,
                    text,
                    source=where,
                    article_id=article_id,
                    title=title,
                    url=link,
                    date=date,
                )
            )
        elif link and is_url(link):
            try:
                page = fetcher(link, derived=True)
            except InputError as exc:
                out.append(Failure(where, _reason(str(exc), link)))
                continue
            out.append(_guard(where, _article_from_page, page, where, title=title, date=date))
        elif link and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", link):
            out.append(Failure(where, "the entry's link is not an http(s) URL"))
        elif link:
            out.append(Failure(where, "a relative link, and the feed has no URL to resolve it"))
        else:
            out.append(Failure(where, "the feed entry has no content, summary or link"))
    if not out:
        out.append(Failure(source, "the feed has no entries"))
    return out


def _visible_text(html: str) -> str:
    return html_to_text(html)[1].strip() if html.strip() else ""


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value[0], value[1], value[2]).isoformat()
    return None


def url_id(url: str) -> str:
    """An article id from a URL: its last path segment, else its host."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else parts.hostname or "page"
    last = re.sub(r"\.(html?|php|aspx?)$", "", last, flags=re.I)
    return _slug(last) or "page"


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-.")[:80]


def normalise_date(value: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) from ISO or RFC 2822 dates; other strings are kept as given."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return value


def article_date(article: Article) -> dt.date | None:
    """The article's date when it is known and parseable."""
    if not article.date:
        return None
    try:
        return dt.date.fromisoformat(article.date[:10])
    except ValueError:
        return None
