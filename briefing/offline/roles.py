"""Who acts, and who is asked, in a sentence the rules read nothing in: a learned ranker.

When the sentence judge (`judge.py`) puts a sentence forward, the rules have no reading of it
to take an actor from. Guessing its speaker named the right party for fewer than half of such
items on the annotated articles. The ranker instead scores every party the article names (its
people, organisations and countries, "the government", and for the one asked the words standing
where the act's subject or object would stand) by where it stands in the sentence (before or
after the act, after "urged" or "by", as a possessive), how recently the article named it, how
often, and whether the sentence reports its words; it takes the best. One logistic regression
per role (a commitment's actor, an ask's actor, an ask's addressee) over those features and
their pairs, trained on the same annotated articles as the judge, by the same script
(`benchmarks/train_sentence_judge.py`).

Inference is a dictionary lookup per feature: no dependency beyond the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefing.offline.entities import EntityIndex
from briefing.offline.linear import LinearModel, models_from_json, shipped_models, sigmoid
from briefing.offline.obligations import Speakers

ROLES = ("commitment", "ask", "addressee")
GOVERNMENT = "the government"
# A candidate the ranker scores below this is no better than naming nobody (addressees only:
# an ask always has someone asking).
ADDRESSEE_FLOOR = 0.3

_AGENT_TYPES = ("person", "organisation", "country")
_ASKED_BY = re.compile(
    r"\b(?:urg\w*|call\w*\s+on|ask\w*|press\w*|told|tell\w*|appeal\w*\s+to|demand\w*\s+(?:that\s+)?"
    r"|invit\w*|challeng\w*|warn\w*|lobby\w*|persuad\w*|convinc\w*)\s+(?:the\s+)?$",
    re.I,
)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_OPENING_PRONOUN = re.compile(r"^\W*(he|she|they|it|we|i|his|her|their|its)\b", re.I)
_GOVERNMENT = re.compile(
    r"\b(?:the\s+)?government\b|\bministers\b|\bwhitehall\b|\bdowning street\b", re.I
)
_THE_ROLE = re.compile(r"\bthe\s+([a-z]+(?:\s+[a-z]+)?)\b")
_QUOTE = re.compile(r"[\"“”]")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# The act's verb: a modal or a pledge has its actor before it, a request its addressee after it.
_BEFORE_ACT = re.compile(
    r"^(?:should|must|ought|need|needs|needed|has|have|will|would|shall|is|are|'ll|’ll|wants?"
    r"|plans?|pledg|promis|vow|agree|aims?|hopes?|intends?)",
    re.I,
)
_CLAUSE_START = re.compile(
    r"(?:^|[,;:(\"“”]|\b(?:that|and|but|which|who|whom|why|how|what|whether|where|if|when|because"
    r"|after|before|while|as|said|says"
    r"|say|told|tells?|suggest\w*|argu\w*|believ\w*|think\w*|thought|warn\w*|insist\w*|add\w*"
    r"|claim\w*|stress\w*|accept\w*|agree\w*|feel\w*|felt|know\w*|knew|recommend\w*|propos\w*"
    r"|demand\w*)\b)\s*",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:being\s+)?$", re.I)
_OBJECT = re.compile(r"((?:[\w'’-]+\s+){0,6}?[\w'’-]+)\s+(?:to|for|not)\b")
_AUXILIARY = frozenset("has have had is are was were been being did does do".split())
_PRONOUN_ONLY = re.compile(r"(?i)(?:he|she|they|it|we|i|you|this|that|there)$")


def act_phrase(sentence: str, act: re.Match[str] | None) -> tuple[str, str] | None:
    """The words standing where the act's subject (before a modal or pledge), object (after a
    request) or passive subject ("... is being urged") would stand, with which of the three it
    is; None when there are none or too many."""
    if not act:
        return None
    before = sentence[: act.start()]
    passive = _PASSIVE_BEFORE.search(before)
    if passive or _BEFORE_ACT.match(act.group(0).strip()):
        # "Ministers should ...", and "Tony Blair is being urged to ..." (the one asked)
        before = before[: passive.start()] if passive else before
        starts = list(_CLAUSE_START.finditer(before))
        words = before[starts[-1].end() if starts else 0 :].split()
        kind = "passive" if passive else "subject"
        while words and words[-1].lower() in _AUXILIARY:  # "Ministers have [been asked]"
            words.pop()
        # words with a verb of their own are a clause, not who acts ("X has defended plans to")
        if not 1 <= len(words) <= 7 or _AUXILIARY.intersection(w.lower() for w in words):
            return None
        return kind, " ".join(words)
    after = _OBJECT.match(sentence[act.end() :])
    if after and act.group(0).split()[-1].lower() == "for" and not after.group(0).endswith("to"):
        return None  # "a call for stronger powers in a paper for ...": what is asked for
    return ("object", after.group(1)) if after else None


class Parties:
    """The parties of one article and where each sentence names them, read once per article."""

    def __init__(
        self, text: str, spans: list[tuple[int, int]], index: EntityIndex, speakers: Speakers
    ) -> None:
        self.text, self.spans, self.index, self.speakers = text, spans, index, speakers
        self.names = list(dict.fromkeys(e.name for e in index.entities if e.type in _AGENT_TYPES))
        self._agents = frozenset(self.names)
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in index.mentions:
            counts[m.name] = counts.get(m.name, 0) + 1
            first.setdefault(m.name, m.start)
        by_count = sorted(self.names, key=lambda n: -counts.get(n, 0))
        self.rank = {n: i for i, n in enumerate(by_count)}
        named_first = sorted((first[n], n) for n in self.names if n in first)
        self.first_named = named_first[0][1] if named_first else ""
        self.title = text.split("\n", 1)[0]
        self.government_count = len(_GOVERNMENT.findall(text))
        self._named: list[list[tuple[int, int, str]] | None] = [None] * len(spans)

    def speaker(self, k: int) -> str:
        """Whose statement sentence k likely is, by full name: whom it quotes or reports, else
        the first agent it names ('' when none)."""
        return self.index.canonical(self.speakers.get(self.spans[k][0], "") or "")

    def reporter(self, k: int) -> str:
        """The person, body or country sentence k quotes or reports, by full name ('' when
        nobody, or when the one reporting is not a party the article names: "a spokesman")."""
        if self.spans[k][0] not in self.speakers.reported:
            return ""
        name = self.speaker(k)
        return name if name in self._agents else ""

    def named_in(self, k: int) -> list[tuple[int, int, str]]:
        """(start, end, party) of each party sentence k names, by name or as "the <role>" of a
        person whose role the article states ("the chancellor")."""
        cached = self._named[k]
        if cached is not None:
            return cached
        s0, s1 = self.spans[k]
        names = set(self.names)
        found = [
            (m.start, m.end, m.name) for m in self.index.mentions_between(s0, s1) if m.name in names
        ]
        for m in _THE_ROLE.finditer(self.text, s0, s1):
            for word in reversed(m.group(1).split()):
                person = self.index.person_with_role(word)
                if person:
                    found.append((m.start(), m.end(), person))
                    break
        found.sort()
        self._named[k] = found
        return found

    def pick(
        self, k: int, act: re.Match[str] | None, ranker: Ranker | None = None
    ) -> tuple[str, str, str]:
        """Sentence k's likeliest actor of a commitment, actor of an ask, and addressee of that
        ask ('' when no candidate is likely enough), by their full names ("Mr Blair" is
        "Tony Blair")."""
        candidates = self.features(k, act)
        parties = for_role("commitment", candidates)
        committer = best(parties, "commitment", ranker)
        asker = best(parties, "ask", ranker)
        asked = best(candidates, "addressee", ranker, ADDRESSEE_FLOOR, other_than=asker)
        full = self.index.canonical
        return full(committer), full(asker), full(asked) if asked else ""

    def features(self, k: int, act: re.Match[str] | None) -> dict[str, set[str]]:
        """Each candidate for sentence k's actor or addressee, with what the ranker sees of it."""
        s0, s1 = self.spans[k]
        sentence = self.text[s0:s1]
        at = s0 + (act.start() if act else len(sentence) // 2)
        after_act = s0 + (act.end() if act else len(sentence) // 2)
        named = self.named_in(k)
        speaker = self.speaker(k)
        opening = _OPENING_PRONOUN.match(sentence)
        pronoun = opening.group(1).lower() if opening else "none"
        before = self.named_in(k - 1) if k else []
        previous_first = before[0][2] if before else ""
        quoted = bool(_QUOTE.search(sentence))
        out: dict[str, set[str]] = {}
        phrase = act_phrase(sentence, act)
        if phrase:
            kind, words = phrase
            f = {"PH", "ph:" + kind, f"phlen:{min(len(words.split()), 5)}"}
            if _PRONOUN_ONLY.match(words):
                f.add("ph:pron")
            if any(w[:1].isupper() for w in words.split()):
                f.add("ph:cap")
            if any(n[2].split()[-1] in words for n in named):
                f.add("ph:hasname")
            if words.lower().startswith("the "):
                f.add("ph:the")
            out[words] = f
        for name in [*self.names, GOVERNMENT]:
            f = self._government(sentence, s0, at, after_act) if name == GOVERNMENT else set()
            if name == GOVERNMENT:
                f.add("pron:" + pronoun + ":GOV")
            else:
                f |= self._named_features(k, name, named, at, after_act, s0)
                kind = self.index.type_of(name) or "person"
                here = "in" if "in" in f else "out"
                f.add("pron:" + pronoun + ":" + kind + ":" + here)
                if name == previous_first:
                    f |= {"prevfirst", "prevfirst:" + pronoun}
            if speaker and name == speaker:
                f |= {"speaker", "speaker:" + ("q" if quoted else "nq")}
                f.add("speaker:" + ("in" if "in" in f else "out"))
            out.setdefault(name, f)
        return out

    def _government(self, sentence: str, s0: int, at: int, after_act: int) -> set[str]:
        f = {"GOV", f"govc:{min(self.government_count, 6)}"}
        found = list(_GOVERNMENT.finditer(sentence))
        if found:
            f.add("in")
            for m in found:
                if s0 + m.start() < at:
                    f.add("before")
                if s0 + m.start() >= after_act:
                    f.add("after")
                if _ASKED_BY.search(sentence[: m.start()]):
                    f.add("urged")
                if _BY.search(sentence[: m.start()]):
                    f.add("by")
            if found[0].start() < 4:
                f.add("start")
        return f

    def _named_features(
        self,
        k: int,
        name: str,
        named: list[tuple[int, int, str]],
        at: int,
        after_act: int,
        s0: int,
    ) -> set[str]:
        kind = self.index.type_of(name) or "person"
        f = {"type:" + kind}
        mine = [n for n in named if n[2] == name]
        if mine:
            f |= {"in", "in:" + kind}
            if named[0][2] == name:
                f.add("firstm")
            for a, b, _ in mine:
                if a < at:
                    f.add("before")
                    if at - b < 30:
                        f.add("near_before")
                    if at - b < 12:
                        f.add("adj_before")
                if a >= after_act:
                    f.add("after")
                if a - s0 < 4:
                    f.add("start")
                if _ASKED_BY.search(self.text[max(s0, a - 40) : a]):
                    f.add("urged")
                if _BY.search(self.text[max(s0, a - 10) : a]):
                    f.add("by")
                if _POSSESSIVE_AFTER.match(self.text[b : b + 2]):
                    f.add("poss")
            if not any(a < at for a, _, _ in mine):
                f.add("only_after")
        else:
            f.add("notin")
        gap = next(
            (
                k - j
                for j in range(k - 1, max(-1, k - 8), -1)
                if any(n[2] == name for n in self.named_in(j))
            ),
            None,
        )
        f.add("gap:" + (str(gap) if gap is not None and gap < 4 else "far" if gap else "none"))
        f.add(f"rank:{min(self.rank.get(name, 9), 4)}")
        if name == self.first_named:
            f.add("docfirst")
        if name in self.title or name.split()[-1] in self.title:
            f.add("title")
        return f


def for_role(role: str, candidates: dict[str, set[str]]) -> dict[str, set[str]]:
    """The candidates the ranker weighs for a role: the words where the act's subject or object
    stands only for an addressee ("some Pakistanis", "schools"); as an actor they were as often
    a thing ("The constitution will be incorporated") as someone acting."""
    if role == "addressee":
        return candidates
    return {name: f for name, f in candidates.items() if "PH" not in f}


def paired(feats: set[str]) -> list[str]:
    """The features and every pair of them (the ranker weighs combinations: "before" means
    something else for a person than for a country)."""
    ordered = sorted(feats)
    return ordered + [a + "&" + b for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


@dataclass(frozen=True)
class Ranker:
    """One model per role: a commitment's actor, an ask's actor, an ask's addressee."""

    models: dict[str, LinearModel]

    @classmethod
    def from_json(cls, raw: dict[str, dict[str, Any]]) -> Ranker:
        return cls(models_from_json(raw))

    def score(self, role: str, feats: set[str]) -> float:
        """The log-odds that the candidate with these features holds the role."""
        return self.models[role].log_odds(paired(feats))


@cache
def shipped() -> Ranker:
    return Ranker(shipped_models("role_weights.json"))


def best(
    candidates: dict[str, set[str]],
    role: str,
    ranker: Ranker | None = None,
    floor: float = 0.0,
    other_than: str = "",
) -> str:
    """The candidate the ranker scores highest for the role (never `other_than`: who asks is
    not who is asked), or '' when its probability is below `floor`."""
    model = ranker or shipped()
    scored = [(model.score(role, f), name) for name, f in candidates.items() if name != other_than]
    if not scored:
        return ""
    top, name = max(scored)
    return name if sigmoid(top) >= floor else ""
