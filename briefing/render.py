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
# `<` that opens a tag, comment or processing instruction; autolinks like <http://...> too.
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
# `[text](url)`, `![alt](src)` and reference definitions `[id]: url`.
_LINK_SYNTAX = re.compile(r"(!?)\[([^\]\n]*)\](?=[(\[:])")
_DANGEROUS_SCHEME = re.compile(r"\b(javascript|vbscript|data):", re.IGNORECASE)


def markdown_safe(value: Any) -> Any:
    """Untrusted text made inert for Markdown; non-strings pass through."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = " ".join(value.split())  # no newlines: a value cannot start a heading or block
    text = _HTML_OPEN.sub("&lt;", text)
    text = _LINK_SYNTAX.sub(lambda m: f"{m.group(1)}\\[{m.group(2)}\\]", text)
    text = _DANGEROUS_SCHEME.sub(lambda m: f"{m.group(1)}&#58;", text)
    return text


def _environment(template_dir: Path | None) -> Any:
    from jinja2 import (
        ChoiceLoader,
        FileSystemLoader,
        PackageLoader,
        PrefixLoader,
        StrictUndefined,
    )
    from jinja2.sandbox import SandboxedEnvironment

    builtin = PackageLoader("briefing", "templates")
    loaders: list[Any] = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders += [
        FileSystemLoader(str(user_dir() / "templates")),
        PrefixLoader({"default": builtin}, delimiter=":"),
        builtin,
    ]
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # HTML escaping corrupts Markdown; finalize handles safety.
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=markdown_safe,
    )
    env.filters["words"] = lambda s, n: " ".join(str(s).split()[:n])
    return env


def render_template(name: str | None, default: str, context: dict[str, Any]) -> str:
    """Render a template by name (user dir, then built-in) or by path, with an output cap."""
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import TemplateNotFound
    from jinja2.exceptions import SecurityError

    template_dir: Path | None = None
    template_name = name or default
    if name and (name.endswith(".j2") or "/" in name) and Path(name).is_file():
        template_dir, template_name = Path(name).resolve().parent, Path(name).name
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
        raise TemplateError(f"template not found: {exc.name}") from None
    except SecurityError as exc:
        raise TemplateError(f"template {template_name} is not allowed to do that: {exc}") from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"template {template_name} failed: {exc}") from None


def note_markdown(note: Note, template: str | None = None) -> str:
    return render_template(template, "note.md.j2", {"note": note, "article": note.article})


def digest_markdown(digest: Digest, template: str | None = None) -> str:
    return render_template(template, "digest.md.j2", {"digest": digest})


def to_json_text(obj: Note | Digest) -> str:
    return json.dumps(obj.to_json(), ensure_ascii=False, indent=2) + "\n"
