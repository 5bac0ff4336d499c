"""Expand a digest's INPUT... into Articles, in input order: files, directories (recursively),
globs, `-` (stdin), JSONL (one article per line), RSS/Atom feeds (files or URLs) and article URLs.

A bad input never stops the others: it becomes a Failure (source + reason) in its place.
Article ids are unique within one expansion (`a`, `a-2`, ...), since notes are keyed by them.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .fetch import Fetched, fetch, is_url
from .ingest import (
    HTML_SUFFIXES,
    MAX_ARTICLE_BYTES,
    article_from_bytes,
    article_from_text,
    decode,
    html_to_text,
    read_article,
)
from .models import Article, Failure

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", *HTML_SUFFIXES}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_GLOB_CHARS = re.compile(r"[*?\[]")
_FEED_HEAD = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)

Fetcher = Callable[[str], Fetched]
Item = Article | Failure


def expand_inputs(
    inputs: list[str], *, stdin: BinaryIO | None = None, fetcher: Fetcher | None = None
) -> list[Item]:
    """Every input as Articles and Failures, in order, with unique article ids."""
    fetcher = fetcher or fetch
    items: list[Item] = []
    for spec in inputs:
        items += _expand_one(spec, stdin, fetcher)
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


def _expand_one(spec: str, stdin: BinaryIO | None, fetcher: Fetcher) -> list[Item]:
    if spec == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_ARTICLE_BYTES + 1)
        if _looks_like_jsonl(data):
            return list(_jsonl(data, "-"))
        return [_guard("-", article_from_bytes, data, source="-", article_id="stdin")]
    if is_url(spec):
        return _from_url(spec, fetcher)
    path = Path(spec)
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in ARTICLE_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            return [Failure(spec, "the directory holds no .txt, .md or .html files")]
        return [_guard(str(p), read_article, str(p)) for p in files]
    if path.is_file():
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


def _from_file(path: Path, source: str, fetcher: Fetcher) -> list[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return [Failure(source, f"cannot read ({exc.strerror})")]
        return list(_jsonl(data, source))
    if suffix in FEED_SUFFIXES or (suffix not in ARTICLE_SUFFIXES and _sniff_feed(path)):
        try:
            data = path.read_bytes()
        except OSError as exc:
            return [Failure(source, f"cannot read ({exc.strerror})")]
        return _feed(data, source, fetcher)
    return [_guard(source, read_article, source)]


def _sniff_feed(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return bool(_FEED_HEAD.match(f.read(2048)))
    except OSError:
        return False


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


def _jsonl(data: bytes, source: str) -> Iterator[Item]:
    """One article per line: `title`, `text`, optional `url`, `date`, `source`, `id`.
    A bad line is a Failure named `SOURCE:LINE`, never a crash."""
    try:
        text = decode(data, source, [])
    except InputError as exc:
        yield Failure(source, _reason(str(exc), source))
        return
    stem = Path(source).stem if source != "-" else "stdin"
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
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


def read_url(url: str) -> Article:
    """One article from a web page (for `briefing note URL`); raises InputError."""
    from .fetch import fetch

    return _article_from_page(fetch(url), url)


def _from_url(url: str, fetcher: Fetcher) -> list[Item]:
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


def _feed(data: bytes, source: str, fetcher: Fetcher) -> list[Item]:
    """Entries of an RSS/Atom feed: full content, else summary, else the linked page."""
    try:
        import feedparser  # type: ignore[import-untyped]
    except ImportError:
        return [Failure(source, "reading feeds needs feedparser: pip install 'briefing[feeds]'")]
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        return [Failure(source, f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")]
    out: list[Item] = []
    for index, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
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
                page = fetcher(link)
            except InputError as exc:
                out.append(Failure(where, _reason(str(exc), link)))
                continue
            out.append(_guard(where, _article_from_page, page, where, title=title, date=date))
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
