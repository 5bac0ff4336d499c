"""Commitments (who promised what, by when) and asks (who requested what of whom) in an article.

`find` reads the article sentence by sentence, in order, keeping what the sentences before
established (who spoke last, who the paragraph reports as announcing, the last person of each
gender): `asks` reads a sentence for requests, `commitments` for pledges (a sentence whose ask
is a noun, "a call for him to pause from X", keeps its commitment too), both through
`attribution`. A restated pledge is one item. Evidence is always the verbatim sentence slice of
the article text. Time is linear in the text: lookups are indexed, dedup reads only an actor's
recent items.
"""

from __future__ import annotations

import re

from briefing.models import Ask, Commitment
from briefing.offline.asks import (
    _ask,
)
from briefing.offline.attribution import (
    _AGENT_TYPES,
    _PRONOUN,
    _SAY_GATE,
    _agent,
    _attribute,
    _Ctx,
    _is_agent,
    _lower_pattern,
    _not_subject,
    _reported_speaker,
    _Sentence,
    _subject_before,
    _women,
)
from briefing.offline.commitments import (
    _commitment,
)
from briefing.offline.entities import EntityIndex
from briefing.offline.lexicon import content_words

# Cheap gate: a sentence with none of these words holds no commitment or ask.
_ANY_TRIGGER = _lower_pattern(
    r"\b(?:urg|call|appeal|demand|request|plead|implor|press|ask|want|tell|told|lobb|encourag|should"
    r"|looking for|looks for|looked for|look to|looks to|looking to|expect"
    r"|must|ought|need|has to|have to|had to|vital|essential|crucial|imperative"
    r"|time (?:that|for|to)|high time|about time|to insist"
    r"|challeng|invit|instruct|advis|persuad|pressur|beg|order|warn|like"
    r"|pledg|promis|vow|guarantee|commit|agree|undertak|offer|intend|intention|plan|hop|aim|determined|threat|refus"
    r"|prepared|ready|willing|resolved|announc|confirm|will|won't|shall|would|'ll|’ll|is to|are to"
    r"|trying to|tries to|working to|works to"
    r"|being|proposal|rul|to be|also to|now to|seek|recommend|plans for|decision|decided"
    r"|unveil|approved|outlined|set out|launch|publish|initiative|strateg|scheme|blueprint"
    r"|going to)|'ll|’ll",
)


class Speakers(dict[int, str]):
    """For each sentence (by its start), whose statement it likely is: its quotation's speaker,
    the one it reports, else the first agent it names. `reported` holds the starts of the
    sentences whose speaker is quoted or reported, not only named."""

    def __init__(self) -> None:
        super().__init__()
        self.reported: set[int] = set()


def find(
    text: str, spans: list[tuple[int, int]], index: EntityIndex
) -> tuple[list[Commitment], list[Ask], Speakers]:
    """Commitments and asks stated in the given sentences, deduplicated, in article order; and,
    for each sentence, who it reports or is about, for the role ranker (`roles.py`) to weigh
    when the judge finds an item the rules did not read."""
    women = _women(text, index)
    sents = _attribute(text, spans, index, women)
    commitments: list[Commitment] = []
    asks: list[Ask] = []
    speakers = Speakers()
    seen_c = _Seen()
    seen_a = _Seen()
    ctx = _Ctx(index, text, women=women)
    prev_end = 0
    scanned = 0  # people named before this offset have been seen
    # whether the last sentence and the one before it report someone's words
    reported_last = reported_before = False
    last_reporter = ""  # the person the last sentence reported, if it reported one
    for s in sents:
        if "\n" in text[prev_end : s.start]:  # a new paragraph
            ctx.prev_announcer = ctx.announcer or ctx.prev_announcer
            ctx.announcer = ""
            ctx.last_actor = ""
        prev_end = s.end
        ctx.position = s.start
        pronoun = _PRONOUN.search(s.text)
        cutoff = s.start + (pronoun.start() if pronoun else 0)
        named = [m for m in index.mentions_between(scanned, cutoff) if m.type == "person"]
        scanned = max(scanned, cutoff)
        for m in named:
            if _not_subject(text, m.start, m.end):
                continue  # "because of Mr Brown's management": not who "he" will be
            if m.name in ctx.women:
                ctx.last_she = m.name
            else:
                ctx.last_he = m.name
        if named:
            ctx.last_person = named[-1].name
        elif s.speaker and index.type_of(s.speaker) == "person":
            ctx.last_person = s.speaker
        if last_reporter and _GOES_ON.match(s.text):
            # "Neil Kinnock said Mr Blair and Mr Brown could ... He told Radio Five that ...":
            # "he" goes on reporting, so he is the one reported before, not the last man named.
            if last_reporter in ctx.women:
                ctx.last_she = last_reporter
            else:
                ctx.last_he = last_reporter
        body = s.text
        ctx.reported_recently = reported_last or reported_before
        reported_before = reported_last
        ctx.reporter = ""
        ctx.keep_commitment = False
        if _ANY_TRIGGER.search(s.low) and not body.rstrip("\"”’' ").endswith("?"):
            found = _ask(s, ctx)
            if found:
                for a in found:
                    if not seen_a.duplicate(a.actor, a.action):
                        asks.append(a)
                        ctx.last_actor = a.actor
                    if a.addressee:
                        ctx.last_asker, ctx.last_addressee = a.actor, a.addressee
            if not found or ctx.keep_commitment:
                c = _commitment(s, ctx)
                # A restated pledge is one commitment (by its content, also within a quotation:
                # a quotation can hold several distinct pledges).
                if c and not seen_c.duplicate(c.actor, c.action):
                    commitments.append(c)
                if c:
                    ctx.last_actor = c.actor
        reporter = s.speaker or ctx.reporter or _reported_speaker(s.text, ctx)
        speakers[s.start] = reporter or _first_agent(s, ctx)
        # (only one the sentence names: a quotation's speaker carried over is a guess)
        named_reporter = index.type_of(reporter) == "person" and reporter.split()[-1] in s.text
        last_reporter = reporter if named_reporter else ""
        if reporter:
            speakers.reported.add(s.start)
        _note_announcer(s, ctx)
        reported_last = bool(reporter)
        opening = _BODY_SUBJECT.match(s.text)
        if opening:
            ctx.last_body_subject = opening.group("body")
        group = _GROUP_SUBJECT.match(s.text)
        owner = str(group.group("owner") or "") if group else ""
        plural = str(group.group("np")) if group else ""
        ctx.last_group = index.canonical(owner) if owner else plural
        agents = [m for m in index.mentions_between(s.start, s.end) if m.type in _AGENT_TYPES]
        if agents:
            ctx.last_agent = agents[-1].name
    return commitments, asks, speakers


# A sentence that goes on reporting: "He told BBC Radio Five Live that ...", "She added: ...".
_GOES_ON = re.compile(
    r"(?:He|She)\s+(?:also\s+|later\s+|then\s+|again\s+)?(?:said|says|told|tells|added|adds"
    r"|warned|insisted|argued|claimed|stressed|went\s+on)\b"
)


def _first_agent(s: _Sentence, ctx: _Ctx) -> str:
    """The first person, body or country the sentence names ('' when none)."""
    agents = [m for m in ctx.index.mentions_between(s.start, s.end) if m.type in _AGENT_TYPES]
    return agents[0].name if agents else ""


class _Seen:
    """Items already kept, by actor, so a restatement is found without comparing every pair
    (time stays linear in the number of items: only the recent items of one actor are read)."""

    RECENT = 40

    def __init__(self) -> None:
        self._by_actor: dict[str, list[set[str]]] = {}
        self._exact: set[tuple[str, frozenset[str]]] = set()

    def duplicate(self, actor: str, action: str) -> bool:
        bag = set(content_words(action))
        if not bag:
            return False
        key = (actor, frozenset(bag))
        if key in self._exact:
            return True
        bags = self._by_actor.setdefault(actor, [])
        for other in bags[-self.RECENT :]:
            if len(bag & other) / min(len(bag), len(other)) >= 0.6:
                return True
        bags.append(bag)
        self._exact.add(key)
        return False


_ANNOUNCE = re.compile(
    r"\b(?:has\s+|have\s+|had\s+)?(?:announced|announces|unveiled|unveils|set\s+out|sets\s+out"
    r"|outlined|outlines|published|publishes|launched|launches|proposed|proposes|revealed"
    r"|reveals|pledged|pledges|promised|promises|confirmed|confirms|said|says|plans|wants"
    r"|will\s+(?:also\s+)?(?:announce|unveil|publish|set\s+out|outline))\b"
)


def _note_announcer(s: _Sentence, ctx: _Ctx) -> None:
    """Remember who the paragraph says is announcing: the subject of "announced", "said",
    "unveiled" ..., or the speaker of a quotation or a reported clause."""
    who = ""
    if not s.speaker and not _SAY_GATE.search(s.low) and "plans" not in s.low:
        return
    m = _ANNOUNCE.search(s.text)
    if m and re.search(r"\b(?:was|were|been|being|be)\s+(?:also\s+)?$", s.text[: m.start()]):
        m = None  # "was also announced": the thing announced, not who announced it
    if m:
        subj = _subject_before(s.text[: m.start()], ctx)
        who = _agent(subj, s, ctx) if subj else ""
        if who and not _is_agent(who, subj, ctx.index, s):
            who = ""
    if not who:
        who = s.speaker or _reported_speaker(s.text, ctx)
    if who and who not in ("I", "we", "We", "it", "they"):
        ctx.announcer = who
        if not ctx.doc_announcer:
            ctx.doc_announcer = who


# A sentence opening on a body named by its kind ("The committee also highlighted ..."): what a
# later "it" can stand for when no body is named.
_BODY_SUBJECT = re.compile(
    r"(?:The|the)\s+(?P<body>committee|commission|report|inquiry|council|watchdog|union|board"
    r"|panel|agency|authority|review|study|survey|charity|group|organisation|government)\b"
)

# A plural subject opening a sentence: "Five public sector unions met ...", "Labour's new posters
# say ...", "The Tories want ...".
_GROUP_SUBJECT = re.compile(
    r"(?:(?:The|Some|Many|All|Both|Several|Other|Most|Two|Three|Four|Five|Six|Seven|Eight|Nine"
    r"|Ten|\d[\d,]*)\s+)?(?:(?P<owner>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3})['’]s\s+)?"
    r"(?P<np>(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*[^s\W]s)\s+(?:have|had|are|were|say|said|want"
    r"|wanted|met|will|would|urge|urged|call|called|also|plan|planned)\b"
)
