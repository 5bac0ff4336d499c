"""Merge the extractions of an article's chunks into one verified set of findings.

Every commitment and ask is located in the full article (verify), so items found twice (in
overlapping wording, or by two chunks) collapse into one and everything comes out in article order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TypeVar

from .dates import resolve_deadline
from .models import Ask, Checks, Commitment, Entity, Extraction
from .offline.phrasing import with_subject
from .redact import remove_foreign_urls
from .verify import FieldChecker, SourceIndex

# What _norm drops: anything neither a letter or digit nor whitespace (one pass of C, not a
# Python loop per character: _norm reads the whole article for every note).
_PUNCTUATION = re.compile(r"[^\w\s]|_")

ENTITY_TYPES = {"person", "organisation", "country", "place", "other"}
MIN_EVIDENCE_WORDS = 5
_NAME_FILLERS = {"the", "and", "for"}
Item = TypeVar("Item", Commitment, Ask)


@dataclass
class Findings:
    """Verified, deduplicated, ordered findings of one article."""

    key_points: list[str] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    asks: list[Ask] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def merge_extractions(
    extractions: list[Extraction], source: SourceIndex, published: dt.date | None = None
) -> Findings:
    findings = Findings()
    text = source.text
    findings.key_points = _unique_strings(
        remove_foreign_urls(p, text) for e in extractions for p in e.key_points
    )
    left_out: list[Commitment | Ask] = []
    findings.entities = _merge_entities([x for e in extractions for x in e.entities], source)
    for entity in findings.entities:  # entities are model text too: no links from elsewhere
        entity.name = remove_foreign_urls(entity.name, text)
        entity.role = remove_foreign_urls(entity.role, text)
    checker = FieldChecker(
        source,
        [e.name for e in findings.entities if e.type == "person"],
        {e.name: e.role for e in findings.entities if e.role},
    )
    # The rules' passive actions name what is acted on ("have the first cards issued in 2008"),
    # here rather than in the offline engine so that the LLM path's prompts describe its drafts
    # as recorded.
    commitments = with_subject([c for e in extractions for c in e.commitments], text)
    asks = with_subject([a for e in extractions for a in e.asks], text)
    findings.commitments = _verify_items(commitments, source, checker, left_out)
    findings.asks = _verify_items(asks, source, checker, left_out)
    if left_out:
        findings.warnings.append(
            f"{len(left_out)} item(s) from the model were left out: their quoted sentence does "
            f"not bear out the actor, addressee, action or deadline"
        )
    dated: list[Commitment | Ask] = [*findings.commitments, *findings.asks]
    for item in dated:
        when = resolve_deadline(item.deadline, published)
        item.deadline_date = when.isoformat() if when else None
    items: list[Commitment | Ask] = [*findings.commitments, *findings.asks]
    not_found = sum(not i.checks.evidence for i in items)
    model_alone = sum(i.checks.fields_hold() and not i.checks.rules for i in items)
    unchecked = sum(i.checks.evidence and not i.checks.fields_hold() for i in items)
    if not_found:
        findings.warnings.append(
            f"{not_found} item(s) quote text that is not in the article: listed under “Check these”"
        )
    if unchecked:
        findings.warnings.append(
            f"{unchecked} item(s) say something their quote does not (actor, addressee, action "
            f"or deadline): listed under “Check these”"
        )
    if model_alone:
        findings.warnings.append(
            f"{model_alone} item(s) were found by a model alone, in sentences where the rules "
            f"read nothing: listed under “Check these”"
        )
    return findings


def _verify_items(
    items: list[Item],
    source: SourceIndex,
    checker: FieldChecker,
    left_out: list[Commitment | Ask],
) -> list[Item]:
    """Replace each evidence with the source span, drop duplicates, order by position.
    Items whose quote is not in the article keep the model's quote and sort after the rest.

    An item a model found where the rules found none (`found_by` "model") stays only when
    every field check holds, else it goes to `left_out`: measured with Qwen2.5-1.5B, nearly all
    such items were wrong, and noise under "Check these" costs a reader more than it gives.
    One that stays is still not verified (`checks.rules` is false) and goes under "Check these":
    of 14 such items kept on 32 articles, 2 were right in full (benchmarks/README.md). The
    rules' items that fail a check stay there too, for a reader to judge."""
    placed: list[tuple[int, Item]] = []
    seen: set[tuple[object, ...]] = set()
    for item in items:
        # Every text field is model text (evidence is replaced by the source's words below).
        for attr, kind in type(item).field_types().items():
            if kind == "str" and attr != "evidence":
                setattr(item, attr, remove_foreign_urls(getattr(item, attr), source.text))
        span = source.locate(item.evidence)
        if span and len(source.text[span[0] : span[1]].split()) < MIN_EVIDENCE_WORDS:
            # A few words prove little on their own: show the whole sentence they stand in.
            span = source.sentence_of(span[0]) or span
        if span:
            item.evidence = source.text[span[0] : span[1]]
            item.sentence = source.sentence_number(span[0])
            addressee = getattr(item, "addressee", "").strip()
            own = item.found_by != "rules"
            doubt = checker.actor_doubt(item.actor, *span) or checker.claim_doubt(
                item.actor, item.said_by
            )
            item.checks = Checks(
                evidence=True,
                actor=not doubt,
                actor_doubt=doubt,
                addressee=checker.party(addressee, *span, asked=True) if addressee else None,
                # A model's own action must be mostly the sentence's words, as the prompt asks
                # ("in a few words from the sentence"): Qwen2.5-1.5B copied actions from other
                # sentences, which one shared word ("effort") let through.
                action=checker.said(item.action, *span, share=0.5 if own else 0.0),
                deadline=checker.said(item.deadline, *span, share=1.0)
                if item.deadline.strip()
                else None,
            )
            # The judge's items stay whatever their checks say: its sentence is the evidence and
            # its guess at the actor is for a reader to confirm under "Check these".
            if item.found_by == "model" and not item.checks.fields_hold():
                left_out.append(item)
                continue
            item.checks.rules = not own
            item.verified = item.checks.passed()
            sentence = source.sentence_of(span[0]) or span
            key: tuple[object, ...] = (
                sentence,
                _norm(item.action),
                _norm(getattr(item, "addressee", "")),
            )
            # The same sentence and action (or the same sentence found by two chunks) is one item.
            same_sentence = (sentence, "", "")
            if key in seen or (
                same_sentence in seen and _dup_in_sentence(item, placed, sentence, source)
            ):
                continue
            seen.add(key)
            seen.add(same_sentence)
            placed.append((span[0], item))
        else:
            item.evidence = remove_foreign_urls(item.evidence, source.text)
            item.checks = Checks(evidence=False)
            item.sentence = 0
            item.verified = False
            if item.found_by == "model":
                left_out.append(item)
                continue
            key = ("unverified", _norm(item.evidence), _norm(item.action))
            if key in seen:
                continue
            seen.add(key)
            placed.append((len(source.text) + len(placed), item))
    placed.sort(key=lambda p: p[0])
    return [item for _, item in placed]


def _dup_in_sentence(
    item: Item, placed: list[tuple[int, Item]], sentence: tuple[int, int], source: SourceIndex
) -> bool:
    """Two items from one sentence are the same when their actions overlap mostly."""
    words = set(_norm(item.action).split())
    for pos, other in placed:
        if source.sentence_of(pos) == sentence:
            other_words = set(_norm(other.action).split())
            if not words or not other_words:
                return True
            if len(words & other_words) / min(len(words), len(other_words)) >= 0.6:
                return True
    return False


def _merge_entities(entities: list[Entity], source: SourceIndex) -> list[Entity]:
    """Entities named in the article, once each; a name the article never uses is invented."""
    article_words = set(_norm(source.text).split())
    merged: dict[str, Entity] = {}
    for e in entities:
        key = _norm(e.name)
        significant = [w for w in key.split() if len(w) > 2 and w not in _NAME_FILLERS]
        if not key or not all(w in article_words for w in significant or key.split()):
            continue
        if key in merged:
            if not merged[key].role and e.role:
                merged[key].role = e.role
        else:
            kind = (e.type or "").strip().lower().replace("organization", "organisation")
            merged[key] = Entity(
                e.name.strip(), kind if kind in ENTITY_TYPES else "other", e.role.strip()
            )
    return list(merged.values())


def _unique_strings(values: object) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for v in values:  # type: ignore[attr-defined]
        key = _norm(v)
        if key and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _norm(s: str) -> str:
    """Lower-cased words with punctuation removed ("Labour's" -> "labours"), single-spaced."""
    return " ".join(_PUNCTUATION.sub("", s.lower()).split())
