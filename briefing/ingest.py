"""Read inputs into Articles: files (.txt, .md, .html), stdin, with encodings detected and
untrusted invisible characters removed. The cleaned text is what every quote is checked against."""

from __future__ import annotations

import codecs
import os
import re
import select
import stat
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .models import Article

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# A pipe or device named as an input must start delivering within this many seconds: a FIFO
# with no writer would otherwise block the run forever.
PIPE_WAIT = 10.0
MAX_TITLE_CHARS = 160
_CHUNK = 1 << 16

# Characters that change what a model or a reader sees without being visible: Unicode tag
# characters (prompt smuggling), bidi overrides (reordered text), zero-width characters.
# A zero-width joiner inside an emoji sequence and a zero-width space between words are
# handled by _drop_invisible rather than deleted blindly.
_INVISIBLE = re.compile(
    "[\U000e0000-\U000e007f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    "\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e\ufff9-\ufffb"
    # Variation selectors can carry hidden bytes ("emoji smuggling"); only a lone emoji or
    # text presentation selector (U+FE0E/U+FE0F) after a visible character is kept.
    "\U000e0100-\U000e01ef\ufe00-\ufe0d]"
    "|(?<=[\ufe0e\ufe0f])[\ufe0e\ufe0f]+"
)
_INVISIBLE_RUN = re.compile(f"(?:{_INVISIBLE.pattern})+")
# Emoji that zero-width joiners combine into one (👩 + ZWJ + 💼 is one office worker).
_EMOJI = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf"
    "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\ufe0f\U0001f000-\U0001faff]"
)
# Scripts written without spaces between words, where a zero-width space is only a line-break
# hint (Thai, Lao, Tibetan, Myanmar, Khmer, Chinese, Japanese): there it is removed, elsewhere
# it separates two words and becomes a space.
_NO_SPACE_SCRIPT = re.compile(
    "[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def read_article(
    source: str, stdin: BinaryIO | None = None, *, wait: float | None = None
) -> Article:
    """One article from a path or `-` (stdin). A pipe or device path is read like a file, up to
    the size cap, and must start delivering within `wait` seconds (default PIPE_WAIT)."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_ARTICLE_BYTES + 1)
        return article_from_bytes(data, source="-", article_id="stdin")
    path = Path(source)
    data = read_file(path, source, wait=wait)
    return article_from_bytes(data, source=source, article_id=path.stem, suffix=path.suffix)


def read_file(
    path: Path, source: str, *, max_bytes: int = MAX_ARTICLE_BYTES, wait: float | None = None
) -> bytes:
    """The bytes of a file, pipe or device, refused as soon as they pass max_bytes: a device
    such as /dev/zero reports size 0 and never ends. Raises InputError (one line)."""
    with open_input(path, source, wait=wait) as f:
        info = os.fstat(f.fileno())
        size = info.st_size
        if stat.S_ISREG(info.st_mode) and size > max_bytes:
            raise InputError(
                f"{source}: file is too large ({size / 1e6:.1f} MB; the limit is "
                f"{max_bytes / 1e6:.0f} MB per article)"
            )
        try:
            data = read_capped(f, max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{source}: input is too large (over {max_bytes // 10**6} MB)")
    return data


def open_input(path: Path, source: str, *, wait: float | None = None) -> BinaryIO:
    """A path opened for reading. A FIFO is opened without blocking and must have data (or a
    closed writer) within `wait` seconds; a FIFO with no writer would otherwise block forever."""
    wait = PIPE_WAIT if wait is None else wait
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, os.O_RDONLY | nonblocking)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{source}: is a directory (give a file, or use `briefing digest`)")
        if not stat.S_ISREG(mode) and hasattr(select, "poll"):
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            if not poller.poll(max(0, int(wait * 1000))):
                raise InputError(
                    f"{source}: nothing to read within {wait:g} s (a pipe with no writer?)"
                )
        if nonblocking:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes from stream, read in chunks so memory follows what was read."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = stream.read(min(_CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def article_from_bytes(data: bytes, *, source: str, article_id: str, suffix: str = "") -> Article:
    """Decode, reduce HTML to text, clean, and find a title."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{source}: input is too large (over {MAX_ARTICLE_BYTES // 10**6} MB)")
    warnings: list[str] = []
    text = decode(data, source, warnings)
    title = ""
    if suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
        title, text = html_to_text(text)
    return article_from_text(
        text, source=source, article_id=article_id, title=title, warnings=warnings
    )


def article_from_text(
    text: str,
    *,
    source: str,
    article_id: str,
    title: str = "",
    url: str | None = None,
    date: str | None = None,
    warnings: list[str] | None = None,
) -> Article:
    """An Article from already-decoded text; the title is taken from the first line when it
    reads as a headline, else derived from the first sentence."""
    if _too_large(text):
        raise InputError(f"{source}: input is too large (over {MAX_ARTICLE_BYTES // 10**6} MB)")
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{source}: the article is empty")
    if not any(ch.isalnum() for ch in text):
        raise InputError(f"{source}: the article has no words (only punctuation or symbols)")
    body = text
    if not title:
        title, body = split_headline(text)
    body = body.strip("\n")
    if not body.strip():
        body = text.strip("\n")
    return Article(
        id=article_id,
        title=clip_title(clean_text(title).strip() or derive_title(body)),
        text=body,
        source=source,
        url=url,
        date=date,
        warnings=warnings or [],
    )


def decode(data: bytes, source: str, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning.
    Binary data is rejected rather than turned into garbage."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:8192]
    if sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100 + 1:
        raise InputError(f"{source}: looks like a binary file, not text")
    try:
        text = data.decode("cp1252")
        warnings.append("not valid UTF-8: decoded as Windows-1252")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warnings.append("not valid UTF-8: undecodable bytes replaced with U+FFFD")
    return text


def clean_text(text: str) -> str:
    """Normalise newlines and drop invisible and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE_RUN.sub(_drop_invisible, text)
    return _CONTROL.sub("", text)


def _drop_invisible(match: re.Match[str]) -> str:
    """A run of invisible characters becomes nothing, except a joiner between two emoji (kept)
    and a zero-width space between two words (a space, so the words stay apart)."""
    run, text = match.group(), match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if run == "\u200d" and _EMOJI.match(before) and _EMOJI.match(after):
        return run
    if "\u200b" in run and _separates_words(before) and _separates_words(after):
        return " "
    return ""


def _separates_words(neighbour: str) -> bool:
    return bool(neighbour) and not neighbour.isspace() and not _NO_SPACE_SCRIPT.match(neighbour)


def _too_large(text: str) -> bool:
    """Whether text is over the cap in UTF-8, without encoding it when its length decides."""
    if len(text) > MAX_ARTICLE_BYTES:
        return True
    if len(text) * 4 <= MAX_ARTICLE_BYTES:
        return False
    return len(text.encode("utf-8", errors="surrogatepass")) > MAX_ARTICLE_BYTES


def clip_title(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    """A title of at most `limit` characters, cut at a word when there is one: a headline,
    not a paragraph (a text of quotation marks only was once a 5,098-character title)."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def split_headline(text: str) -> tuple[str, str]:
    """(title, body) when the first line reads as a headline, else ("", text)."""
    first, _, rest = text.lstrip("\n").partition("\n")
    line = first.strip().lstrip("#").strip()
    words = line.split()
    if (
        rest.strip()
        and 1 <= len(words) <= 20
        and len(line) <= 160
        and not line.endswith((".", ",", ";", ":", "”", '"'))
    ):
        return line, rest
    return "", text


def derive_title(body: str, max_words: int = 14) -> str:
    """A title from the first sentence: cut before a trailing clause ("on April 5 to ...")
    when it is long, so it reads as a headline rather than a truncated sentence."""
    first = re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0].rstrip(".")
    words = first.split()
    if len(words) <= max_words:
        return first
    for i in range(max_words, 5, -1):
        if words[i].lower() in _CLAUSE_STARTS or words[i - 1].endswith(","):
            return " ".join(words[:i]).rstrip(",")
    return " ".join(words[:max_words]) + "…"


_CLAUSE_STARTS = {"on", "to", "for", "in", "at", "after", "as", "amid", "over", "with", "while"}


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


class _ArticleHTML(HTMLParser):
    """Collects visible text, the <title> and the first <h1>; prefers <article>/<main>."""

    SKIP = {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "svg",
        "iframe",
        "template",
        "button",
        "select",
    }
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "main",
        "blockquote",
        "tr",
        "pre",
        "ul",
        "ol",
        "table",
        "figure",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self._skip = 0
        self._in_title = False
        self._in_h1 = False
        self._main_depth = 0
        self._headers: list[bool] = []  # per open <header>: skipped?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "header":
            # An article's own header holds its <h1>; only the page's header is navigation.
            skipped = self._skip > 0 or not self._main_depth
            self._headers.append(skipped)
            self._skip += skipped
        elif tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
        if tag in ("article", "main"):
            self._main_depth += 1
        if tag in self.BLOCK:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "header":
            if self._headers and self._headers.pop() and self._skip:
                self._skip -= 1
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCK:
            self._emit("\n\n")
        if tag in ("article", "main") and self._main_depth:
            self._main_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        if self._in_h1 and not self.h1:
            self.h1 = data.strip()
            return
        self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        if self._main_depth:
            self.main_parts.append(s)


def html_to_text(html: str) -> tuple[str, str]:
    """(title, text) of an HTML page: scripts, styles and navigation dropped, blocks become
    paragraphs. The title is the <h1>, else <title>."""
    parser = _ArticleHTML()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.main_parts if "".join(parser.main_parts).strip() else parser.parts)
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paras if p)
    title = " ".join((parser.h1 or parser.title).split())
    return title, text
