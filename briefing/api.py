"""The library's face for scripts, notebooks and web apps: the CLI's behaviour in three calls.

    import briefing
    note = briefing.note("examples/seed-article.txt")          # a path, a URL, or text=...
    print(briefing.to_markdown(note)); data = note.to_json()
    digest = briefing.digest(["feed.xml", "inbox/"], concurrency=8)
    briefing.write(digest, "digest.md")                         # format from the suffix

Options are the CLI's long names (`engine`, `model`, `base_url`, `summary_words`, `timeout`,
`retries`, `no_cache`, `fallback`, ...), resolved as the CLI resolves them: argument >
environment (`OPENAI_BASE_URL`, `BRIEFING_MODEL`; the key from `OPENAI_API_KEY` only) >
config.toml > default. Errors are the documented exception classes of `briefing.errors`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .digest import run_digest
from .errors import ConfigError
from .formats import FORMATS
from .ingest import article_from_text, read_article
from .inputs import expand_inputs, read_url
from .models import Digest, Note
from .output import atomic_write
from .pipeline import make_note
from .settings import (
    PRICE_TABLES,
    Settings,
    load_config,
    parse_prices,
    settings_from_values,
)

_ENVIRONMENT = {"base_url": "OPENAI_BASE_URL", "model": "BRIEFING_MODEL"}


def settings_for(**options: Any) -> Settings:
    """Settings as the CLI would resolve them for these options."""
    config = load_config()
    values = {k: v for k, v in config.items() if not isinstance(v, dict)}
    values.update({k: os.environ[v] for k, v in _ENVIRONMENT.items() if os.environ.get(v)})
    values.update({k: v for k, v in options.items() if v is not None})
    prices, batch = (parse_prices(config.get(t, {}), name=t) for t in PRICE_TABLES)
    return settings_from_values(values, prices, batch)


def note(
    source: str | Path | None = None,
    *,
    text: str | None = None,
    title: str | None = None,
    **options: Any,
) -> Note:
    """The briefing note of one article: a file path, an http(s) URL, or `text=` (with an
    optional `title=`)."""
    run = settings_for(**options)
    if text is not None:
        article = article_from_text(text, source="-", article_id="text", title=title or "")
    elif source is None:
        raise ConfigError("briefing.note() needs a path, a URL or text=")
    elif str(source).lower().startswith(("http://", "https://")):
        article = read_url(str(source))
    else:
        article = read_article(str(source))
    return make_note(article, run)


def digest(
    inputs: list[str | Path] | str | Path,
    *,
    title: str | None = None,
    date: str | None = None,
    **options: Any,
) -> Digest:
    """One digest of files, directories, globs, JSONL, feeds and URLs; articles that fail are
    listed in `digest.failed`, as the CLI lists them. `batch=True` sends the calls as a batch
    and waits for it, as `digest --batch` does (briefing.batch.run_batch_digest has the rest)."""
    from .batch import POLL_SECONDS

    sources = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    poll = float(options.pop("poll_interval", None) or POLL_SECONDS)
    run = settings_for(**options)
    items = expand_inputs([str(s) for s in sources])
    if run.batch:
        from .batch import run_batch_digest

        batched = run_batch_digest(items, run, title=title, date=date, poll_seconds=poll)
        if batched.digest is None:  # cannot happen: it submits and waits
            raise ConfigError("the batch ended without a digest")
        return batched.digest
    return run_digest(items, run, title=title, date=date)


def to_markdown(result: Note | Digest, template: str | None = None) -> str:
    """A note or a digest as the CLI writes it in Markdown."""
    form = FORMATS["markdown"]
    text = (
        form.note(result, template) if isinstance(result, Note) else form.digest(result, template)
    )
    return text if isinstance(text, str) else text.decode("utf-8")


def write(result: Note | Digest, path: str | Path, template: str | None = None) -> None:
    """Write a note or a digest atomically, in the format its suffix names (.md, .json, .html)."""
    target = Path(path)
    form = next((f for f in FORMATS.values() if f.suffix == target.suffix.lower()), None)
    if form is None:
        known = ", ".join(f.suffix for f in FORMATS.values())
        raise ConfigError(f"{target}: unknown output format (use one of {known})")
    content = (
        form.note(result, template) if isinstance(result, Note) else form.digest(result, template)
    )
    atomic_write(target, content)


# `briefing.digest` names this function, not the module of the same name (which stays importable
# as `from briefing.digest import run_digest`): importing that module above set the package's
# attribute to the module, so it is set back here, once this module is loaded.
sys.modules[__package__ or "briefing"].digest = digest  # type: ignore[attr-defined]
