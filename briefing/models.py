"""The data that flows through the pipeline: Article in, Note out, many Notes into a Digest.

Plain dataclasses with a `to_json()` that follows the JSON contract (README, "JSON output") exactly.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Article:
    """One input article, reduced to clean text: the source every quote is checked against."""

    id: str
    title: str
    text: str
    source: str
    url: str | None = None
    date: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised text: the cache key ignores whitespace and Unicode form."""
        norm = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def extracted(
    default: Any = "", *, prompt: bool = True, first: bool = False, choices: tuple[str, ...] = ()
) -> Any:
    """A field an engine fills. `prompt=False` keeps it out of the LLM's schema (an engine or
    the checks set it); `first` puts it first in the schema (a model reads in order). Everything
    else about a field (JSON, schema, validation, cache) is derived from the dataclass, so adding
    one is the dataclass, the prompt's wording and the templates. `choices` limits a string."""
    meta = {"extracted": True, "prompt": prompt, "first": first, "choices": choices}
    return field(default=default, metadata=meta)


def derived(default: Any = None, *, factory: Any = None) -> Any:
    """A field computed after extraction (verification, date resolution): never asked of a
    model, always in the JSON."""
    if factory is not None:
        return field(default_factory=factory, metadata={"extracted": False})
    return field(default=default, metadata={"extracted": False})


class Record:
    """JSON out of, and back into, a dataclass, field by field (the contract's order)."""

    def to_json(self) -> dict[str, Any]:
        return {f.name: _json_value(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Any:
        """The record from its JSON (the cache's format); unknown keys are ignored, missing
        ones take their defaults."""
        values: dict[str, Any] = {}
        for f in fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            value = data[f.name]
            if f.type == "Checks":
                value = Checks.from_json(value) if isinstance(value, dict) else Checks()
            values[f.name] = value
        return cls(**values)

    @classmethod
    def prompt_fields(cls) -> tuple[str, ...]:
        """The fields a model is asked to fill, in order."""
        asked = [
            f
            for f in fields(cls)  # type: ignore[arg-type]
            if f.metadata.get("extracted") and f.metadata.get("prompt")
        ]
        return tuple(f.name for f in sorted(asked, key=lambda f: not f.metadata.get("first")))

    @classmethod
    def field_choices(cls) -> dict[str, tuple[str, ...]]:
        """{name: allowed values} of the fields that have them."""
        return {
            f.name: f.metadata["choices"]
            for f in fields(cls)  # type: ignore[arg-type]
            if f.metadata.get("choices")
        }

    @classmethod
    def field_types(cls) -> dict[str, str]:
        """{name: type as written}: `str`, `bool`, ... for schema and validation."""
        return {f.name: str(f.type) for f in fields(cls)}  # type: ignore[arg-type]


def _json_value(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


@dataclass
class Checks(Record):
    """What was checked against the source, field by field: `verified` means all hold. A
    check that does not apply (no addressee, no deadline stated) is None."""

    evidence: bool = False
    actor: bool = False
    addressee: bool | None = None
    action: bool = False
    deadline: bool | None = None
    actor_doubt: str = ""  # why the actor check failed, when it did
    # The offline rules read this item too: false for an item a model (the LLM, or the offline
    # sentence judge) found on its own, whose fields can all hold and still be wrong (measured:
    # 2 of 14 right in full with Qwen2.5-1.5B).
    rules: bool = True

    def passed(self) -> bool:
        return self.fields_hold() and self.rules

    def fields_hold(self) -> bool:
        """Every field is borne out by the quoted sentences."""
        return (
            self.evidence
            and self.actor
            and self.action
            and self.addressee is not False
            and self.deadline is not False
        )

    def failures(self) -> list[str]:
        """What did not hold, in words for the reader."""
        if not self.evidence:
            return ["quote not found in the article"]
        out = []
        if not self.actor:
            out.append(self.actor_doubt or "actor not named in the quoted sentence")
        if self.addressee is False:
            out.append("addressee not named in the quoted sentence")
        if not self.action:
            out.append("action not in the quoted sentence")
        if self.deadline is False:
            out.append("deadline not in the quoted sentence")
        if not self.rules:
            out.append("found by a model alone: the rules read nothing in this sentence")
        return out


FINDERS = ("rules", "model", "judge")


@dataclass
class Commitment(Record):
    """Who promised what, by when, with the verbatim evidence."""

    actor: str = extracted()
    action: str = extracted()
    deadline: str = extracted()
    evidence: str = extracted(prompt=False)  # a model cites `sentence`; the text is the source's
    verified: bool = derived(False)
    said_by: str = extracted()
    stance: str = extracted("commit", choices=("commit", "refuse"))
    conditional: bool = extracted(False)
    checks: Checks = derived(factory=Checks)
    sentence: int = extracted(0, first=True)  # number of the article's sentence; 0: not placed
    deadline_date: str | None = derived(None)  # ISO, resolved against the article's date
    # "rules" (the offline engine's reading, also the LLM path's drafts), "model" (the LLM's own,
    # schema.py) or "judge" (a sentence the offline engine's judge put forward, offline/judge.py).
    found_by: str = extracted("rules", prompt=False, choices=FINDERS)


@dataclass
class Ask(Record):
    """Who requested what of whom, by when, with the verbatim evidence."""

    actor: str = extracted()
    addressee: str = extracted()
    action: str = extracted()
    deadline: str = extracted()
    evidence: str = extracted(prompt=False)
    verified: bool = derived(False)
    said_by: str = extracted()
    conditional: bool = extracted(False)
    checks: Checks = derived(factory=Checks)
    sentence: int = extracted(0, first=True)
    deadline_date: str | None = derived(None)
    found_by: str = extracted("rules", prompt=False, choices=FINDERS)


@dataclass
class Entity(Record):
    """A person, organisation or country, with its role where the text states one."""

    name: str = extracted()
    type: str = extracted()
    role: str = extracted()


@dataclass
class Extraction:
    """What an engine found in one chunk (or one whole article) before merge and verify."""

    summary: str = ""
    key_points: list[str] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    asks: list[Ask] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


@dataclass
class Usage:
    """Calls and tokens spent; `cost_usd` is an estimate from the price table."""

    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.cached_calls += other.cached_calls
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cost_usd += other.cost_usd

    def to_json(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "cached_calls": self.cached_calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost_usd": round(self.cost_usd, 6),
        }


@dataclass
class Note:
    """A verified briefing note for one article."""

    article: Article
    tokens: int
    engine: str
    model: str | None
    summary: str
    key_points: list[str]
    commitments: list[Commitment]
    asks: list[Ask]
    entities: list[Entity]
    warnings: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "schema_version": SCHEMA_VERSION,
            "engine": self.engine,
            "model": self.model,
            "article": {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "date": a.date,
                "tokens": self.tokens,
            },
            "summary": self.summary,
            "key_points": list(self.key_points),
            "commitments": [c.to_json() for c in self.commitments],
            "asks": [x.to_json() for x in self.asks],
            "entities": [e.to_json() for e in self.entities],
            "warnings": list(self.warnings),
            "usage": self.usage.to_json(),
        }


@dataclass
class Story:
    """The articles of a digest that tell one story, and the names they have in common."""

    title: str
    note_ids: list[str]
    shared_names: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "note_ids": list(self.note_ids),
            "shared_names": list(self.shared_names),
        }


@dataclass
class Failure:
    """An article that could not be turned into a note, and why."""

    source: str
    error: str

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "error": self.error}


@dataclass
class Digest:
    """Many notes, grouped into stories, with what failed and what it cost."""

    title: str
    date: str
    notes: list[Note]
    stories: list[Story]
    failed: list[Failure]
    usage: Usage

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "date": self.date,
            "notes": [n.to_json() for n in self.notes],
            "stories": [s.to_json() for s in self.stories],
            "failed": [f.to_json() for f in self.failed],
            "usage": self.usage.to_json(),
            "index": self.index(),
        }

    def index(self) -> list[dict[str, Any]]:
        """The digest's list of articles as the Markdown shows it: number, date, link and the
        story (its number, from 1) each article is in."""
        story_of = {i: n for n, s in enumerate(self.stories, 1) for i in s.note_ids}
        return [
            {
                "number": number,
                "id": note.article.id,
                "title": note.article.title,
                "date": note.article.date,
                "url": note.article.url,
                "source": note.article.source,
                "story": story_of.get(note.article.id),
            }
            for number, note in enumerate(self.notes, 1)
        ]
