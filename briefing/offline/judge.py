"""A learned second opinion on each sentence: does it hold a commitment, an ask, or neither?

The rules read a sentence's structure but were written from a few dozen articles and miss or
misread about half of what a careful reader finds in articles they were not written on. The
judge is two logistic regressions (commitment, ask) over a sentence's words, word pairs, word
shapes and what the rules read in it, trained on 351 hand-annotated BBC politics articles
(`benchmarks/train_sentence_judge.py`; none of them in `../shared/eval`). It drops a rules' item
in a sentence it finds very unlikely to hold one, and puts forward a sentence the rules read
nothing in when it finds one likely; `extract` turns that sentence into an item marked
`found_by` "judge", never verified, listed under "Check these" for a reader to judge. Who acts
in it, and who is asked, the role ranker (`roles.py`) names.

Inference is a dictionary lookup per feature: no dependency beyond the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefing.models import Ask, Commitment
from briefing.offline import roles
from briefing.offline.attribution import (
    _CONDITION,
    _DEADLINE,
    _HEDGE,
    _action,
    _said_by,
    _speculative_before,
)
from briefing.offline.commitments import _stance
from briefing.offline.linear import LinearModel, models_from_json, shipped_models

# Chosen by five-fold cross-validation on the training articles (benchmarks/README.md), not on
# any evaluation set: below KEEP a rules' item is dropped, from ADD up a sentence is put forward.
KEEP = 0.1
ADD = 0.6

_WORD = re.compile(r"[a-z']+|\d+|[\"“”]")
_TOKEN = re.compile(r"[A-Za-z'’]+|\d+|[\"“”]")


def features(
    sentence: str, position: int, commitment: Commitment | None, ask: Ask | None
) -> set[str]:
    """What the judge sees of a sentence: its words and word pairs, its word pairs and triples
    with capitalised words (names) as one shape, quotation, length, position in the article,
    and what the rules read in it."""
    low = sentence.lower().replace("’", "'").replace("‘", "'")
    words = _WORD.findall(low)
    out = {"w:" + w for w in words}
    out |= {"b:" + a + "_" + b for a, b in zip(words, words[1:], strict=False)}
    tokens = _TOKEN.findall(sentence)
    shapes = ["CAP" if i and t[:1].isupper() else t.lower() for i, t in enumerate(tokens)]
    out |= {"m:" + a + "_" + b for a, b in zip(shapes, shapes[1:], strict=False)}
    out |= {
        "t:" + a + "_" + b + "_" + c
        for a, b, c in zip(shapes, shapes[1:], shapes[2:], strict=False)
    }
    if re.match(r"\s*[\"“]", sentence):
        out.add("startquote")
    if re.search(r"[\"“”]", sentence):
        out.add("hasquote")
    if commitment:
        out |= {
            "RC",
            "RC:stance:" + commitment.stance,
            f"RC:cond:{int(commitment.conditional)}",
            f"RC:saidby:{int(bool(commitment.said_by))}",
        }
    if ask:
        out |= {"RA", f"RA:addr:{int(bool(ask.addressee))}"}
    if not commitment and not ask:
        out.add("NONE")
    out.add(f"len:{min(len(words) // 10, 5)}")
    out.add(f"pos:{min(position, 5)}")
    return out


@dataclass(frozen=True)
class Judge:
    """The two models: how likely a sentence holds a commitment, and an ask."""

    commitment: LinearModel
    ask: LinearModel

    @classmethod
    def from_json(cls, raw: dict[str, dict[str, Any]]) -> Judge:
        models = models_from_json(raw)
        return cls(models["commitment"], models["ask"])

    def __call__(self, feats: set[str]) -> tuple[float, float]:
        return self.commitment.probability(feats), self.ask.probability(feats)


@cache
def shipped() -> Judge:
    """The judge trained by benchmarks/train_sentence_judge.py, loaded once."""
    models = shipped_models("judge_weights.json")
    return Judge(models["commitment"], models["ask"])


def probabilities(feats: set[str]) -> tuple[float, float]:
    """How likely the sentence holds a commitment, and an ask (the shipped judge)."""
    return shipped()(feats)


# Where a sentence states its act: after a modal or pledge (commitments), after a request
# (asks). The action is the clause that follows, cut as the rules cut theirs.
_COMMIT_AT = re.compile(
    r"\b(?:will|won't|would|shall|'ll|’ll|is\s+to|are\s+to|going\s+to|plans?\s+to|intends?\s+to"
    r"|pledged?\s+to|promised?\s+to|vowed?\s+to|aims?\s+to|hopes?\s+to|wants?\s+to|agreed\s+to"
    r"|committed\s+to|ready\s+to|prepared\s+to|determined\s+to|pledg\w*|promis\w*|announc\w*)\s+",
    re.I,
)
_ASK_AT = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|needed\s+to|has\s+to|have\s+to|urg\w+|call\w*\s+on"
    r"|call\w*\s+for|ask\w*|demand\w*|appeal\w*\s+(?:to|for)|press(?:es|ed|ing)?|want\w*)\s+",
    re.I,
)


# What the rules rule out by meaning, the judge may not put back: a hedge or forecast ("highly
# unlikely he would", "the tax credit would rise"), a consequence ("would mean"), a thing done
# to the subject ("will be asked to"), a condition's own clause ("if he does want to"), a wish
# about a thing ("the money Britain wanted to spend", "the kind of thing we want to stop").
_NOT_AN_ACT = re.compile(
    r"\b(?:would|will|could|might)\s+(?:not\s+)?(?:\w+ly\s+)?mean\b"
    r"|\b(?:will|would)\s+(?:rise|fall|increase|decrease|go\s+up|go\s+down|drop|grow|double|soar)\b"
    r"|\b(?:will|would|is\s+to|are\s+to)\s+be\s+(?:asked|told|given|offered|forced|made|allowed"
    r"|expected|obliged|required)\b|\b(?:if|unless|whether)\s+(?:[\w'’-]+\s+){1,4}(?:does|do)\s+want"
    r"|\b(?:the|a)\s+(?:\w+\s+){1,3}(?:we|they|he|she|i|[A-Z][a-z]+)\s+(?:want|wanted|wants)\s+to\b",
    re.I,
)


def _ruled_out(sentence: str, at: int) -> bool:
    low = sentence.lower()
    return bool(_NOT_AN_ACT.search(sentence) or _HEDGE.search(low) or _speculative_before(low, at))


_ACT = re.compile(f"{_COMMIT_AT.pattern}|{_ASK_AT.pattern}", re.I)


def _put_forward(sentence: str, act: re.Pattern[str]) -> tuple[str, re.Match[str]] | None:
    """The action of an item the judge puts forward in this sentence (the clause after its
    act) and where the act is stated, or None when it states no act of this kind or the rules'
    reading of meaning rules it out."""
    at = act.search(sentence)
    if not at or _ruled_out(sentence, at.start()):
        return None
    action = _action(sentence, at.end())
    if not action or _PASSIVE_AGENT.match(action):
        # "Targets have been announced by the lord chancellor": what is announced is the subject.
        subject = _PASSIVE_AUXILIARY.sub("", sentence[: at.start()])
        action = _action(subject, 0) or _action(sentence, 0)
    return action, at


_PASSIVE_AGENT = re.compile(r"by\s+(?:the\s+)?[A-Za-z]")
_PASSIVE_AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|is|are|was|were|will|would|also|now|been|being|be))+\s*$", re.I
)
# A negation just before the act: "we are not going to", "they don't want to", "never agreed to".
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno\s+longer)\s+(?:[a-z]+\s+)?$", re.I)


def _reading(sentence: str, act: re.Match[str], actor: str, speaker: str) -> dict[str, Any]:
    """What the rules would read of an item in this sentence beside its parties: who reports
    it when that is not its actor, its deadline, its condition, and whether it is a refusal."""
    low = sentence.lower()
    deadline = _DEADLINE.search(low, act.start())
    refused = (
        _NEGATED.search(sentence[: act.start()])
        or _stance(sentence[act.end() :], act.group(0)) == "refuse"
    )
    return {
        "said_by": _said_by(speaker, actor),
        "deadline": sentence[deadline.start() : deadline.end()] if deadline else "",
        "conditional": bool(_CONDITION.search(low)),
        "stance": "refuse" if refused else "commit",
    }


def judged(
    text: str,
    spans: list[tuple[int, int]],
    commitments: list[Commitment],
    asks: list[Ask],
    parties: roles.Parties,
    judge: Callable[[set[str]], tuple[float, float]] = probabilities,
    ranker: roles.Ranker | None = None,
) -> tuple[list[Commitment], list[Ask]]:
    """The rules' items the judge does not rule out, and an item for each sentence it finds
    likely to hold one the rules did not read, in article order. (`judge` and `ranker` are the
    models: the shipped ones, or ones being trained.)"""
    by_sentence_c: dict[str, list[Commitment]] = {}
    by_sentence_a: dict[str, list[Ask]] = {}
    for c in commitments:
        by_sentence_c.setdefault(c.evidence, []).append(c)
    for a in asks:
        by_sentence_a.setdefault(a.evidence, []).append(a)
    out_c: list[Commitment] = []
    out_a: list[Ask] = []
    for k, (start, end) in enumerate(spans):
        sentence = text[start:end]
        rules_c = by_sentence_c.pop(sentence, [])
        rules_a = by_sentence_a.pop(sentence, [])
        if not rules_c and not rules_a and not _ACT.search(sentence):
            continue  # nothing to keep, and no act stated to put forward: not worth judging
        pc, pa = judge(
            features(sentence, k, rules_c[0] if rules_c else None, rules_a[0] if rules_a else None)
        )
        # whoever the rules found acting in the sentence, else the ranker's pick
        named = [x.actor for x in rules_c] + [x.actor for x in rules_a]
        ruled = named[0] if named else ""
        if rules_c:
            out_c += rules_c if pc >= KEEP else []
        elif pc >= ADD and (put := _put_forward(sentence, _COMMIT_AT)) is not None:
            action, act = put
            actor = ruled or parties.pick(k, act, ranker)[0]
            read = _reading(sentence, act, actor, parties.reporter(k))
            out_c.append(Commitment(actor, action, evidence=sentence, found_by="judge", **read))
        if rules_a:
            out_a += rules_a if pa >= KEEP else []
        elif pa >= ADD and (put := _put_forward(sentence, _ASK_AT)) is not None:
            action, act = put
            _, asker, addressee = parties.pick(k, act, ranker)
            actor = ruled or asker
            addressee = "" if addressee == actor else addressee
            read = _reading(sentence, act, actor, parties.reporter(k))
            del read["stance"]  # an ask has no stance
            out_a.append(Ask(actor, addressee, action, evidence=sentence, found_by="judge", **read))
    # Items whose evidence is not one sentence of the spans (none today) are kept as they are.
    for rest_c in by_sentence_c.values():
        out_c += rest_c
    for rest_a in by_sentence_a.values():
        out_a += rest_a
    return out_c, out_a
