"""briefing: articles in, verified briefing notes out.

from briefing import Settings, read_article, build_engine, make_note, note_markdown
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The public API, imported on first use so `briefing --help` stays fast; the same names are
# imported for type checkers, so they see the real signatures.
if TYPE_CHECKING:
    from .api import digest, note, settings_for, to_markdown, write
    from .digest import run_digest
    from .ingest import read_article
    from .inputs import expand_inputs
    from .pipeline import build_engine, make_note
    from .render import digest_markdown, note_markdown, to_json_text
    from .settings import Settings

_LAZY = {
    "note": "briefing.api",
    "digest": "briefing.api",
    "settings_for": "briefing.api",
    "to_markdown": "briefing.api",
    "write": "briefing.api",
    "Settings": "briefing.settings",
    "read_article": "briefing.ingest",
    "build_engine": "briefing.pipeline",
    "make_note": "briefing.pipeline",
    "note_markdown": "briefing.render",
    "to_json_text": "briefing.render",
    "expand_inputs": "briefing.inputs",
    "run_digest": "briefing.digest",
    "digest_markdown": "briefing.render",
}
__all__ = [
    "Settings",
    "digest",
    "note",
    "settings_for",
    "to_markdown",
    "write",
    "build_engine",
    "digest_markdown",
    "expand_inputs",
    "make_note",
    "note_markdown",
    "read_article",
    "run_digest",
    "to_json_text",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
