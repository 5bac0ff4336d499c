"""The house stays easy to live in: imports follow the flow (ingest ─► engine ─► verify ─►
note ─► digest ─► output ─► command line) with no circle and nothing reaching back up; and
adding an engine or an item field is a change in the places meant for it."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES, run

from briefing import engines
from briefing.engines import EngineResult
from briefing.models import Article, Commitment, Extraction
from briefing.settings import Settings

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"

# Each module's place in the flow. A module may import its own stage and those before it.
STAGES: list[list[str]] = [
    # foundations: data, errors, words, model knowledge, settings, text utilities
    [
        "errors", "models", "words", "redact", "catalogue", "settings", "sentences", "tokens",
        "dates",
    ],
    # reading articles; storing results
    ["ingest", "fetch", "inputs", "output", "progress", "cache"],
    # what engines are built from
    ["chunking", "prompts", "schema", "cassette"],
    # engines (the offline extractor is one engine's inside)
    [
        "offline.gazetteer", "offline.lexicon", "offline.entities", "offline.summarize",
        "offline.attribution", "offline.asks", "offline.commitments", "offline.obligations",
        "offline.coordination", "offline.phrasing", "offline.linear", "offline.roles",
        "offline.judge", "offline",
        "engines.base", "engines.retry", "engines.chunked", "engines.offline", "engines.openai",
        "engines",
    ],
    # checking findings against the source; making them read on their own
    ["verify", "merge", "pronouns", "quotes"],
    # one note
    ["pipeline"],
    # many notes, costs, rendering
    ["stories", "digest", "batch", "costs", "render", "formats"],
    # the command line and the package's face
    ["api", "cli", "__init__"],
]  # fmt: skip
RANK = {module: i for i, stage in enumerate(STAGES) for module in stage}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    """Modules of the package that `name` imports, lazily or not (typing-only included)."""
    package = (
        name.split(".")
        if path.name == "__init__.py" and name != "__init__"
        else name.split(".")[:-1]
    )
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
            elif (node.module or "").startswith("briefing"):
                base = []
                node_module = (node.module or "").removeprefix("briefing").lstrip(".")
                target = node_module.split(".") if node_module else []
                found |= _resolve(target, [a.name for a in node.names])
                continue
            else:
                continue
            target = base + (node.module.split(".") if node.module else [])
            found |= _resolve(target, [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("briefing."):
                    found.add(alias.name.removeprefix("briefing."))
    found.discard(name)
    return found


def _resolve(target: list[str], names: list[str]) -> set[str]:
    """`from X import Y` names module X.Y when that is a module, else module X."""
    out = set()
    for imported in names:
        candidate = ".".join([*target, imported])
        out.add(candidate if candidate in RANK else ".".join(target) or "__init__")
    return out


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        graph[name] = _imports(path, name)
    return graph


def test_every_module_has_a_place_in_the_flow() -> None:
    assert sorted(set(_graph()) - set(RANK)) == []


def test_no_import_runs_back_up_the_flow() -> None:
    upward = [
        f"{module} (stage {RANK[module]}) imports {target} (stage {RANK[target]})"
        for module, targets in _graph().items()
        for target in targets
        if target in RANK and RANK[target] > RANK[module]
    ]
    assert upward == []


def test_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


# -- adding an engine is one class and one registry entry ----------------------------------------


class EchoEngine:
    """A test-only engine: the article's first sentence is its summary, and it commits the
    article's first sentence's subject to nothing in particular."""

    name = "echo"
    model = "echo-1"
    cacheable = True
    waits_on_network = False
    calls = 0

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def fingerprint(self) -> dict[str, Any]:
        return {"engine": self.name, "summary_words": self.settings.summary_words}

    def tokenizer(self) -> str:
        return "o200k_base"

    def extract_article(self, article: Article, deadline: float) -> EngineResult:
        type(self).calls += 1
        first = article.text.split("\n")[0]
        quote = "committed to combating all kinds of transnational crimes"
        commitment = Commitment(actor="Cambodia", action="combat crime", evidence=quote)
        return EngineResult([Extraction(summary=first, commitments=[commitment])])


@pytest.fixture
def echo_engine() -> Any:
    engines.register("echo", lambda settings, transport, memory: EchoEngine(settings))
    EchoEngine.calls = 0
    yield EchoEngine
    engines.ENGINES.pop("echo", None)


def test_a_registered_engine_runs_through_the_whole_pipeline(echo_engine: Any) -> None:
    result = run("note", str(EXAMPLES / "seed-article.txt"), "--engine", "echo", "--format", "json")
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)
    assert note["engine"] == "echo" and note["model"] == "echo-1"
    [commitment] = note["commitments"]
    assert commitment["verified"] and commitment["actor"] == "Cambodia"
    # Cached like any engine that says it is worth caching: the second run calls nothing.
    again = run("note", str(EXAMPLES / "seed-article.txt"), "--engine", "echo")
    assert again.exit_code == 0 and echo_engine.calls == 1


def test_an_unknown_engine_is_a_usage_error() -> None:
    result = run("note", str(EXAMPLES / "seed-article.txt"), "--engine", "nosuch")
    assert result.exit_code == 2 and "nosuch" in result.stderr


# -- adding a field is the dataclass (plus prompt wording and templates) --------------------------


def test_an_extra_field_flows_through_schema_validation_json_and_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A field added to a record reaches the model's schema, the reply's validation, the JSON
    contract and the cache round trip, with no change anywhere else."""
    from dataclasses import dataclass, fields

    from briefing import cache, models, schema

    @dataclass
    class Pledge(models.Record):
        actor: str = models.extracted()
        action: str = models.extracted()
        deadline: str = models.extracted()
        evidence: str = models.extracted()
        verified: bool = models.derived(False)
        certainty: str = models.extracted("high")  # the test-only extra field

    monkeypatch.setitem(schema.ITEM_TYPES, "commitments", Pledge)
    item_schema = schema._object(Pledge)
    assert item_schema["properties"]["certainty"] == {"type": "string"}
    assert "certainty" in schema.shape({"type": "array", "items": item_schema})
    reply = {"summary": "s", "commitments": [{"actor": "A", "action": "b", "certainty": "low"}]}
    [found] = schema.validate_extraction(reply).commitments
    assert found.certainty == "low"  # type: ignore[attr-defined]
    assert found.to_json()["certainty"] == "low"
    assert Pledge.from_json(found.to_json()) == found
    assert [f.name for f in fields(Pledge)][-1] == "certainty"
    assert cache.CACHE_FORMAT >= 2
