"""Commitments (who promised what, by when) and asks (who requested what of whom).

Sentence by sentence: a trigger (pledge verbs, "will/would/is to" by an agent, passives of
decision verbs, request verbs, "should/must/needs to" demands), then exclusions (hedges,
denials, forecasts, agendas, embedded questions, completed past actions, "should have"
criticism), then attribution from the sentence's structure: the subject before the verb (joint
subjects, possessives, relative clauses skipped), the "by" agent of a passive, the speaker of a
quotation or reported clause ("X said Y would": Y's only if X can speak for Y, with `said_by`),
pronouns by gender and "it/they" by the body named before, and for impersonal announcements
the body the paragraph reports as announcing. Conditions are kept (`conditional`), refusals
marked (`stance`). Evidence is always the verbatim sentence slice of the article text.
Time is linear in the text: lookups are indexed, dedup reads only an actor's recent items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from briefing.models import Ask, Commitment
from briefing.offline.entities import EntityIndex
from briefing.offline.gazetteer import COUNTRIES, ORGANISATIONS, ROLE_NOUNS
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
    r"|(?:tell|tells|telling|told)\s+" + _W + r"{1,4}?to\b"
    r"|lobb(?:ies|ied|ying|y)\s+" + _W + r"{0,4}?(?:to|for)\b"
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
    r"\b(?:(?:it\s+is|it's)\s+(?:vital|essential|crucial|imperative|time)"
    r"|(?:the\s+)?time\s+has\s+come)\s+(?:that|for|to)\b"
    # 'saying it was "high time" the system was replaced'
    r"|\bit\s+(?:is|was|'s)\s+[\"“']?(?:high|about)\s+time[\"”']?\s+(?:that\s+|for\s+|to\s+)?(?=[a-z])"
)
_PLEDGE = _lower_pattern(
    r"\b(?:(?:pledge|promise|plan|aim|commitment|intention|policy|priority)\s+is\s+to\b"
    r"|decision\s+(?:by\s+[^,.]{2,40}?\s+)?to\b|decided\s+to\b"
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
# Speculation and hedges that make a statement no commitment or ask.
_SPECULATION = _lower_pattern(
    r"\b(?:could|might|may|expected\s+to|likely\s+to|unlikely\s+to|is\s+thought|are\s+thought"
    r"|believed\s+to|understood\s+to|set\s+to|poised\s+to|rumoured|speculation|predict\w*"
    r"|would\s+(?:\w+ly\s+)?be\s+(?:\w+ly\s+)?(?:a|an|the|very|hard|difficult|easy|wrong|right|better"
    r"|prudent|wise|sensible|foolish|madness|mistake)|if\s+\w+\s+(?:were|had)"
    r"|certain|sure|confident|convinced|accept\w*\s+that|acknowledg\w*|admit\w*|conced\w*|(?:i|we|he|she|they)\s+(?:think|thinks|expect|expects"
    r"|reckon|reckons|suspect|suspects|guess|fear|fears|suppose|imagine)"
    r"|(?:not|n't)\s+(?:believe|think|suppose|expect|imagine)"
    r"|denied|denies|deny|knew|know|knows|undoubtedly|doubtless|no\s+doubt|surely|inevitably"
    r"|presumably|probably|perhaps|possibly"
    r"|(?:poll|survey|research|study|figures|analysis|projection)s?\s+(?:suggest|show|predict)\w*)\b",
)
_AGENT_PRONOUN = re.compile(r"^(?:I|we|We|he|He|she|She|they|They)$")
_QUOTE_OPEN = '"“'
_SAY = (
    r"(?:said|says|say|wrote|writes|added|adds|told\s+[\w\s]{1,30}?|tells\s+[\w\s]{1,30}?"
    r"|stated|states|declared|declares|insisted|insists|warned|warns|argued|argues|explained"
    r"|announced|announces|stressed|stresses|urged|urges|pledged|promised|continued|concluded"
    r"|concludes|ruled|recommended|recommends|claimed|claims|believes"
    r"|believe|argue|insist)"
)
_NAME = r"(?:[A-Z][\w'’.-]+(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w'’.-]+){0,4})"
_ROLE_SPEAKER = (
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:[A-Z][\w-]*\s+){0,4}(?:[a-z]+\s+)?(?:spokes(?:man|woman|person)"
    r"|official|source|aide|insider)(?:\s+for\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s?)+)?"
)
# Lower-case words of a speaker's role ("said party chairman X"), not of a clause ("said he would
# contest Bethnal Green").
_NOT_CLAUSE = r"(?:(?!(?:he|she|they|it|we|i|would|will|that|the)\b)[a-z]+\s+)"
# '..., said director Kate Allen': role words may stand before the name.
_TAG_AFTER = re.compile(
    rf"""[,.?!]\s*["”’']\s*(?:(?P<pro>he|she|they|it|we|I)|(?P<n1>{_ROLE_SPEAKER}|(?:the\s+)?{_NAME}|the\s+\w+(?:\s+\w+)?))\s+{_SAY}"""
    rf"""|[,.?!]\s*["”’']\s*{_SAY}\s+(?P<n2>{_NOT_CLAUSE}{{0,3}}{_NAME}|the\s+\w+(?:\s+\w+)?)"""
)
# ", chairman of the committee," between a speaker's name and "said": a role, not a clause
# of its own (", in characteristically blunt style,").
_ROLE_APPOSITIVE = (
    r"(?:,\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w'’-]+\s+){0,5}?(?:chairman|chairwoman|chair"
    r"|leader|minister|secretary|spokesman|spokeswoman|spokesperson|director|chief|head"
    r"|president|member|MP|MEP|executive|officer|editor|adviser|commissioner|governor|mayor"
    r"|founder|boss|campaigner|lawyer|professor"
    # ", Chief Executive of Hereford Hospitals NHS Trust,": a title, capitalised
    r"|Chairman|Chairwoman|Chair|Leader|Minister|Secretary|Director|Chief|Head|President"
    r"|Executive|Officer|Editor|Commissioner|Governor|Mayor)\b[^,;:\"“”]{0,50},"
    r"|,\s+(?:from|of|at|for)\s+(?:the\s+)?[A-Z][^,;:\"“”]{1,60},)"  # ", of the X Coalition,"
)
_TAG_BEFORE = re.compile(
    rf"""(?P<n>{_ROLE_SPEAKER}|{_NAME}|\b[Hh]e|\b[Ss]he|\bthe\s+\w+){_ROLE_APPOSITIVE}?"""
    rf"""\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?{_SAY}:?\s*["“]"""
)
_GROUP_SPEAKERS = (
    r"(?:[a-z]+\s+){0,2}(?:chiefs|officials|campaigners|critics|ministers|unions|leaders|experts"
    r"|officers|doctors|teachers|charities|groups|councils|residents|workers|bosses|firms"
    r"|companies|MPs|peers|analysts|sources|diplomats|aides|activists|lawyers|judges)"
)
_REPORTED = re.compile(
    rf"""(?:,\s*|\s)(?:(?P<pro>he|she|they)|(?P<n1>{_NAME}|the\s+\w+(?:\s+(?!has\b|have\b|had\b)\w+)?|{_GROUP_SPEAKERS}))\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|now\s+|\w+ly\s+)?{_SAY}\.?["”’]?$"""
    rf"""|(?:,\s*|\s){_SAY}\s+(?P<n2>{_NOT_CLAUSE}{{0,3}}{_NAME}|the\s+\w+(?:\s+\w+)?)\.?$"""
    rf"""|,\s*according\s+to\s+(?:the\s+)?(?P<n3>{_NAME})\.?$"""
    rf"""|^(?:According\s+to|In\s+a\s+\w+\s+\w+\s+\w+)"""
)
_SUBJECT_SKIP = frozenset(
    "be being am has have had is are was were also repeatedly again now then today yesterday "
    "already still "
    "recently previously last this week month year earlier later instead has been have been "
    "would will said say says on monday tuesday wednesday thursday friday saturday sunday "
    "both jointly further formally publicly does do did itself themselves himself herself".split()
)
_GENERIC_AGENTS = frozenset(
    """government ministers minister mps party report committee committees council councils
    commission union department office campaigners charity group members leaders officials
    chancellor secretary president prime premier spokesman spokeswoman tories conservatives
    labour treasury opposition unions nations countries states donors company firm companies sides
    firms police army forces bank banks authority authorities agency regulator watchdog board
    administration cabinet executive assembly parliament inquiry panel taskforce alliance
    coalition campaign movement employers staff families family relatives lawyers
    doctors teachers nurses activists protesters demonstrators rebels backbenchers peers
    """.split()
)
_GENERIC_STEMS = frozenset(g.rstrip("s") for g in _GENERIC_AGENTS)
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
# "and"/"as" end an action only after a few words ("talks with X and Y" stays whole).
# A trailing "who/which VERB a few words" clause without commas, right before the trigger.
_RELATIVE_CLAUSE = re.compile(
    r"\s(?:(?:who|which)\s+[a-z]\w*|(?!(?:fund|spend|build|train|hous|plann|bomb|brief"
    r"|rul|warn|morn|even|th|k|r|fight|hear|offer|pollin|sitt|campaign|lobby|bank|found)ing\b)"
    r"[a-z]{3,}ing)(?:\s+[\w'’.-]+){0,5}\s*$"
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
    r"|looking for|looks for|looked for|look to|looks to|looking to|expect"
    r"|must|ought|need|has to|have to|had to|vital|essential|crucial|imperative"
    r"|time (?:that|for|to)|high time|about time|to insist"
    r"|challeng|invit|instruct|advis|persuad|pressur|beg|order|warn|like"
    r"|pledg|promis|vow|guarantee|commit|agree|undertak|offer|intend|plan|hop|aim|determined"
    r"|prepared|ready|willing|resolved|announc|confirm|will|won't|shall|would|'ll|’ll|is to|are to"
    r"|trying to|tries to|working to|works to"
    r"|being|proposal|rul|to be|also to|now to|seek|recommend|plans for|decision|decided"
    r"|unveil|approved|outlined|set out|launch|publish|initiative|strateg|scheme|blueprint"
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


@dataclass
class _Ctx:
    """What the sentences before this one established: who spoke last, who announces."""

    index: EntityIndex
    text: str
    last_person: str = ""
    last_agent: str = ""  # last person, organisation or country named before the sentence
    last_body_subject: str = ""  # "committee" after "The committee said ..."
    announcer: str = ""  # who the paragraph reports as announcing or saying things
    prev_announcer: str = ""  # the announcer of the paragraph before
    reported_recently: bool = False  # one of the two sentences before reports someone's words
    last_actor: str = ""  # actor of the paragraph's last item
    doc_announcer: str = ""  # the first announcer of the article
    reporter: str = ""  # who the current sentence quotes or reports
    last_she: str = ""  # last person the text marks as a woman (Mrs, Ms, Baroness, ...)
    last_he: str = ""  # last person not marked as a woman
    women: frozenset[str] = frozenset()
    position: int = 0  # start of the sentence being read
    cache_key: tuple[str, str, str, str] = ("", "", "", "")
    cache_value: str = ""
    keep_commitment: bool = False  # the sentence's ask is a noun ("a call for ... from X")
    impersonal_demand: bool = False  # "there must be an inquiry": no one named to act

    def pronoun(self, word: str) -> str:
        """The person "he"/"she" stands for: the last one named of that gender, if known."""
        if word.lower() in ("she", "her"):
            return self.last_she or self.last_person
        return self.last_he or self.last_person


def find(
    text: str, spans: list[tuple[int, int]], index: EntityIndex
) -> tuple[list[Commitment], list[Ask]]:
    """Commitments and asks stated in the given sentences, deduplicated, in article order."""
    women = _women(text, index)
    sents = _attribute(text, spans, index, women)
    commitments: list[Commitment] = []
    asks: list[Ask] = []
    seen_c = _Seen()
    seen_a = _Seen()
    ctx = _Ctx(index, text, women=women)
    prev_end = 0
    scanned = 0  # people named before this offset have been seen
    # whether the last sentence and the one before it report someone's words
    reported_last = reported_before = False
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
        body = s.text
        ctx.reported_recently = reported_last or reported_before
        reported_before = reported_last
        ctx.reporter = ""
        ctx.keep_commitment = ctx.impersonal_demand = False
        if _ANY_TRIGGER.search(s.low) and not body.rstrip("\"”’' ").endswith("?"):
            found = _ask(s, ctx)
            if found:
                for a in found:
                    if not seen_a.duplicate(a.actor, a.action):
                        asks.append(a)
                        ctx.last_actor = a.actor
            if not found or ctx.keep_commitment:
                c = _commitment(s, ctx)
                # A restated pledge is one commitment (by its content, also within a quotation:
                # a quotation can hold several distinct pledges).
                if c and not seen_c.duplicate(c.actor, c.action):
                    commitments.append(c)
                if c:
                    ctx.last_actor = c.actor
        _note_announcer(s, ctx)
        reported_last = bool(s.speaker or ctx.reporter or _reported_speaker(s.text, ctx))
        opening = _BODY_SUBJECT.match(s.text)
        if opening:
            ctx.last_body_subject = opening.group("body")
        agents = [m for m in index.mentions_between(s.start, s.end) if m.type in _AGENT_TYPES]
        if agents:
            ctx.last_agent = agents[-1].name
    return commitments, asks


_AGENT_TYPES = ("person", "organisation", "country")
_FEMALE_TITLE = re.compile(r"\b(?:Mrs|Ms|Miss|Baroness|Lady|Dame|Queen|Princess)\s+([A-Z][\w'’-]+)")
_FEMALE_NAMES = frozenset(
    """Margaret Tessa Patricia Ruth Clare Hazel Yvette Harriet Estelle Ann Anne Jacqui Hilary
    Helen Theresa Caroline Sarah Mary Nicola Rhona Betty Glenys Kate Jane Shirley Cherie
    Condoleezza Angela Sandra Julie Diane Emma Elizabeth Karen Rosie Barbara Janet Joan Lucy
    Fiona Kimberly Susan Carol Linda Christine Alison Jacqueline Glenda Beverley Bridget Oona
    Gisela Jean Dawn Valerie Edwina Virginia Sylvia Judith Marie Maria Anna Julia Claire Louise
    Joanna Rachel Rebecca""".split()
)


def _women(text: str, index: EntityIndex) -> frozenset[str]:
    """People the text marks as women, by honorific or a common first name (for "she")."""
    names = {
        e.name for e in index.entities if e.type == "person" and e.name.split()[0] in _FEMALE_NAMES
    }
    for m in _FEMALE_TITLE.finditer(text):
        full = index.person_by_surname(m.group(1))
        if full:
            names.add(full)
    return frozenset(names)


def _not_subject(text: str, start: int, end: int) -> bool:
    """A mention that is possessive or the object of a preposition."""
    if text[end : end + 2] in ("'s", "’s"):
        return True
    before = text[max(0, start - 48) : start].split()
    # "damages from the Daily Telegraph", "cuts proposed by shadow chancellor Oliver Letwin"
    while before and (before[-1].lower() in _ROLE_WORDS or before[-1] in ("the", "a", "an")):
        before.pop()
    return bool(before) and before[-1].lower() in _PREPOSITIONS


# Words of a role phrase standing before a name ("the shadow foreign secretary").
_ROLE_WORDS = ROLE_NOUNS | frozenset(
    "shadow former foreign home health education defence culture finance prime deputy junior "
    "senior party labour tory conservative liberal democrat".split()
)


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


# --- attribution ----------------------------------------------------------------------------


def _attribute(
    text: str, spans: list[tuple[int, int]], index: EntityIndex, women: frozenset[str]
) -> list[_Sentence]:
    """Each sentence with the speaker of the quotation it belongs to (quotes span sentences)."""
    out: list[_Sentence] = []
    open_quote = False
    pending: list[_Sentence] = []
    last = {"he": "", "she": ""}  # last person of each gender named as a possible subject
    any_last = {"he": "", "she": ""}  # ... named anywhere ("according to Ms Hodge")
    scanned = 0

    def pron(word: str) -> str:
        g = "she" if word.lower() == "she" else "he"
        return last[g] or any_last[g] or last["he"] or last["she"]

    prev_end = 0
    for a, b in spans:
        t = text[a:b]
        if "\n" in text[prev_end:a]:
            # A quotation does not run on into the next paragraph (a continuing quote reopens).
            _close(text, pending)
            pending = []
            open_quote = False
        prev_end = b
        # "..., he said": the last person of that gender named before this sentence.
        for m in index.mentions_between(scanned, a):
            if m.type == "person":
                gender = "she" if m.name in women else "he"
                any_last[gender] = m.name
                if not _not_subject(text, m.start, m.end):
                    last[gender] = m.name
        scanned = max(scanned, a)
        n_open = sum(t.count(q) for q in _QUOTE_OPEN) if "“" in t else t.count('"')
        starts_inside = open_quote or t.lstrip()[:1] in ("“", '"')
        s = _Sentence(a, b, t, "", starts_inside, _lower(t))
        speaker = _speaker(t, index, pron)
        out.append(s)
        if starts_inside:
            pending.append(s)
        if "“" in t or "”" in t:
            opens, closes = t.count("“"), t.count("”")
            open_quote = (open_quote or opens > 0) and opens + int(open_quote) > closes
        else:
            quotes = t.count('"')
            if open_quote and t.lstrip().startswith('"') and quotes % 2 == 0:
                # 'X said: "We have doubled it. "We will ...".': a quotation reopened within a
                # paragraph ended the last one (left unclosed); this one closes in the sentence.
                open_quote = False
            open_quote = open_quote ^ (quotes % 2 == 1)
        if speaker:
            for p in pending:
                p.speaker = speaker
            s.speaker = speaker
        if not open_quote:
            _close(text, pending)
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


def _close(text: str, pending: list[_Sentence]) -> None:
    """Give the sentences of one finished quotation its whole text and a shared group."""
    if pending:
        quote = text[pending[0].start : pending[-1].end]
        for p in pending:
            p.context = quote
            p.group = pending[0].start


def _resolve(name: str, index: EntityIndex, last_person: str) -> str:
    name = re.sub(r"^(?:Both|Either|Neither)\s+", "", name.strip().rstrip(".,;:"))
    while name.split(" ", 1)[0] in _CONNECTIVES and " " in name:
        name = name.split(" ", 1)[1]  # "But Downing Street said"
    low = name.lower()
    if low in ("he", "she", "him", "her"):
        return last_person
    if re.fullmatch(r"(?:the\s+)?lib(?:eral)?\s+dem(?:ocrat)?s?", low):
        return "Liberal Democrats"  # "Lib Dem plans", "the Lib Dems": one name for the party
    if " and " in name and not name.startswith(("the ", "The ")):
        # Joint subjects: "India and Pakistan", "Mr Straw and Mr Moratinos".
        parts = [p for p in re.split(r",\s*|\s+and\s+", name) if p]
        if len(parts) > 1:
            return " and ".join(_resolve(p, index, last_person) for p in parts)
    if low.startswith("the "):
        rest = name[4:]
        if rest[:1].isupper():
            return index.canonical(rest)
        # "the minister" / "the ambassador": the person holding that role.
        last = rest.split()[-1] if rest.split() else ""
        # "the minister": the person with that role; "the assembly government" is a body.
        holder = index.person_with_role(last) if last.lower() in ROLE_NOUNS else ""
        return holder or name
    owned = re.match(r"[A-Z][\w-]*['’]s\s+(?=[A-Z])(.+)$", name)
    if owned and not index.get(name):
        return _resolve(owned.group(1), index, last_person)  # "Labour's Mr Livingstone"
    canon = index.canonical(name)
    if index.get(canon):
        return canon
    parts = canon.split()
    for k in range(1, len(parts) - 1):
        # "Australia's Prime Minister John Howard": the known name at its end, not the first
        # person who shares the surname.
        tail = " ".join(parts[k:])
        if index.get(tail):
            return tail
    if parts:
        full = index.person_by_surname(parts[-1])
        if full and (len(parts) == 1 or canon.endswith(" " + parts[-1])):
            # "Shadow Constitutional Affairs Secretary Oliver Heald": keep the name we know.
            if len(parts) == 1 or canon.endswith(full) or full.split()[0] not in parts:
                return full
    return canon


# "..., detainee 'A' in Woodhill Prison said": the speaker before a place phrase.
_PLACE_OF_SPEAKER = re.compile(
    r"(?:^|,\s+)(?P<who>[a-z][\w'’-]*(?:\s+[\w'’-]+){0,2}?)\s+(?:in|at)\s+(?:the\s+)?$"
)


def _speaker(t: str, index: EntityIndex, pron: Callable[[str], str]) -> str:
    if not _HAS_QUOTE.search(t):
        return ""
    m = _TAG_AFTER.search(t)
    name = ""
    if m:
        name = m.group("pro") or m.group("n1") or m.group("n2") or ""
        if name in ("I", "we", "it"):
            name = ""
    if not name:
        m = _TAG_BEFORE.search(t)
        name = m.group("n") if m else ""
        place = _PLACE_OF_SPEAKER.search(t, 0, m.start("n")) if m else None
        if place:
            return place.group("who")  # "detainee 'A' in Woodhill Prison said:": not the place
    if not name:
        return ""
    if name.lower() in ("he", "she"):
        return pron(name)
    return _speaker_name(name, index)


def _speaker_name(name: str, index: EntityIndex) -> str:
    """A tag's speaker as a name: "a spokesman for the Home Office" -> "Home Office",
    "A Conservative spokesperson" -> "Conservative spokesperson"."""
    role = re.match(rf"(?:{_ROLE_SPEAKER})$", name)
    if role:
        body = re.search(r"\bfor\s+(?:the\s+)?(.+)$", name)
        if body:
            return _resolve(body.group(1).strip(), index, "")
        return re.sub(r"^(?:[Aa]n?|[Tt]he)\s+", "", name).strip()
    return _resolve(name, index, "")


_IT_SAID = re.compile(
    r"(?:^|[,;]\s+|\bbut\s+|\band\s+)(?P<pro>[Ii]t|[Tt]hey)\s+(?:has\s+|have\s+|had\s+|also\s+)?"
    r"(?:said|says|say|added|argued|warned|insisted|stated|announced|claimed|believes|believe"
    r"|wants|want|told)\b"
)


_SAY_GATE = re.compile(
    r"\b(?:said|says|say|wr[io]te|writes|add|told|tell|state|declare|insist|warn|argu|explain"
    r"|announc|stress|urge|pledged|promised|continued|conclu|ruled|recommend|suggest|claim"
    r"|believe|unveil|outline|publish|launch|propos|reveal|set\s+out|[Aa]ccording|In\s+a\s)"
)


def _reported_speaker(t: str, ctx: _Ctx) -> str:
    """Who a sentence reports ("..., X said", "X said that ...", "It said ..."), or ''.
    Cached per sentence: the ask, commitment and announcer stages all ask."""
    key = (t, ctx.last_person, ctx.last_he, ctx.last_she)
    if ctx.cache_key == key:
        return ctx.cache_value
    value = _SAY_GATE.search(t) and _reported_speaker_uncached(t, ctx) or ""
    ctx.cache_key, ctx.cache_value = key, value
    return value


def _reported_speaker_uncached(t: str, ctx: _Ctx) -> str:
    index, last_person = ctx.index, ctx.last_person
    m = _REPORTED.search(t.rstrip())
    if m and m.lastgroup in ("pro", "n1", "n2", "n3"):
        if m.lastgroup == "pro":
            return ctx.pronoun(m.group("pro"))
        return _definite_name(_resolve(m.group(m.lastgroup), index, last_person), t, ctx)
    m = re.search(
        rf"\b(?P<n>{_NAME}(?:\s+and\s+(?:the\s+)?{_NAME})?|[Hh]e|[Ss]he"
        rf"|[Tt]he\s+(?:(?!(?:but|and|or|then|yet|has|have|had)\b)[a-z]+\s+){{0,2}}"
        rf"(?!(?:but|and|or|then|yet|has|have|had)\b)[a-z]+)"
        rf"{_ROLE_APPOSITIVE}?\s*,?\s+(?:has\s+|have\s+|had\s+)?"
        rf"(?:on\s+\w+day\s+|yesterday\s+|today\s+|last\s+(?:week|month|night)\s+)?"
        rf"(?:also\s+|now\s+|again\s+|further\s+|already\s+|\w+ly\s+)?{_SAY}"
        rf"(?::|\s+that\b|\s+(?=[a-z])|\s+(?=(?:Mr|Mrs|Ms|Dr|Sir|the|The|[A-Z][a-z]+|\d+)\s)|\s+by\s+saying)",
        t,
    )
    lead = t[: m.start()].split() if m else []
    if m and m.group("n") in ("It", "They", "This", "That", "There", "We", "I"):
        m = None
    while lead and lead[-1].lower() in ("the", "a", "an"):
        lead = lead[:-1]
    if m and not (lead and lead[-1].lower() in _PREPOSITIONS):  # "a letter to X said"
        n = m.group("n")
        if n.lower() in ("he", "she"):
            return ctx.pronoun(n)
        return _definite_name(_resolve(n, index, last_person), t, ctx)
    m = re.search(
        rf"\bsaid\s+(?P<n>{_NOT_CLAUSE}{{0,3}}{_NAME})\s*(?:[,.;]|$)",
        t,
    )
    if m:
        return _resolve(m.group("n"), index, last_person)
    m = _IT_SAID.search(t)
    if m:
        # "It said councils needed to ...": the body named before.
        return _pronoun_body(m.group("pro"), ctx)
    return ""


def _definite_name(name: str, t: str, ctx: _Ctx) -> str:
    """ "the chancellor" as a speaker: the person it stands for where we can tell, unless the
    sentence names that person too ("The premier insisted Mr Brown will ..." is someone else)."""
    m = re.fullmatch(r"[Tt]he\s+([a-z]+)", name)
    who = _definite(m.group(1), ctx) if m else ""
    return who if who and who.split()[-1] not in t else name


def _pronoun_body(pro: str, ctx: _Ctx, strict: bool = False) -> str:
    """The organisation or country an "it"/"they" stands for: the paragraph's last actor or
    announcer, else the last one named (`strict`: the last actor only)."""
    cands = (
        (ctx.last_actor,)
        if strict
        else (ctx.last_actor, ctx.announcer, ctx.last_agent, ctx.last_body_subject)
    )
    for cand in cands:
        if cand and ctx.index.type_of(cand) != "person" and cand not in ("I", "we", "We"):
            return cand
    return ""


# A sentence opening on a body named by its kind ("The committee also highlighted ..."): what a
# later "it" can stand for when no body is named.
_BODY_SUBJECT = re.compile(
    r"(?:The|the)\s+(?P<body>committee|commission|report|inquiry|council|watchdog|union|board"
    r"|panel|agency|authority|review|study|survey|charity|group|organisation|government)\b"
)


_SUBJECT_JOIN = ("of", "the", "for", "and", "&")
# "if the party was in government again it ...", "If Mr Kennedy is serious about it he ...":
# whom the pronoun after the condition means.
_CONDITION_SUBJECT = re.compile(
    r"\b(?:if|unless|once|when)\s+(?P<np>(?:the\s+)?[\w'’-]+(?:\s+[A-Z][\w'’-]*)?)\s+"
    r"(?:was|were|is|are|wins?|won|gets?|got|takes?|took|forms?|formed|comes?|came|returns?"
    r"|returned)\b[^,;:]*,?\s*(?:it|they|he|she)\s*$",
    re.I,
)
# A verb phrase joined to the clause's first one ("... and urged", "... but have called for")
# shares its subject.
_SHARED_SUBJECT = re.compile(
    r"(?:,\s*|\s)(?:and|but)\s+(?:also\s+|then\s+|later\s+|now\s+)?(?:has\s+|have\s+|had\s+)?$"
)
# A participle after the clause's object ("visited marginal seats pledging to") too.
_PARTICIPLE_AFTER_OBJECT = re.compile(r"[a-z]{3,},?\s+$")
_FIRST_VERB = re.compile(
    r"\b(?:has|have|had|is|are|was|were|will|would|said|says|told|made|took|gave|went|met|spoke"
    r"|wrote|(?!(?:need|speed|feed|seed|bleed|breed|red|bed|shed|led|united|based|detailed"
    r"|named|called|so-called|elected|armed|skilled|advanced|concerned)\b)[a-z]{3,}ed)\b"
)
# Capitalised at the start of a sentence, never part of a name: "But the SNP called on ...".
_CONNECTIVES = frozenset(
    "But And Yet So Meanwhile However Now Then Also Instead Earlier Later Today Yesterday "
    "Still Indeed Nor Or Thus Hence As When While If Since Although Though Because Once "
    "Whether Unless".split()
)
_ROLE_MODIFIERS = frozenset(
    "prime first foreign home shadow deputy finance defence health education interior justice "
    "environment culture trade transport chief foreign-affairs junior senior".split()
)
_PREPOSITIONS = frozenset(
    "in at on from with by into about against over under to of for across within without "
    "towards toward through between among than like".split()
)


def _subject_before(prefix: str, ctx: _Ctx, participle: bool = False) -> str:
    """The agent a trigger belongs to: the last noun phrase before it, skipping auxiliaries
    and a short relative clause ("The unions which met Mr Prescott want ..." -> the unions)."""
    index, last_person = ctx.index, ctx.last_person
    cond = _CONDITION_SUBJECT.search(prefix)
    if cond:
        # "if the party was in government again it would": the condition's subject
        np = cond.group("np")
        if np.lower().startswith("the "):
            found = _definite(np.split()[-1], ctx, prefix[: cond.start()])
        else:
            found = _party_name(np) or (
                _resolve(np, index, last_person) if np[:1].isupper() else ""
            )
        if found:
            return found
    shared = _SHARED_SUBJECT.search(prefix) or (
        _PARTICIPLE_AFTER_OBJECT.search(prefix) if participle else None
    )
    first = _FIRST_VERB.search(prefix, 0, shared.start()) if shared else None
    if first and shared and re.match(_SAY, first.group(0)):
        # "He said the EU was moving ... and would": the reported clause's subject
        inner = _FIRST_VERB.search(prefix, first.end(), shared.start())
        first = inner or first
    if first and first.start() > 0:
        # "It picked out the case of ... and urged", "have not been drawn in but have called
        # for", "he visited marginal seats, pledging to": the first verb's subject.
        return _subject_before(prefix[: first.start()], ctx)
    # "The MEP, who quit the UK Independence Party, wants ...": the clause is not the subject.
    prefix = re.sub(
        r",\s+(?:who|which|along\s+with|together\s+with|like|as\s+well\s+as|from|of)\s+"
        r"[^,;:\"“”]{2,80},\s*$",
        " ",
        prefix,
    )
    relative = _RELATIVE_CLAUSE.search(prefix)
    last_word = prefix.rstrip().rsplit(None, 1)[-1].lower() if prefix.strip() else ""
    if (
        relative
        and relative.start() > 0
        and last_word not in ("who", "which", "that")
        and not re.search(rf"{_SAY}\s*$", prefix[: relative.start()])
    ):
        return _subject_before(prefix[: relative.start()], ctx)
    # "The Public and Commercial Services Union (PCS) will": the name, not the acronym after it
    prefix = re.sub(r"\s+\([A-Z][\w&-]{1,10}\)\s*$", " ", prefix)
    words: list[str] = re.findall(r"[\w'’£$.-]+|[,\"“”]", prefix)
    while words and (
        words[-1].lower() in _SUBJECT_SKIP
        or words[-1] in (",",)
        or (words[-1].endswith("ly") and words[-1].islower() and len(words[-1]) > 4)
    ):
        words.pop()
    if not words:
        return ""
    w = words[-1].strip(".")
    if w.lower() in ("he", "she"):
        if ctx.reporter and re.search(rf"{_SAY}\s+(?:that\s+)?\S+\s*$", prefix):
            return ctx.reporter  # "The home secretary said he will ...": the reporter
        return ctx.pronoun(w)
    if w in ("I", "we", "We", "us"):
        return w
    if (
        w.lower() in ("they", "it")
        and ctx.reporter
        and ctx.index.type_of(ctx.reporter) != "person"
        and re.search(
            rf"{_SAY}\s+(?:that\s+)?\S+\s+(?:also\s+|now\s+|still\s+)?"
            r"(?:(?:is|are|was|were|has|have|had)\s+)?$",
            prefix,
        )
        and not (w.lower() == "it" and re.search(r"[^su]s$", ctx.reporter))
    ):
        return ctx.reporter  # "the Tories announced they would ...": the reporter
    if w.lower() in ("they", "it", "this", "that", "there", "which", "who"):
        return w.lower()
    if w[:1].isupper():
        run = [w]
        i = len(words) - 2
        while i >= 0 and (
            words[i][:1].isupper()
            or words[i] in _SUBJECT_JOIN
            or (
                words[i] == ","
                and " and " in " ".join(run)
                and i > 0
                and words[i - 1][:1].isupper()
            )
        ):
            run.insert(0, words[i])
            i -= 1
        while run and (run[0] in ("of", "the", "for", "The", "and", "&") or run[0] in _CONNECTIVES):
            run.pop(0)
        before_run = words[i].lower() if i >= 0 else ""
        if (before_run in _PREPOSITIONS and before_run != "by") or (
            before_run == "the" and i > 0 and words[i - 1].lower() in _PREPOSITIONS
        ):
            return ""  # "his seat in the House of Lords will ...": not the subject
        # "and" joins two names only: "Labour and the Tories", not "and Britain".
        name = _strip_possessive(" ".join(run).replace(" ,", ","))
        name = re.sub(r"\s+the\s+", " ", name) if " and " in name else name
        return _resolve(name, index, last_person) if name else ""
    if w.lower().rstrip("s") in _GENERIC_STEMS or w.lower() in _GENERIC_AGENTS:
        j = len(words) - 2
        mods = [w]
        while (
            j >= 0
            and words[j] not in _CONNECTIVES
            and (
                words[j][:1].isupper()
                or words[j].lower() in _ROLE_MODIFIERS
                or words[j].lower()
                in (
                    "the",
                    "rich",
                    "other",
                    "industrialised",
                    "many",
                    "its",
                    "his",
                    "her",
                    "their",
                    "two",
                    "a",
                    "future",
                    "new",
                    "local",
                    "county",
                    "city",
                    "district",
                    "borough",
                    "parish",
                    "town",
                )
            )
            and len(mods) < 5
        ):
            mods.insert(0, words[j])
            j -= 1
        if j >= 0 and words[j].lower() in _PREPOSITIONS and words[j].lower() != "by":
            return ""  # "his time out of office will ...": not the subject
        owner = ""
        while mods and mods[0].lower() in (
            "the",
            "its",
            "his",
            "her",
            "their",
            "a",
            "future",
            "new",
        ):
            word = mods.pop(0).lower()
            if word in ("his", "her", "its", "their", "the"):
                owner = word
        if owner == "the" and len(mods) == 1:
            return _definite(mods[0], ctx) or mods[0]
        if owner and len(mods) == 1:
            return _possessed(owner, mods[0], ctx) or " ".join(mods)
        return " ".join(mods)
    return ""


def _definite(head: str, ctx: _Ctx, before_in_sentence: str = "") -> str:
    """ "the party": the party named last before the sentence; "the chancellor": the one holder
    of that role, else the person the paragraph reports when the text gives them no role
    ("Gordon Brown has ... The chancellor said"); '' when neither is known."""
    low = head.lower()
    if low == "party":
        before = ctx.text[max(0, ctx.position - _PARTY_LOOKBACK) : ctx.position]
        before += " " + before_in_sentence
        named = [(m.start(), name) for name, pat in _PARTIES for m in re.finditer(pat, before)]
        return max(named)[1] if named else ""
    if low not in _OFFICES:
        return ""
    holder = ctx.index.person_with_role(low)
    if holder:
        return holder
    who = ctx.index.get(ctx.announcer)
    return who.name if who is not None and who.type == "person" and not who.role else ""


# Titles one person holds ("the executive", "the head" are more often bodies or parts).
_OFFICES = frozenset(
    "minister secretary chancellor president premier leader chairman chairwoman governor mayor "
    "commissioner ambassador".split()
)
_PARTY_LOOKBACK = 1500  # characters: the paragraphs before, not the whole article


def _possessed(owner: str, head: str, ctx: _Ctx) -> str:
    """ "her party", "his government", "its members": the owner's body where we can tell."""
    if owner in ("his", "her"):
        person = ctx.reporter if ctx.index.type_of(ctx.reporter) == "person" else ctx.last_person
        if head.lower().rstrip("s") == "party":
            return _party_of(person, ctx) or (f"{person}'s party" if person else "")
        return f"{person}'s {head}" if person else ""
    body = _pronoun_body(owner, ctx)
    return f"{body} {head}" if body else ""


_PARTIES = (
    ("Labour", r"Labour"),
    ("Conservatives", r"Conservative|Tory|Tories"),
    ("Liberal Democrats", r"Liberal\s+Democrat|Lib\s+Dem"),
    ("UKIP", r"UKIP|UK\s+Independence"),
    ("SNP", r"SNP|Scottish\s+National"),
    ("Plaid Cymru", r"Plaid"),
    ("Greens", r"Green"),
    ("Respect", r"Respect"),
)


def _party_name(name: str) -> str:
    """The party a name is ("the Lib Dems", "Tory", "Liberal Democrats"), or ''."""
    for party, pat in _PARTIES:
        if re.fullmatch(rf"(?:the\s+)?(?:{pat})(?:s|\s+[Pp]arty)?", name.strip()):
            return party
    return ""


def _party_of(person: str, ctx: _Ctx) -> str:
    """The party the article ties a person to: in the role, or in the words before a mention."""
    if not person:
        return ""
    ent = ctx.index.get(person)
    role = ent.role if ent else ""
    spots = [role]
    for m in ctx.index.first_mentions(person):
        spots.append(ctx.text[max(0, m.start - 40) : m.start])
    for spot in spots:
        for name, pat in _PARTIES:
            if re.search(rf"\b(?:{pat})", spot):
                return name
    return ""


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name)


def _first_mention(s: _Sentence, index: EntityIndex, before: int) -> str:
    """The first named agent in the sentence ahead of the trigger (coordinated subjects)."""
    found = [m for m in index.mentions_between(s.start, s.start + before) if m.type in _AGENT_TYPES]
    for k, m in enumerate(found):
        lead = s.text[: m.start - s.start].split()
        if lead and lead[-1].lower() in _PREPOSITIONS:
            continue  # "written to Tony Blair": not the subject
        nxt = found[k + 1] if k + 1 < len(found) else None
        gap = s.text[m.end - s.start : nxt.start - s.start].split() if nxt else ["x"] * 9
        if (
            nxt
            and len(gap) <= 3
            and all(g.lower() in ROLE_NOUNS or g.lower() in _ROLE_MODIFIERS for g in gap)
        ):
            return nxt.name  # "Tory leader Michael Howard": the person, not the party
        return m.name
    return ""


def _agent(who: str, s: _Sentence, ctx: _Ctx) -> str:
    """Turn a grammatical subject into an actor name; '' when it is not an agent."""
    if who in ("I", "we", "We", "us"):
        speaker = s.speaker or _reported_speaker(s.text, ctx)
        if not speaker and s.quoted:
            speaker = ctx.last_person
        if who in ("we", "We", "us") and speaker:
            country = _country_in(s.text) or _country_in(s.context)
            if country and ctx.index.type_of(speaker) == "person":
                return f"{country} ({speaker})"
        return speaker
    if who in ("it", "they"):
        return _pronoun_body(who, ctx, strict=True) if not s.quoted else ""
    if who in ("this", "that", "there", "which", "who"):
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


_NON_NAME_CAPS = frozenset("The A An Mr Mrs Ms Dr Sir Lord Lady".split())


# --- classification -------------------------------------------------------------------------

# A sentence end inside the clause: punctuation not inside a number ("£5.5bn", "3,500").
_CLAUSE_END = re.compile(
    r"""[;:!?]|[.,](?!\d)|\s[-–—]\s|\s(?:but|because|while|although|saying|whereas)\s"""
    r"""|\s(?:and|or)\s+(?=(?:when|while|if|as|after|before|although|because)\s)"""
)


def _action(t: str, start: int, limit: int = 16) -> str:
    """The action phrase after a trigger: up to the end of its clause, at most `limit` words,
    never ending inside a number, a name or a quotation, nor on a dangling function word."""
    rest = t[start:].lstrip(" ,")
    m = _CLAUSE_END.search(rest, 12)
    while m and _inside_quote(rest, m.start()):
        m = _CLAUSE_END.search(rest, m.end())
    clause = rest[: m.start()] if m else rest
    soft = next(
        (x for x in _SOFT_CLAUSE_END.finditer(clause) if len(clause[: x.start()].split()) >= 8),
        None,
    )
    if soft and not _inside_quote(clause, soft.start()):
        clause = clause[: soft.start()]
    words = clause.split()
    n = min(limit, len(words))
    # Keep a name or a quotation whole when the word limit falls inside it.
    while n < len(words) and (
        words[n][:1].isupper()
        and words[n - 1][:1].isupper()
        or _inside_quote(" ".join(words[:n]), len(" ".join(words[:n])))
    ):
        n += 1
    words = words[:n]
    while len(words) > 2 and words[-1].lower().strip(".,;:") in _DANGLING:
        words.pop()
    out = " ".join(words).strip(" .,;:")
    if _inside_quote(out, len(out)):
        out = out.rstrip("\"“”’'").rstrip(" .,;:")
        if out.count('"') % 2 == 1 or out.count("“") > out.count("”"):
            out = out.replace("“", "").replace("”", "").replace('"', "")
    return out.strip(" ,;:")


def _inside_quote(t: str, pos: int) -> bool:
    head = t[:pos]
    if "“" in head:
        return head.count("“") > head.count("”")
    return head.count('"') % 2 == 1


def _deadline(s: _Sentence, after: int = 0) -> str:
    """A deadline stated after the trigger ("decided in 2003 to stand down by 2008": 2008)."""
    m = _DEADLINE.search(s.low, after)
    return s.text[m.start() : m.end()] if m else ""


def _speculative_before(low: str, pos: int) -> bool:
    window = low[max(0, pos - 40) : pos + 2]
    if _SPECULATION.search(window):
        return True
    # A hedge or denial governs what follows it in its clause ("refused to rule out ...",
    # "denied that he promised ..."), not a separate clause before a comma.
    h = _HEDGE.search(low[max(0, pos - 80) : pos + 2])
    return bool(h)


_CONDITION = _lower_pattern(
    r"\b(?:(?<!even\s)if|unless|provided\s+that|providing|as\s+long\s+as|so\s+long\s+as|on\s+condition"
    r"|in\s+return\s+for|in\s+exchange\s+for)\b"
)
_HEDGE = _lower_pattern(
    r"\b(?:unlikely|denied|denies|deny|refus\w*\s+to\s+rule\s+out|declin\w*\s+to\s+rule\s+out"
    r"|(?:not|n't|never)\s+(?:be\s+)?rul\w*\s+out|no\s+guarantee|doubt\w*|speculat\w*"
    r"|(?:more|less|most|very|highly|quite)\s+likely|likely\s+than"
    r"|(?:dismiss|reject)\w*\s+(?:claims|suggestions|reports|speculation)"
    r"|hop(?:e|es|ed|ing)\s+(?!to\b)(?:that\s+)?(?!(?:i|we|he|she)\b)[a-z]+\b"
    r"|acknowledg\w*|admit\w*|conced\w*|accept\w*\s+that"
    r"|reckon\w*|fear\w*\s+(?:that\s+)?[a-z]+|in\s+(?:our|my|his|her|their|its)\s+(?:view|opinion))\b"
)
_PASSIVE_ASK = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been|been|being|be)\s+(?:now\s+|also\s+|"
    r"being\s+)?(?:urged|asked|called\s+(?:on|upon)|told|pressed|encouraged|lobbied|implored"
    r"|begged|pressured|pressurised|challenged|advised)\s+(?:by\s+(?P<by>[^,]{2,60}?)\s+)?to\b"
    r"(?!\s+by\b)"  # "anything she is told to by the leader": no action asked
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


def _ask(s: _Sentence, ctx: _Ctx) -> list[Ask]:
    """Asks in one sentence; an ask with no addressee of its own takes the government body the
    sentence names as the one to act ("... with intervention by the government")."""
    out = _named_call(s, ctx) or _ask_items(s, ctx) or _warned_against(s, ctx) or _to_insist(s, ctx)
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
            and ctx.impersonal_demand
            and _GOVERNMENT_NAMED.search(ctx.text)
            and not _government_side(a.actor, ctx)
        ):
            a.addressee = "the government"  # "There must be a public inquiry," said Ms X
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
    return [
        Ask(
            actor=actor,
            addressee=addressee,
            action=action,
            deadline=_deadline(s, m.start()),
            evidence=t,
            conditional=bool(_CONDITION.search(s.low)),
        )
    ]


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
    return [
        Ask(
            actor=actor,
            addressee=addressee,
            action="avoid " + _action(t, m.end()),
            deadline=_deadline(s, m.start()),
            evidence=t,
            conditional=bool(_CONDITION.search(s.low)),
        )
    ]


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
    return [
        Ask(
            actor=actor,
            addressee=addressee,
            action=_action(t, m.start("v")),
            deadline=_deadline(s, m.start()),
            evidence=t,
            conditional=bool(_CONDITION.search(s.low)),
        )
    ]


def _two_parties(actor: str, ctx: _Ctx) -> str:
    """ "both parties": the two parties other than the actor named last before the sentence."""
    before = ctx.text[max(0, ctx.position - _PARTY_LOOKBACK) : ctx.position]
    named = sorted((m.start(), name) for name, pat in _PARTIES for m in re.finditer(pat, before))
    found: list[str] = []
    for _, name in reversed(named):
        if name not in found and name != _party_name(actor) and name != actor:
            found.append(name)
    return " and ".join(reversed(found[:2])) if len(found) >= 2 else ""


_OFFICE_PHRASE = re.compile(
    r"(?:the\s+)?(?P<role>(?:[a-z]+\s+){0,2}(?:" + "|".join(sorted(_OFFICES)) + r"))",
)


def _office_holder(actor: str, ctx: _Ctx) -> str:
    """ "prime minister" as an ask's actor: the one person the article gives that role, else
    the person without a stated role whom the paragraph (or the one before) reports; ''."""
    m = _OFFICE_PHRASE.fullmatch(actor)
    if not m or m.group("role").split()[0] in _QUALIFIED_OFFICE:
        return ""
    holder = _role_holder(m.group("role"), ctx.index)
    if holder:
        return holder
    for who in (ctx.announcer, ctx.prev_announcer):
        ent = ctx.index.get(who)
        if ent is not None:
            return ent.name if ent.type == "person" and not ent.role else ""
    return ""


_QUALIFIED_OFFICE = frozenset("shadow former ex deputy vice junior".split())


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
        if p.group("by"):
            by = re.sub(r"^(?:the|a|an|some|many)\s+", "", t[p.start("by") : p.end("by")].strip())
            actor = _resolve(by, index, ctx.last_person) if by[:1].isupper() else by
        actor = actor or (reporter if reporter != addressee else "") or ctx.announcer
        if actor and actor != addressee:
            out.append(
                Ask(
                    actor=actor,
                    addressee=addressee,
                    action=_action(t, p.end()),
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
            not _agentive(addressee, index)
            or who.lower() in ("nobody", "no one", "anyone", "everyone", "everybody", "anybody")
        ):
            return out  # "looking for ways to": a search, not a request of anyone
        addressee = re.sub(r"\s+(?:not|never)$", "", addressee)  # "urged ministers not to"
        relative = re.match(r"(?P<np>.+?)\s+(?:who|which)\s+[a-z]", addressee)
        if relative:
            addressee = relative.group("np")  # "wants pubs and clubs which cause extra work to"
        raw = addressee
        addressee = _clean_party(addressee, ctx, s)
        if (
            not addressee
            and (_OBJECT_CONTROL.match(trig) or relative)
            and _PLAIN_NOUN_PHRASE.fullmatch(raw)
            and not re.match(r"(?:more|some|any|a|an|further|new)\s", raw, re.I)
        ):
            addressee = raw  # "urged politicians to ...": whoever is urged to act is asked
        start = m.end()
        if addressee and re.match(
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
        if who.lower() in ("nobody", "no one", "anyone", "everyone", "everybody", "anybody"):
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
        head = _head_word(t[: d.start()])
        if (
            not who
            and not passive_demand
            and head
            and head not in _PRONOUNS
            and not _VITAL.match(s.low, d.start())
            and not re.match(r"\s+(?:be\s+)?(?:an?|the|more|less|no|some|any)\b", t[d.end() :])
            and not (head.rstrip("s") in _AGENT_NOUNS or head.rstrip("s") in ROLE_NOUNS)
        ):
            return out  # "prices need to come down": a thing, not a party that is asked
        addressee = "" if who in ("I", "it", "this", "that", "there", "which", "who") else who
        if passive_demand and not _is_agent(who, who, ctx.index, s):
            addressee = ""  # "Adults should be treated as adults": they are not the ones asked
        if who in ("we", "We") and s.quoted:
            addressee = ""
        start = d.end()
        vital_for = re.match(
            r"[^,;]*?\bfor\s+(?P<x>(?:the\s+)?[\w'’ -]{2,50}?)\s+to\s+(?=[a-z])", t[d.start() :]
        )
        if _VITAL.match(s.low, d.start()) and vital_for:
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
        # "There must be an inquiry", "More research needs to be done": no one is named as
        # the one to act (the article's government is, unless the speaker is part of it).
        ctx.impersonal_demand = (
            not addressee
            and (who in ("", "there") or passive_demand and who.lower() not in _PRONOUNS)
            # "nobody should be distracted": a rule for everyone, not a demand of the government
            and not re.search(
                r"\b(?:nobody|no\s+one|everyone|everybody|anyone|anybody)\s+(?:\w+\s+)?$",
                s.low[: d.start()],
            )
        )
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


# "demanded all government departments make similar savings": the bare verb of the asked.
_DEMANDED_DO = re.compile(r"\s*((?:all\s+|the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})\s+([a-z]+)\s")
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


def _clean_party(name: str, ctx: _Ctx, s: _Sentence) -> str:
    index, last_person = ctx.index, ctx.last_person
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
    if name.lower() in ("nobody", "no one", "anyone", "everyone", "everybody", "anybody"):
        return ""
    if not _agentive(name, index) or name.split()[0] in ("More", "Most", "Some", "All"):
        return ""
    if name.lower().startswith(("the ", "its ", "his ", "her ", "their ")):
        head = name.split(" ", 1)[1]
        if head[:1].isupper():
            return _resolve(head, index, last_person)
        return _role_holder(head, index) or name if name.lower().startswith("the ") else name
    return _resolve(name, index, last_person) if name[:1].isupper() else name


def _said_by(reporter: str, actor: str) -> str:
    """Who reported an item, when that is not (part of) its actor ("The union" / "union")."""
    who = re.sub(r"^the\s+", "", reporter.lower())
    return reporter if who and who not in actor.lower() else ""


def _role_holder(role: str, index: EntityIndex) -> str:
    """The one person the article gives this role ("the prime minister" -> Tony Blair), or ''
    when none or several do."""
    low = role.lower().strip()
    if not low or low.split()[-1] not in ROLE_NOUNS:
        return ""
    holders = {e.name for e in index.entities if e.type == "person" and _holds(e.role, low)}
    return holders.pop() if len(holders) == 1 else ""


_OTHER_HOLDER = frozenset("shadow former ex deputy vice junior".split())


def _holds(role: str, low: str) -> bool:
    """Whether a stated role is this one ("chancellor"), not a shadow, deputy or former one."""
    r = role.lower()
    if not re.search(rf"(?:^|\s){re.escape(low)}$", r):
        return False
    before = r[: len(r) - len(low)].split()
    return not (before and before[-1].strip("-") in _OTHER_HOLDER)


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
    if re.search(r"won't|wo\s+n't|n't$|\bnot\b|\bnever\b", low):
        return "refuse"
    if re.match(r"rul\w*\s+out", low):
        return "refuse"
    if _REFUSAL.search(t_after.lower()[:20]) or re.match(r"\s*(?:not|never)\s+to\b", t_after):
        return "refuse"
    return "commit"


_VERB_PLEDGE = re.compile(
    r"(?:pledged|promised|vowed|agreed|announced|committed|undertook|intends|intended|confirmed"
    r"|guaranteed|vows|pledges\s+to|promises\s+to|offered\s+to|offers\s+to)"
)
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|his|her|its|their|our|your|similar|funding|new|aid|election"
    r"|manifesto|key|previous|earlier|latest|any|no|such|of)\s+$"
)
_UNVEILED = re.compile(
    r"\s(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:unveiled|announced|outlined|published|revealed"
    r"|launched|set\s+out|drawn\s+up|put\s+forward|tabled|proposed|backed|agreed|approved)"
    r"(?:\s+(?:its|their|his|her|the|new|fresh|detailed|radical|controversial|a|an))*\s*$"
)


_ANY_PARTICIPLE = (
    r"[a-z]{2,}(?:ed|en)|sent|made|built|cut|spent|put|set|held|brought|paid|sold|shut|kept|run"
    r"|met|done|shown|found|laid|led|bought|given|withdrawn|drawn|written|thrown|overseen|lent"
    r"|dealt|sought|struck|taught|begun|frozen|hit|told|left|lost|won|known|seen|taken|[a-z]+ing"
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
        if _AGENDA.match(t, start) or re.match(r"\s*(?:not\s+)?mean\b", t[start:]):
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
        if actor[:1].islower() and actor.split()[-1] in _OFFICES:
            actor = _role_holder(actor, index) or actor  # "prime minister" -> the one holder
        action = what or _action(t, start)
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

    m = _PLEDGE.search(s.low)
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
        who = _subject_before(head or t[: m.start()], ctx, trig.endswith("ing"))
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
            r"|defended|welcomed|condemned)\s+(?:his|her|their|its)\s+$",
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
        if re.match(r"\w+\s+is\s+to", trig):
            # "The flagship pledge is to ...": the pledge's owner, else who the text reports.
            own = re.search(rf"(?P<n>{_NAME})['’]s?\s+(?:\w+\s+)?\w+\s+is\s+to\b", t)
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


# "Ministers believe Tony Blair will ...": someone's belief about another's act.
_BELIEF = _lower_pattern(
    r"\b(?:believ|suggest)(?:e|es|ed|ing|s)?\s+(?:that\s+)?(?!(?:i|we)\b)(?:[\w'’-]+\s+){1,6}$"
    r"|\b(?:acknowledg|admit|conced)\w*\s+(?:that\s+)?[^;:\"“”]*$"
)
_ACCUSED = _lower_pattern(
    r"\b(?:claim|claims|claimed|alleged|alleges|accused|accuses|predicted|predicts)\s+(?:that\s+)?"
    r"(?:[\w'’-]+\s+){1,6}$"
)
# Not a name: a clause or a phrase caught where an actor was expected.
_BAD_ACTOR = re.compile(
    r"(?:be|been|being|to|would|will|have|has|had|is|are|was|were|for|of|from|by|with|in|on)\b"
    r"|.*\s(?:to|that|who|which|has|have|had)$"
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


_PRONOUNS = frozenset("i we you he she it they this that there which who what".split())

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
    if reporter:
        return (
            reporter
            if _can_announce(reporter, ctx)
            and reporter == (ctx.announcer or ctx.doc_announcer or reporter)
            else ""
        )
    return ctx.announcer or ctx.doc_announcer


def _head_word(prefix: str) -> str:
    """The head of the subject phrase before a modal: an instrument among the clause's first
    words ("A pilot scheme based on ... will"), else the last word, auxiliaries skipped."""
    clause = re.split(r"[,;:\"“”]|\s[-–—]\s", prefix)[-1]
    words: list[str] = re.findall(r"[\w'’-]+", clause.lower())
    for w in words[:4]:
        if w.rstrip("s") in _INSTRUMENTS:
            return w
    while words and words[-1] in _SUBJECT_SKIP:
        words.pop()
    return words[-1] if words else ""


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


# What a plan, bill or scheme stands for (its author commits through it).
_INSTRUMENTS = frozenset(
    "bill plan proposal scheme legislation law act measure package budget strategy reform "
    "policy programme initiative regulation rule review fund".split()
)
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
_ENACTED = re.compile(
    r"\s+(?:also\s+|now\s+)?(?:increase|raise|cut|reduce|double|treble|extend|expand|end)\s+"
    r"(?:the|a|an|its|their|our|spending|funding|support)\b",
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


_ARTICLE = re.compile(r"^(?:the|The)\s+")


def _is_agent(actor: str, who: str, index: EntityIndex, s: _Sentence) -> bool:
    if who in ("I", "we", "We", "us"):
        return True
    if not actor:
        return False
    if " and " in actor and index.type_of(actor) not in _AGENT_TYPES:
        parts = [_ARTICLE.sub("", p) for p in actor.split(" and ")]  # "X and the RSPB"
        return all(_is_agent(p, p, index, s) for p in parts)
    kind = index.type_of(actor)
    if kind in _AGENT_TYPES:
        return True
    if actor in COUNTRIES or actor in ORGANISATIONS or _party_name(actor):
        return True
    last = actor.split()[-1].lower()
    return last in _GENERIC_AGENTS or last.rstrip("s") in _GENERIC_STEMS
