"""briefing: articles in, verified briefing notes out.

from briefing import Settings, read_article, build_engine, make_note, note_markdown
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
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


def __getattr__(name: str) -> Any:
    """Public API, imported on first use so `briefing --help` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
