"""The command line: parse options, build Settings, call the library, map errors to exit codes.

Heavy modules (openai, tiktoken, jinja2) are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import BriefingError, ConfigError, FatalServerError
from .settings import MODEL_ITEMS, Settings, load_config

if TYPE_CHECKING:
    from .output import PathSet

OFFLINE_NOTICE = (
    "briefing: no OPENAI_API_KEY or --base-url configured, using the offline engine "
    "(set OPENAI_API_KEY, or pass --base-url for a local server, to use an LLM)"
)


Command = TypeVar("Command", bound=Callable[..., Any])


class UsageLine(click.ClickException):
    """A usage mistake found after parsing (a path, an output, the config): one line, exit 2."""

    exit_code = 2


# The one place defaults live: the options show them, the library uses them.
DEFAULTS = Settings()


class EngineChoice(click.Choice):  # type: ignore[type-arg]
    """`auto` and every registered engine, looked up when an option is parsed, not at import."""

    def __init__(self) -> None:
        super().__init__(["auto", "offline", "openai"])

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .engines import engine_names

        self.choices = ("auto", *engine_names())
        return super().convert(value, param, ctx)


def _options(options: list[Callable[[Command], Command]]) -> Callable[[Command], Command]:
    def decorate(f: Command) -> Command:
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def input_options() -> Callable[[Command], Command]:
    """How inputs are read."""
    return _options(
        [
            click.option(
                "--allow-private-urls",
                is_flag=True,
                envvar="BRIEFING_ALLOW_PRIVATE_URLS",
                help="Let feed links and redirects reach loopback, private and link-local "
                "addresses (for local feeds) [env: BRIEFING_ALLOW_PRIVATE_URLS].",
            )
        ]
    )


def engine_options() -> Callable[[Command], Command]:
    """Which engine and model, and how much of the article each call sees."""
    return _options(
        [
            click.option(
                "--engine",
                type=EngineChoice(),
                default=DEFAULTS.engine,
                show_default=True,
                help="auto: openai when a key or base URL is configured, else offline.",
            ),
            click.option(
                "--model", envvar="BRIEFING_MODEL", help="Model name [env: BRIEFING_MODEL]."
            ),
            click.option(
                "--base-url",
                envvar="OPENAI_BASE_URL",
                help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 "
                "[env: OPENAI_BASE_URL].",
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
                default=DEFAULTS.summary_words,
                show_default=True,
                help="Length budget of the summary.",
            ),
            click.option(
                "--max-output-tokens",
                type=click.IntRange(min=64),
                default=DEFAULTS.max_output_tokens,
                show_default=True,
                help="Cap on each reply; longer replies split the chunk.",
            ),
            click.option(
                "--model-items",
                type=click.Choice(MODEL_ITEMS),
                default=DEFAULTS.model_items,
                show_default=True,
                help="Which commitments and asks of the model's own to keep, beside the offline "
                "drafts: 'judged' only where the offline sentence judge finds one plausible "
                "(small local models add mostly wrong ones), 'all' wherever the sentence has a "
                "word of that kind, 'auto' 'all' for the hosted models briefing knows and "
                "'judged' for the rest.",
            ),
            click.option(
                "--no-cache", is_flag=True, help="Do not read or write the response cache."
            ),
        ]
    )


def run_options() -> Callable[[Command], Command]:
    """How calls are made: limits, retries, fallback, recording."""
    return _options(
        [
            click.option(
                "--timeout",
                type=click.FloatRange(min=1),
                default=DEFAULTS.timeout,
                show_default=True,
                help="Seconds to wait for one server reply.",
            ),
            click.option(
                "--retries",
                type=click.IntRange(min=0, max=20),
                default=DEFAULTS.max_attempts - 1,
                show_default=True,
                help="Retries of a call after a timeout, 5xx or rate limit (with backoff).",
            ),
            click.option(
                "--article-deadline",
                type=click.FloatRange(min=1),
                default=DEFAULTS.article_deadline,
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
        ]
    )


def output_options(
    formats: tuple[str, ...] = ("markdown", "json", "html"), template: bool = True
) -> Callable[[Command], Command]:
    """Where the result goes and how it looks."""
    options = [
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
        click.option("-q", "--quiet", is_flag=True, help="No progress or notices on stderr."),
        click.option(
            "--debug",
            is_flag=True,
            expose_value=False,
            callback=_debug,
            help="Show tracebacks for errors.",
        ),
    ]
    if template:
        options.insert(
            0, click.option("--template", help="Template name (user dir, then built-in) or path.")
        )
    return _options(options)


def batch_options() -> Callable[[Command], Command]:
    """Calls sent as batches (the OpenAI Batch API, or a request file for another runner)."""
    return _options(
        [
            click.option(
                "--batch",
                is_flag=True,
                help="Send the digest's LLM calls as one batch through the server's Batch API "
                "(OpenAI: half price, done within 24 hours) and wait for it; rerun with the "
                "same inputs to pick up the batch in flight.",
            ),
            click.option(
                "--no-wait",
                is_flag=True,
                help="With --batch: submit (or check the batch in flight), print its id and "
                "exit 0; rerun later to write the digest.",
            ),
            click.option(
                "--batch-requests",
                type=click.Path(dir_okay=False),
                help="Write the requests still needed to this file (Batch API JSONL) for a "
                "batch runner such as `vllm run-batch`, and stop.",
            ),
            click.option(
                "--batch-results",
                type=click.Path(dir_okay=False, exists=True),
                multiple=True,
                help="Read a batch runner's results file (repeatable).",
            ),
            click.option(
                "--poll-interval",
                type=click.FloatRange(min=0.01),
                default=30.0,
                show_default=True,
                help="Seconds between two looks at a batch in flight.",
            ),
        ]
    )


def _batch_mode(opts: dict[str, Any]) -> bool:
    """Whether a digest goes through batches; its batch options checked together."""
    if opts["no_wait"] and not opts["batch"]:
        raise UsageLine("--no-wait needs --batch")
    if opts["batch"] and opts["batch_requests"]:
        raise UsageLine(
            "--batch submits the requests, --batch-requests writes them for another runner: "
            "choose one"
        )
    opts["batch"] = bool(opts["batch"] or opts["batch_requests"] or opts["batch_results"])
    return bool(opts["batch"])


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["briefing.debug"] = True


def settings_from_options(opts: dict[str, Any], config: dict[str, Any]) -> Settings:
    """Settings from parsed options (click has applied flag > environment > config file)."""
    from .settings import settings_from_values

    return settings_from_values(
        opts, prices_from_config(config), prices_from_config(config, "batch_prices")
    )


def prices_from_config(
    config: dict[str, Any], table: str = "prices"
) -> dict[str, tuple[float, float]]:
    from .settings import parse_prices

    try:
        return parse_prices(config.get(table, {}), name=table)
    except ConfigError as exc:
        raise UsageLine(str(exc)) from None


# Keys that look like options but must not be read from a file.
_NOT_IN_CONFIG = {"api_key": "the API key is read from OPENAI_API_KEY only, never from a file"}


def config_defaults(
    config: dict[str, Any], command: click.Command, where: str
) -> tuple[dict[str, Any], list[str]]:
    """The default_map of one command from config.toml, whose keys are the long option names
    with underscores (`per_article_dir`, `format`, `date`); also the keys no command knows.
    A value the option would refuse is a UsageLine naming the key."""
    import datetime as dt

    known: set[str] = {"prices", "batch_prices"}
    for other in getattr(cli, "commands", {}).values():
        for param in other.params:
            known |= {o[2:].replace("-", "_") for o in param.opts if o.startswith("--")}
    options = {
        o[2:].replace("-", "_"): param
        for param in command.params
        if isinstance(param, click.Option)
        for o in param.opts
        if o.startswith("--")
    }
    defaults: dict[str, Any] = {}
    for key, value in config.items():
        if key in _NOT_IN_CONFIG:
            raise UsageLine(f"{where}: {key}: {_NOT_IN_CONFIG[key]}")
        param = options.get(key)
        if param is None or param.name is None:
            continue
        if isinstance(value, dt.date):  # a TOML date: what --date and --since take
            value = value.isoformat()[:10]
        if isinstance(value, dict | list):
            raise UsageLine(f"{where}: {key} must be a single value, not a table or list")
        if param.is_flag != isinstance(value, bool):
            kind = "true or false" if param.is_flag else f"a {param.type.name}, not {value!r}"
            raise UsageLine(f"{where}: {key} must be {kind}")
        if isinstance(param.type, click.types.StringParamType | click.Path | click.Choice):
            if not isinstance(value, str):
                raise UsageLine(f"{where}: {key} must be a string, not {value!r}")
        try:
            param.type.convert(value, param, None)
        except click.BadParameter as exc:
            if _accepted_elsewhere(key, value, command):
                continue  # `format = "html"` is for digest and note; estimate has no html
            raise UsageLine(f"{where}: {key}: {exc.message}") from None
        defaults[param.name] = value
    return defaults, sorted(set(config) - known)


def _check_outputs(
    inputs: list[str] | tuple[str, ...],
    opts: dict[str, Any],
    settings: Settings,
    per_article_suffix: str = "",
) -> PathSet:
    """Before any work: no output may replace an input (or a cassette), or be read as an input
    by the next run. Returns the run's input files, which per-article notes avoid."""
    from .errors import OutputError
    from .inputs import ARTICLE_SUFFIXES
    from .output import check_outputs

    try:
        return check_outputs(
            list(inputs),
            output=opts["output"],
            per_article_dir=opts.get("per_article_dir"),
            suffix=per_article_suffix,
            read_suffixes=ARTICLE_SUFFIXES,
            others=[settings.record, settings.replay],
        )
    except OutputError as exc:
        raise UsageLine(str(exc)) from None


# What inputs.py says of a path that names nothing to read: a usage mistake, as for `note`.
_PATH_MISTAKES = {
    "no such file",
    "no file matches this pattern",
    "the directory holds no .txt, .md or .html files",
}


def _refuse_nothing_to_digest(items: list[Any]) -> None:
    """Inputs of which not one could be read make no digest (a digest of nothing but the
    failure is no use): one line, exit 2 when they are all paths naming nothing (as `note`
    does for a missing file), else 1."""
    from .models import Article, Failure

    if not items or any(isinstance(i, Article) for i in items):
        return
    failures = [i for i in items if isinstance(i, Failure)]
    detail = "; ".join(f"{f.source}: {f.error}" for f in failures[:3])
    if len(failures) > 3:
        detail += f"; and {len(failures) - 3} more"
    message = f"no article to digest ({detail})"
    if all(f.error in _PATH_MISTAKES for f in failures):
        raise UsageLine(message)
    raise click.ClickException(message)


def _check_template(settings: Settings, fmt: str, default: str) -> None:
    """A missing or broken template fails now, before an article is fetched or paid for."""
    if fmt != "json":
        from .render import load_template

        load_template(settings.template, default)


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
            import os

            from .redact import scrub

            # Last line of defence: no key or URL password in what reaches the terminal.
            message = scrub(" ".join(str(exc).split()), os.environ.get("OPENAI_API_KEY"))
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
    if not isinstance(ctx.obj, dict):
        ctx.obj = _load_config()
    name = ctx.invoked_subcommand
    sub = cli.commands.get(name) if name else None
    if name and sub is not None and ctx.default_map is None:
        from .settings import CONFIG_FILE, user_dir

        where = str(user_dir() / CONFIG_FILE)
        defaults, unknown = config_defaults(ctx.obj, sub, where)
        ctx.default_map = {name: defaults}
        if unknown:
            click.echo(
                f"briefing: warning: {where}: unknown key(s) {', '.join(unknown)} ignored (keys "
                "are long option names with underscores, such as summary_words, and [prices], "
                "[batch_prices])",
                err=True,
            )


@cli.command()
@click.argument("input", metavar="INPUT")
@input_options()
@engine_options()
@run_options()
@output_options()
def note(input: str, **opts: Any) -> None:
    """Write a briefing note for one article (a file, a web page's URL, or - for stdin).

    \b
    Example:
      briefing note examples/seed-article.txt -o note.md
    """
    from .formats import FORMATS, write_output
    from .ingest import read_article
    from .pipeline import build_engine, make_note

    settings = settings_from_options(opts, _config())
    _check_outputs([input], opts, settings)
    _check_template(settings, opts["fmt"], "note.md.j2")
    if input.lower().startswith(("http://", "https://")):
        from .inputs import read_url

        article = read_url(input, allow_private_urls=opts["allow_private_urls"])
    elif input != "-" and not Path(input).exists():
        raise UsageLine(f"{input}: no such file")
    else:
        article = read_article(input)
    _offline_notice(settings, opts["quiet"])
    with output_lock(opts["output"]):
        engine = build_engine(settings)
        if engine.model and not settings.replay and not opts["quiet"] and sys.stderr.isatty():
            # A local CPU server can take minutes: say what is being waited for.
            from .redact import redact_url

            where = redact_url(settings.base_url or "api.openai.com")
            click.echo(f"briefing: asking {engine.model} at {where}…", err=True)
        result = make_note(article, settings, engine)
        write_output(FORMATS[opts["fmt"]].note(result, settings.template), opts["output"])
    _say_fallbacks([result])


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=256),
    default=DEFAULTS.concurrency,
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
@click.option(
    "--max-cost",
    type=click.FloatRange(min=0),
    help="Refuse to start when the estimated cost in USD exceeds this.",
)
@batch_options()
@input_options()
@engine_options()
@run_options()
@output_options()
@click.pass_context
def digest(ctx: click.Context, /, inputs: tuple[str, ...], **opts: Any) -> None:
    """Write one digest of many articles: files, directories, globs, - (stdin), JSONL,
    RSS/Atom feeds and URLs. Exit 1 when an article failed (the digest is still written).

    \b
    Examples:
      briefing digest articles/ -o digest.md
      briefing digest feed.xml 'inbox/*.html' --format json -o digest.json --since 2024-05-01
      briefing digest archive/ --model gpt-4o-mini --batch -o digest.md   # half price
    """
    from .costs import estimate as estimate_run
    from .digest import filter_since, run_digest
    from .formats import FORMATS, write_output, write_per_article
    from .inputs import expand_inputs
    from .models import Article
    from .progress import ProgressBar

    submit = bool(opts["batch"])
    batched = _batch_mode(opts)
    settings = settings_from_options(opts, _config())
    form = FORMATS[opts["fmt"]]
    taken = _check_outputs(inputs, opts, settings, per_article_suffix=form.suffix)
    _check_template(settings, opts["fmt"], "digest.md.j2")
    quiet = opts["quiet"]
    since = opts["since"].date() if opts["since"] else None
    expanded = expand_inputs(list(inputs), allow_private_urls=opts["allow_private_urls"])
    _refuse_nothing_to_digest(expanded)
    items, skipped = filter_since(expanded, since)
    if skipped and not quiet:
        click.echo(f"briefing: {skipped} article(s) dated before {since} skipped", err=True)
    if opts["max_cost"] is not None:
        planned = estimate_run([i for i in items if isinstance(i, Article)], settings)
        if planned.usage.cost_usd > opts["max_cost"]:
            raise click.ClickException(
                f"refusing to start: the estimated cost ${planned.usage.cost_usd:.4f} exceeds "
                f"--max-cost ${opts['max_cost']:.4f} (see `briefing estimate`)"
            )
    _offline_notice(settings, quiet)
    bar = ProgressBar(enabled=False if quiet else None)
    lock = output_lock(opts["output"])
    ctx.with_resource(lock)  # held until the digest and its per-article notes are written
    title = opts["title"]
    date = opts["digest_date"].date().isoformat() if opts["digest_date"] else None
    if batched:
        found = _batch_digest(items, settings, opts, submit, title=title, date=date)
        if found is None:
            return
        result = found
    else:
        try:
            result = run_digest(items, settings, title=title, date=date, progress=bar)
        finally:
            bar.close()
    write_output(form.digest(result, settings.template), opts["output"])
    if opts["per_article_dir"]:
        if opts["output"] != "-":
            taken.add(Path(opts["output"]))
        renamed = write_per_article(result, Path(opts["per_article_dir"]), form.name, taken)
        for n, path in renamed:
            if not quiet:
                click.echo(
                    f"briefing: the note of {n.article.id} is {path} (its own name is taken by "
                    "an input, the digest or another note)",
                    err=True,
                )
    _say_fallbacks(result.notes)
    u = result.usage
    if not quiet:
        llm = settings.resolved_engine() != "offline" and (u.calls or u.cached_calls)
        cost = "price unknown" if llm and settings.price() is None else f"${u.cost_usd:.4f}"
        if settings.batch and cost != "price unknown":
            cost += " at the batch rate"
        click.echo(
            f"briefing: {len(result.notes)} note(s), {len(result.failed)} failed; "
            f"{u.calls} calls, {u.cached_calls} cached, {u.prompt_tokens} prompt + "
            f"{u.completion_tokens} completion tokens, est. {cost}",
            err=True,
        )
    if result.failed:
        total = len(result.notes) + len(result.failed)
        said = (
            f"all {total} article(s) failed (listed in the digest)"
            if not result.notes
            else f"{len(result.failed)} of {total} article(s) failed (listed in the digest); "
            "the others were written"
        )
        click.echo(f"Error: {said}", err=True)
        ctx.exit(1)


def _batch_digest(
    items: list[Any],
    settings: Settings,
    opts: dict[str, Any],
    submit: bool,
    *,
    title: str | None,
    date: str | None,
) -> Any:
    """The digest through batches; None when it is not done yet (a batch in flight with
    --no-wait, or a request file written), having said what to do next."""
    from .batch import run_batch_digest

    quiet = opts["quiet"]

    def say(line: str) -> None:
        if not quiet:
            click.echo(f"briefing: {line}", err=True)

    requests = opts["batch_requests"]
    outcome = run_batch_digest(
        items,
        settings,
        title=title,
        date=date,
        submit=submit,
        wait=not opts["no_wait"],
        requests_file=Path(requests) if requests else None,
        results_files=[Path(f) for f in opts["batch_results"]],
        poll_seconds=opts["poll_interval"],
        say=say,
    )
    for warning in outcome.warnings:
        click.echo(f"briefing: warning: {warning}", err=True)
    if outcome.batch_id is not None:
        click.echo(outcome.batch_id)
        say(f"batch {outcome.batch_id} is in flight: rerun the same command to pick it up")
        return None
    if outcome.digest is None:
        say(
            f"{outcome.requests_written} request(s) written to {requests}: run them with a "
            "batch runner (vllm run-batch -i REQUESTS -o RESULTS --model M), then rerun with "
            "--batch-results RESULTS"
        )
        return None
    return outcome.digest


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="As for digest.")
@click.option(
    "--batch", is_flag=True, help="Price the calls at the batch rate (as `digest --batch`)."
)
@input_options()
@engine_options()
@output_options(formats=("markdown", "json"), template=False)
def estimate(inputs: tuple[str, ...], **opts: Any) -> None:
    """Print tokens, planned calls and estimated cost of a digest, without calling anything.
    Articles already in the cache plan no call. With no key or server configured, the digest
    would run offline: the estimate says so, and also prices the LLM.

    \b
    Example:
      briefing estimate articles/ --model gpt-4o-mini
    """
    import json

    from .costs import estimate as estimate_run
    from .digest import filter_since
    from .formats import write_output
    from .inputs import expand_inputs
    from .models import Article, Failure

    settings = settings_from_options(opts, _config())
    _check_outputs(inputs, opts, settings)
    since = opts["since"].date() if opts["since"] else None
    expanded = expand_inputs(list(inputs), allow_private_urls=opts["allow_private_urls"])
    items, _ = filter_since(expanded, since)
    articles = [i for i in items if isinstance(i, Article)]
    failed = [i for i in items if isinstance(i, Failure)]
    plans = [estimate_run(articles, settings)]
    if plans[0].engine == "offline" and settings.engine == "auto":
        # Nothing is called, so no key is needed to price what the LLM would cost.
        plans.append(estimate_run(articles, settings, engine_name="openai"))
    if opts["fmt"] == "json":
        data = {**plans[0].to_json(), "failed": [f.to_json() for f in failed]}
        if len(plans) > 1:
            data["with_llm"] = plans[1].to_json()
        text = json.dumps(data, indent=2) + "\n"
    else:
        lines = [f"articles: {len(articles)}" + (f" ({len(failed)} unreadable)" if failed else "")]
        for plan in plans:
            u = plan.usage
            cost = f"${u.cost_usd:.4f}" if plan.price_known else "price unknown"
            if plan is plans[0]:
                lines.append(f"engine: {plan.engine}" + (f" ({plan.model})" if plan.model else ""))
                lines.append(f"article tokens: {plan.tokens}")
            else:
                lines.append(f"with --engine {plan.engine} ({plan.model}):")
            if plan.sync_cost_usd is not None and plan.price_known:
                cost += f" at the batch rate (${plan.sync_cost_usd:.4f} synchronously)"
            lines += [
                f"planned calls: {u.calls} ({u.cached_calls} more served from the cache)",
                f"prompt tokens: {u.prompt_tokens}",
                f"completion tokens (estimated): {u.completion_tokens}",
                f"estimated cost: {cost}",
            ]
        text = "\n".join(lines) + "\n"
    write_output(text, opts["output"])


@cli.group()
def cache() -> None:
    """The response cache (BRIEFING_CACHE_DIR, else the user directory's cache/)."""


@cache.command("stats")
def cache_stats() -> None:
    """Entries, size and path of the cache."""
    from .cache import NoteCache, cache_path

    cache = NoteCache(cache_path().resolve(), warn=False)
    info = cache.stats()
    if info["entries"] is None:
        click.echo(f"entries: unknown ({cache.problem})")
    else:
        click.echo(f"entries: {info['entries']}")
    click.echo(f"size: {info['size_bytes'] / 1024:.1f} KiB")
    click.echo(f"path: {info['path']}")


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached note; a corrupt cache file is removed and made anew."""
    from .cache import CacheUnavailable, NoteCache, cache_path

    cache = NoteCache(cache_path().resolve(), warn=False)
    try:
        removed = cache.clear()
    except CacheUnavailable as exc:
        raise click.ClickException(f"cannot clear the cache {cache.path}: {exc}") from None
    finally:
        cache.close()
    if cache.repaired:
        click.echo(f"the cache could not be read ({cache.repaired}): made it anew")
    else:
        click.echo(f"removed {removed} entries")


@cli.group("batch")
def batch_group() -> None:
    """Batches submitted by `digest --batch`, kept in the cache database with their digest's
    inputs.

    \b
    Examples:
      briefing batch list
      briefing batch status batch_abc123
      briefing batch cancel batch_abc123
    """


def _server_options(f: Command) -> Command:
    return click.option(
        "--base-url", envvar="OPENAI_BASE_URL", help="The server [env: OPENAI_BASE_URL]."
    )(f)


@batch_group.command("list")
def batch_list() -> None:
    """The batches submitted from this machine, oldest first: id, status last seen, requests,
    when, where."""
    import datetime as dt

    from .batch import list_batches
    from .cache import NoteCache, cache_path

    records = list_batches(NoteCache(cache_path().resolve(), warn=False))
    if not records:
        click.echo("no batches")
    for r in records:
        when = dt.datetime.fromtimestamp(r.created, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        read = ", results read" if r.ingested else ""
        click.echo(f"{r.id}  {r.status}{read}  {len(r.requests)} request(s)  {when}  {r.endpoint}")


@batch_group.command("status")
@click.argument("batch_id", metavar="ID")
@_server_options
def batch_status(batch_id: str, base_url: str | None) -> None:
    """The server's view of a batch: status and request counts."""
    from .batch import batch_status as status_of

    _say_batch(status_of(_batch_settings(base_url), batch_id))


@batch_group.command("cancel")
@click.argument("batch_id", metavar="ID")
@_server_options
def batch_cancel(batch_id: str, base_url: str | None) -> None:
    """Cancel a batch; requests it has not run fail their articles, and a rerun of the digest
    resubmits them."""
    from .batch import cancel_batch

    _say_batch(cancel_batch(_batch_settings(base_url), batch_id))


def _batch_settings(base_url: str | None) -> Settings:
    from .settings import settings_from_values

    return settings_from_values({"base_url": base_url}, prices_from_config(_config()))


def _say_batch(batch: Any) -> None:
    counts = batch.request_counts
    click.echo(f"id: {batch.id}")
    click.echo(f"status: {batch.status}")
    if counts is not None:
        click.echo(
            f"requests: {counts.total} ({counts.completed} completed, {counts.failed} failed)"
        )


FALLBACK_MARK = "the LLM failed ("


def _say_fallbacks(notes: list[Any]) -> None:
    """Notes the fallback engine wrote, said on stderr (also with -q: the run is degraded),
    one line per reason, naming the articles."""
    by_reason: dict[str, list[str]] = {}
    for note in notes:
        first = note.warnings[0] if note.warnings else ""
        if first.startswith(FALLBACK_MARK):
            reason, _, engine = first[len(FALLBACK_MARK) :].rpartition("); this note is from the ")
            key = f"{reason}|{engine.removesuffix(' engine')}"
            by_reason.setdefault(key, []).append(note.article.source)
    for key, sources in by_reason.items():
        reason, _, engine = key.rpartition("|")
        named = ", ".join(sources[:3]) + (
            f" and {len(sources) - 3} more" if len(sources) > 3 else ""
        )
        click.echo(
            f"briefing: warning: {len(sources)} article(s) fell back to the {engine} engine "
            f"because the LLM failed ({reason}): {named}",
            err=True,
        )


def _offline_notice(settings: Settings, quiet: bool) -> None:
    if settings.engine == "auto" and settings.resolved_engine() == "offline" and not quiet:
        click.echo(OFFLINE_NOTICE, err=True)


def _accepted_elsewhere(key: str, value: Any, command: click.Command) -> bool:
    """Whether another command's option of this long name takes the value."""
    for other in cli.commands.values():
        for param in other.params if other is not command else []:
            if f"--{key.replace('_', '-')}" in param.opts:
                try:
                    param.type.convert(value, param, None)
                    return True
                except click.BadParameter:
                    pass
    return False


def _load_config() -> dict[str, Any]:
    try:
        return load_config()
    except ConfigError as exc:
        raise UsageLine(str(exc)) from None


def _config() -> dict[str, Any]:
    """The config file, read once per run (by the group, before any command runs)."""
    root = click.get_current_context().find_root()
    if not isinstance(root.obj, dict):
        root.obj = _load_config()
    return root.obj


def main() -> None:
    """Console entry point; config.toml values become defaults below flags and environment
    (the group reads it, so the commands see it however they are invoked)."""
    cli(max_content_width=100)


__all__ = ["cli", "main"]
