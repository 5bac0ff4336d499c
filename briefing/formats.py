"""Output formats, in one table: how a note and a digest look in each, and the file suffix.
`note`, `digest` and per-article notes all go through it; adding a format is one row (and its
renderer in render.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from .models import Digest, Note


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str
    note: Callable[[Note, str | None], str | bytes]
    digest: Callable[[Digest, str | None], str | bytes]


def _markdown_note(note: Note, template: str | None) -> str:
    from .render import note_markdown

    return note_markdown(note, template)


def _markdown_digest(digest: Digest, template: str | None) -> str:
    from .render import digest_markdown

    return digest_markdown(digest, template)


def _html_note(note: Note, template: str | None) -> str:
    from .render import markdown_page, note_markdown

    return markdown_page(note_markdown(note, template), note.article.title)


def _html_digest(digest: Digest, template: str | None) -> str:
    from .render import digest_markdown, markdown_page

    return markdown_page(digest_markdown(digest, template), digest.title)


def _json(obj: Note | Digest, template: str | None) -> str:
    from .render import to_json_text

    return to_json_text(obj)


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("markdown", ".md", _markdown_note, _markdown_digest),
        OutputFormat("json", ".json", _json, _json),
        OutputFormat("html", ".html", _html_note, _html_digest),
    )
}


def write_output(content: str | bytes, output: str) -> None:
    """To a file (atomically), or to stdout for `-`."""
    if output == "-":
        click.echo(content, nl=False)  # bytes go to the binary stream
        return
    from .output import atomic_write

    atomic_write(Path(output), content)


def write_per_article(digest: Digest, directory: Path, fmt: str) -> None:
    """Each article's note beside the digest: DIR/ID.md (or .json, .html), built-in template."""
    from .output import atomic_write

    form = FORMATS[fmt]
    for note in digest.notes:
        atomic_write(directory / f"{note.article.id}{form.suffix}", form.note(note, None))
