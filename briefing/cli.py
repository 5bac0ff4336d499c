"""The command line: parse options, build Settings, call the library, map errors to exit codes.

Heavy modules (openai, tiktoken, jinja2) are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import BriefingError, ConfigError, FatalServerError, InputError
from .settings import Settings, load_config

OFFLINE_NOTICE = (
    "briefing: no OPENAI_API_KEY or --base-url configured, using the offline engine "
    "(set OPENAI_API_KEY, or pass --base-url for a local server, to use an LLM)"
)


def engine_options(f: Callable[..., Any]) -> Callable[..., Any]:
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
            type=click.Choice(["markdown", "json"]),
            default="markdown",
            show_default=True,
        ),
        click.option(
            "-o", "--output", default="-", show_default=True, help="Output file, or - for stdout."
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


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
@engine_options
def note(input: str, **opts: Any) -> None:
    """Write a briefing note for one article (a file, or - for stdin).

    \b
    Example:
      briefing note examples/seed-article.txt -o note.md
    """
    from .ingest import read_article
    from .pipeline import build_engine, make_note
    from .render import note_markdown, to_json_text

    settings = settings_from_options(opts, _config())
    if input != "-" and not Path(input).exists():
        raise click.BadParameter(f"{input}: no such file", param_hint="INPUT")
    article = read_article(input)
    if settings.resolved_engine() == "offline" and settings.engine == "auto":
        click.echo(OFFLINE_NOTICE, err=True)
    engine = build_engine(settings)
    result = make_note(article, settings, engine)
    text = (
        to_json_text(result) if opts["fmt"] == "json" else note_markdown(result, settings.template)
    )
    write_output(text, opts["output"])


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
    cli(default_map={"note": defaults, "digest": defaults}, max_content_width=100)


__all__ = ["cli", "main", "InputError"]
