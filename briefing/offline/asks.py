"""Asks: who requested what of whom, in one sentence.

Request verbs ("urged", "called on", "asked", "wants X to"), demands ("should", "must", "needs
to", "it is time for"), a call as a noun made by a named party, "warned X against", and the
one asked: the object of the verb, a passive's subject ("ministers were urged by ..."), the
government for an impersonal demand made by someone outside it.
"""

from __future__ import annotations

import re

from briefing.models import Ask
from briefing.offline.attribution import (
    _AGENT_TYPES,
    _ANY_PARTICIPLE,
    _BAD_ACTOR,
    _CONDITION,
    _FIRST_VERB,
    _GENERIC_STEMS,
    _NOUN_BEFORE,
    _PARTIES,
    _PARTY_LOOKBACK,
    _PRONOUNS,
    _action,
    _agent,
    _Ctx,
    _deadline,
    _first_mention,
    _head_word,
    _inside_quote,
    _is_agent,
    _lower_pattern,
    _office_holder,
    _party_name,
    _pronoun_body,
    _reported_speaker,
    _resolve,
    _role_holder,
    _said_by,
    _Sentence,
    _speculative_before,
    _stem,
    _subject_before,
)
from briefing.offline.entities import EntityIndex
from briefing.offline.gazetteer import ROLE_NOUNS

# --- triggers -------------------------------------------------------------------------------

# A word between a request verb and its "to": not a clause of its own ("told the BBC he
# wanted to", "asked if he was going to").
_W = (
    r"(?:(?!(?:he|she|they|it|we|i|that|was|were|is|are|has|had|would|will|could|said|says"
    r"|wanted|if|whether|about|compared|than)\b)[\w'’]+\s+)"
)


_ASK = _lower_pattern(
    r"\b(?:urg(?:es|ed|ing|e)\b|(?<!-)call(?:s|ed|ing)?\s+(?!(?:it|this|that|him|her|them)\s)"
    r"(?:[\w']+\s+){0,3}?(?:on|upon|for)\b"
    r"|appeal(?:s|ed|ing)?\s+(?:to|for)"
    r"|demand(?:s|ed|ing)?\b(?!\s+for\s+(?!\w+\s+to\b))|request(?:s|ed|ing)?\b|plead(?:s|ed|ing)?\b"
    r"|recommend(?:s|ed|ing)?\b(?!\s+(?:by|in|that\s+it\b))"
    r"|implor(?:es|ed|ing|e)"
    r"|press(?:es|ed|ing)?\s+(?!conference|release|office|officer|secretary|briefing|report"
    r"|coverage|gallery|association|freedom)" + _W + r"{0,6}?(?:to|for)\b"
    r"|ask(?:s|ed|ing)?\s+" + _W + r"{0,6}?(?:to|for)\b"
    r"|want(?:s|ed)?\s+(?!to\b)"
    + _W
    + r"{1,12}?to\b(?!\s+(?:(?:the|a|an|almost|about|around|some)\b|\d))"
    r"|(?<!\bto\s)need(?:s|ed)?\s+(?!to\b)" + _W + r"{1,6}?to\b(?!\s+(?:be|do)\b)"
    r"|(?:tell|tells|telling|told)\s+" + _W + r"{1,4}?to\b"
    # "lobby the minister to", not "the lobby expects the police to" (a noun: "expects" asks)
    r"|lobb(?:ies|ied|ying|y)\s+(?!(?:group|groups|expects?|wants?|says?|said|is|has)\b)"
    + _W
    + r"{0,4}?(?:to|for)\b"
    r"|encourag(?:es|ed|e)\s+" + _W + r"{1,4}?to\b"
    r"|look(?:s|ed|ing)?\s+for\s+" + _W + r"{1,4}?to\b"
    # "We look to the president to be ...", "entitled to expect Palestinians to give up ...",
    # "the lobby expects the police to prosecute" (not "expected the embargo to be lifted")
    r"|look(?:s|ing)?\s+to\s+" + _W + r"{1,4}?to\b"
    r"|(?<!not\s)(?<!n't\s)(?:(?:entitled|right)\s+to\s+)?expects?\s+" + _W + r"{1,4}?to\b"
    r"(?!\s+(?:be|see|have|get|come|go|happen|take\s+place)\b)"
    # "challenged the minister to", "warned ministers not to", "invited Iran to"
    r"|(?:challeng|invit|instruct|advis|persuad|pressur)(?:es|ed|ing|e)\s+"
    + _W
    + r"{1,4}?(?:not\s+)?to\b"
    r"|(?:beg(?:s|ged|ging)?|(?<!in\s)order(?:s|ed|ing)?|warn(?:s|ed|ing)?)\s+"
    + _W
    + r"{1,4}?(?:not\s+)?to\b"
    r"|pressure\s+on\s+" + _W + r"{1,4}?to\b"
    r"|(?:would|'d)\s+like\s+(?!to\b)"
    + _W
    + r"{1,4}?to\b(?!\s+(?:see|have|think|say|thank|know)\b))",
)


_DEMAND = _lower_pattern(
    r"\b(?:should|must|ought\s+to|needs?\s+to|needed\s+to|has\s+to|have\s+to|had\s+to"
    r"|(?:is|are|was|were)\s+(?:urgently\s+|badly\s+|also\s+)?needed)\b"
    # "should have acted" is criticism of the past; "should not have the right" is a demand.
    r"(?!\s+(?:not\s+)?have\s+(?:been|had|got|put|set|let|cut|read|come|become|run"
    r"|[a-z]+(?:ed|en|wn|ne|nt|id|ld|ght|un|ade|ept|ost)|to)\b"
    r"|\s+(?:be\s+there|be\s+here|mean|not\s+mean|hope|think|believe|wonder|feel|admit|accept)\b)",
)


_VITAL = _lower_pattern(
    r"\b(?:(?:it\s+is|it's|it\s+was)\s+(?:vital|essential|crucial|imperative|time)"
    r"|(?:the\s+)?time\s+has\s+come)\s+(?:that|for|to)\b"
    # 'saying it was "high time" the system was replaced'
    r"|\bit\s+(?:is|was|'s)\s+[\"“']?(?:high|about)\s+time[\"”']?\s+(?:that\s+|for\s+|to\s+)?(?=[a-z])"
)


_QUESTION_ASK = re.compile(r"ask(?:s|ed)?\s+(?:whether|if|about|how|why|what)")


_PASSIVE_ASK = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been|been|being|be)\s+(?:now\s+|also\s+|"
    r"being\s+)?(?:urged|asked|called\s+(?:on|upon)|told|pressed|encouraged|lobbied|implored"
    r"|begged|pressured|pressurised|challenged|advised)\s+(?:by\s+(?P<by>[^,]{2,60}?)\s+)?to\b"
    r"(?!\s+by\b)"  # "anything she is told to by the leader": no action asked
)


# A passive ask's agent at the end of the sentence: "... urged to think again by MPs."
# ("under plans unveiled by the Tories" is someone else's "by").
_LATE_BY = re.compile(
    r"(?<!ed)(?<!\sout)(?<!\sup)\s+by\s+(?P<by>(?:the\s+)?[A-Za-z][\w'’ -]{1,50}?)"
    r"[\"”]?[.!]?[\"”]?\s*$"
)


# "prompted calls for ...", "amid demands for ...": the noun, with no one asking.
_NOUN_CALL = re.compile(
    r"\b(?:prompted|sparked|triggered|fuelled|led\s+to|amid|despite|rejected|resisted|ignored"
    r"|dismissed|growing|renewed|repeated|fresh|face[sd]?|facing|there\s+(?:have\s+been|were"
    r"|are)|after)\s+(?:\w+\s+)?$"
)


# "Mr Blair repeated calls for", "she joined the calls for": the subject makes the call its own.
_JOINS_CALL = re.compile(
    r"(?:[A-Z][\w'’-]+,?|\b[Hh]e|\b[Ss]he|\b[Tt]hey)\s+(?:has\s+|have\s+|had\s+|also\s+)*"
    r"(?P<verb>repeated|renewed|joined|reiterated|echoed)\s+(?:the\s+|his\s+|her\s+|its\s+"
    r"|their\s+)?$"
)


# "has written to the prime minister urging him to ...": the letter's addressee.
_WRITTEN_TO = re.compile(
    r"\b(?:written|wrote|writes|write|letter)\s+to\s+(?P<to>[^,]{2,60}?),?\s+"
    r"(?:asking|urging|calling|demanding|pressing|requesting|telling)\b"
)


_SECOND_REQUEST = re.compile(r"[^;:.]*?(?P<sep>,?\s+and\s+(?:also\s+)?to\s+)(?=[a-z])")


_SECOND_REQUEST_REACH = 160  # characters: the first request's clause, not a later sentence part


_APPOSITIVE_TAIL = re.compile(r",\s+(?:the|a|an|who|which|its|his|her)\b.*$")


# "I hope (now) that the government will ...": the speaker's appeal to a body to act.
_HOPE_ASK = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:\w+ly\s+)?hope\s+(?:now\s+|that\s+)*"
    r"(?P<x>(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?:government|ministers|council|councils"
    r"|parliament|[A-Z][\w'’-]*))\s+(?:will|would)\s+(?!(?:be|have|not\s+be)\b)(?P<v>[a-z]+)"
)


# Request verbs whose object is the one asked ("urged politicians to", "called on hunts to").
_OBJECT_CONTROL = re.compile(
    r"urg|implor|press|ask|tell|told|encourag|lobb|challeng|invit|persuad"
    r"|call(?:s|ed|ing)?\s+(?:on|upon)|appeal(?:s|ed|ing)?\s+to",
    re.I,
)


_PLAIN_NOUN_PHRASE = re.compile(
    r"(?:(?:the|all|its|their|his|her)\s+)?"
    r"(?!(?:not|to|what|which|who|how|why|when|where|against|for|with|by|from|in|on|at|about"
    r"|over|into|after|before|it|them|him|her|us|you|me)\b)"
    r"(?![a-z]+ly\b)[a-z][\w'’-]*(?:\s+(?!today\b|yesterday\b|again\b|now\b)[a-z][\w'’-]*){0,3}"
)


def _asked(s: _Sentence, at: int, actor: str, addressee: str, action: str) -> list[Ask]:
    """One ask, its evidence the sentence, its deadline stated after `at`."""
    return [
        Ask(
            actor=actor,
            addressee=addressee,
            action=action,
            deadline=_deadline(s, at),
            evidence=s.text,
            conditional=bool(_CONDITION.search(s.low)),
        )
    ]


def _ask(s: _Sentence, ctx: _Ctx) -> list[Ask]:
    """Asks in one sentence; an ask with no addressee of its own takes the government body the
    sentence names as the one to act ("... with intervention by the government")."""
    out = (
        _named_call(s, ctx)
        or _ask_items(s, ctx)
        or _warned_against(s, ctx)
        or _to_insist(s, ctx)
        or _wants_thing(s, ctx)
    )
    for a in out:
        holder = _office_holder(a.actor, ctx)
        if holder:
            # "The prime minister also urged ...": the person who holds the office.
            if a.said_by.lower().startswith(("the " + a.actor.lower(), a.actor.lower())):
                a.said_by = ""
            a.actor = holder
        if not a.addressee:
            g = _GOVERNMENT.search(s.text)
            if g and a.actor.lower() not in g.group(0).lower():
                a.addressee = _clean_party(g.group(0), ctx, s) or g.group(0)
        if (
            not a.addressee
            and _GOVERNMENT_NAMED.search(ctx.text)
            and not _government_side(a.actor, ctx)
        ):
            # "There must be a public inquiry," said Ms X; "Mr Lewis wants a public inquiry":
            # a demand of no one named, in a story about the government, is of the government
            # (inferred, so its addressee check fails and the note asks the reader to check it)
            a.addressee = "the government"
    return out


_GOVERNMENT_NAMED = re.compile(r"\b(?:[Gg]overnment|[Mm]inisters)\b")


_GOVERNMENT_ROLE = re.compile(
    r"\b(?:government|ministers?|chancellor|prime|premier|executive|downing|whitehall|treasury"
    r"|department|office|(?<!general\s)secretary)\b"
)


def _government_side(actor: str, ctx: _Ctx) -> bool:
    """Whether an actor is (part of) the government: its demands are not of the government."""
    ent = ctx.index.get(actor)
    for words in (actor.lower(), ent.role.lower() if ent is not None else ""):
        if _GOVERNMENT_ROLE.search(words) and not re.search(r"\b(?:shadow|opposition)\b", words):
            return True
    return False


# "rejected the Tories' call for a quota", "despite a call for him to pause from Tom Kennedy":
# a call as a noun, made by a named party (not "growing calls for", "critics' calls for").
_CALL_NOUN = r"(?:calls?|demands?|appeals?|pleas?)\s+for\s+"


_NAMED_CALL = re.compile(
    r"(?P<owner>\b(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)(?:['’]s|(?<=s)['’])\s+"
    r"(?:(?:repeated|renewed|latest|earlier|fresh|original)\s+)?"
    + _CALL_NOUN
    + r"|\b(?:a|the)\s+"
    + _CALL_NOUN
    + r"(?=[^,;:.]{2,80}?\s+from\s+(?:the\s+)?(?P<by>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*))"
)


# "for him to pause", "for the law change to be delayed": who is asked, then the action.
_CALL_FOR_TO = re.compile(r"(?P<x>[\w'’ -]{2,50}?)\s+to\s+(?=[\"“']?[a-z])")


_REJECTS = re.compile(
    r"\b(?:rejected|rejects|shunned|shuns|resisted|resists|ignored|ignores|dismissed|dismisses"
    r"|refused|refuses|turned\s+down|brushed\s+aside|accepted|accepts|backed|backs|heeded"
    r"|heeds)\s+(?:\w+\s+)?$"
)


_CALL_WORD = re.compile(r"(?:call|demand|appeal|plea)s?\s+for\b")


def _named_call(s: _Sentence, ctx: _Ctx) -> list[Ask]:
    """An ask made as a noun by a named party: "he rejected the Tories' call for a quota" (the
    Tories ask him), "despite a call for him to pause from Tom Kennedy" (Kennedy asks him).
    The sentence's own commitment, if any, still stands (`ctx.keep_commitment`)."""
    if not _CALL_WORD.search(s.low):
        return []
    m = _NAMED_CALL.search(s.text)
    if not m or _speculative_before(s.low, m.start()):
        return []
    t = s.text
    owner = m.group("owner") or m.group("by")
    owner = re.sub(r"^(?:The|But|And|However)\s+", "", owner)
    actor = _party_name(owner) or _resolve(owner, ctx.index, ctx.last_person)
    if ctx.index.type_of(actor) not in _AGENT_TYPES and not _party_name(owner):
        return []
    start = m.end()
    addressee = ""
    to = _CALL_FOR_TO.match(t, start)
    if to and _agentive(to.group("x"), ctx.index) or to and to.group("x") in ("him", "her"):
        addressee = to.group("x") if to else ""
        start = to.end() if to else start
    subject = ""
    if m.group("owner"):
        verb = _REJECTS.search(t[: m.start()].removesuffix("the ").rstrip() + " ")
        if verb:
            subject = _subject_before(t[: verb.start()], ctx)
    else:
        subject = _first_mention(s, ctx.index, m.start())  # "X vowed ... despite a call for him"
    subject = _agent(subject, s, ctx) if subject else ""
    if addressee in ("him", "her"):
        # "despite a call for him to ...": the sentence's subject, else the man named before
        person = ctx.index.type_of(subject) == "person" or subject[:2] in ("Mr", "Ms")
        addressee = subject if person else ctx.last_person
    elif addressee:
        addressee = _clean_party(addressee, ctx, s)
    elif m.group("owner"):
        addressee = subject  # "the government shunned the Tories' call for ...": asked of it
    if not actor or actor == addressee:
        return []
    action = _action(t[: m.start("by")] if m.group("by") else t, start)
    action = re.sub(r"\s+from(?:\s+the)?$", "", action)
    ctx.keep_commitment = True
    return _asked(s, m.start(), actor, addressee, action)


# "Mr Lewis wants a public inquiry into ...", "The Tories wanted a sunset clause inserted": a
# demand put as a thing wanted (not "wants to", "wants him to", "wants nothing").
_WANTS_THING = re.compile(
    r"\b(?:wants|want|wanted)\s+(?:also\s+)?(?=(?:a|an|the|more|new|fresh|full|further|tougher"
    r"|stronger|greater|better|[a-z]+(?:tion|ment|ance|ence|ity|ship|al))\s+[a-z])"
    r"(?!(?:the|a|an)\s+(?:chance|right|opportunity|power|freedom|job|seat|party|post)\b)"
)


def _wants_thing(s: _Sentence, ctx: _Ctx) -> list[Ask]:
    m = _WANTS_THING.search(s.text)
    if not m or s.quoted or _speculative_before(s.low, m.start()):
        return []
    if re.search(
        r"\b(?:not|n't|never|what|whether|if|who|which|that)\s+(?:\w+\s+){0,2}$", s.low[: m.start()]
    ):
        return []  # "does not want", "what the Tories want": no demand stated
    if re.search(r"\bto\s+[a-z]+\b", s.text[m.end() : m.end() + 60].split(",")[0]):
        return []  # "wants more people to come": another rule's (object and infinitive)
    who = _subject_before(s.text[: m.start()], ctx)
    actor = _agent(who, s, ctx) if who else ""
    if who in ("they", "it") and not actor:
        actor = _pronoun_body(who, ctx)
    if (
        not actor
        or not _is_agent(actor, who, ctx.index, s)
        or _government_side(actor, ctx)
        or who.lower() in ("people", "voters", "the public", "most", "many", "everyone")
    ):
        return []  # a government's wants are its plans; the public's are not demands
    return _asked(s, m.start(), actor, "", _action(s.text, m.end()))


# "The Lib Dems warned both parties against "pandering to prejudice"": asked not to (an
# addressee is needed: "warned against disunity" names no one who is asked).
_WARNED_AGAINST = re.compile(
    r"\bwarn(?:s|ed|ing)?\s+(?P<x>(?!of\b|that\b|about\b)[\w'’ -]{2,40}?)\s+against\s+"
    r"(?=[\"“']?[a-z])"
)


def _warned_against(s: _Sentence, ctx: _Ctx) -> list[Ask]:
    m = _WARNED_AGAINST.search(s.text) if "against" in s.low else None
    if not m or _speculative_before(s.low, m.start()) or s.quoted:
        return []
    t = s.text
    raw = m.group("x")
    addressee = _clean_party(raw, ctx, s)
    if not addressee and _PLAIN_NOUN_PHRASE.fullmatch(raw):
        addressee = raw  # "warned his supporters against ..."
    who = _subject_before(t[: m.start()], ctx)
    actor = _agent(who, s, ctx) if who else ""
    actor = actor or _reported_speaker(t, ctx)
    if re.fullmatch(r"(?:both|the\s+two)\s+(?:main\s+|other\s+|big\s+)?parties", raw, re.I):
        addressee = _two_parties(actor, ctx) or addressee
    if not addressee or not actor or actor == addressee or _BAD_ACTOR.match(actor):
        return []
    return _asked(s, m.start(), actor, addressee, "avoid " + _action(t, m.end()))


# "I have written straight back to the trust... to insist they withdraw this threat": the one
# written to is asked (the purpose "to insist", then a subject and a bare verb).
_TO_INSIST = re.compile(
    r"\bto\s+insist\s+(?:that\s+)?(?P<x>they|he|she|the\s+[a-z]+(?:\s+[a-z]+)?"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s+(?P<v>[a-z]+)\b"
)


_WRITTEN_BACK_TO = re.compile(
    r"\b(?:written|wrote|writes|write|letter)\s+(?:straight\s+)?(?:back\s+)?to\s+"
    r"(?P<to>[^,.;:…]{2,60}?)[,.…]*\s+to\s+insist\b"
)


def _to_insist(s: _Sentence, ctx: _Ctx) -> list[Ask]:
    m = _TO_INSIST.search(s.text) if "insist" in s.low else None
    if (
        not m
        or m.group("v") in _NOT_BARE_VERB
        or m.group("v").endswith(("ed", "ing"))
        or _speculative_before(s.low, m.start())
    ):
        return []
    t = s.text
    who = _subject_before(t[: m.start()], ctx)
    verb = _FIRST_VERB.search(t, 0, m.start())
    if verb and not who:
        who = _subject_before(t[: verb.start()], ctx)
    actor = _agent(who, s, ctx) if who else ""
    actor = actor or s.speaker or _reported_speaker(t, ctx)
    to = _WRITTEN_BACK_TO.search(t)
    addressee = _clean_party(m.group("x"), ctx, s)
    if not addressee and to:
        addressee = _clean_party(to.group("to"), ctx, s) or to.group("to")
    if not actor or not addressee or actor == addressee or _BAD_ACTOR.match(actor):
        return []
    return _asked(s, m.start(), actor, addressee, _action(t, m.start("v")))


def _two_parties(actor: str, ctx: _Ctx) -> str:
    """ "both parties": the two parties other than the actor named last before the sentence."""
    before = ctx.text[max(0, ctx.position - _PARTY_LOOKBACK) : ctx.position]
    named = sorted((m.start(), name) for name, pat in _PARTIES for m in re.finditer(pat, before))
    found: list[str] = []
    for _, name in reversed(named):
        if name not in found and name != _party_name(actor) and name != actor:
            found.append(name)
    return " and ".join(reversed(found[:2])) if len(found) >= 2 else ""


_GOVERNMENT = re.compile(
    r"\b(?:the\s+(?:UK\s+|British\s+|Scottish\s+|Welsh\s+)?government|ministers|the\s+prime\s+minister"
    r"|the\s+chancellor|the\s+home\s+secretary|Downing\s+Street|the\s+Home\s+Office"
    r"|the\s+Treasury|the\s+Executive)\b"
)


def _ask_items(s: _Sentence, ctx: _Ctx) -> list[Ask]:
    index = ctx.index
    t = s.text
    out: list[Ask] = []
    conditional = bool(_CONDITION.search(s.low))
    reporter = s.speaker or _reported_speaker(t, ctx)
    ctx.reporter = reporter
    p = _PASSIVE_ASK.search(s.low)
    if p and not _speculative_before(s.low, p.start()):
        # "The council has been asked by residents to ...": the subject is the one asked.
        who = _subject_before(t[: p.start()], ctx)
        addressee = _clean_party(_agent(who, s, ctx) if who else "", ctx, s)
        actor = ""
        end = len(t)
        late = _LATE_BY.search(t, p.end()) if not p.group("by") else None
        if late and _agentive(late.group("by"), index):
            # "has been urged to rethink its plans by MPs": the agent after the action
            by = re.sub(r"^(?:the|a|an|some|many)\s+", "", late.group("by"))
            actor = _resolve(by, index, ctx.last_person) if by[:1].isupper() else by
            end = late.start()
        if p.group("by"):
            by = re.sub(r"^(?:the|a|an|some|many)\s+", "", t[p.start("by") : p.end("by")].strip())
            actor = _resolve(by, index, ctx.last_person) if by[:1].isupper() else by
        actor = actor or (reporter if reporter != addressee else "") or ctx.announcer
        if actor and actor != addressee:
            out.append(
                Ask(
                    actor=actor,
                    addressee=addressee,
                    action=_action(t[:end], p.end()),
                    deadline=_deadline(s, p.end()),
                    evidence=t,
                    said_by=_said_by(reporter, actor),
                    conditional=conditional,
                )
            )
        return out
    m = _ASK.search(s.low)
    if (
        m
        and not _speculative_before(s.low, m.start())
        and not _QUESTION_ASK.match(s.low, m.start())
        and not re.search(
            r"\b(?:to|would|could|might|without|before|after|will|shall)\s+$", s.low[: m.start()]
        )
        and (
            _JOINS_CALL.search(t[: m.start()])
            or not _NOUN_CALL.search(s.low[: m.start()])
            and not (
                re.match(
                    r"call|demand|request|appeal|plea|press|challenge\b|order\b", s.low[m.start() :]
                )
                and _NOUN_BEFORE.search(s.low[: m.start()])
            )
        )
        and not re.search(r"\b(?:if|unless|whether)\b[^,;]*$", s.low[: m.start()])
    ):
        joins = _JOINS_CALL.search(t[: m.start()])
        who = _subject_before(_ASIDE.sub("", t[: joins.start("verb") if joins else m.start()]), ctx)
        if re.search(r"\b(?:will|shall|'ll|’ll)\s+(?:be\s+)?$", t[: m.start()]) and who in (
            "I",
            "we",
            "We",
        ):
            return out  # "I will be asking Parliament to ..." is the speaker's own commitment
        absolute = re.search(r"\bwith\s+(?P<np>(?:[\w'’-]+\s+){1,4})$", t[: m.start()])
        if absolute and not who and s.low.startswith(("urging", "calling", "demanding"), m.start()):
            # "..., with Labour MPs urging him to act": the ones "with" introduces ask
            who = _subject_before(absolute.group("np"), ctx)
        actor = _agent(who, s, ctx) if who else ""
        if who in ("it", "they") and not actor and not s.quoted:
            actor = _pronoun_body(who, ctx)  # "They urge voters to ...": the body named before
        if (
            reporter
            and re.match(r"\w+ing\b", s.low[m.start() :])
            and re.search(r",\s*$", t[: m.start()])
        ):
            actor = reporter  # "..., he said, urging voters to ...": the speaker urges
        if not actor:
            actor = reporter or _first_mention(s, index, m.start())
        trig = t[m.start() : m.end()]
        if re.match(r"(?:entitled|right)\s", trig):
            # "he said the Israelis were entitled to expect ...": his ask
            said = list(re.finditer(r"\b(?:said|says|argued|insisted)\s+", t[: m.start()]))
            who_said = _subject_before(t[: said[-1].start()], ctx) if said else ""
            actor = reporter or (_agent(who_said, s, ctx) if who_said else "") or actor
        if trig.startswith("Want") and m.start() > 0:
            return out  # "War on Want": a name
        if re.match(r"want", trig, re.I) and re.match(r"wanted\s+it\b|wants?\s+it\b", trig, re.I):
            return out
        addressee = ""
        that_end = 0  # where the action starts after "demanding that X"
        am = re.match(r"(?:\w+)\s+(?:on|upon)?\s*(.+?)\s+(?:to|for)$", trig)
        if am and not re.match(r"call|appeal", trig, re.I):
            addressee = am.group(1).strip()
        elif re.match(r"call(?:s|ed|ing)?\s+(?:on|upon)", trig, re.I) and not re.match(
            r"\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", t[m.end() :]
        ):
            nm = re.match(r"\s*(.+?)\s+to\b", t[m.end() :])
            addressee = nm.group(1) if nm and len(nm.group(1).split()) <= 5 else ""
        elif re.match(r"call(?:s|ed|ing)?\s+for|appeal(?:s|ed|ing)?\s+(?:to|for)", trig, re.I):
            # "called for the government to ...", "appealed to the kidnappers to ..."
            nm = re.match(r"\s*((?:the\s+)?[\w'’ -]+?)\s+to\s+(?!be\b)[a-z]+", t[m.end() :])
            if nm and len(nm.group(1).split()) <= 5 and _agentive(nm.group(1), index):
                addressee = nm.group(1)
        elif re.match(r"urg|implor|demand", trig, re.I):
            nm = re.match(r"\s*(.+?)\s+(?:to|for)\b", t[m.end() :])
            # "urged Care International, the aid agency she works for, to": the name
            named = _APPOSITIVE_TAIL.sub("", nm.group(1)) if nm else ""
            if re.match(r"\s*to\s", t[m.end() :]):
                named = ""  # "demanded to know who ...": nobody named as asked
            if re.fullmatch(r"them(?:\s+not)?", named.lower()):
                # "wrote to all three parties urging them to": those written to, else those
                # the same speaker asked last
                if _WRITTEN_TO.search(t, 0, m.end() + 12):
                    named = ""
                elif actor == ctx.last_asker and ctx.last_addressee:
                    named = ctx.last_addressee
            addressee = named if len(named.split()) <= 6 else ""
            that = re.match(
                r"\s*that\s+(?P<x>(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,4}|the\s+[a-z]+\s+)(?=[a-z])",
                t[m.end() :],
            )
            if that and (not addressee or addressee.startswith("that ")):
                # "demanding that Tony Blair spell out ...": Tony Blair is asked.
                addressee = that.group("x").strip()
                that_end = m.end() + that.end()
            bare = _demanded_do(t, m.end(), index) if re.match(r"demand", trig, re.I) else None
            if bare and not addressee:
                # "The chancellor has demanded all government departments make savings."
                addressee, that_end = bare
        wt = _WRITTEN_TO.search(t, 0, m.end() + 12)
        if wt and not addressee:
            addressee = wt.group("to")
        addressee = re.sub(r"^(?:for|like|to(?:\s+expect)?)\s+", "", addressee)
        if re.match(r"look|entitled|right|expect", trig, re.I) and (
            not _agentive(addressee, index) or who.lower() in _NO_ONE
        ):
            return out  # "looking for ways to": a search, not a request of anyone
        addressee = re.sub(r"\s+(?:not|never)$", "", addressee)  # "urged ministers not to"
        relative = re.match(r"(?P<np>.+?)\s+(?:who|which)\s+[a-z]", addressee)
        if relative:
            addressee = relative.group("np")  # "wants pubs and clubs which cause extra work to"
        raw = addressee
        addressee = _clean_party(addressee, ctx, s)
        if re.match(r"need", trig, re.I) and not addressee:
            return out  # "we need more money to ...": a need, unless a party is to act
        if (
            not addressee
            and (_OBJECT_CONTROL.match(trig) or relative)
            and _PLAIN_NOUN_PHRASE.fullmatch(raw)
            and not re.match(r"(?:more|some|any|a|an|further|new)\s", raw, re.I)
        ):
            addressee = raw  # "urged politicians to ...": whoever is urged to act is asked
        start = m.end()
        if (addressee or raw) and re.match(
            r"urg|implor|press|ask|tell|told|encourag|lobb|want|call(?:s|ed|ing)?\s+(?:on|upon)"
            r"|appeal(?:s|ed|ing)?\s+to",
            trig,
            re.I,
        ):
            # "urged the minister to act": the action is what follows the addressee's "to".
            after = (
                re.match(r"\s*.{0,80}?(?:\bto\s+(?=[\"“']?[a-z])|\b(?=not\s+to\s))", t[m.end() :])
                if not trig.endswith(("to", "for")) or re.match(r"appeal", trig, re.I)
                else None
            )
            start = m.end() + (after.end() if after else 0)
        if that_end:
            start = that_end
        if actor and not _BAD_ACTOR.match(actor):
            # "called on the government to appoint X and to increase Y": two requests.
            second = _SECOND_REQUEST.match(t, start, start + _SECOND_REQUEST_REACH)
            starts = [start, second.end()] if second else [start]
            for i, at in enumerate(starts):
                action = _action(t[: second.start("sep")] if second and i == 0 else t, at)
                if re.search(r"\b(?:not|never)\s+to\s*$", t[:start]):
                    action = "not " + action  # "warned ministers not to cut ..."
                out.append(
                    Ask(
                        actor=actor,
                        addressee=addressee,
                        action=action,
                        deadline=_deadline(s, m.start()),
                        evidence=t,
                        said_by=_said_by(reporter, actor),
                        conditional=conditional,
                    )
                )
            return out
    hope = _HOPE_ASK.search(t)
    speaker = reporter or s.speaker
    if hope and speaker and not _speculative_before(s.low, hope.start()):
        # '"I hope now that the government will scrap this law," he said': an appeal to it.
        out.append(
            Ask(
                actor=speaker,
                addressee=_clean_party(hope.group("x"), ctx, s) or hope.group("x"),
                action=_action(t, hope.start("v")),
                deadline=_deadline(s, hope.start()),
                evidence=t,
                said_by=_said_by(reporter, speaker),
                conditional=conditional,
            )
        )
        return out
    d = _DEMAND.search(s.low) or _VITAL.search(s.low)
    if (
        d
        and not _speculative_before(s.low, d.start())
        and not re.search(
            r"\b(?:a|the|no|any|constant|urgent|real|clear|growing|pressing|desperate|little)\s+$",
            s.low[: d.start()],
        )
        and not re.search(r"\b(?:would|could|might|may)\s+(?:\w+\s+)?$", s.low[: d.start()])
        # "He asked what the government had to hide": a question, not a demand.
        and not (
            re.search(r"\b(?:what|why|how|whether|if)\b[^,;:]*$", s.low[: d.start()])
            # "If he is serious about X he should ...": a demand put as a condition
            and not _IF_SERIOUS.search(s.low[: d.start()])
        )
        # "would mean they had to pay in more": a consequence, not a demand
        and not re.search(r"\bmean(?:s|t)?\s+(?:that\s+)?(?:[\w'’-]+\s+){0,8}$", s.low[: d.start()])
    ):
        if s.low.startswith("had", d.start()) and (s.quoted or _inside_quote(t, d.start())):
            return out  # '"The government had to publish a commentary," he said': a past need
        speaker = reporter
        if (
            not speaker
            and ctx.reported_recently
            and _BACKSHIFTED.match(s.low, d.start())
            and not s.quoted
            and not re.match(r"had\s+to\s+be\s+\w+(?:ed|en)\b", s.low[d.start() :])
            and not re.search(
                r"\b(?:where|when|if|as|have|has|had|with|get|got)\s+(?:\w+\s+){0,3}$",
                s.low[: d.start()],
            )
        ):
            # "It had to fight poverty", "More needed to be done": the past tense of reported
            # speech going on from the speaker reported a sentence or two before ("His address
            # had to be postponed", "the signatures needed to": narrative, not a demand).
            speaker = ctx.reporter = ctx.announcer or ctx.prev_announcer
        said = list(_SAYING.finditer(t, 0, d.start() + 1)) if not speaker and not s.quoted else []
        if said:
            # "X criticised the plan, saying ministers should think again": X's demand
            verb = _FIRST_VERB.search(t, 0, said[-1].start())
            subj = _subject_before(t[: verb.start()], ctx) if verb else ""
            who_says = _agent(subj, s, ctx) if subj else ""
            if who_says and _is_agent(who_says, subj, ctx.index, s):
                speaker = ctx.reporter = who_says
        if (
            not speaker
            or _BAD_ACTOR.match(speaker)  # "for Birkenhead": a constituency caught as a name
            or re.search(r"\bshould\s+(?:be\s+)?(?:able|allowed)\b", t)
        ):
            return out
        who = _subject_before(_ASIDE.sub("", t[: d.start()]), ctx)
        passive_demand = bool(
            re.match(
                rf"\s+(?:also\s+|not\s+|only\s+)*be\s+(?:\w+ly\s+)?(?:{_ANY_PARTICIPLE})\b",
                t[d.end() :],
            )
            or "needed" in s.low[d.start() : d.end()]
        )
        if who.lower() in _NO_ONE or _NO_ONE_BEFORE.search(s.low[: d.start()]):
            return out  # "Nobody should doubt that ...": a claim, not a request of anyone
        if re.match(
            r"(?:\s+[\w'’-]+){0,4}?\s+have\s+(?:been|[a-z]+(?:ed|en|wn|ne|nt|id|ld|ght|un|ade|ept|ost))\b",
            t[d.end() :],
        ):
            return out  # "They should at the outset have said ...": criticism of the past
        if who in ("that", "this", "it") and passive_demand:
            who = ""  # "That must be done properly": a demand with no named addressee
        if who in ("who", "which", "that", "I", "we", "We", "you", "You") and not _VITAL.match(
            s.low, d.start()
        ):
            return out  # "we must be optimistic": the speaker's own resolve, not an ask
        if re.search(r"\b(?:will|going\s+to|would)\s+$", s.low[: d.start()]):
            return out  # "you are going to have to pay": a forecast
        if re.match(r"\s+(?:\w+ly\s+)?(?:know|have\s+known|realise|realize)\b", t[d.end() :]):
            return out  # "the minister should know by now that ...": a rebuke, not a request
        if re.search(
            r"\b(?:some|many|other)\s+(?:people|critics|others)\s+(?:think|believe|feel|say)\b[^.;]*$",
            s.low[: d.start()],
        ):
            return out  # "Some people think that women should ...": a view the speaker reports
        head = _head_word(t[: d.start()])
        if (
            not who
            and not passive_demand
            and head
            and head not in _PRONOUNS
            and not _VITAL.match(s.low, d.start())
            and not re.match(r"\s+(?:be\s+)?(?:an?|the|more|less|no|some|any)\b", t[d.end() :])
            and not (_stem(head) in _AGENT_NOUNS or _stem(head) in ROLE_NOUNS)
        ):
            return out  # "prices need to come down": a thing, not a party that is asked
        addressee = "" if who in ("I", "it", "this", "that", "there", "which", "who") else who
        if who == "they" and not s.quoted and speaker == ctx.last_asker:
            addressee = ctx.last_addressee  # "He said they should ...": those he asked before
        if passive_demand and not _is_agent(who, who, ctx.index, s):
            addressee = ""  # "Adults should be treated as adults": they are not the ones asked
        if who in ("we", "We") and s.quoted:
            addressee = ""
        start = d.end()
        vital_for = re.match(
            r"[^,;]*?\bfor\s+(?P<x>(?:the\s+)?[\w'’ -]{2,50}?)\s+to\s+(?=[a-z])", t[d.start() :]
        )
        if _VITAL.match(s.low, d.start()):
            addressee = ""  # "X, of Torfaen, said it was vital ...": who is before is who asks
            if vital_for:
                # "it is time for Mr X to say sorry": X is asked, and the action follows "to".
                addressee = vital_for.group("x")
                start = d.start() + vital_for.end()
        addressee = _clean_party(addressee, ctx, s)
        told = _TOLD_TAG.search(t) if not addressee else None
        if told and not _MEDIA.search(told.group("x")):
            # "New powers are needed ..., police chiefs have told MPs."
            addressee = _clean_party(told.group("x"), ctx, s)
        pronoun = re.search(r"\b(he|she)\s+(?:\w+ly\s+|also\s+)?$", s.low[: d.start()])
        if pronoun and addressee == speaker:
            # "Kennedy said Harry was at fault and said he should apologise": not himself.
            other = ctx.pronoun(pronoun.group(1))
            addressee = other if other != speaker else addressee
        if addressee and addressee == speaker:
            return out
        action = _action(t, start)
        if "needed" in s.low[d.start() : d.end()] and (
            not action or re.match(r"(?:to|for|on)\s+(?:the|a|an|its|his|her|their)\b|in\s", action)
        ):
            # "said firm action was needed", "changes were needed to the law"
            action = f"{_needed_thing(t[: d.start()])} {action}".strip()
        out.append(
            Ask(
                actor=speaker,
                addressee=addressee,
                action=action,
                deadline=_deadline(s, d.start()),
                evidence=t,
                conditional=conditional,
            )
        )
    return out


_NOT_BARE_VERB = frozenset(
    """is are was were be been has have had will would should must can could may might shall
    do does did to of in on at for with by from and or but as that than into over about after
    before under against within without across through amid following per now""".split()
)


def _demanded_do(t: str, at: int, index: EntityIndex) -> tuple[str, int] | None:
    """ "demanded all departments make ...": the party asked and where its verb starts."""
    words = re.match(r"\s*((?:[\w'’-]+\s+){1,5})", t[at:])
    if not words:
        return None
    toks = words.group(1).split()
    for k in range(min(4, len(toks) - 1), 0, -1):
        x, v = " ".join(toks[:k]), toks[k]
        if (
            _agentive(x, index)
            and toks[0].lower() not in ("a", "an", "more", "some", "any", "further")
            and v.islower()
            and v not in _NOT_BARE_VERB
            and not v.endswith(("ed", "ing"))
            and toks[k - 1].lower() not in _NOT_BARE_VERB
        ):
            return x, at + t[at:].index(" " + v + " ", len(x)) + 1
    return None


# '..., police chiefs have told MPs.': who the reported demand was made to.
_TOLD_TAG = re.compile(
    r",?\s+(?:have\s+|has\s+|had\s+)?(?:told|tells)\s+(?P<x>(?:the\s+)?[\w'’ -]{2,30}?)[.\"”]*$"
)


_MEDIA = re.compile(
    r"BBC|Radio|News|Times|Sky|ITV|GMTV|Channel|[Pp]rogramme|[Nn]ewspaper|[Pp]aper|[Mm]agazine"
    r"|[Rr]eporters|[Jj]ournalists|Guardian|Telegraph|Observer|Independent|Mirror|Mail|Express"
    r"|Sun\b|Today|Breakfast|Frost|Financial|Post|Herald|Scotsman|Chronicle|Press"
)


# "Many MPs, particularly in eastern England, have been pressing ...": an aside between the
# subject and its verb names no one who asks ("Rich countries, not just Britain, should ...").
_ASIDE = re.compile(
    r",\s+(?:particularly|especially|mainly|mostly|notably|chiefly|largely|not\s+(?:just|only)"
    r"|including|such\s+as)\s+[^,;:\"“”]{2,50},(?=\s)"
)


_SAYING = re.compile(
    r",\s+(?:saying|adding|arguing|insisting|warning|claiming|stressing)\s+(?:that\s+)?(?=[\w\"“])"
)


_IF_SERIOUS = _lower_pattern(
    r"\bif\s+(?:[\w'’-]+\s+){1,4}(?:is|are)\s+(?:really\s+)?serious\s+about\b"
)


_BACKSHIFTED = _lower_pattern(r"had\s+to|needed\s+to|(?:was|were)\s+(?:\w+ly\s+|also\s+)?needed")


def _needed_thing(prefix: str) -> str:
    """What a sentence says is needed: the words before "was needed", back to its clause."""
    clause = re.split(r"[,;:]|\b(?:that|said|says|and)\b", prefix)[-1]
    return clause.strip(" \"“”'")


# Nouns that can be asked to do something: people and bodies, not "a date" or "more".
_AGENT_NOUNS = frozenset(
    """government governments ministers minister mps mp party parties council councils
    authorities authority commission union unions department office people public voters
    members leaders leader officials chancellor secretary president countries nations states
    donors kidnappers captors groups group companies firms employers workers staff teachers
    doctors police army board banks regulators regulator schools universities prime premier
    community communities west world international lords commons parliament assembly
    executive administration body bodies agency agencies charities charity organisations
    britain pm bosses industry""".split()
)


def _agentive(phrase: str, index: EntityIndex) -> bool:
    words = phrase.split()
    if not words:
        return False
    last = words[-1].strip(".,").lower()
    if last in _AGENT_NOUNS or last.rstrip("s") in _AGENT_NOUNS or last.rstrip("s") in ROLE_NOUNS:
        return True
    if last.rstrip("s") in _GENERIC_STEMS:
        return True  # "the human rights movement", "the coalition"
    return any(w[:1].isupper() for w in words if w.lower() not in ("the", "a", "more", "a"))


# Everyone and no one: not a party that can be asked ("Nobody should doubt ...").
_NO_ONE = frozenset(("nobody", "no one", "anyone", "everyone", "everybody", "anybody"))
_NO_ONE_BEFORE = re.compile(
    r"\b(?:nobody|no\s+one|everyone|everybody|anyone|anybody)\s+(?:\w+\s+)?$"
)


# Pronouns a named party cannot be ("us", unlike "the US").
_NOT_PARTIES = frozenset("it this that there which who they i we us you".split())


def _clean_party(name: str, ctx: _Ctx, s: _Sentence) -> str:
    index, last_person = ctx.index, ctx.last_person
    name = name.strip(" ,")
    if not name or name != "US" and name.lower() in _NOT_PARTIES:  # "US" is a country
        return ""
    if name.lower() in ("him", "her"):
        return last_person
    if name.lower() in _NO_ONE:
        return ""
    if not _agentive(name, index) or name.split()[0] in ("More", "Most", "Some", "All"):
        return ""
    if name.lower().startswith(("the ", "its ", "his ", "her ", "their ")):
        head = name.split(" ", 1)[1]
        if head[:1].isupper():
            return _resolve(head, index, last_person)
        return _role_holder(head, index) or name if name.lower().startswith("the ") else name
    return _resolve(name, index, last_person) if name[:1].isupper() else name
