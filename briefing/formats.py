"""Output formats, in one table: how a note and a digest look in each, and the file suffix.
`note`, `digest` and per-article notes all go through it; adding a format is one row (and its
renderer in render.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .models import Digest, Note

if TYPE_CHECKING:
    from .output import PathSet


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


def write_per_article(
    digest: Digest, directory: Path, fmt: str, avoid: PathSet | None = None
) -> list[tuple[Note, Path]]:
    """Each article's note beside the digest: DIR/ID.md (or .json, .html), built-in template.

    A note never replaces a file in `avoid` (the run's inputs and its digest) or another note of
    the run: such a name gets a number (`digest-2.json`), since ids come from article files and
    feed links. Returns the notes written under another name than their id, with the path."""
    from .output import PathSet, atomic_write, unique_path

    form = FORMATS[fmt]
    taken = avoid if avoid is not None else PathSet()
    renamed = []
    for note in digest.notes:
        path = unique_path(directory, note.article.id, form.suffix, taken)
        atomic_write(path, form.note(note, None))
        if path.name != f"{note.article.id}{form.suffix}":
            renamed.append((note, path))
    return renamed
