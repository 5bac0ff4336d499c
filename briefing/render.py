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

MAX_OUTPUT_CHARS = 2_000_000
# Largest string or list a template expression may build with `*` or `+` (memory, not output).
MAX_VALUE_CHARS = 100_000
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

    Ordinary text survives: `a && b` and `x < y` are left alone, and brackets are escaped only
    when they could form a link or image."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = " ".join(value.split())  # no newlines: a value cannot start a new block
    text = _HTML_OPEN.sub("&lt;", text)
    if _LINK_CLOSE.search(text):
        text = _BRACKET.sub(r"\\\1", text)
    # Harmless once no link can form (above); kept as a second line of defence.
    text = _DANGEROUS_SCHEME.sub(lambda m: f"{m.group(1)}&#58;", text)
    text = text.replace("|", "\\|")  # a value cannot add cells to a template's table row
    # A value placed at the start of a line must not become a heading, quote or list.
    text = _ORDERED_START.sub(r"\1\\\2", text, count=1)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(0), text, count=1)


def _environment(template_dir: Path | None) -> Any:
    from jinja2 import (
        ChoiceLoader,
        FileSystemLoader,
        PackageLoader,
        PrefixLoader,
        StrictUndefined,
    )
    from jinja2.sandbox import SandboxedEnvironment

    class _BoundedSandbox(SandboxedEnvironment):
        """`"x" * 10**9` would exhaust memory before the output cap could see it."""

        intercepted_binops = frozenset(["*", "**", "+"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise TemplateError("template computed a power too large to allow")
            if operator == "*" and isinstance(right, int) and isinstance(left, str | list):
                left, right = right, left
            if operator == "*" and isinstance(left, int) and isinstance(right, str | list):
                if left * len(right) > MAX_VALUE_CHARS:
                    raise TemplateError(
                        f"a template built a value longer than {MAX_VALUE_CHARS} characters"
                    )
            if operator == "+" and isinstance(left, str | list) and isinstance(right, str | list):
                if len(left) + len(right) > MAX_VALUE_CHARS:
                    raise TemplateError(
                        f"a template built a value longer than {MAX_VALUE_CHARS} characters"
                    )
            return super().call_binop(context, operator, left, right)

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
    env = _BoundedSandbox(
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
    return env


def statement_marks(item: Any) -> str:
    """What kind of statement a commitment or ask is, in words: "refuses, conditional"."""
    marks = []
    if getattr(item, "stance", "commit") == "refuse":
        marks.append("refuses")
    if getattr(item, "conditional", False):
        marks.append("conditional")
    return ", ".join(marks)


def render_template(name: str | None, default: str, context: dict[str, Any]) -> str:
    """Render a template by name (user dir, then built-in) or by path, with an output cap."""
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import TemplateNotFound
    from jinja2.exceptions import SecurityError

    template_dir: Path | None = None
    template_name = name or default
    if name and (name.endswith(".j2") or "/" in name) and Path(name).is_file():
        real = Path(name).resolve()  # a symlinked template: its includes are beside the real file
        template_dir, template_name = real.parent, real.name
    elif name and not name.endswith(".j2"):
        template_name = f"{name}.md.j2"
    env = _environment(template_dir)
    try:
        template = env.get_template(template_name)
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
                "commitments": merge_items(notes, "commitments"),
                "asks": merge_items(notes, "asks"),
                "unverified": sum(
                    sum(not c.verified for c in n.commitments) + sum(not a.verified for a in n.asks)
                    for n in notes
                ),
            }
        )
    number = {n.article.id: i for i, n in enumerate(digest.notes, 1)}
    return {"digest": digest, "stories": stories, "notes_by_id": by_id, "number": number}


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
