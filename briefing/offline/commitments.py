"""Commitments: who promised what, by when, in one sentence.

Pledge verbs ("pledged", "vowed", "plans to", "ruled out"), "will/would/is to" by an agent,
passives of decision verbs ("offices will be closed", by whom the paragraph says), plans put
forward, rates a body sets, rules stated as what they bind others to do, and guarantees; then
exclusions (hedges, beliefs, accusations, forecasts, agendas, consequences, embedded questions).
Conditions are kept (`conditional`), refusals marked (`stance`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.models import Commitment
from briefing.offline.attribution import (
    _AGENT_TYPES,
    _ANY_PARTICIPLE,
    _BAD_ACTOR,
    _CONDITION,
    _GENERIC_AGENTS,
    _HEDGE,
    _INSTRUMENTS,
    _NAME,
    _NEW_REPORT,
    _NOUN_BEFORE,
    _PARTIES,
    _PRONOUNS,
    _SAY,
    _action,
    _agent,
    _country_in,
    _Ctx,
    _deadline,
    _first_mention,
    _head_word,
    _inside_quote,
    _is_agent,
    _lower_pattern,
    _office_holder,
    _party_name,
    _party_of,
    _possessor,
    _pronoun_body,
    _reported_speaker,
    _resolve,
    _said_by,
    _Sentence,
    _speculative_before,
    _subject_before,
)

_PLEDGE = _lower_pattern(
    r"\b(?:(?:pledge|promise|plan|aim|commitment|intention|policy|priority)\s+(?:is|was)\s+to\b"
    r"|decision\s+(?:by\s+[^,.]{2,40}?\s+)?(?:not\s+)?to\b|decided\s+to\b"
    r"|threaten(?:s|ed|ing)?\s+to\b"
    r"|pledg(?:es|ed|ing|e)|promis(?:es|ed|ing|e)|vow(?:s|ed|ing)?|guarantee(?:s|d)?"
    r"|(?:is|are|was|were|be|been|remain|remains)\s+(?:\w+\s+)?committed\s+to"
    r"|commit(?:s|ted|ting)?\s+(?:itself|themselves|himself|herself|ourselves|myself)?\s*to"
    r"|commitment(?:\s+and\s+\w+)?\s+to|agree(?:s|d)?\s+(?:\w+ly\s+)?(?:with\s+(?:(?!order\b)[\w'’.-]+\s+){1,8}?)?to|undertak(?:es|en|e)\s+to|offer(?:s|ed|ing)?\b"
    r"|intend(?:s|ed|ing)?\s+to|plan(?:s|ned|ning)?\s+to|(?<!to\s)(?<!will\s)(?<!would\s)plan(?:s|ned)?\s+(?=(?:a|an)\s)|proposals?\s+to|rul(?:es|ed|e|ing)\s+out\b"
    r"|hop(?:es|ed|e|ing)\s+to|aim(?:s|ed|ing)?\s+to|(?:trying|tries|working|works)\s+to|seek(?:s|ing)?\s+to|want(?:s|ed)?\s+to\b(?!\s+be\b)"
    r"|determined\s+to|(?:prepared|ready|willing)\s+to|resolved\s+to"
    r"|announc(?:es|ed|ing|e)\b|confirm(?:s|ed)?\b)",
)


_WILL = _lower_pattern(
    r"\b(?:will|won't|wo\s+n't|shall|would|'ll|’ll|(?:is|are)\s+(?:also\s+)?to\s+(?:be\s+)?"
    r"(?=\w+(?:ed|en)\b|\w+)|(?:is|are|am)\s+going\s+to)\b",
)


def _speaks_for(speaker: str, actor: str, ctx: _Ctx) -> bool:
    """Whether a reported speaker can commit the actor ("Mr Blair said the UK would ...").
    Not when the article puts them on different sides: another person ("Kinnock said Brown
    would never ..."), another party or country, or a critic, rival or commentator."""
    if not speaker or not actor:
        return True
    sl, al = speaker.lower(), actor.lower()
    if sl == al or sl in al or al in sl:
        return True
    ent = ctx.index.get(speaker)
    role = (ent.role if ent else "").lower()
    if re.search(r"spokes(?:man|woman|person)", sl + " " + role):
        return True
    if re.search(
        r"\b(?:critics?|opponents?|rivals?|shadow|opposition|analysts?|experts?|observers?"
        r"|commentators?|campaigners?|economists?|sources?)\b",
        sl + " " + role,
    ):
        return False
    kind = ctx.index.type_of(actor)
    if kind == "person" or (" and " not in actor and ctx.index.person_by_surname(actor) == actor):
        return False  # one person cannot pledge for another
    party = (
        _party_of(speaker, ctx) if ctx.index.type_of(speaker) == "person" else ""
    ) or _party_name(speaker)
    actor_party = next((n for n, pat in _PARTIES if re.search(rf"\b(?:{pat})", actor)), "")
    if party and actor_party and party != actor_party:
        return False
    country = _country_in(actor)
    said_country = _country_in(role.title()) or _country_in(speaker)
    return not (country and said_country and country != said_country)


# A passive participle that can report a decision ("offices will be closed", "troops are being
# sent"), not an outcome, a forecast or an agenda ("would be hit", "will be debated").
_NOT_DECISION = (
    r"hit|affected|forced|seen|welcomed|expected|considered|debated|discussed|known|called"
    r"|named|remembered|asked|told|urged|pressed|needed|hurt|harmed|damaged|killed|injured"
    r"|defeated|elected|re-elected|beaten|won|lost|criticised|blamed|surprised|shocked|pleased"
    r"|delighted|disappointed|concerned|worried|tempted|interested|involved|based|linked"
    r"|related|overtaken|taken|judged|left|heard|tried|charged|jailed|sentenced|convicted"
    r"|arrested|decided|determined|tested|faced|prepared|ruled|opposed|divided|split|seen"
    r"|viewed|regarded|treated|accused|questioned|watched|followed|joined|attended|scheduled"
    r"|due|born|married|caught|trapped|stuck|owed|worth|broken|fallen|risen|gone|been|become"
    r"|happened|used\s+to|driven|represented|hosted|chaired|led|attended|accompanied|visited"
    r"|addressed|greeted|received|interviewed|scrutinised|helped|hampered|undermined|fooled"
    r"|persuaded|convinced|swayed|misled|deceived|impressed|tried|filled|succeeded|reunited"
    r"|outnumbered|outvoted|overturned|rejected|ignored|punished|found\s+guilty|isolated"
    r"|weakened|strengthened|marginalised|sidelined|overwhelmed|exposed"
)


_POLICY_PARTICIPLE = (
    rf"(?!(?:{_NOT_DECISION})\b)(?:[a-z]+-)?(?:[a-z]{{2,}}(?:ed|en)|sent|made|built|cut|spent"
    r"|put|set|held|brought|paid|sold|shut|kept|run|met|done|shown|found|laid|led|bought|given"
    r"|withdrawn|drawn|written|thrown|overseen|lent|dealt|sought|struck|taught|begun|frozen"
    r"|set\s+up|rolled\s+out|phased\s+out|brought\s+in|pulled\s+out)"
)


_PASSIVE = re.compile(
    rf"\s+(?:not\s+|never\s+)?(?:also\s+|now\s+|then\s+|still\s+|only\s+|all\s+|of\s+course\s+)?"
    rf"(?:be|being)\s+"
    rf"(?:\w+ly\s+)?{_POLICY_PARTICIPLE}\b",
    re.I,
)


# "is being Xed" mostly describes ("talks are being held", "he is being investigated"); only
# verbs of deployment and provision announce something.
_PASSIVE_NOW = _lower_pattern(
    r"\b(?:is|are)\s+(?:now\s+|also\s+)?being\s+(?:\w+ly\s+)?(?:sent|deployed|flown|cut|closed"
    r"|scrapped|axed|introduced|offered|given|provided|set\s+up|recruited|extended|increased"
    r"|raised|reduced|withdrawn|pulled\s+out|turned\s+over|handed|made\s+available|released"
    r"|freed|spent|invested|allocated|earmarked|launched|rolled\s+out|brought\s+in|phased\s+out"
    r"|expanded|doubled|frozen|abolished|shut|opened|built|created|appointed|hired|trained)\b"
)


_BY_NAME = (
    r"(?P<by>(?:future\s+|new\s+|incoming\s+)?"
    r"(?:[A-Z][\w'’-]*\s+|[a-z]+\s+(?=\w*(?:minister|secretary|commissioner|government)))"
    r"{0,4}(?:[A-Z][\w'’-]*|government|ministers|council|councils|commissioner|minister"
    r"|secretary|authorities|department|party|executive|administration|watchdog|regulator))\b"
)


_BY_AGENT = re.compile(
    r"^(?:\s+(?!by\b)[\w'’£$.,-]+(?<!ed)){0,6}?\s+by\s+(?:a\s+|an\s+|the\s+)?" + _BY_NAME
)


# Participles whose "by" phrase names what takes something's place, not who acts.
_SUCCESSOR = re.compile(r"\b(?:replaced|superseded|succeeded|followed|overtaken|joined)$", re.I)


# The "by" agent anywhere in the clause ("offered two hours' training a week by the party").
_BY_IN_CLAUSE = re.compile(r"^[^;:\"“”]*?\s+by\s+(?:a\s+|an\s+|the\s+)?" + _BY_NAME)


# What is an agenda, not a commitment: visits, meetings, attendance, speeches.
_AGENDA = re.compile(
    r"\s*(?:(?:not|never|also|then|first|later|now)\s+)*[\"“']?(?:become|get\s+(?:a|an|the|more|worse|better)|visit|travel|fly|arrive|attend|go\s+to|address|speak\s+(?:at|to|on)"
    r"|give\s+(?:a|the)\s+(?:speech|lecture|address)|(?:answer|take|field)\s+questions|appear|meet\s+(?:with\s+)?(?:[A-Z]|his|her"
    r"|their|the\s+(?:prime|president|leader|queen|king))|hold\s+talks|have\s+talks"
    r"|lead\s+(?:a|the)\s+delegation|host|chair|be\s+(?:in|at|on|among|joined|there|present)"
    r"|join\s+(?:[A-Z]|him|her|them)|miss|represent|sit|tour|stop\s+off"
    # outcomes and forecasts, not actions
    r"|end\s+up|be\s+able|face|suffer|lose|win|benefit|find|see|feel|know|happen|surpass|overtake"
    r"|outlast|exceed|experience|struggle"
    r"|(?:take|hold|gain|keep|retain)\s+(?:\w+\s+){0,2}(?:seats?|constituenc\w+|marginals?|majorit\w+)"
    r"|probably|possibly|perhaps|likely|(?:really\s+)?(?:like|love|prefer)\s+to\s+see|rather"
    r"|welcome|add|say|point\s+out|argue|suggest|think|imagine|expect|guess|agree\s+that"
    r"|hope|wish|want|comment|speculate|elaborate|discuss|talk\s+about|be\s+drawn|hear\s+from"
    r"|emphasi[sz]e|stress|insist|repeat|reiterate|warn"
    r"|confirm\s+or\s+deny|make\s+(?:no|any)\s+predictions?"
    r"|hold\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}(?:conference|meeting|summit|briefing"
    r"|rally|event|party|reception|hearing|session)"
    r"|have\s+(?:\w+\s+)?\w+(?:ed|en|lost|made|done|had|left|been)|remain\s+(?:an?|the)"
    r"|be\s+(?:hit|affected|forced|left|worse|better|known|called|named|remembered|isolated|weak"
    r"|weaker|stronger|marginalised|sidelined)|make\s+(?:any|no|a\s+real|much)\s+difference"
    r"|be\s+made\s+(?:easier|harder|worse|better|more|less|possible|impossible))\b"
)


_REFUSAL = _lower_pattern(
    r"^\s*(?:not|never)\b|^\s*(?:\w+ly\s+)?(?:not|never)\b|n't\b|^\s*no\s+longer\b"
)


_IMPERSONAL_SUBJECT = frozenset(
    "aim plan idea hope intention goal task priority challenge problem question point "
    "answer result danger fear risk worry concern tactic strategy message view way trick key "
    "issue solution choice option object purpose job idea thing".split()
)


def _stance(t_after: str, trig: str) -> str:
    low = trig.lower()
    if re.match(r"\s*not\s+(?:just|only|merely|simply)\b", t_after.lower()):
        return "commit"  # "would not just be a talking shop but would deliver ...": more, not less
    if re.search(r"won't|wo\s+n't|n't$|\bnot\b|\bnever\b", low):
        return "refuse"
    if re.match(r"rul\w*\s+out", low):
        return "refuse"
    if _REFUSAL.search(t_after.lower()[:20]) or re.match(r"\s*(?:not|never)\s+to\b", t_after):
        return "refuse"
    return "commit"


_VERB_PLEDGE = re.compile(
    r"(?:pledged|promised|vowed|threatened|agreed|announced|committed|undertook|intends|intended|confirmed"
    r"|guaranteed|vows|pledges\s+to|promises\s+to|offered\s+to|offers\s+to)"
)


_UNVEILED = re.compile(
    r"\s(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:unveiled|announced|outlined|published|revealed|defended"
    r"|launched|set\s+out|drawn\s+up|put\s+forward|tabled|proposed|backed|agreed|approved)"
    r"(?:\s+(?:its|their|his|her|the|new|fresh|detailed|radical|controversial|a|an))*\s*$"
)


_STATIVE = re.compile(
    r"\s+(?:(?:not|also|still|now|then|always|never|all)\s+)*"
    rf"(?:be\s+[\"“']?(?!(?:{_ANY_PARTICIPLE})\b)\w+|have\s+to\b)",
    re.I,
)


_ON_A_DAY = _lower_pattern(
    r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|tomorrow"
    r"|later\s+today|this\s+(?:morning|afternoon|evening)|tonight)\b"
)


def _on_a_day(low: str, trig_start: int) -> bool:
    """A day named for the act ("will deliver his Budget on Wednesday", "On Monday he will"),
    not for something else the sentence tells ("who on Thursday won damages, said he would")."""
    if _DATED_PLEDGE.match(low, trig_start):
        return False  # "The Lib Dems plan to oppose the Bill on Thursday": a plan, dated
    if _ON_A_DAY.match(low) and _STATED.search(low, 0, trig_start):
        return False  # "On Friday, Mr Brown confirmed he would not ...": the day of saying it
    return bool(_ON_A_DAY.search(low, trig_start) or _ON_A_DAY.match(low))


_DATED_PLEDGE = _lower_pattern(r"(?:plan|pledg|promis|vow|intend|agree|decid|announc|confirm)")


_STATED = _lower_pattern(
    r"\b(?:said|says|told|confirmed|confirms|announced|announces|insisted|insists|promised"
    r"|pledged|vowed|stressed|warned|added)\b"
)


def _commitment(s: _Sentence, ctx: _Ctx) -> Commitment | None:
    index = ctx.index
    t = s.text
    conditional = bool(_CONDITION.search(s.low))
    reporter = s.speaker or _reported_speaker(t, ctx)
    holder = _office_holder(reporter, ctx)
    if holder and holder.split()[-1] not in t:
        reporter = holder  # "The prime minister told MPs:", unless the sentence names him too
    ctx.reporter = reporter

    def make(
        actor: str, start: int, trig: str, trig_start: int, what: str = ""
    ) -> Commitment | None:
        if _BELIEF.search(s.low, 0, trig_start):
            return None  # "a leak suggested Mr Brown was ready to ...": a belief about him
        if _BAD_ACTOR.match(actor):
            return None  # a clause caught as a name ("be sent to Guantanamo Bay")
        if trig.startswith(("hop", "aim", "want")) and re.match(
            rf"\s*(?:to\s+)?be\s+(?:{_ANY_PARTICIPLE})\b", t[start:]
        ):
            return None  # "hoped to be elected leader": an outcome hoped for, not an act
        if reporter and reporter not in actor and _ACCUSED.search(s.low, 0, trig_start):
            return None  # "Mr Blair claimed a Tory government would cut ...": an accusation
        said_by = _said_by(reporter, actor)
        if said_by and not _speaks_for(said_by, actor, ctx) and not s.quoted:
            return None  # "critics said the government would ...": a prediction, not a pledge
        if s.quoted and said_by and not _speaks_for(said_by, actor, ctx):
            return None
        if _AGENDA.match(t, start) or re.match(r"\s*(?:not\s+)?(?:\w+ly\s+)?mean\b", t[start:]):
            return None  # an agenda, or a consequence ("a positive test would mean ...")
        if trig.startswith("want") and re.match(r"\s*(?:remain|stay|keep\s+quiet)\b", t[start:]):
            return None  # "wants to remain anonymous": a wish about oneself, not an act
        if re.match(r"\s*(?:to\s+)?have\s+(?:been|[a-z]+(?:ed|en|de|ne|wn))\b", t[start:]):
            return None  # "will hope to have made advances": an outcome, not an act
        if re.match(r"\W*in\s+(?:our|my|his|her|their|its)\s+(?:view|opinion)\b", t[start:]):
            return None  # "would, in our view, compromise ...": an opinion of what would happen
        if _WILL.match(s.low, trig_start) and _STATIVE.match(t, start):
            return None  # "we will be the party of ...", "will have to": a state, not an act
        if not s.quoted and not reporter and _on_a_day(s.low, trig_start):
            return None  # "Mr Brown will deliver his Budget on Wednesday": a schedule
        holder = _office_holder(actor, ctx)
        if holder and holder != reporter and holder.split()[-1] not in t:
            actor = holder  # "the prime minister": who holds the office, not who speaks of it
        action = re.sub(r"^to\s+(?=[a-z])", "", what or _action(t, start))  # "vowed to strike"
        stance = _stance(t[start:], trig)
        comma = t.rfind(",", 0, trig_start)
        if not action and comma > 0:
            # "Aid will not be cut, the prime minister has promised.": the clause before the tag.
            clause = t[:comma]
            w = _WILL.search(clause.lower())
            action = _action(clause, w.end() if w else 0)
            stance = _stance(clause[w.end() :], w.group(0)) if w else stance
        if not action and re.match(r"\w+ing\b", s.low[trig_start:]):
            return None  # "the tax cuts he was promising.": nothing stated to be done
        if action.lower() in ("", "be", "do"):
            return None  # "Whoever is the prime minister will be.": nothing to be done
        return Commitment(
            actor=actor,
            action=action,
            deadline=_deadline(s, trig_start),
            evidence=t,
            said_by=said_by,
            stance=stance,
            conditional=conditional,
        )

    included = _included(s, ctx, reporter) or _rejected_calls(s, ctx) or _refused(s, ctx)
    if included:
        return make(*included)
    m = _PLEDGE.search(s.low)
    if m and re.search(
        r"\b(?:cannot|can't|could\s+not|couldn't|unable\s+to)\s+(?:be\s+)?$", s.low[: m.start()]
    ):
        m = None  # "entry cannot be guaranteed", "something it cannot guarantee": no pledge
    if m and _PASSIVE_PLEDGE.search(s.low[: m.start()]) and _PASSIVE_REPORT.match(s.low, m.start()):
        m = None  # "after the inquiry was announced": the thing announced (see below)
    if (
        m
        and _PASSIVE_PLEDGE.search(s.low[: m.start()])
        and _PASSIVE_PLEDGE_VERB.match(s.low, m.start())
        # "he was offered several positions": a past offer to him, not a pledge
        and not (
            s.low.startswith("offered", m.start())
            and re.search(r"\b(?:was|were)\s+(?:also\s+)?$", s.low[: m.start()])
        )
    ):
        # "Pensioners would be offered ... by a future Labour government": the one offered is
        # the beneficiary; the actor is the "by" agent, else who the paragraph reports.
        if _speculative_before(s.low, m.start()):
            return None
        end = m.start() + len(s.low[m.start() :].split()[0])
        by = _BY_IN_CLAUSE.match(t[end:])
        actor = (
            re.sub(
                r"^(?:future|new|incoming)\s+", "", _resolve(by.group("by"), index, ctx.last_person)
            )
            if by
            else (reporter if _can_announce(reporter, ctx) else "") or ctx.announcer
        )
        return make(actor, m.start(), "would", m.start()) if actor else None
    if m and not _speculative_before(s.low, m.start()):
        trig = s.low[m.start() : m.end()]
        # "Ministers have unveiled plans to ...": the subject is the one who unveiled them.
        head = _UNVEILED.sub("", t[: m.start()]) if trig.startswith(("plan", "propos")) else ""
        before = head or t[: m.start()]
        # "he does not intend to": a refusal, of the subject before the negation
        refused = trig.startswith(("intend", "plan")) and bool(
            re.search(r"\b(?:not|never)\s+$", s.low[: m.start()])
        )
        if refused:
            before = re.sub(r"\s(?:does|do|did)\s+not\s+$", " ", before)
        who = _subject_before(before, ctx, trig.endswith("ing"))
        if trig.startswith(("commitment", "decision")):
            pm = re.search(
                rf"(?P<n>{_NAME})['’]s?\s+(?:[a-z]+\s+){{0,3}}(?:[a-z]+['’]s\s+)?{trig.split()[0]}",
                t,
            )
            pb = re.match(r"decision\s+by\s+(?:the\s+)?(?P<n>[^,.]{2,40}?)\s+to\b", trig)
            if pb:
                who = _resolve(
                    t[m.start() + pb.start("n") : m.start() + pb.end("n")], index, ctx.last_person
                )
            elif pm:
                who = _resolve(pm.group("n"), index, ctx.last_person)
            own = re.search(
                r"\s(?:has\s+|have\s+)?defended\s+(?:his|her|its|their)\s+$", t[: m.start()]
            )
            if own:
                who = _subject_before(t[: own.start() + 1], ctx)  # "X defended his decision to"
        actor = _agent(who, s, ctx) if who else ""
        if (
            who in ("it", "they")
            and not actor
            and not s.quoted
            and (
                _VERB_PLEDGE.match(trig)
                or who == "they"
                and trig.startswith(("want", "plan", "intend"))
                and not re.search(
                    r"\b(?:when|if|that|who|which|where)\s+they\s+$", s.low[: m.start()]
                )
            )
        ):
            actor = _pronoun_body(who, ctx)  # "They have agreed to ...": the body named before
        if not who and _VERB_PLEDGE.match(trig) and not _NOUN_BEFORE.search(s.low[: m.start()]):
            # "On Monday, in a speech, the minister promised ...": no subject right before the
            # verb; the first agent named ahead of it, else the speaker.
            actor = _first_mention(s, index, m.start()) or (
                reporter if _can_announce(reporter, ctx) else ""
            )
        if trig.startswith(("plan", "propos")) and re.search(
            r"\b\w+ed\s+(?:the\s+)?(?:[A-Z][\w'’-]*|government|party)(?:['’]s)?\s+$"
            r"|\b(?:debating|discussing|considering|examining|opposing|attacking|criticising"
            r"|backing|supporting|rejecting)\s+(?:the\s+|new\s+)*$",
            t[: m.start()],
        ):
            # "He attacked Tory plans to ...", "Peers are debating proposals to ...": a noun,
            # the object of another verb
            actor = ""
        if trig.startswith("decision") and re.search(
            r"\b(?:at|on|over|about|of|into|for|against|with|criticised|attacked|questioned"
            r"|welcomed|condemned)\s+(?:his|her|their|its)\s+$",
            s.low[: m.start()],
        ):
            actor = ""  # "the watchdog is looking at his decision to ...": a past decision
        if re.search(r"\b(?:whom|whose)\s+(?:[\w'’-]+\s+){0,3}$", s.low[: m.start()]):
            actor = ""  # "the relative with whom Giuseppe planned to stay": a relative clause
        if actor.lower() in ("anyone", "everyone", "nobody", "no one", "someone", "people"):
            actor = ""  # "Anyone planning to move to the UK will have to ...": not an actor
        if trig.startswith("offer") and actor and not _is_agent(actor, who, index, s):
            actor = ""  # "Casinos also frequently offer free food": a habit, not an offer
        if trig.startswith("offer") and re.search(
            r"\b(?:something|nothing|anything|more|much|lot|little|plenty|less)\s+to\s+$",
            s.low[: m.start()],
        ):
            actor = ""  # "whether he still had something to offer": a quality, not an offer
        if re.search(r"\b(?:if|unless|whether)\b[^,;:]*$", s.low[: m.start()]):
            actor = ""  # "if he does want to take part, ...": inside the condition
        if re.search(r"\b(?:how|what|when|where|why)\s+(?:[\w'’-]+\s+){1,3}$", s.low[: m.start()]):
            actor = ""  # "should make clear how it intends to ...": a question, not a plan
        if trig.startswith("want") and re.search(
            r"\b(?:the|a|an)\s+[a-z]+\s+(?:[A-Z][\w'’-]*\s+)+$"
            r"|\b(?:the|a|an)\s+(?:[a-z]+\s+){1,4}(?:we|i|they|he|she)\s+$",
            t[: m.start()],
        ):
            actor = ""  # "the money Britain wanted to spend": a relative clause
        if trig.startswith(("plans", "decision")) and _NOUN_PLANS.match(t, m.end()):
            actor = ""  # "Tory plans to cut immigration are not racist": the plans described
        if (
            _NOUN_BEFORE.search(s.low[: m.start()])
            and not trig.startswith(("decision", "commitment"))
        ) or _HEDGE.search(s.low[max(0, m.start() - 80) : m.end()]):
            actor = ""  # "the offer was aimed at", "funding pledges", "don't rule out"
        agreed_with = re.match(
            rf"agree(?:s|d)?\s+with\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,4}}?(?P<n>{_NAME})\s+to\b",
            t[m.start() :],
        )
        if trig.startswith("announc") and re.match(
            r"\w*\s+(?:his|her|their|its)\s+(?:\w+\s+)?plans?\b(?!\s+(?:to|for)\b)",
            s.low[m.start() :],
        ):
            actor = ""  # "announced his plans a day after ...": no plan is stated
        if trig.startswith(("announc", "confirm")) and (
            not re.search(
                r"\b(?:new|plans?|will|would|is\s+to|are\s+to|to\s+(?!have\b|be\b|the\b|a\b"
                r"|an\b|his\b|her\b|their\b|its\b)[a-z]+)\b",
                t[m.end() : m.end() + 60],
            )
            or re.match(
                r"\s+(?:that\s+)?(?:[\w'’]+\s+){1,6}?(?:will|would|was|were|is|are)\b", t[m.end() :]
            )
        ):
            actor = ""  # "confirmed Mr Smith would continue": the clause decides (below)
        if _BACKGROUND.search(s.low[: m.start()]):
            actor = ""  # "after the hospital had agreed to the suspension": background
        if (
            (
                re.search(r"\balready\s+(?:\w+\s+)?$", s.low[: m.start()])
                and not trig.startswith("rul")  # "has already ruled out ...": a refusal that stands
            )
            or re.search(
                r"\b(?:what|which|(?:was|were)\s+why)\s+(?:\w+\s+){0,3}$", s.low[: m.start()]
            )
        ):
            # "we have already committed", "what the Tories were offering", "this was why he
            # wanted to": a past motive
            actor = ""
        if trig.startswith(("hop", "aim")) and who not in ("I", "we", "We") and not actor:
            actor = ""
        if trig.startswith(("tr", "work")) and not (
            reporter
            and (
                who.lower() in ("it", "we", "i", "they")
                or actor == reporter
                or index.type_of(actor) == "country"
                and _speaks_for(reporter, actor, ctx)
            )
            and not re.match(r"\s*be\b", t[m.end() :])
        ):
            # "The HSE said it was trying to ...": an effort the body itself reports; "he said
            # Labour was trying to ..." is an accusation, "trying to be helpful" a state.
            actor = ""
        if re.match(r"\w+\s+(?:is|was)\s+to", trig):
            # "The flagship pledge is to ...": the pledge's owner, else who the text reports
            # ("Mr Blair said the aim was to preserve tradition").
            own = re.search(rf"(?P<n>{_NAME})['’]s?\s+(?:\w+\s+)?\w+\s+(?:is|was)\s+to\b", t)
            actor = (
                _resolve(own.group("n"), index, ctx.last_person)
                if own
                else reporter or ctx.announcer or ctx.doc_announcer
            )
        if actor and actor.lower() not in ("they",):
            start = m.end()
            if agreed_with:
                other = _resolve(agreed_with.group("n"), index, ctx.last_person)
                actor = f"{actor} and {other}"
                start = m.start() + agreed_with.end()
            if refused:
                trig = "not " + trig  # the stance reads the negation from the trigger
            return make(actor, start, trig, m.start())
    w = _WILL.search(s.low)
    while w:
        if (
            not _speculative_before(s.low, w.start())
            and (not _hypothetical(t, w) or _there_provision(s.low, w))
            and not _BELIEF.search(s.low, 0, w.start())
        ):
            c = _will_commitment(s, ctx, w, reporter, make)
            if c:
                return c
        w = _WILL.search(s.low, w.end())
    launched = _launched(s, ctx, make)
    if launched:
        return launched
    p = _PASSIVE_NOW.search(s.low)
    if p and not _speculative_before(s.low, p.start()):
        # "Extra troops are being sent": announced now, by the body the paragraph reports.
        who = _subject_before(t[: p.start()], ctx)
        if not (who and _is_agent(who, who, index, s)):
            by = _BY_AGENT.match(t[p.end() :])
            actor = by.group("by") if by else (reporter or ctx.announcer or ctx.doc_announcer)
            if actor:
                return make(actor, p.start() + len(p.group(0).split()[0]), "are", p.start())
    p = _ANNOUNCED_PASSIVE.search(s.low)
    if (
        p
        and not _speculative_before(s.low, p.start())
        # "Speaking after the inquiry was announced, ...": when something else happened.
        and not re.search(
            r"\b(?:after|when|since|before|as|following|until|once)\s+(?:[\w'’-]+\s+){1,5}$",
            s.low[: p.start()],
        )
    ):
        # "A second bus service was also announced": what the announcing body promised.
        who = _subject_before(t[: p.start()], ctx)
        clause = re.split(r"[,;:\"“”]|\s[-–—]\s", t[: p.start()])[-1].lower().split()[:5]
        if not (who and _is_agent(who, who, index, s)) and any(
            w.rstrip("s") in _INSTRUMENTS or w.rstrip("s") in _PROVISIONS for w in clause
        ):
            by = _BY_AGENT.match(t[p.end() :])
            actor = by.group("by") if by else (reporter or ctx.announcer or ctx.doc_announcer)
            if actor:
                # "A new night bus service ... was also announced.": what was announced
                what = _action(t[: p.start()], max(0, t.rfind(",", 0, p.start()) + 1))
                return make(actor, p.end(), "was", p.start(), what=_action(t, p.end()) or what)
    return None


# What an announcement can promise ("a new bus service was announced"), unlike an event
# ("his departure was announced").
_PROVISIONS = frozenset(
    "service link route funding money cash grant aid package cut rise increase review inquiry "
    "investigation ban tax relief deal scheme fund budget payment allowance rate target "
    "programme project post job office centre school hospital road railway line talk "
    "consultation ceasefire truce campaign".split()
)


_ANNOUNCED_PASSIVE = _lower_pattern(
    r"\b(?:was|were|has\s+been|have\s+been)\s+(?:also\s+)?(?:announced|unveiled|agreed|approved"
    r"|pledged|promised|set\s+out|outlined|confirmed)\b(?!\s+(?:dead|killed|to\s+have))"
)


# "plans to VERB ... are/have ...": "plans" is the subject of a description, not a verb.
_NOUN_PLANS = re.compile(
    r"(?:\s+to)?\s+[^,;:.\"“”]*?(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)"
    r"\b(?:are|were|have|has|had|would|could|might|will)\s+(?!be\s+\w+ed\b)"
)


# "as part of proposals announced by X", "under plans unveiled by X": who stands behind them.
_ANNOUNCED_BY = re.compile(
    r"\b(?:announced|unveiled|set\s+out|outlined|proposed|published|drawn\s+up)\s+by\s+"
    r"(?P<by>[^,;:.\"“”]{2,80})"
)


# "Mr Brown unveiled plans for a memorial", "The prime minister launched a £500m initiative to
# ...": putting a plan forward commits its author to it.
_LAUNCHED = re.compile(
    r"\s(?:has\s+|have\s+|had\s+)?(?:also\s+|now\s+|this\s+week\s+|today\s+|formally\s+)?"
    r"(?P<verb>unveiled|launched|published|set\s+out|outlined|announced|highlighted|revealed"
    r"|detailed|put\s+forward|tabled|unveils|launches|publishes|sets\s+out|outlines|announces)\s+"
    r"(?P<obj>(?:[\w£$%.,'’-]+\s+){0,5}?(?:plans?|proposals?|initiative|scheme|strategy|package"
    r"|programme|fund|review|blueprint|measures|white\s+paper|green\s+paper)"
    r"\s+(?:to|for|that\s+would|which\s+would|aimed\s+at)\b)"
)


# "Other Tory plans include building more prisons", "His proposals include a new tax".
_INCLUDED = re.compile(
    r"\b(?P<noun>plans|proposals|pledges|policies|measures|priorities|goals|targets|promises"
    r"|They)\s+(?:will\s+|would\s+)?(?:also\s+)?includ(?:e|es)\s+"
    r"(?=[a-z]+ing\b|(?:a|an|new|more|extra|free|higher|lower|tougher|£)\s)"
)
_OWNER_BEFORE = re.compile(
    rf"(?:(?P<name>{_NAME})['’]s?|(?P<pro>his|her|their|its)|(?P<the>the|The))\s+"
    r"(?:[a-z-]+\s+){0,4}$"
)


def _included(s: _Sentence, ctx: _Ctx, reporter: str) -> tuple[str, int, str, int] | None:
    """A plan's contents stated as what it includes: its owner's commitments."""
    m = _INCLUDED.search(s.text)
    if not m:
        return None
    lead = s.text[: m.start("noun")]
    party = [name for name, pat in _PARTIES if re.search(rf"\b(?:{pat})\b", lead[-40:])]
    owner = _OWNER_BEFORE.search(lead) if m.group("noun") != "They" else None
    if party:
        actor = party[-1]  # "Other Tory law and order plans include ..."
    elif owner and owner.group("name"):
        actor = _resolve(owner.group("name"), ctx.index, ctx.last_person)
    elif owner and owner.group("pro"):
        actor = _possessor(owner.group("pro"), ctx)  # "His proposals include ..."
    elif owner or m.group("noun") == "They" and m.start() == 0:
        # "The proposals include ...", "They will include ...": what the paragraph announces
        actor = reporter or ctx.last_actor or ctx.announcer
    else:
        return None
    return (actor, m.end(), "include", m.start()) if actor else None


# "Tony Blair has rejected calls for the publication of the advice": his refusal.
_REJECTED_CALLS = re.compile(
    r"\s(?:has\s+|have\s+|had\s+)?(?:also\s+|again\s+|firmly\s+)?(?:rejected|rejects|dismissed"
    r"|dismisses|resisted|resists|turned\s+down|brushed\s+aside)\s+(?:(?:fresh|renewed|growing"
    r"|mounting|repeated|further|the|opposition|[A-Z][\w'’]*)\s+){0,3}(?:calls?|demands?)"
    r"\s+(?:for|to)\s+(?=[a-z])"
)


def _refusal(s: _Sentence, ctx: _Ctx, pattern: re.Pattern[str]) -> tuple[str, int, str, int] | None:
    """A refusal the pattern finds, by the agent that is its subject: what is refused starts
    where the pattern ends."""
    m = pattern.search(s.text)
    if not m or _speculative_before(s.low, m.start()):
        return None
    who = _subject_before(s.text[: m.start() + 1], ctx)
    actor = _agent(who, s, ctx) if who else ""
    if not actor or not _is_agent(actor, who, ctx.index, s):
        return None
    return actor, m.end(), "not", m.start()


def _rejected_calls(s: _Sentence, ctx: _Ctx) -> tuple[str, int, str, int] | None:
    return _refusal(s, ctx, _REJECTED_CALLS)


# "Ken Livingstone has again refused to retract ...", "he has no plans to change the law": a
# refusal, the actor's commitment not to act. Refusing to speak ("refused to comment") is none.
_REFUSED = re.compile(
    r"\s(?:has\s+|have\s+|had\s+|is\s+|are\s+|was\s+|were\s+)?(?:also\s+|again\s+|still\s+"
    r"|flatly\s+|repeatedly\s+|firmly\s+|steadfastly\s+)?(?:(?:refused|refuses|refusing)\s+to\s+"
    r"(?!(?:say|comment|confirm|deny|answer|discuss|disclose|reveal|name|speculate|be|rule|give"
    r"|elaborate|identify|specify|explain|respond|reply|accept|admit|acknowledge|believe)\b)"
    r"|(?:has|have|had)\s+no\s+(?:plans?|intention)\s+(?:to|of)\s+)(?=[a-z])"
)


def _refused(s: _Sentence, ctx: _Ctx) -> tuple[str, int, str, int] | None:
    if re.search(r"\b19\d\d\b", s.text):
        return None  # "In 1978 Lord Callaghan refused to hold an early election": history
    return _refusal(s, ctx, _REFUSED)


def _launched(
    s: _Sentence, ctx: _Ctx, make: Callable[[str, int, str, int], Commitment | None]
) -> Commitment | None:
    """A plan its author put forward: the subject of "unveiled plans for ..."."""
    m = _LAUNCHED.search(s.text)
    if not m or _speculative_before(s.low, m.start()) or s.quoted:
        return None
    if re.search(r"\b(?:was|were|been|being|be)\s+$", s.text[: m.start() + 1]) or re.search(
        r"\b(?:if|whether|when|after|since|as|while|before|because)\b[^,;:]*$", s.low[: m.start()]
    ):
        return None  # "plans were unveiled", "as the party launched ...": not the author's act
    who = _subject_before(s.text[: m.start()], ctx)
    actor = _agent(who, s, ctx) if who else ""
    if not actor or not _is_agent(actor, who, ctx.index, s):
        return None
    # "plans to raise ...": the act itself; "plans for a memorial", "an initiative to ...": the plan
    to = re.match(
        r"(?:(?:its|their|his|her|the|own|new|detailed)\s+)*(?:plans?|proposals?)\s+to\b",
        m.group("obj"),
    )
    start = m.start("obj") + to.end() if to else m.start("obj")
    return make(actor, start, m.group("verb").lower(), m.start("verb"))


def _announced_by(s: _Sentence, ctx: _Ctx) -> str:
    """The person or body a sentence says announced what it describes, or ''."""
    m = _ANNOUNCED_BY.search(s.text)
    if not m:
        return ""
    named = [
        x
        for x in ctx.index.mentions_between(s.start + m.start("by"), s.start + m.end("by"))
        if x.type in _AGENT_TYPES
    ]
    if named:
        return named[-1].name
    words = m.group("by").split()[:4]
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    if words and words[-1].lower() in _GENERIC_AGENTS:
        return " ".join(words)  # "unveiled by ministers"
    return ""


# A reporting verb whose speaker we could not name ("Some charities say the plans would ...").
_SAYS = _lower_pattern(
    r"\b(?:say|says|said|claim|claims|claimed|warn|warns|warned|argue|argues|argued|fear|fears|feared)\b"
)


def _fallback_actor(s: _Sentence, ctx: _Ctx, reporter: str) -> str:
    """Who stands behind an impersonal or passive announcement: the body the sentence says
    announced it, else the reporter, else the paragraph's (or article's) announcer; none when
    someone we cannot name is reported ("Some critics say the plans would ...")."""
    by = _announced_by(s, ctx)
    if by:
        return by
    if reporter:
        return reporter if _can_announce(reporter, ctx) else ""
    if not s.quoted and _SAYS.search(s.low):
        return ""
    return ctx.announcer or ctx.doc_announcer


# "Ministers believe Tony Blair will ...": someone's belief about another's act. An admission
# reaches to the trigger unless a new report starts ("He conceded ..., and said he would ...").
_BELIEF = _lower_pattern(
    r"\b(?:believ|suggest)(?:e|es|ed|ing|s)?\s+(?:that\s+)?(?!(?:i|we)\b)(?:[\w'’-]+\s+){1,6}$"
    # "His forecast that he will ...", "a sign that it will ...": what someone expects of him
    r"|\b(?:a|an|the|his|her|its|their|our|any|no|some|of|[a-z]+['’]s)\s+(?:[a-z]+\s+)?"
    r"(?:forecasts?|predictions?|assumptions?|assertions?|suggestions?|beliefs?|signs?|signals?"
    r"|indications?|expectations?|impressions?|speculation|rumou?rs?|reports?)\s+that\s+[^;:]*$"
    rf"|\b(?:acknowledg|admit|conced)\w*\s+(?:that\s+)?(?:(?!{_NEW_REPORT})[^;:\"“”])*$"
)


_ACCUSED = _lower_pattern(
    r"\b(?:claim|claims|claimed|alleged|alleges|accused|accuses|predicted|predicts)\s+(?:that\s+)?"
    r"(?:[\w'’-]+\s+){1,6}$"
)


# A subordinate clause that tells what happened before or why, up to the trigger.
_BACKGROUND = re.compile(r"\b(?:because|since|although|though|whereas)\s+[^,;:\"“”]*$")


_UNDER_PLANS = re.compile(  # on lower-cased text
    r"\b(?:under|as\s+part\s+of)\s+(?:the\s+|new\s+|its\s+|their\s+)*"
    r"(?:(?P<owner>government|ministers|labour|tory|conservative|liberal\s+democrat|executive)"
    r"\s+)?(?:plans|proposals|reforms)"
)


# "would be offered", "were promised": a pledge verb in the passive.
_PASSIVE_PLEDGE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:also\s+|now\s+|then\s+)?$")


_PASSIVE_REPORT = re.compile(r"(?:announced|confirmed|agreed|decided|approved|planned|proposed)\b")


_PASSIVE_PLEDGE_VERB = re.compile(r"(?:offered|promised|pledged|guaranteed)\b")


def _there_provision(low: str, w: re.Match[str]) -> bool:
    """ "there will be a marketing campaign": a provision someone announces (not "there will be
    trouble")."""
    if not re.search(r"\bthere\s+$", low[: w.start()]):
        return False
    words = re.findall(r"[a-z]+", low[w.end() : w.end() + 60])[:6]
    return any(x.rstrip("s") in _PROVISIONS or x.rstrip("s") in _INSTRUMENTS for x in words)


def _will_commitment(
    s: _Sentence,
    ctx: _Ctx,
    w: re.Match[str],
    reporter: str,
    make: Callable[[str, int, str, int], Commitment | None],
) -> Commitment | None:
    t = s.text
    index = ctx.index
    if re.match(r"(?:is|are)\s+to\s+be\s+(?:hoped|expected|regretted)\b", s.low[w.start() :]):
        return None  # "it is to be hoped that ...": a wish, no one's act
    if re.search(r"[a-z]\s+(?:that|which)\s+$", s.low[: w.start()]) and not _SAYS.search(
        s.low[: w.start()]
    ):
        return None  # "an economy that will prosper": a relative clause describes, not pledges
    if re.search(r"\b(?:nothing|nobody|no\s+one|both)\s+(?:is\s+|are\s+)?$", s.low[: w.start()]):
        return None  # "nothing is going to get in the way": no one's act
    required = _requirement(s, ctx, w, reporter) or _guarantee(s, ctx, w, reporter)
    if required:
        return required
    if re.search(r"\b(?:there|any)\s+(?:[\w'’-]+\s+)?$", s.low[: w.start()]):
        # "there will be an argument", "any chancellor would": no one's pledge; but "he said
        # there would be a marketing campaign" is what the one who said it provides.
        if _there_provision(s.low, w) and _can_announce(reporter, ctx):
            return Commitment(
                actor=reporter,
                action=re.sub(r"^be\s+", "", _action(t, w.end())),
                deadline=_deadline(s, w.start()),
                evidence=t,
                conditional=bool(_CONDITION.search(s.low)),
            )
        return None
    who = _subject_before(t[: w.start()], ctx)
    actor = _agent(who, s, ctx) if who else ""
    trig = t[w.start() : w.end()]
    after = t[w.end() :]
    passive = _PASSIVE.match(after) if not re.match(r"\s+(?:to\s+be|be)\b", trig) else None
    if re.search(r"\bto\s+(?:be\s+)?$", trig.lower()):
        passive = (
            _PASSIVE.match(" be " + after.lstrip())
            if trig.lower().endswith("be ")
            else (_PASSIVE.match(after))
        )
    if passive:
        # "Offices will be closed": the patient is the subject; the actor is the "by" agent,
        # else the speaker, else the body the paragraph reports as announcing.
        by = _BY_AGENT.match(t[w.end() + passive.end() :])
        if by and _SUCCESSOR.search(passive.group(0)):
            by = None  # "will be replaced by a Supreme Court": the successor, not the actor
        if by:
            actor = _resolve(by.group("by"), index, ctx.last_person)
            actor = re.sub(r"^(?:future|new|incoming)\s+", "", actor)
        elif s.quoted and who in ("we", "We", "I"):
            actor = _agent(who, s, ctx)
        elif s.quoted and (
            who in ("they", "he", "she", "you", "it")
            or not re.search(r"\b(?:we|our|us)\b", s.context.lower())
        ):
            return None  # "They are going to be stopped": a speaker's forecast, not their act
        else:
            actor = _fallback_actor(s, ctx, reporter)
        if actor:
            return make(actor, w.end(), trig, w.start())
        return None
    under = _UNDER_PLANS.search(s.low)
    # "under plans unveiled by ministers", "under government plans": the plans' authors
    owner = (under.group("owner") or "") if under else ""
    planner = (_announced_by(s, ctx) or _party_name(owner.title()) or owner) if under else ""
    if planner and not _is_agent(actor, who, index, s):
        # "Teenagers will be able to become MPs under plans unveiled by ministers": what the
        # plans' authors commit to, even phrased as what others will be able to do.
        c = make(planner, w.end(), trig, w.start())
        if c is None and re.match(r"\s+be\s+able\s+to\b", after):
            c = Commitment(
                actor=planner,
                action=_action(t, w.end()),
                deadline=_deadline(s, w.start()),
                evidence=t,
                conditional=bool(_CONDITION.search(s.low)),
            )
        return c
    head = _head_word(t[: w.start()])
    rate = _set_rate(s, ctx, w, head, reporter)
    if rate:
        # The action names what changes: "the child tax credit will rise in line with earnings".
        return make(rate, _noun_phrase_start(t, w.start()), trig, w.start())
    if head.rstrip("s") in _INSTRUMENTS and not _AGENDA.match(after):
        # "The new bill will also create ...": the body behind the bill commits.
        actor = _fallback_actor(s, ctx, reporter)
        if actor and (
            not _FORECAST.match(after)
            or not s.quoted
            and not _inside_quote(t, w.start())
            and _ENACTED.match(after)
        ):
            return make(actor, w.end(), trig, w.start())
        return None
    if (
        head
        and head not in _PRONOUNS
        and reporter
        and not s.quoted
        and ctx.index.type_of(reporter) in ("organisation", "country")
        and who not in ("it", "this", "that", "there", "which", "who", "they", "I", "we", "We")
        and not _is_agent(actor, who, index, s)
        and not _FORECAST.match(after)
        and not _AGENDA.match(after)
        and re.search(rf"{_SAY}\s+(?:that\s+)?(?:[\w'’£$,.-]+\s+){{1,8}}$", t[: w.start()])
    ):
        # "The Home Office says people will pay £85 ...": the body's announcement (the clause
        # right after its "says", not a quotation further on).
        return make(reporter, w.end(), trig, w.start())
    if (
        re.match(r"\s*(?:is|are)\s+", trig)
        and (who or (head and head not in _PRONOUNS))
        and not _is_agent(actor, who, index, s)
    ):
        # "Three offices are to close": an impersonal announcement.
        head = who.split()[-1].lower() if who.split() else head
        if head in _IMPERSONAL_SUBJECT or who in ("it", "this", "that", "there", "which", "who"):
            return None
        actor = _announced_by(s, ctx) or reporter or ctx.announcer
        if actor:
            return make(actor, w.end(), trig, w.start())
        return None
    if actor and _is_agent(actor, who, index, s):
        if who not in ("I", "we", "We") and re.match(
            rf"\s+(?:not\s+|never\s+|also\s+)*be\s+(?:{_NOT_DECISION})\b(?!\s+to\b)", after
        ):
            return None  # "the families would be reunited": what others do to them
        if s.quoted and who not in ("I", "we", "We") and not _speaks_for(s.speaker, actor, ctx):
            return None  # a speaker's forecast about others ("Labour will lose")
        if s.quoted and who not in ("I", "we", "We") and _FORECAST.match(after):
            return None
        return make(actor, w.end(), trig, w.start())
    return None


# Whom a rule binds: "Anyone planning to move to the UK will have to pass a test".
_BOUND = frozenset(
    "anyone everyone people applicants citizens migrants immigrants visitors arrivals travellers "
    "employers landlords parents pupils students drivers couples those newcomers claimants "
    "seekers tenants owners".split()
)


_HAVE_TO = re.compile(
    r"\s+(?:also\s+|now\s+|all\s+)?(?:(?P<no>not\s+)?have\s+to|be\s+(?:required|obliged)\s+to"
    r"|need\s+to)\b",
    re.I,
)


# "no patient would wait more than 12 months": a guarantee about everyone concerned.
_NO_ONE_SUBJECT = re.compile(r"(?:^|[\s,:\"“])(?P<np>[Nn]o\s+(?:[a-z-]+\s+){0,2}?[a-z-]+)\s+$")


def _guarantee(s: _Sentence, ctx: _Ctx, w: re.Match[str], reporter: str) -> Commitment | None:
    """A guarantee an office holder or a body gives: "Jane Hutt said no patient would wait more
    than 12 months" (not "no one will be surprised": the reporter must be able to announce)."""
    np = _NO_ONE_SUBJECT.search(s.text[: w.start()])
    if not np or np.group("np").lower() in ("no one", "no doubt", "no longer", "no more"):
        return None
    if not (
        reporter and _can_announce(reporter, ctx) and _is_agent(reporter, reporter, ctx.index, s)
    ):
        return None  # "Critics said no patient would ...": a forecast
    if _speculative_before(s.low, w.start()) or _ACCUSED.search(s.low, 0, w.start()):
        return None
    if re.match(r"\s+(?:be|have|get|see|like|want|mind|know|feel)\b", s.text[w.end() :]):
        return None  # "no one would be surprised": a state, not an act anyone guarantees
    return Commitment(
        actor=reporter,
        action=_action(s.text, np.start("np"), 24),
        deadline=_deadline(s, w.start()),
        evidence=s.text,
        conditional=bool(_CONDITION.search(s.low)),
    )


def _requirement(s: _Sentence, ctx: _Ctx, w: re.Match[str], reporter: str) -> Commitment | None:
    """A rule someone announces, stated as what it binds others to do ("Non-EU citizens will have
    to undergo tests, under plans unveiled by the Conservatives"): the announcer's commitment,
    with the whole requirement as the action."""
    if s.quoted or not w.group(0).startswith(("will", "would")):
        return None
    need = _HAVE_TO.match(s.text, w.end())
    if not need or need.group("no"):
        return None
    clause_start = max(s.text.rfind(c, 0, w.start()) for c in ",;:") + 1
    if _inside_quote(s.text, clause_start) or s.text[clause_start:].lstrip().startswith(('"', "“")):
        return None  # a quotation's own words: who binds whom is the speaker's to say
    subject = s.text[clause_start : w.start()]
    words = re.findall(r"[a-z]+", subject.lower())
    if not words or not _BOUND.intersection(words[:5]) or len(words) > 24:
        return None
    if _speculative_before(s.low, w.start()) or _ACCUSED.search(s.low, 0, w.start()):
        return None
    actor = _announced_by(s, ctx)
    if not actor and reporter:
        actor = reporter if _can_announce(reporter, ctx) else ""
    elif not actor and not _SAYS.search(s.low):
        actor = ctx.announcer or ctx.doc_announcer
    if not actor or not _can_announce(actor, ctx):
        return None
    start = clause_start + len(subject) - len(subject.lstrip(" -–—"))
    # The whole requirement, to its clause's end: who is bound is part of what is promised.
    rest = s.text[start:]
    end = re.search(
        r"[;!?]|\.(?:\s|$)|,\s+(?:under|as)\b|\s[-–—]\s"
        r"|,\s+(?:[\w'’-]+\s+){0,6}?(?:has\s+|have\s+)?(?:said|says|announced|confirmed|added|told)\b",
        rest,
    )
    action = rest[: end.start() if end else len(rest)].strip(' ,."”')
    if action.count('"') % 2:
        action += '"'
    return Commitment(
        actor=actor,
        action=action,
        deadline=_deadline(s, w.start()),
        evidence=s.text,
        said_by=_said_by(reporter, actor),
        conditional=bool(_CONDITION.search(s.low)),
    )


# What a government or a body sets, so that its change is that body's decision ("child benefit
# will rise to £63", "the duty would be frozen"), unlike prices or taxes in general.
_SET_RATES = frozenset(
    "allowance credit benefit threshold duty pension wage fee payment grant levy".split()
)


_RATE_CHANGE = re.compile(
    r"\s+(?:also\s+|now\s+|only\s+)?(?:rise|increase|fall|go\s+up|double|be\s+(?:raised"
    r"|cut|frozen|increased|reduced|doubled|abolished|scrapped|extended))\b",
    re.I,
)


def _noun_phrase_start(t: str, end: int) -> int:
    """Where the lower-case noun phrase that ends at `end` begins ("MPs child benefit" -> at
    "child"), at most six words back."""
    start = end
    for m in reversed(list(re.finditer(r"[\w'’-]+\s*", t[:end]))[-6:]):
        word = m.group(0).strip()
        if not (word.islower() or word in ("The", "A")) or word in _NOT_IN_SUBJECT:
            break
        start = m.start()
        if word in ("The", "A", "the", "a"):
            break
    return start


_NOT_IN_SUBJECT = frozenset("said says told that and but while whereas contrast".split())


def _set_rate(s: _Sentence, ctx: _Ctx, w: re.Match[str], head: str, reporter: str) -> str:
    """Who decided a change in a rate it sets, stated in the report's own voice or by the body
    itself ("The minimum wage will rise in October, the government has announced"), or ''."""
    if head.rstrip("s") not in _SET_RATES or s.quoted or not _RATE_CHANGE.match(s.text, w.end()):
        return ""
    if _ACCUSED.search(s.low, 0, w.start()) or re.search(
        r"\b(?i:under|if|unless)\s+(?i:a\s+|an\s+|the\s+)?(?i:new\s+)?[A-Z]", s.text[: w.start()]
    ):
        return ""  # "under a new Labour government taxes would go up": a charge, not a pledge
    announcer = ctx.announcer or ctx.doc_announcer
    if reporter:  # the body itself, not someone else reporting what it will do
        mine = not announcer or reporter == announcer
        return reporter if mine and _can_announce(reporter, ctx) else ""
    return announcer


def _can_announce(who: str, ctx: _Ctx) -> bool:
    """Whether a reported speaker can announce a decision: a body, or a person holding office
    (not a former office holder, a commentator or a critic)."""
    if not who:
        return False
    kind = ctx.index.type_of(who)
    if kind != "person":
        return True
    ent = ctx.index.get(who)
    role = (ent.role if ent else "").lower()
    if re.match(r"(?:former|ex-|ex\s|then\s)", role) or re.search(
        r"lawyer|solicitor|barrister|analyst|expert|critic|campaigner|commentator|professor"
        r"|economist|editor|correspondent|writer|father|mother|son|daughter|wife|husband"
        r"|brother|sister|relative|actor|singer|author",
        role,
    ):
        return False
    return True


# Verbs of outcome, not of action: "prices will rise", "the scheme would cost £5m".
_FORECAST = re.compile(
    r"\s+(?:(?:not|also|still|only|then|now|probably)\s+)*(?:rise|fall|grow|increase|decrease"
    r"|drop|decline|go\s+up|go\s+down|remain|stay|continue|happen|occur|come|lead|mean|cost"
    r"|take|need|want|be\s+(?:a|an|the|very|more|less|no|too|much|far|in|on|at|up|down|able"
    r"|likely|unlikely|difficult|hard|easy|possible|available|better|worse)\b|have|help|make"
    r"|add|affect|hit|result|depend|vary|work|succeed|fail|save|apply|last)\b",
    re.I,
)


# A measure that changes something, unlike an outcome: "will also increase the number of ...".
# So is what it is made to do or spare: "would make direct payments simpler", "would not affect".
_ENACTED = re.compile(
    r"\s+(?:also\s+|now\s+)?(?:(?:increase|raise|cut|reduce|double|treble|extend|expand|end)\s+"
    r"(?:the|a|an|its|their|our|spending|funding|support)\b"
    r"|make\s+(?:[\w'’-]+\s+){1,4}?(?:simpler|easier|fairer|safer|clearer|cheaper|quicker|faster)\b"
    r"|not\s+affect\b)",
    re.I,
)


def _hypothetical(t: str, w: re.Match[str]) -> bool:
    word = w.group(0).lower()
    if word.startswith("would"):
        before = t[: w.start()]
        if re.search(r"\b(?:whether|what)\b", before, re.I) and not re.search(
            r"\b(?:said|says)\b", before
        ):
            return True
    if re.search(
        r"\b(?:whether|which|how|who|what|where|when)\s+(?:[\w'’-]+\s+){0,6}$"
        r"|\b(?:ask\w*|wonder\w*|question\w*)\b[^.;]*\bif\s+(?:[\w'’-]+\s+){0,6}$",
        t[: w.start()].lower(),
    ):
        return True  # "asked which country would house ...", "how the cash will be found"
        if re.match(r"\s+(?:be|have|like|mean|not\s+be)\b", t[w.end() :]):
            return not _PASSIVE.match(t[w.end() :])
    if re.match(r"\s+(?:be|have\s+been)\s+(?:a|an|the|very|more|less|no|too)\b", t[w.end() :]):
        return True
    if re.search(
        r"\b(?:if|unless)\s+(?!(?:not|so|necessary|needed|required|possible|elected|asked)\b)"
        r"(?:[\w'’-]+\s+){1,4}$",
        t[: w.start()].lower(),
    ):
        return True  # "if the UK is to reach its aim": the condition, not the pledge
    return False
