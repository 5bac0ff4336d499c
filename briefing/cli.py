"""The command line: parse options, build Settings, call the library, map errors to exit codes.

Heavy modules (openai, tiktoken, jinja2) are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import BriefingError, ConfigError, FatalServerError, InputError
from .settings import Settings, load_config

OFFLINE_NOTICE = (
    "briefing: no OPENAI_API_KEY or --base-url configured, using the offline engine "
    "(set OPENAI_API_KEY, or pass --base-url for a local server, to use an LLM)"
)


Command = TypeVar("Command", bound=Callable[..., Any])


def engine_options(formats: tuple[str, ...] = ("markdown", "json")) -> Callable[[Command], Command]:
    """Options shared by every command that runs an engine."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(["auto", "openai", "offline"]),
            default="auto",
            show_default=True,
            help="auto: openai when a key or base URL is configured, else offline.",
        ),
        click.option("--model", envvar="BRIEFING_MODEL", help="Model name [env: BRIEFING_MODEL]."),
        click.option(
            "--base-url",
            envvar="OPENAI_BASE_URL",
            help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 [env: OPENAI_BASE_URL].",
        ),
        click.option(
            "--chunk-tokens",
            type=click.IntRange(min=64),
            help="Article tokens per call (default: from the model's context).",
        ),
        click.option(
            "--context-tokens",
            type=click.IntRange(min=512),
            help="The model's context window, for models briefing does not know.",
        ),
        click.option(
            "--summary-words",
            type=click.IntRange(min=10),
            default=100,
            show_default=True,
            help="Length budget of the summary.",
        ),
        click.option(
            "--max-output-tokens",
            type=click.IntRange(min=64),
            default=2000,
            show_default=True,
            help="Cap on each reply; longer replies split the chunk.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=1),
            default=60.0,
            show_default=True,
            help="Seconds to wait for one server reply.",
        ),
        click.option(
            "--retries",
            type=click.IntRange(min=0, max=20),
            default=3,
            show_default=True,
            help="Retries of a call after a timeout, 5xx or rate limit (with backoff).",
        ),
        click.option(
            "--article-deadline",
            type=click.FloatRange(min=1),
            default=300.0,
            show_default=True,
            help="Seconds one article may take, retries included.",
        ),
        click.option(
            "--fallback",
            type=click.Choice(["none", "offline"]),
            default="none",
            show_default=True,
            help="offline: when the LLM fails for an article, use the offline engine.",
        ),
        click.option(
            "--record",
            type=click.Path(dir_okay=False),
            help="Save every HTTP exchange to this cassette (secrets scrubbed).",
        ),
        click.option(
            "--replay",
            type=click.Path(dir_okay=False),
            help="Serve HTTP exchanges from this cassette; no network.",
        ),
        click.option("--no-cache", is_flag=True, help="Do not read or write the response cache."),
        click.option("--template", help="Template name (user dir, then built-in) or path."),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default="markdown",
            show_default=True,
        ),
        click.option(
            "-o", "--output", default="-", show_default=True, help="Output file, or - for stdout."
        ),
    ]

    def decorate(f: Command) -> Command:
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def settings_from_options(opts: dict[str, Any], config: dict[str, Any]) -> Settings:
    import os

    prices = {k: (float(v[0]), float(v[1])) for k, v in config.get("prices", {}).items()}
    return Settings(
        engine=opts["engine"],
        model=opts.get("model"),
        base_url=opts.get("base_url"),
        api_key=os.environ.get("OPENAI_API_KEY") or None,
        chunk_tokens=opts.get("chunk_tokens"),
        context_tokens=opts.get("context_tokens"),
        summary_words=opts["summary_words"],
        max_output_tokens=opts.get("max_output_tokens") or 2000,
        timeout=opts["timeout"],
        max_attempts=opts.get("retries", 3) + 1,
        article_deadline=opts.get("article_deadline") or 300.0,
        concurrency=opts.get("concurrency") or 8,
        use_cache=not opts.get("no_cache", False),
        record=opts.get("record"),
        replay=opts.get("replay"),
        template=opts.get("template"),
        fallback=None if opts.get("fallback") in (None, "none") else opts["fallback"],
        prices=prices,
    )


def write_output(text: str, output: str) -> None:
    if output == "-":
        click.echo(text, nl=False)
        return
    from .output import atomic_write

    atomic_write(Path(output), text)


def output_lock(output: str) -> contextlib.AbstractContextManager[None]:
    """Held for a whole run writing a file, so two overlapping runs never write one output."""
    if output == "-":
        return contextlib.nullcontext()
    from .output import run_lock

    return run_lock(Path(output))


class BriefingGroup(click.Group):
    """Turns domain errors into one line on stderr (no traceback unless --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            if ctx.meta.get("briefing.debug"):
                raise
            message = " ".join(str(exc).split())
            if isinstance(exc, FatalServerError):
                message = f"stopped: {message}"
            raise click.ClickException(message) from None


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn news and policy articles into briefing notes an analyst can trust: summary, key
    points, commitments and asks, each backed by a quote checked against the source.

    \b
    Examples:
      briefing note examples/seed-article.txt
      briefing note article.html --base-url http://127.0.0.1:8080/v1 --model smollm2
      briefing digest articles/ --format json -o digest.json
    """
    ctx.meta["briefing.debug"] = debug


@cli.command()
@click.argument("input", metavar="INPUT")
@engine_options()
def note(input: str, **opts: Any) -> None:
    """Write a briefing note for one article (a file, a web page's URL, or - for stdin).

    \b
    Example:
      briefing note examples/seed-article.txt -o note.md
    """
    from .ingest import read_article
    from .pipeline import build_engine, make_note
    from .render import note_markdown, to_json_text

    settings = settings_from_options(opts, _config())
    if input.lower().startswith(("http://", "https://")):
        from .inputs import read_url

        article = read_url(input)
    elif input != "-" and not Path(input).exists():
        raise click.BadParameter(f"{input}: no such file", param_hint="INPUT")
    else:
        article = read_article(input)
    if settings.resolved_engine() == "offline" and settings.engine == "auto":
        click.echo(OFFLINE_NOTICE, err=True)
    with output_lock(opts["output"]):
        engine = build_engine(settings)
        if engine.model and not settings.replay and sys.stderr.isatty():
            # A local CPU server can take minutes: say what is being waited for.
            where = settings.base_url or "api.openai.com"
            click.echo(f"briefing: asking {engine.model} at {where}…", err=True)
        result = make_note(article, settings, engine)
        text = (
            to_json_text(result)
            if opts["fmt"] == "json"
            else note_markdown(result, settings.template)
        )
        write_output(text, opts["output"])


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=256),
    default=8,
    show_default=True,
    help="LLM calls in flight at once, over articles and their chunks together.",
)
@click.option("--title", help="Digest title [default: Daily briefing].")
@click.option("--date", "digest_date", type=click.DateTime(["%Y-%m-%d"]), help="Digest date.")
@click.option(
    "--per-article-dir",
    type=click.Path(file_okay=False),
    help="Also write each article's note into this directory.",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Keep only articles dated on or after this day (undated articles are kept).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or notices on stderr.")
@click.option(
    "--max-cost",
    type=click.FloatRange(min=0),
    help="Refuse to start when the estimated cost in USD exceeds this.",
)
@engine_options(formats=("markdown", "json", "html"))
@click.pass_context
def digest(ctx: click.Context, /, inputs: tuple[str, ...], **opts: Any) -> None:
    """Write one digest of many articles: files, directories, globs, - (stdin), JSONL,
    RSS/Atom feeds and URLs. Exit 1 when an article failed (the digest is still written).

    \b
    Examples:
      briefing digest articles/ -o digest.md
      briefing digest feed.xml 'inbox/*.html' --format json -o digest.json --since 2024-05-01
    """
    from .digest import estimate as estimate_run
    from .digest import filter_since, run_digest, write_per_article
    from .inputs import expand_inputs
    from .models import Article
    from .progress import ProgressBar
    from .render import digest_html, digest_markdown, to_json_text

    settings = settings_from_options(opts, _config())
    quiet = opts["quiet"]
    since = opts["since"].date() if opts["since"] else None
    items, skipped = filter_since(expand_inputs(list(inputs)), since)
    if skipped and not quiet:
        click.echo(f"briefing: {skipped} article(s) dated before {since} skipped", err=True)
    if opts["max_cost"] is not None:
        planned = estimate_run([i for i in items if isinstance(i, Article)], settings)
        if planned.cost_usd > opts["max_cost"]:
            raise click.ClickException(
                f"refusing to start: the estimated cost ${planned.cost_usd:.4f} exceeds "
                f"--max-cost ${opts['max_cost']:.4f} (see `briefing estimate`)"
            )
    if settings.resolved_engine() == "offline" and settings.engine == "auto" and not quiet:
        click.echo(OFFLINE_NOTICE, err=True)
    bar = ProgressBar(enabled=False if quiet else None)
    lock = output_lock(opts["output"])
    ctx.with_resource(lock)  # held until the digest and its per-article notes are written
    try:
        result = run_digest(
            items,
            settings,
            title=opts["title"],
            date=opts["digest_date"].date().isoformat() if opts["digest_date"] else None,
            progress=bar,
        )
    finally:
        bar.close()
    fmt = opts["fmt"]
    if fmt == "json":
        text = to_json_text(result)
    else:
        text = digest_markdown(result, settings.template)
        if fmt == "html":
            text = digest_html(text, result.title)
    write_output(text, opts["output"])
    if opts["per_article_dir"]:
        write_per_article(result, Path(opts["per_article_dir"]), fmt, settings.template)
    u = result.usage
    if not quiet:
        click.echo(
            f"briefing: {len(result.notes)} note(s), {len(result.failed)} failed; "
            f"{u.calls} calls, {u.cached_calls} cached, {u.prompt_tokens} prompt + "
            f"{u.completion_tokens} completion tokens, est. ${u.cost_usd:.4f}",
            err=True,
        )
    if result.failed:
        click.echo(
            f"Error: {len(result.failed)} of {len(result.notes) + len(result.failed)} "
            f"article(s) failed (listed in the digest); the others were written",
            err=True,
        )
        ctx.exit(1)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="As for digest.")
@engine_options()
def estimate(inputs: tuple[str, ...], **opts: Any) -> None:
    """Print tokens, planned calls and estimated cost of a digest, without calling anything.
    Articles already in the cache plan no call.

    \b
    Example:
      briefing estimate articles/ --model gpt-4o-mini
    """
    import json

    from .digest import estimate as estimate_run
    from .digest import filter_since
    from .inputs import expand_inputs
    from .models import Article, Failure

    settings = settings_from_options(opts, _config())
    if settings.engine == "auto":  # nothing is called, so no key is needed to price the LLM
        settings.engine = "openai"
    since = opts["since"].date() if opts["since"] else None
    items, _ = filter_since(expand_inputs(list(inputs)), since)
    result = estimate_run([i for i in items if isinstance(i, Article)], settings)
    failed = [i for i in items if isinstance(i, Failure)]
    if opts["fmt"] == "json":
        data = {**result.to_json(), "failed": [f.to_json() for f in failed]}
        text = json.dumps(data, indent=2) + "\n"
    else:
        lines = [
            f"engine: {result.engine}" + (f" ({result.model})" if result.model else ""),
            f"articles: {result.articles}" + (f" ({len(failed)} unreadable)" if failed else ""),
            f"article tokens: {result.tokens}",
            f"planned calls: {result.calls} ({result.cached_calls} more served from the cache)",
            f"prompt tokens: {result.prompt_tokens}",
            f"completion tokens (estimated): {result.completion_tokens}",
            f"estimated cost: ${result.cost_usd:.4f}",
        ]
        text = "\n".join(lines) + "\n"
    write_output(text, opts["output"])


@cli.group()
def cache() -> None:
    """The response cache (BRIEFING_CACHE_DIR, else the user directory's cache/)."""


@cache.command("stats")
def cache_stats() -> None:
    """Entries, size and path of the cache."""
    from .cache import open_cache

    info = open_cache().stats()
    click.echo(f"entries: {info['entries']}")
    click.echo(f"size: {info['size_bytes'] / 1024:.1f} KiB")
    click.echo(f"path: {info['path']}")


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached note."""
    from .cache import open_cache

    removed = open_cache().clear()
    click.echo(f"removed {removed} entries")


def _config() -> dict[str, Any]:
    ctx = click.get_current_context()
    if "briefing.config" not in ctx.meta:
        ctx.meta["briefing.config"] = load_config()
    return ctx.meta["briefing.config"]  # type: ignore[no-any-return]


def main() -> None:
    """Console entry point: config file values become defaults below flags and environment."""
    try:
        config = load_config()
    except ConfigError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    defaults = {k: v for k, v in config.items() if not isinstance(v, dict)}
    cli(
        default_map={"note": defaults, "digest": defaults, "estimate": defaults},
        max_content_width=100,
    )


__all__ = ["cli", "main", "InputError"]
