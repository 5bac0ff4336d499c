"""The data that flows through the pipeline: Article in, Note out, many Notes into a Digest.

Plain dataclasses with a `to_json()` that follows the JSON contract of DESIGN.md exactly.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
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


@dataclass
class Commitment:
    """Who promised what, by when, with the verbatim evidence."""

    actor: str
    action: str
    deadline: str = ""
    evidence: str = ""
    verified: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "action": self.action,
            "deadline": self.deadline,
            "evidence": self.evidence,
            "verified": self.verified,
        }


@dataclass
class Ask:
    """Who requested what of whom, by when, with the verbatim evidence."""

    actor: str
    addressee: str
    action: str
    deadline: str = ""
    evidence: str = ""
    verified: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "addressee": self.addressee,
            "action": self.action,
            "deadline": self.deadline,
            "evidence": self.evidence,
            "verified": self.verified,
        }


@dataclass
class Entity:
    """A person, organisation or country, with its role where the text states one."""

    name: str
    type: str
    role: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "role": self.role}


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
    """Near-duplicate articles about one event, grouped in a digest."""

    title: str
    note_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "note_ids": list(self.note_ids)}


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
        }
