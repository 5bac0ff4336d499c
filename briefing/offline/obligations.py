"""Commitments (who promised what, by when) and asks (who requested what of whom).

Sentence by sentence: a trigger (pledge verbs, "will" by an agent about itself, request verbs,
"should/must" demands in reported speech), then exclusions (speculation, hypotheticals, completed
past actions, "should have" criticism), then attribution: the grammatical subject, resolved
through quotations ("..., Sar Kheng wrote") and pronouns ("he said" -> the last named speaker).
Evidence is always the verbatim sentence slice of the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.models import Ask, Commitment
from briefing.offline.entities import EntityIndex
from briefing.offline.gazetteer import COUNTRIES
from briefing.offline.lexicon import content_words


def _lower_pattern(pattern: str) -> re.Pattern[str]:
    """Compile for lower-cased text: far faster than re.I on long alternations."""
    return re.compile(pattern.replace(r"\W", "[^\\w]").lower())


def _lower(t: str) -> str:
    """Lower-case with offsets kept (a few characters change length when lower-cased)."""
    low = t.lower()
    return (
        low if len(low) == len(t) else "".join(c if len(c.lower()) != 1 else c.lower() for c in t)
    )


# --- triggers -------------------------------------------------------------------------------

_ASK = _lower_pattern(
    r"\b(?:urg(?:es|ed|ing|e)|call(?:s|ed|ing)?\s+(?:[\w']+\s+){0,3}?(?:on|upon|for)\b|appeal(?:s|ed|ing)?\s+(?:to|for)"
    r"|demand(?:s|ed|ing)?|request(?:s|ed|ing)?|plead(?:s|ed|ing)?|implor(?:es|ed|ing|e)"
    r"|press(?:es|ed|ing)?\s+(?:[\w'’]+\s+){0,6}?(?:to|for)\b"
    r"|ask(?:s|ed|ing)?\s+(?:[\w'’]+\s+){0,6}?(?:to|for)\b"
    r"|want(?:s|ed)?\s+(?:[\w'’]+\s+){1,5}?to\b"
    r"|(?:tell|tells|telling|told)\s+(?:[\w'’]+\s+){1,4}?to\b"
    r"|lobb(?:ies|ied|ying|y)\s+(?:[\w'’]+\s+){0,4}?(?:to|for)\b"
    r"|encourag(?:es|ed|e)\s+(?:[\w'’]+\s+){1,4}?to\b)",
)
_DEMAND = _lower_pattern(
    r"\b(?:should|must|ought\s+to|needs?\s+to|needed\s+to|has\s+to|have\s+to)\b(?!\s+(?:have|not\s+have)\b)",
)
_VITAL = _lower_pattern(
    r"\b(?:it\s+is|it's)\s+(?:vital|essential|crucial|imperative|time)\s+(?:that|for|to)\b"
)
_PLEDGE = _lower_pattern(
    r"\b(?:pledg(?:es|ed|ing|e)|promis(?:es|ed|ing|e)|vow(?:s|ed|ing)?|guarantee(?:s|d)?"
    r"|(?:is|are|was|were|be|been|remain|remains)\s+(?:\w+\s+)?committed\s+to"
    r"|commit(?:s|ted|ting)?\s+(?:itself|themselves|himself|herself|ourselves|myself)?\s*to"
    r"|commitment(?:\s+and\s+\w+)?\s+to|agree(?:s|d)?\s+to|undertak(?:es|en|e)\s+to|offer(?:s|ed|ing)?\b"
    r"|intend(?:s|ed)?\s+to|plan(?:s|ned)?\s+to|hop(?:es|ed|e)\s+to|aim(?:s|ed)?\s+to"
    r"|determined\s+to|(?:prepared|ready|willing)\s+to|resolved\s+to"
    r"|announc(?:es|ed|ing|e)\b|confirm(?:s|ed)?\b)",
)
_WILL = _lower_pattern(
    r"\b(?:will|won't|wo\s+n't|shall|would|'ll|’ll|(?:is|are)\s+(?:also\s+)?to\s+(?:be\s+)?"
    r"(?=\w+(?:ed|en)\b|\w+)|(?:is|are|am)\s+going\s+to)\b",
)
# Speculation and hedges that make a statement no commitment or ask.
_SPECULATION = _lower_pattern(
    r"\b(?:could|might|may|expected\s+to|likely\s+to|unlikely\s+to|is\s+thought|are\s+thought"
    r"|believed\s+to|understood\s+to|set\s+to|poised\s+to|rumoured|speculation|predict\w*"
    r"|would\s+be\s+(?:a|an|the|very|hard|difficult|easy|wrong|right|better)|if\s+\w+\s+(?:were|had)"
    r"|denied|denies|deny)\b",
)
_AGENT_PRONOUN = re.compile(r"^(?:I|we|We|he|He|she|She|they|They)$")
_QUOTE_OPEN = '"“'
_SAY = (
    r"(?:said|says|say|wrote|writes|added|adds|told\s+[\w\s]{1,30}?|stated|declared|insisted"
    r"|warned|argued|explained|announced|stressed|urged|pledged|promised|continued|concluded)"
)
_NAME = r"(?:[A-Z][\w'’.-]+(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w'’.-]+){0,4})"
_TAG_AFTER = re.compile(
    rf"""[,.?!]\s*["”’']\s*(?:(?P<pro>he|she|they|it|we|I)|(?P<n1>(?:the\s+)?{_NAME}|the\s+\w+(?:\s+\w+)?))\s+{_SAY}"""
    rf"""|[,.?!]\s*["”’']\s*{_SAY}\s+(?P<n2>{_NAME}|the\s+\w+(?:\s+\w+)?)"""
)
_TAG_BEFORE = re.compile(rf"""(?P<n>{_NAME}|\b[Hh]e|\b[Ss]he|\bthe\s+\w+)\s+{_SAY}:?\s*["“]""")
_REPORTED = re.compile(
    rf"""(?:,\s*|\s)(?:(?P<pro>he|she|they)|(?P<n1>{_NAME}|the\s+\w+(?:\s+\w+)?))\s+(?:has\s+|have\s+|had\s+)?{_SAY}\.?["”’]?$"""
    rf"""|(?:,\s*|\s){_SAY}\s+(?P<n2>(?:[a-z]+\s+){{0,3}}{_NAME}|the\s+\w+(?:\s+\w+)?)\.?$"""
    rf"""|^(?:According\s+to|In\s+a\s+\w+\s+\w+\s+\w+)"""
)
_SUBJECT_SKIP = frozenset(
    "be being am has have had is are was were also repeatedly again now then today yesterday "
    "already still "
    "recently previously last this week month year earlier later instead has been have been "
    "would will said say says on monday tuesday wednesday thursday friday saturday sunday "
    "both jointly further formally publicly".split()
)
_GENERIC_AGENTS = frozenset(
    """government ministers minister mps party report committee committees council councils
    commission union department office campaigners charity group members leaders officials
    chancellor secretary president prime premier spokesman spokeswoman tories conservatives
    labour treasury opposition unions nations countries states donors""".split()
)
_DEADLINE = _lower_pattern(
    r"\b(?:by\s+(?:the\s+)?(?:end|middle|start|beginning)\s+of\s+(?:the\s+)?(?:next\s+)?[\w]+(?:\s+\d{4})?"
    r"|by\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|winter|Easter|Christmas|20\d\d|19\d\d|next\s+\w+)(?:\s+\d{1,2})?(?:,?\s+\d{4})?"
    r"|within\s+(?:the\s+next\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|years?|hours?)"
    r"|over\s+(?:the\s+next\s+)?\w+\s+(?:days|weeks|months|years)"
    r"|(?:next|this|later\s+this)\s+(?:week|month|year|spring|summer|autumn|winter|january|february|march|april|june|july|august|september|october|november|december)"
    r"|in\s+the\s+new\s+year|in\s+(?:the\s+)?(?:spring|summer|autumn|winter)"
    r"|(?:before|until|from|in)\s+(?:\d{1,2}\s+)?(?:January|February|March|April|June|July|August|September|October|November|December)(?:\s+\d{1,2})?(?:,?\s+\d{4})?"
    r"|(?:before|until|by|from)\s+20\d\d|in\s+20[0-9]\d(?=\W*$|\s+(?:and|or|,))"
    r"|once\s+the\s+[\w\s]{3,40}?\s+is\s+announced)\b",
)
_CLAUSE_END = re.compile(r"""[,;:.!?"“”]|\s[-–—]\s|\s(?:but|because|while|although|saying)\s""")
# "and"/"as" end an action only after a few words ("talks with X and Y" stays whole).
# A trailing "who/which VERB a few words" clause without commas, right before the trigger.
_RELATIVE_CLAUSE = re.compile(
    r"\s(?:(?:who|which)\s+[a-z]\w*|[a-z]{3,}ing)(?:\s+[\w'’.-]+){0,5}\s*$"
)
_SOFT_CLAUSE_END = re.compile(r"\s(?:and|as)\s")
# Words an action must not end on once cut to length.
_DANGLING = frozenset(
    "a an the of to in on at by for with from into such and or as its their his her our "
    "that this these those will would be".split()
)


_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_QUESTION_ASK = re.compile(r"ask(?:s|ed)?\s+(?:whether|if|about|how|why|what)")
_HAS_QUOTE = re.compile(r"[\"“”]")
# Cheap gate: a sentence with none of these words holds no commitment or ask.
_ANY_TRIGGER = _lower_pattern(
    r"\b(?:urg|call|appeal|demand|request|plead|implor|press|ask|want|tell|told|lobb|encourag|should"
    r"|must|ought|need|has to|have to|vital|essential|crucial|imperative|time (?:that|for|to)"
    r"|pledg|promis|vow|guarantee|commit|agree|undertak|offer|intend|plan|hop|aim|determined"
    r"|prepared|ready|willing|resolved|announc|confirm|will|won't|shall|would|'ll|’ll|is to|are to"
    r"|going to)|'ll|’ll",
)


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    speaker: str  # who utters it when it sits inside a quotation
    quoted: bool
    low: str = ""
    context: str = ""  # the whole quotation, for "we" -> the speaker's country
    group: int = -1  # start of the quotation the sentence belongs to


def find(
    text: str, spans: list[tuple[int, int]], index: EntityIndex
) -> tuple[list[Commitment], list[Ask]]:
    """Commitments and asks stated in the given sentences, deduplicated, in article order."""
    sents = _attribute(text, spans, index)
    commitments: list[Commitment] = []
    asks: list[Ask] = []
    last_person = ""
    last_group = -1
    people = [m for m in index.mentions if m.type == "person"]
    for s in sents:
        pronoun = _PRONOUN.search(s.text)
        cutoff = s.start + (pronoun.start() if pronoun else 0)
        before = [m.name for m in people if m.start < cutoff]
        if before:
            last_person = before[-1]
        elif s.speaker and index.type_of(s.speaker) == "person":
            last_person = s.speaker
        body = s.text
        if not _ANY_TRIGGER.search(s.low) or body.rstrip("\"”’' ").endswith("?"):
            continue
        ask = _ask(s, index, last_person)
        if ask:
            for a in ask:
                if not _duplicate(a.actor, a.action, asks):
                    asks.append(a)
        else:
            c = _commitment(s, index, last_person)
            # One quotation restating a pledge is one commitment.
            if (
                c
                and not _duplicate(c.actor, c.action, commitments)
                and not (s.group >= 0 and s.group == last_group)
            ):
                commitments.append(c)
                last_group = s.group
    return commitments, asks


# --- attribution ----------------------------------------------------------------------------


def _attribute(text: str, spans: list[tuple[int, int]], index: EntityIndex) -> list[_Sentence]:
    """Each sentence with the speaker of the quotation it belongs to (quotes span sentences)."""
    out: list[_Sentence] = []
    open_quote = False
    pending: list[_Sentence] = []
    last_person = ""
    for a, b in spans:
        t = text[a:b]
        n_open = sum(t.count(q) for q in _QUOTE_OPEN) if "“" in t else t.count('"')
        starts_inside = open_quote or t.lstrip()[:1] in ("“", '"')
        s = _Sentence(a, b, t, "", starts_inside, _lower(t))
        speaker = _speaker(t, index, last_person)
        out.append(s)
        if starts_inside:
            pending.append(s)
        if "“" in t or "”" in t:
            opens, closes = t.count("“"), t.count("”")
            open_quote = (open_quote or opens > 0) and opens + int(open_quote) > closes
        else:
            quotes = t.count('"')
            open_quote = open_quote ^ (quotes % 2 == 1)
        if speaker:
            for p in pending:
                p.speaker = speaker
            s.speaker = speaker
            if index.type_of(speaker) == "person":
                last_person = speaker
        if not open_quote:
            if pending:
                quote = text[pending[0].start : pending[-1].end]
                for p in pending:
                    p.context = quote
                    p.group = pending[0].start
            pending = []
        del n_open
    # A quotation with no tag of its own continues the previous speaker's words.
    prev = ""
    for s in out:
        if s.quoted and not s.speaker:
            s.speaker = prev
        if s.speaker:
            prev = s.speaker
    return out


def _resolve(name: str, index: EntityIndex, last_person: str) -> str:
    name = name.strip()
    low = name.lower()
    if low in ("he", "she", "him", "her"):
        return last_person
    if low.startswith("the "):
        rest = name[4:]
        if rest[:1].isupper():
            return index.canonical(rest)
        # "the minister" / "the ambassador": the person holding that role.
        for e in index.entities:
            if e.type == "person" and e.role and rest.lower().split()[-1] in e.role.lower():
                return e.name
        return name
    canon = index.canonical(name)
    for e in index.entities:
        if e.name == canon or (
            e.type == "person"
            and canon.endswith(" " + e.name.split()[-1])
            and canon.split()[-1] == e.name.split()[-1]
        ):
            return e.name
    # "Shadow Constitutional Affairs Secretary Oliver Heald": keep the name part we know.
    for e in index.entities:
        if e.type == "person" and name.endswith(e.name):
            return e.name
    return canon


def _speaker(t: str, index: EntityIndex, last_person: str) -> str:
    if not _HAS_QUOTE.search(t):
        return ""
    m = _TAG_AFTER.search(t)
    if m:
        name = m.group("pro") or m.group("n1") or m.group("n2")
        if name and name not in ("I", "we", "it"):
            return _resolve(name, index, last_person)
    m = _TAG_BEFORE.search(t)
    if m:
        return _resolve(m.group("n"), index, last_person)
    return ""


def _reported_speaker(t: str, index: EntityIndex, last_person: str) -> str:
    m = _REPORTED.search(t.rstrip())
    if m and m.lastgroup in ("pro", "n1", "n2"):
        return _resolve(m.group(m.lastgroup), index, last_person)
    m = re.search(
        rf"\b(?P<n>{_NAME}|[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+[a-z]+)\s*,?\s+(?:has\s+|had\s+)?{_SAY}"
        rf"(?::|\s+that\b|\s+(?=[a-z])|\s+by\s+saying)",
        t,
    )
    if m:
        return _resolve(m.group("n"), index, last_person)
    m = re.search(rf"\bsaid\s+(?P<n>(?:[a-z]+\s+){{0,3}}{_NAME})", t)
    if m:
        return _resolve(m.group("n"), index, last_person)
    return ""


def _subject_before(prefix: str, index: EntityIndex, last_person: str) -> str:
    """The agent a trigger belongs to: the last noun phrase before it, skipping auxiliaries
    and a short relative clause ("The unions which met Mr Prescott want ..." -> the unions)."""
    relative = _RELATIVE_CLAUSE.search(prefix)
    last_word = prefix.rstrip().rsplit(None, 1)[-1].lower() if prefix.strip() else ""
    if relative and relative.start() > 0 and last_word not in ("who", "which", "that"):
        return _subject_before(prefix[: relative.start()], index, last_person)
    words: list[str] = re.findall(r"[\w'’£$.-]+|[,\"“”]", prefix)
    while words and (words[-1].lower() in _SUBJECT_SKIP or words[-1] in (",",)):
        words.pop()
    if not words:
        return ""
    w = words[-1].strip(".")
    if w.lower() in ("he", "she"):
        return last_person
    if w in ("I", "we", "We", "us"):
        return w
    if w.lower() in ("they", "it", "this", "that", "there", "which", "who"):
        return w.lower()
    if w[:1].isupper():
        run = [w]
        i = len(words) - 2
        while i >= 0 and (words[i][:1].isupper() or words[i] in ("of", "the", "for")):
            run.insert(0, words[i])
            i -= 1
        while run and run[0] in ("of", "the", "for", "The"):
            run.pop(0)
        name = _strip_possessive(" ".join(run))
        return _resolve(name, index, last_person) if name else ""
    if (
        w.lower().rstrip("s") in {g.rstrip("s") for g in _GENERIC_AGENTS}
        or w.lower() in _GENERIC_AGENTS
    ):
        j = len(words) - 2
        mods = [w]
        while (
            j >= 0
            and (
                words[j][:1].isupper()
                or words[j].lower()
                in ("the", "rich", "other", "industrialised", "many", "its", "his", "two")
            )
            and len(mods) < 4
        ):
            mods.insert(0, words[j])
            j -= 1
        while mods and mods[0].lower() in ("the", "its", "his"):
            mods.pop(0)
        return " ".join(mods)
    return ""


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name)


def _first_mention(s: _Sentence, index: EntityIndex, before: int) -> str:
    """The first named agent in the sentence ahead of the trigger (coordinated subjects)."""
    for m in index.mentions:
        if s.start <= m.start < s.start + before and m.type in (
            "person",
            "organisation",
            "country",
        ):
            return m.name
    return ""


def _agent(who: str, s: _Sentence, index: EntityIndex, last_person: str) -> str:
    """Turn a grammatical subject into an actor name; '' when it is not an agent."""
    if who in ("I", "we", "We", "us"):
        speaker = s.speaker or _reported_speaker(s.text, index, last_person)
        if not speaker and s.quoted:
            speaker = last_person
        if who in ("we", "We", "us") and speaker:
            country = _country_in(s.text) or _country_in(s.context)
            if country and index.type_of(speaker) == "person":
                return f"{country} ({speaker})"
        return speaker
    if who in ("it", "this", "that", "there", "which", "who", "they"):
        return ""
    return who


def _country_in(t: str) -> str:
    for m in re.finditer(r"\b[A-Z][\w.]+(?:\s+[A-Z][a-z]+)?", t):
        w = m.group(0)
        if w in COUNTRIES:
            return COUNTRIES[w]
        first = w.split()[0]
        if first in COUNTRIES and first[-1] not in "nh":  # "Cambodian law": adjective, skip
            return COUNTRIES[first]
    return ""


# --- classification -------------------------------------------------------------------------


def _action(t: str, start: int, limit: int = 16) -> str:
    """The action phrase after a trigger: up to the end of its clause, at most `limit` words,
    never ending on a dangling function word."""
    rest = t[start:].lstrip(" ,")
    m = _CLAUSE_END.search(rest, 12)
    clause = rest[: m.start()] if m else rest
    soft = next(
        (x for x in _SOFT_CLAUSE_END.finditer(clause) if len(clause[: x.start()].split()) >= 8),
        None,
    )
    if soft:
        clause = clause[: soft.start()]
    words = clause.split()[:limit]
    while len(words) > 2 and words[-1].lower().strip(".,;:") in _DANGLING:
        words.pop()
    return " ".join(words).strip(" .,;:\"“”’'")


def _deadline(s: _Sentence) -> str:
    m = _DEADLINE.search(s.low)
    return s.text[m.start() : m.end()] if m else ""


def _speculative_before(low: str, pos: int) -> bool:
    window = low[max(0, pos - 40) : pos + 2]
    return bool(_SPECULATION.search(window))


def _ask(s: _Sentence, index: EntityIndex, last_person: str) -> list[Ask]:
    t = s.text
    out: list[Ask] = []
    m = _ASK.search(s.low)
    if (
        m
        and not _speculative_before(s.low, m.start())
        and not _QUESTION_ASK.match(s.low, m.start())
    ):
        who = _subject_before(t[: m.start()], index, last_person)
        if re.search(r"\b(?:will|shall|'ll|’ll)\s+(?:be\s+)?$", t[: m.start()]) and who in (
            "I",
            "we",
            "We",
        ):
            return out  # "I will be asking Parliament to ..." is the speaker's own commitment
        actor = _agent(who, s, index, last_person) if who else ""
        if not actor:
            actor = (
                s.speaker
                or _first_mention(s, index, m.start())
                or _reported_speaker(t, index, last_person)
            )
        trig = t[m.start() : m.end()]
        if re.match(r"want", trig, re.I) and re.match(r"wanted\s+it\b|wants?\s+it\b", trig, re.I):
            return out
        addressee = ""
        am = re.match(r"(?:\w+)\s+(?:on|upon)?\s*(.+?)\s+(?:to|for)$", trig)
        if am and not re.match(r"call|appeal", trig, re.I):
            addressee = am.group(1).strip()
        elif re.match(r"call(?:s|ed|ing)?\s+(?:on|upon)", trig, re.I) and not re.match(
            r"\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", t[m.end() :]
        ):
            nm = re.match(r"\s*(.+?)\s+to\b", t[m.end() :])
            addressee = nm.group(1) if nm and len(nm.group(1).split()) <= 5 else ""
        elif re.match(r"urg|implor|demand", trig, re.I):
            nm = re.match(r"\s*(.+?)\s+(?:to|for)\b", t[m.end() :])
            addressee = nm.group(1) if nm and len(nm.group(1).split()) <= 6 else ""
        addressee = _clean_party(addressee, index, last_person, s)
        if actor:
            out.append(
                Ask(
                    actor=actor,
                    addressee=addressee,
                    action=_action(t, m.end()),
                    deadline=_deadline(s),
                    evidence=t,
                )
            )
            return out
    d = _DEMAND.search(s.low) or _VITAL.search(s.low)
    if d and not _speculative_before(s.low, d.start()):
        speaker = s.speaker or _reported_speaker(t, index, last_person)
        if not speaker or re.search(r"\bshould\s+(?:be\s+)?(?:able|allowed)\b", t):
            return out
        who = _subject_before(t[: d.start()], index, last_person)
        if who in ("who", "which", "that"):
            return out
        addressee = "" if who in ("I", "it", "this", "that", "there", "which", "who") else who
        if who in ("we", "We") and s.quoted:
            addressee = ""
        addressee = _clean_party(addressee, index, last_person, s)
        if addressee and addressee == speaker:
            return out
        out.append(
            Ask(
                actor=speaker,
                addressee=addressee,
                action=_action(t, d.end()),
                deadline=_deadline(s),
                evidence=t,
            )
        )
    return out


def _clean_party(name: str, index: EntityIndex, last_person: str, s: _Sentence) -> str:
    name = name.strip(" ,")
    if not name or name.lower() in (
        "it",
        "this",
        "that",
        "there",
        "which",
        "who",
        "they",
        "i",
        "we",
        "us",
        "you",
    ):
        return ""
    if name.lower() in ("him", "her"):
        return last_person
    if name.lower().startswith(("the ", "its ", "his ", "her ", "their ")):
        head = name.split(" ", 1)[1]
        return _resolve(head, index, last_person) if head[:1].isupper() else name
    return _resolve(name, index, last_person) if name[:1].isupper() else name


def _commitment(s: _Sentence, index: EntityIndex, last_person: str) -> Commitment | None:
    t = s.text
    m = _PLEDGE.search(s.low)
    if m and not _speculative_before(s.low, m.start()):
        trig = s.low[m.start() : m.end()]
        who = _subject_before(t[: m.start()], index, last_person)
        if trig.startswith("commitment"):
            pm = re.search(rf"(?P<n>{_NAME})['’]s?\s+commitment", t)
            who = _resolve(pm.group("n"), index, last_person) if pm else who
        actor = _agent(who, s, index, last_person) if who else ""
        if trig.startswith(("announc", "confirm")) and not re.search(
            r"\b(?:new|plans?|will|would|to\s+\w+)\b", t[m.end() :]
        ):
            actor = ""
        if trig.startswith(("hop", "aim")) and who not in ("I", "we", "We") and not actor:
            actor = ""
        if actor and actor.lower() not in ("they",):
            return Commitment(
                actor=actor, action=_action(t, m.end()), deadline=_deadline(s), evidence=t
            )
    w = _WILL.search(s.low)
    while w:
        if not _speculative_before(s.low, w.start()) and not _hypothetical(t, w):
            who = _subject_before(t[: w.start()], index, last_person)
            actor = _agent(who, s, index, last_person) if who else ""
            if re.match(r"\s+(?:not\s+)?attend", t[w.end() :]):
                actor = ""
            elif (
                re.match(
                    r"\s+(?:not\s+)?(?:also\s+)?be\s+\w+(?:ed|en)\b|\s*\w+(?:ed|en)\b", t[w.end() :]
                )
                and not (actor and _is_agent(actor, who, index, s))
                and not s.quoted
            ):
                # "detainees will not be freed, X said": a passive pledge by the speaker.
                actor = s.speaker or _reported_speaker(t, index, last_person)
                who = actor
            if actor and _is_agent(actor, who, index, s):
                return Commitment(
                    actor=actor, action=_action(t, w.end()), deadline=_deadline(s), evidence=t
                )
        w = _WILL.search(s.low, w.end())
    return None


def _hypothetical(t: str, w: re.Match[str]) -> bool:
    word = w.group(0).lower()
    if word.startswith("would"):
        before = t[: w.start()]
        if re.search(r"\b(?:if|unless|whether|what)\b", before, re.I) and not re.search(
            r"\b(?:said|says)\b", before
        ):
            return True
        if re.match(r"\s+(?:be|have|like|mean|not\s+be)\b", t[w.end() :]):
            return True
    if re.match(r"\s+(?:be|have\s+been)\s+(?:a|an|the|very|more|less|no|too)\b", t[w.end() :]):
        return True
    return False


def _is_agent(actor: str, who: str, index: EntityIndex, s: _Sentence) -> bool:
    if who in ("I", "we", "We", "us"):
        return True
    kind = index.type_of(actor)
    if kind in ("person", "organisation", "country"):
        return True
    last = actor.split()[-1].lower()
    return last in _GENERIC_AGENTS or last.rstrip("s") in _GENERIC_AGENTS


def _duplicate(actor: str, action: str, items: list[Commitment] | list[Ask]) -> bool:
    bag = set(content_words(action))
    for it in items:
        other = set(content_words(it.action))
        if (
            it.actor == actor
            and bag
            and other
            and len(bag & other) / min(len(bag), len(other)) >= 0.6
        ):
            return True
    return False
