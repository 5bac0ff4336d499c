"""Notes and digests to Markdown (Jinja2 templates) and JSON (the contract, exactly).

Templates render in Jinja's SandboxedEnvironment, built-in and user ones alike, so a user template
cannot reach Python internals. Every value printed by `{{ }}` passes through `finalize`, which
neutralises untrusted text for Markdown: no raw HTML, no links or images, no line breaks that
could start a heading or a list, while leaving ordinary text (`a && b`) as it is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .models import Digest, Note
from .settings import user_dir

# Limits on user templates (the built-in ones are trusted and scale with the digest): output,
# the largest value an expression may build, and rendering time.
MAX_OUTPUT_CHARS = 2_000_000
MAX_VALUE_CHARS = 100_000
MAX_INT_BITS = 100_000
RENDER_SECONDS = 10.0
# `<` that opens a tag, comment or processing instruction; autolinks like <http://...> too.
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
# A `]` that could close link text: `[text](url)`, `![alt](src)`, `[text][id]`, `[id]: url`,
# or a `]` ending the value, which the template's next character might complete.
_LINK_CLOSE = re.compile(r"\]\s*(?:[(\[:]|$)")
_BRACKET = re.compile(r"(?<!\\)([\[\]])")
# Schemes that run code or embed content; `data:` only with a MIME type, so "data: 5%" stays.
_DANGEROUS_SCHEME = re.compile(r"\b(javascript|vbscript|data(?=:\w+/)):", re.IGNORECASE)
# Markers that open a block when they start a line: headings, quotes, lists, fences, rules.
_BLOCK_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|`{3,}|~{3,}|=+$|-+$)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def markdown_safe(value: Any) -> Any:
    """Untrusted text made inert for Markdown; non-strings pass through.

    Ordinary text survives: `a && b` and `x < y` are left alone, brackets are escaped only
    when they could form a link or image, and code spans keep their text as it is (`<b>` in
    backticks shows as <b>, not &lt;b>): nothing inside one can become HTML or a link."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = " ".join(value.split())  # no newlines: a value cannot start a new block
    # A value placed at the start of a line must not become a heading, quote or list.
    text = _ORDERED_START.sub(r"\1\\\2", text, count=1)
    text = _BLOCK_START.sub(lambda m: "\\" + m.group(0), text, count=1)
    links = bool(_LINK_CLOSE.search(text))
    out: list[str] = []
    pos = 0
    for start, end, is_code in _code_spans(text):
        out.append(_inert(text[pos:start], links))
        # A lone backtick run is escaped, so it cannot pair with one in another value or in
        # the template and turn what follows into (or out of) a code span.
        out.append(text[start:end] if is_code else "\\`" * (end - start))
        pos = end
    out.append(_inert(text[pos:], links))
    # A value cannot add cells to a template's table row (GFM splits cells before it sees code
    # spans, so this holds inside them too).
    return "".join(out).replace("|", "\\|")


def _inert(text: str, links: bool) -> str:
    """Text outside code spans: no raw HTML, no link syntax."""
    text = _HTML_OPEN.sub("&lt;", text)
    if links:
        text = _BRACKET.sub(r"\\\1", text)
    # Harmless once no link can form (above); kept as a second line of defence.
    return _DANGEROUS_SCHEME.sub(lambda m: f"{m.group(1)}&#58;", text)


_TICKS = re.compile(r"`+")


def _code_spans(text: str) -> list[tuple[int, int, bool]]:
    """Backtick runs as CommonMark pairs them: (start, end, True) for a code span (with its
    backticks), (start, end, False) for a run that opens none. A backslash-escaped backtick
    outside a span is text; inside one, backslashes are literal."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    found: list[tuple[int, int, bool]] = []
    k = 0
    while k < len(runs):
        start, end = runs[k]
        k += 1
        slashes = len(text[:start]) - len(text[:start].rstrip("\\"))
        if slashes % 2:  # the first backtick is escaped: the rest of the run may open a span
            start += 1
            if start == end:
                continue
        closer = next(
            (j for j in range(k, len(runs)) if runs[j][1] - runs[j][0] == end - start), None
        )
        if closer is None:
            found.append((start, end, False))
        else:
            found.append((start, runs[closer][1], True))
            k = closer + 1
    return found


def _too_big(what: str = "value") -> TemplateError:
    return TemplateError(f"a template built a {what} longer than {MAX_VALUE_CHARS} characters")


_VALUE_TYPES = (str, bytes, bytearray, list, tuple, dict, set, frozenset)


def _size(value: Any) -> int:
    """Length of a str, bytes or container; 0 for anything else."""
    if isinstance(value, str | bytes | bytearray | list | tuple | dict | set | frozenset):
        return len(value)
    return 0


def _check_result(result: Any, *inputs: Any) -> Any:
    """A value longer than MAX_VALUE_CHARS only when it is no longer than what it came from
    (`article.text | upper` is fine, doubling a string is not)."""
    size = _size(result)
    if size > MAX_VALUE_CHARS and size > max((_size(i) for i in inputs), default=0):
        raise _too_big()
    return result


def _check_width(*widths: Any) -> None:
    for w in widths:
        if isinstance(w, int) and not isinstance(w, bool) and w > MAX_VALUE_CHARS:
            raise _too_big()


# Widths and precisions of printf-style and str.format fields: `%1000000000d`, `{:>{w}}`.
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_FORMAT_FIELD = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")


def _check_format(fmt: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A format string may not ask for a field wider than MAX_VALUE_CHARS, directly or with a
    width taken from its arguments."""
    if not isinstance(fmt, str):
        return
    values = [*args, *kwargs.values()]
    if len(args) == 1 and isinstance(args[0], tuple | list):
        values += list(args[0])
    if len(args) == 1 and isinstance(args[0], dict):
        values += list(args[0].values())
    for m in _PERCENT_FIELD.finditer(fmt):
        for group in m.groups():
            if group == "*":
                _check_width(*values)
            elif group:
                _check_width(int(group))
    for m in _FORMAT_FIELD.finditer(fmt):
        field = m.group(0)
        _check_width(*(int(d) for d in re.findall(r"\d+", field)))
        if field.count("{") > 1:  # a nested field: the width comes from the arguments
            _check_width(*values)


def _check_replace(s: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (
        isinstance(s, str | bytes) and isinstance(old, str | bytes) and isinstance(new, str | bytes)
    ):
        return
    if len(new) <= len(old):
        return
    found = len(s) + 1 if not old else s.count(old)  # type: ignore[arg-type]
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    if len(s) + found * (len(new) - len(old)) > max(MAX_VALUE_CHARS, len(s)):
        raise _too_big()


def _joined(sep: Any, items: Any) -> list[Any]:
    """The items of a join, materialised and measured before the string is built."""
    listed: list[Any] = list(items)
    if isinstance(sep, str | bytes):
        total = len(sep) * max(len(listed) - 1, 0)
        for item in listed:
            total += len(item) if isinstance(item, str | bytes) else len(str(item))
            if total > MAX_VALUE_CHARS:
                raise _too_big()
    return listed


def _check_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Before a method of a str, bytes or list runs: the calls that build a huge value in one
    step from small arguments. Returns the arguments to call with (a join's, materialised)."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str | bytes | bytearray):
        if name in ("ljust", "rjust", "center", "zfill"):
            _check_width(*args[:1], kwargs.get("width"))
        elif name == "expandtabs":
            tab = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(tab, int) and len(owner) * tab > max(MAX_VALUE_CHARS, len(owner)):
                raise _too_big()
        elif name == "replace":
            _check_replace(owner, *args, **kwargs)
        elif name == "join" and args:
            return (_joined(owner, args[0]), *args[1:])
        elif name in ("format", "format_map"):
            _check_format(owner, args, kwargs)
        elif name == "translate" and args and isinstance(args[0], dict):
            longest = max((_size(v) for v in args[0].values()), default=1)
            if len(owner) * longest > max(MAX_VALUE_CHARS, len(owner)):
                raise _too_big()
    elif isinstance(owner, list) and name in ("extend", "__iadd__") and args:
        if len(owner) + _size(args[0]) > MAX_VALUE_CHARS:
            raise _too_big("list")
    return args


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], i: int, name: str, default: Any) -> Any:
    return args[i] if len(args) > i else kwargs.get(name, default)


def _check_filter(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Before a filter runs (args[0] is the filtered value): the filters that can build a huge
    value in one step. Returns the arguments to call with."""
    value = args[0] if args else None
    if name == "center":
        _check_width(_arg(args, kwargs, 1, "width", 80))
    elif name == "indent":
        width = _arg(args, kwargs, 1, "width", 4)
        per_line = len(width) if isinstance(width, str) else width
        lines = value.count("\n") + 1 if isinstance(value, str) else 1
        if isinstance(per_line, int) and _size(value) + lines * per_line > max(
            MAX_VALUE_CHARS, _size(value)
        ):
            raise _too_big()
    elif name == "format":
        _check_format(value, args[1:], kwargs)
    elif name == "join" and value is not None and _arg(args, kwargs, 2, "attribute", None) is None:
        return (_joined(_arg(args, kwargs, 1, "d", ""), value), *args[1:])
    elif name == "replace" and len(args) >= 3:
        _check_replace(value, args[1], args[2], _arg(args, kwargs, 3, "count", None) or -1)
    elif name == "wordwrap":
        width = _arg(args, kwargs, 1, "width", 79)
        wrap = _arg(args, kwargs, 3, "wrapstring", None) or "\n"
        if isinstance(value, str) and isinstance(width, int) and width > 0:
            lines = len(value) // width + value.count("\n") + 1
            if len(value) + lines * len(wrap) > max(MAX_VALUE_CHARS, 2 * len(value) + 1):
                raise _too_big()
    elif name in ("batch", "slice"):
        _check_width(_arg(args, kwargs, 1, "linecount" if name == "batch" else "slices", 1))
    elif name == "tojson":
        indent = _arg(args, kwargs, 1, "indent", None)
        if isinstance(indent, int) and indent > 64:
            raise TemplateError("a template asked for an indent too large to allow")
    elif name == "sum":
        start = _arg(args, kwargs, 3, "start", 0)
        if isinstance(start, str | list | tuple) and value is not None:
            items = list(value)
            if _size(start) + sum(_size(i) for i in items) > MAX_VALUE_CHARS:
                raise _too_big()
            return (items, *args[1:])
    return args


def _bounded_filter(name: str, func: Any) -> Any:
    """The filter with its arguments checked before, and its result after, it runs."""
    import functools

    passes = hasattr(func, "jinja_pass_arg")  # eval context or environment comes first

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        head, rest = (args[:1], args[1:]) if passes else ((), args)
        rest = _check_filter(name, rest, kwargs)
        return _check_result(func(*head, *rest, **kwargs), *rest, *kwargs.values())

    return run


def _bounded_lipsum(func: Any) -> Any:
    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        if isinstance(n, int) and isinstance(max, int) and n * max * 12 > MAX_VALUE_CHARS:
            raise _too_big()
        return func(n, html, min, max)

    return lipsum


class _RenderTimeout(BaseException):
    """Raised inside a rendering thread that ran out of time (a BaseException, so that no
    `except Exception` on the way swallows it)."""


def _with_time_limit(seconds: float, work: Any) -> Any:
    """work() in this thread, interrupted after `seconds`: a watchdog thread raises
    _RenderTimeout in it at the next Python instruction (a template's loops are Python code)."""
    import ctypes
    import threading

    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(_RenderTimeout)
                )

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return work()
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # not raised yet (work ended meanwhile): withdraw it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
        timer.cancel()


def _environment(template_dir: Path | None, bounded: bool = True) -> Any:
    """The sandbox, with the user-template limits on values when `bounded`."""
    from jinja2 import (
        ChoiceLoader,
        FileSystemLoader,
        PackageLoader,
        PrefixLoader,
        StrictUndefined,
    )
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.nodes import Concat
    from jinja2.sandbox import SandboxedEnvironment

    class _BoundedCodeGenerator(CodeGenerator):
        """`a ~ b` is checked like `a + b`: doubling a string in a loop reached 3.2 GB."""

        def visit_Concat(self, node: Concat, frame: Frame) -> None:
            self.write("environment.checked_concat(")
            super().visit_Concat(node, frame)
            self.write(")")

    class _BoundedSandbox(SandboxedEnvironment):
        """`"x" * 10**9`, `s ~ s`, `'x'.ljust(10**9)` would exhaust memory before the output cap
        could see them: every operator, method and filter that can build a large value is
        checked before it runs, and what it built after."""

        code_generator_class = _BoundedCodeGenerator
        intercepted_binops = frozenset(["*", "**", "+", "%"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise TemplateError("template computed a power too large to allow")
            if isinstance(left, int) and isinstance(right, int):
                bits = abs(left).bit_length()
                if operator == "**" and right > 0 and bits * right > MAX_INT_BITS:
                    raise TemplateError("template computed a number too large to allow")
                if operator == "*" and bits + abs(right).bit_length() > MAX_INT_BITS:
                    raise TemplateError("template computed a number too large to allow")
            if operator == "*" and isinstance(right, int) and isinstance(left, str | list):
                left, right = right, left
            if operator == "*" and isinstance(left, int) and isinstance(right, str | list):
                if left * len(right) > MAX_VALUE_CHARS:
                    raise _too_big()
            if operator == "+" and isinstance(left, str | list) and isinstance(right, str | list):
                if len(left) + len(right) > MAX_VALUE_CHARS:
                    raise _too_big()
            if operator == "%" and isinstance(left, str):
                _check_format(left, (right,), {})
                return _check_result(super().call_binop(context, operator, left, right), left)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            # Jinja passes its own `_loop_vars`/`_block_vars` along, for Context.call to drop.
            named = {k: v for k, v in kwargs.items() if not k.startswith("_")}
            args = _check_method(__obj, args, named)
            result = super().call(__context, __obj, *args, **kwargs)
            owner = getattr(__obj, "__self__", None)
            if not isinstance(owner, _VALUE_TYPES):
                # A macro or `super()` returns rendered output, bounded as blocks are (concat).
                return result
            return _check_result(result, owner, *args, *named.values())

        @staticmethod
        def concat(parts: Any) -> str:
            """Joins what a block, macro or `{% set %}...{% endset %}` rendered: no larger than
            the whole output may be (`{% set b %}{{ s }}{{ s }}{% endset %}` doubles)."""
            text = "".join(parts)
            if len(text) > MAX_OUTPUT_CHARS:
                raise TemplateError(
                    f"a template built a block longer than {MAX_OUTPUT_CHARS} characters"
                )
            return text

        def wrap_str_format(self, value: Any) -> Any:
            """The sandbox hands out `str.format` as a wrapper: check its widths too."""
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            fmt = value.__self__

            def checked(*args: Any, **kwargs: Any) -> Any:
                _check_format(fmt, args, kwargs)
                return _check_result(wrapped(*args, **kwargs), fmt)

            return checked

        def checked_concat(self, value: Any) -> Any:
            return _check_result(value)

    class _ContainedLoader(FileSystemLoader):
        """A directory's templates only: `..` is refused by Jinja, and a symlink out of the
        directory by this check."""

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            roots = [Path(p).resolve() for p in self.searchpath]
            if not any(Path(filename).resolve().is_relative_to(root) for root in roots):
                raise TemplateError(
                    f"template {template} points outside its directory ({filename})"
                )
            return source, filename, uptodate

    builtin = PackageLoader("briefing", "templates")
    loaders: list[Any] = []
    if template_dir is not None:
        loaders.append(_ContainedLoader(str(template_dir)))
    loaders += [
        _ContainedLoader(str(user_dir() / "templates")),
        PrefixLoader({"default": builtin}, delimiter=":"),
        builtin,
    ]
    env = (_BoundedSandbox if bounded else SandboxedEnvironment)(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # HTML escaping corrupts Markdown; finalize handles safety.
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=markdown_safe,
    )
    env.filters["words"] = lambda s, n: " ".join(str(s).split()[:n])
    env.filters["marks"] = statement_marks
    if bounded:
        env.filters = {k: _bounded_filter(k, f) for k, f in env.filters.items()}
        env.globals["lipsum"] = _bounded_lipsum(env.globals["lipsum"])
    return env


def statement_marks(item: Any) -> str:
    """What kind of statement a commitment or ask is, in words: "refuses, conditional"."""
    marks = []
    if getattr(item, "stance", "commit") == "refuse":
        marks.append("refuses")
    if getattr(item, "conditional", False):
        marks.append("conditional")
    return ", ".join(marks)


def _builtin_templates() -> Path:
    return Path(__file__).resolve().parent / "templates"


def render_template(name: str | None, default: str, context: dict[str, Any]) -> str:
    """Render a template by name (user dir, then built-in) or by path. A user's template (also
    one in the user directory named like a built-in) renders with limits on its output, its
    values and its time; the built-in ones have none, so a digest of any size renders."""
    template_dir: Path | None = None
    template_name = name or default
    if name and (name.endswith(".j2") or "/" in name) and Path(name).is_file():
        real = Path(name).resolve()  # a symlinked template: its includes are beside the real file
        template_dir, template_name = real.parent, real.name
    elif name and not name.endswith(".j2"):
        template_name = f"{name}.md.j2"
    trusted = name is None and not (user_dir() / "templates" / default).exists()
    if trusted:
        return _render(template_name, None, context, bounded=False)
    try:
        return str(
            _with_time_limit(
                RENDER_SECONDS, lambda: _render(template_name, template_dir, context, True)
            )
        )
    except _RenderTimeout:
        raise TemplateError(
            f"template {template_name} took longer than {RENDER_SECONDS:g} s to render"
        ) from None


def load_template(name: str | None, default: str) -> None:
    """Compile the template a render would use, so a missing or broken one is found before
    any work (raises TemplateError)."""
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import TemplateNotFound

    template_dir: Path | None = None
    template_name = name or default
    if name and (name.endswith(".j2") or "/" in name) and Path(name).is_file():
        real = Path(name).resolve()
        template_dir, template_name = real.parent, real.name
    elif name and not name.endswith(".j2"):
        template_name = f"{name}.md.j2"
    try:
        _environment(template_dir).get_template(template_name)
    except TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"template {template_name} failed: {exc}") from None


def _render(
    template_name: str, template_dir: Path | None, context: dict[str, Any], bounded: bool
) -> str:
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import TemplateNotFound
    from jinja2.exceptions import SecurityError

    env = _environment(template_dir, bounded)
    try:
        template = env.get_template(template_name)
        if not bounded:
            return str(template.render(**context))
        parts: list[str] = []
        size = 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateError(
                    f"template {template_name} produced more than {MAX_OUTPUT_CHARS} characters"
                )
            parts.append(piece)
        return "".join(parts)
    except TemplateNotFound as exc:
        where = f" (templates may include only files in {template_dir} and the built-ins)"
        outside = ".." in str(exc.name).replace("\\", "/").split("/") or str(exc.name).startswith(
            "/"
        )
        raise TemplateError(
            f"template not found: {exc.name}" + (where if outside and template_dir else "")
        ) from None
    except SecurityError as exc:
        raise TemplateError(f"template {template_name} is not allowed to do that: {exc}") from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"template {template_name} failed: {exc}") from None
    except (OverflowError, RecursionError, MemoryError) as exc:
        # The sandbox's range() limit raises OverflowError; deep recursion in macros too.
        reason = str(exc) or type(exc).__name__
        raise TemplateError(
            f"template {template_name} is too expensive to render: {reason}"
        ) from None


def note_markdown(note: Note, template: str | None = None) -> str:
    return render_template(template, "note.md.j2", {"note": note, "article": note.article})


def digest_context(digest: Digest) -> dict[str, Any]:
    """What the digest template sees: the digest, and per story its notes and merged items."""
    from .stories import merge_items

    by_id = {n.article.id: n for n in digest.notes}
    stories = []
    for story in digest.stories:
        notes = [by_id[i] for i in story.note_ids if i in by_id]
        lead = next((n for n in notes if n.article.title == story.title), notes[0])
        stories.append(
            {
                "title": story.title,
                "lead": lead,
                "notes": notes,
                "shared_names": story.shared_names,
                "commitments": merge_items(notes, "commitments"),
                "asks": merge_items(notes, "asks"),
                "unverified": sum(
                    sum(not c.verified for c in n.commitments) + sum(not a.verified for a in n.asks)
                    for n in notes
                ),
            }
        )
    number = {n.article.id: i for i, n in enumerate(digest.notes, 1)}
    return {
        "digest": digest,
        "stories": stories,
        "notes_by_id": by_id,
        "number": number,
        "deadlines": deadlines(stories),
        "links": {n.article.id: web_link(n.article.url) for n in digest.notes},
    }


# An http(s) address that can stand in a Markdown autolink as it is: nothing that would end it
# early or that an autolink does not unescape (`|`, `\`, backticks, quotes).
_WEB_LINK = re.compile(r"https?://[^\s<>|\\`\"']+", re.IGNORECASE)


def web_link(url: str | None) -> str | None:
    """The article's address if it may be shown as a link (<url>) in Markdown and HTML."""
    return url if url and _WEB_LINK.fullmatch(url) else None


def deadlines(stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every verified commitment and ask of the digest that states a deadline, soonest first
    (resolved dates first, then deadlines as written), with its story: what desk officers
    track."""
    rows = []
    for number, story in enumerate(stories, 1):
        for kind, key in (("commitment", "commitments"), ("ask", "asks")):
            for merged in story[key]:
                item = merged.item
                if item.deadline.strip():
                    rows.append(
                        {
                            "date": item.deadline_date,
                            "item": item,
                            "kind": kind,
                            "sources": merged.sources,
                            "story": story["title"],
                            "story_number": number,
                        }
                    )
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["story_number"]))
    return rows


def digest_markdown(digest: Digest, template: str | None = None) -> str:
    return render_template(template, "digest.md.j2", digest_context(digest))


def markdown_page(markdown: str, title: str) -> str:
    """Markdown (a note or a digest) as a self-contained HTML page for e-mail. markdown-it-py's
    js-default preset passes no raw HTML and validates link schemes."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        from .errors import ConfigError

        raise ConfigError(
            "--format html needs markdown-it-py: pip install 'briefing[html]'"
        ) from None
    import html

    body = MarkdownIt("js-default").render(markdown)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '</head>\n<body style="font-family: sans-serif; max-width: 46em; margin: auto; '
        'line-height: 1.45">\n'
        f"{body}</body>\n</html>\n"
    )


def to_json_text(obj: Note | Digest) -> str:
    return json.dumps(obj.to_json(), ensure_ascii=False, indent=2) + "\n"
