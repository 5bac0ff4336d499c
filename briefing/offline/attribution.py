"""Who says what, about whom: the shared reading under commitments and asks.

Quotations and their speakers (tags before or after, "he said", a quotation reopened within a
paragraph), the sentence's subject before a verb (joint subjects, possessives, relative clauses
and asides skipped), pronouns by gender and "it/they" by the body named before, "the party" and
"the chancellor" by what the article names, who can speak for whom, and the common pieces of an
item: its action phrase (never cut inside a number, a name or a quotation), its deadline, and
the hedges that make a statement no one's act. `commitments` and `asks` read sentences through
these; `obligations.find` runs them over an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from briefing.offline.entities import EntityIndex
from briefing.offline.gazetteer import COUNTRIES, ORGANISATIONS, ROLE_NOUNS


def _lower_pattern(pattern: str) -> re.Pattern[str]:
    """Compile for lower-cased text: far faster than re.I on long alternations."""
    return re.compile(pattern.replace(r"\W", "[^\\w]").lower())


def _lower(t: str) -> str:
    """Lower-case with offsets kept (a few characters change length when lower-cased)."""
    low = t.lower()
    return (
        low if len(low) == len(t) else "".join(c if len(c.lower()) != 1 else c.lower() for c in t)
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
    # "Prime Minister Tony Blair's official spokesman": who speaks for its owner
    r"|\b(?:[A-Z][\w.-]+\s+){0,4}[A-Z][\w.-]+['’]s\s+(?:[a-z]+\s+)?(?:spokes(?:man|woman|person)"
    r"|aide)"
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
    r"|,\s+(?:from|of|at|for)\s+(?:the\s+)?[A-Z][^,;:\"“”]{1,60},"  # ", of the X Coalition,"
    r"|,\s+(?:who|which)\s+[^,;:\"“”]{2,80},)"  # ", which occupies northern Cyprus,"
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


def _stem(word: str) -> str:
    """A plural's singular, near enough for word lists: "parties" -> "party", "MPs" -> "MP"."""
    return word[:-3] + "y" if word.endswith("ies") else word.rstrip("s")


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
    "that this these those will would be is are was were has have had who which".split()
)


_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


_HAS_QUOTE = re.compile(r"[\"“”]")


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
    # "public sector unions" after "Five public sector unions met ...", "Labour" after "Labour's
    # new posters say ...": whom a "they" opening the next sentence means
    last_group: str = ""
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
    last_asker: str = ""  # actor and addressee of the last ask read, for "they should"
    last_addressee: str = ""

    def pronoun(self, word: str) -> str:
        """The person "he"/"she" stands for: the last one named of that gender, if known."""
        if word.lower() in ("she", "her"):
            return self.last_she or self.last_person
        return self.last_he or self.last_person


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
    # A quotation with no tag of its own continues the previous speaker's words, or those of
    # the one a sentence just before reports ("Peter Nielson said he had suspended Mr Houston.
    # "We will decide ..."").
    prev = ""
    for s in out:
        if s.quoted and not s.speaker:
            s.speaker = prev
        if s.speaker:
            prev = s.speaker
        elif not s.quoted:
            opener = _OPENING_REPORT.match(s.text)
            if opener and opener.group("n").split()[0] not in _NOT_OPENERS:
                prev = _speaker_name(opener.group("n"), index)
    return out


_NOT_OPENERS = frozenset("It They We He She This That There But And The A An".split())


# A sentence that opens by reporting a named speaker: "Peter Nielson, who is ..., said ...".
_OPENING_REPORT = re.compile(
    rf"(?:[A-Za-z'’-]+\s+){{0,6}}?(?P<n>{_NAME}){_ROLE_APPOSITIVE}?\s+(?:has\s+|had\s+)?"
    rf"(?:also\s+)?{_SAY}\b"
)


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
    if not name or _BAD_ACTOR.match(name):
        return ""  # "And continued:": no name given
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
        owner = re.match(r"(.+?)['’]s\s+(?:[a-z]+\s+)?(?:spokes(?:man|woman|person)|aide)$", name)
        if owner:
            return _resolve(owner.group(1), index, "")
        return re.sub(r"^(?:[Aa]n?|[Tt]he)\s+", "", name).strip()
    return _resolve(name, index, "")


_IT_SAID = re.compile(
    r"(?:^|[,;]\s+|\bbut\s+|\band\s+)(?P<pro>[Ii]t|[Tt]hey)\s+(?:has\s+|have\s+|had\s+|also\s+)?"
    r"(?:said|says|say|added|adds|argued|argues|warned|warns|insisted|insists|stated|announced"
    r"|claimed|claims|believes|believe"
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
    group: tuple[str, ...] = (ctx.last_group,) if pro.lower() in ("they", "their") else ()
    cands = (
        (ctx.last_actor,)
        if strict
        else (*group, ctx.last_actor, ctx.announcer, ctx.last_agent, ctx.last_body_subject)
    )
    for cand in cands:
        if cand and ctx.index.type_of(cand) != "person" and cand not in ("I", "we", "We"):
            return cand
    return ""


_SUBJECT_JOIN = ("of", "the", "for", "and", "&")


_FEELING = (
    r"\b(?:angry|furious|worried|concerned|afraid|sure|confident|pleased|happy|disappointed"
    r"|aware|unhappy|upset|glad|sorry|relieved|certain|convinced|fearful|anxious)\s+(?:that\s+)?$"
)


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
    if (
        w.lower() == "they"
        and not re.search(rf"\b{_SAY}\b", prefix)
        # "MPs are angry they will have only two days": a feeling about what happens to them
        and not re.search(_FEELING, prefix.rstrip()[: -len(w)])
    ):
        # "The regiments campaigners were so angered they threatened ...": the sentence's own
        # plural subject, when no reported clause comes between
        first = _FIRST_VERB.search(prefix)
        if first and first.start() > 0 and not re.search(r"[,;:\"“”]", prefix[: first.start()]):
            subject = _subject_before(prefix[: first.start()], ctx)
            if subject.endswith("s") and subject not in ("they", "this", "there", "us"):
                return subject
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
    if low in _BODY_HEADS:
        # "the committee", "the charity": the body of that kind named last before the sentence
        # (whose name says its kind; for a charity or union, whose names rarely say so, the last
        # body named that is no party, government or newspaper: for "the group" that guess
        # picked a regiment and an assembly)
        earlier = ctx.index.mentions_between(max(0, ctx.position - _BODY_LOOKBACK), ctx.position)
        bodies = [m.name for m in earlier if m.type == "organisation"]
        of_kind = [b for b in bodies if low in b.lower()]
        if of_kind:
            return of_kind[-1]
        if low in ("charity", "union"):
            others = [b for b in bodies if not _party_name(b) and not _NOT_A_GROUP.search(b)]
            return others[-1] if others else ""
        return ""
    if low not in _OFFICES:
        return ""
    holder = ctx.index.person_with_role(low)
    if holder:
        return holder
    who = ctx.index.get(ctx.announcer)
    return who.name if who is not None and who.type == "person" and not who.role else ""


# Kinds of body a definite description names ("the committee said").
_BODY_HEADS = frozenset(
    "charity group union committee commission watchdog campaign association agency trust "
    "federation".split()
)
_BODY_LOOKBACK = 3000  # characters: the article so far, not a distant body of the same kind
_NOT_A_GROUP = re.compile(
    r"Government|Parliament|Commons|Lords|Cabinet|Treasury|Office|Department|Ministry|BBC|ITV"
    r"|Times|Guardian|Telegraph|Independent|Mirror|Mail|Express|Radio|News|EU|UN|Nato|NATO"
)


# Titles one person holds ("the executive", "the head" are more often bodies or parts).
_OFFICES = frozenset(
    "minister secretary chancellor president premier leader chairman chairwoman governor mayor "
    "commissioner ambassador".split()
)


_PARTY_LOOKBACK = 1500  # characters: the paragraphs before, not the whole article


def _possessor(owner: str, ctx: _Ctx) -> str:
    """Whom "his"/"her" (the reported person, else the last named) or "its"/"their" (the body
    named before) stands for; ''."""
    if owner in ("his", "her"):
        return ctx.reporter if ctx.index.type_of(ctx.reporter) == "person" else ctx.last_person
    return _pronoun_body(owner, ctx)


def _possessed(owner: str, head: str, ctx: _Ctx) -> str:
    """ "her party", "his government", "its members": the owner's body where we can tell."""
    who = _possessor(owner, ctx)
    if owner in ("his", "her"):
        if head.lower().rstrip("s") == "party":
            return _party_of(who, ctx) or (f"{who}'s party" if who else "")
        return f"{who}'s {head}" if who else ""
    return f"{who} {head}" if who else ""


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
            # the speaker's own country where the article gives one ("Palestinian leader"),
            # not one the sentence names in passing ("in the British newspaper")
            ent = ctx.index.get(ctx.index.canonical(speaker))
            own = _country_of_role(ent.role if ent else "")
            country = own or _country_in(s.text) or _country_in(s.context)
            if country and ctx.index.type_of(speaker) == "person":
                return f"{country} ({speaker})"
        return speaker
    if who in ("it", "they"):
        return _pronoun_body(who, ctx, strict=True) if not s.quoted else ""
    if who in ("this", "that", "there", "which", "who"):
        return ""
    return who


def _country_of_role(role: str) -> str:
    """The country a role names as its holder's ("Palestinian leader", "former British
    ambassador"), not one inside a body's name ("UKIP Scotland chairman")."""
    words = role.split()
    for i, w in enumerate(words):
        if w in COUNTRIES and (i == 0 or words[i - 1][:1].islower()):
            return COUNTRIES[w]
    return ""


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

# A sentence end inside the clause: punctuation not inside a number ("£5.5bn", "3,500").
_CLAUSE_END = re.compile(
    r"""[;:!?]|[.,](?!\d)|\s[-–—]\s|\s(?:but|because|while|although|saying|whereas)\s"""
    r"""|\s(?:and|or)\s+(?=(?:when|while|if|as|after|before|although|because)\s)"""
)


# A reporting tag after an action: ", he said", ", MPs said", ", the chancellor said".
_REPORT_TAIL = re.compile(
    r",[\"”’']?\s+(?:[\w'-]+\s+){0,3}(?:said|says|added|told|argued|warned|insisted|claimed)\b"
)


_CLAUSE_GRACE = 4  # words a clause may run over an action's limit before it is cut


def _action(t: str, start: int, limit: int = 16) -> str:
    """The action phrase after a trigger: up to the end of its clause, at most `limit` words,
    never ending inside a number, a name or a quotation, nor on a dangling function word."""
    rest = t[start:].lstrip(" ,")
    m = _CLAUSE_END.search(rest, 12)
    while m and _inside_quote(rest, m.start()):
        m = _CLAUSE_END.search(rest, m.end())
    clause = rest[: m.start()] if m else rest
    tail = _REPORT_TAIL.search(clause)
    if tail and not _inside_quote(clause, tail.start()):
        clause = clause[: tail.start()]  # "be returned, he said": short, so not cut above
    soft = next(
        (x for x in _SOFT_CLAUSE_END.finditer(clause) if len(clause[: x.start()].split()) >= 8),
        None,
    )
    if soft and not _inside_quote(clause, soft.start()):
        clause = clause[: soft.start()]
    words = clause.split()
    # A clause a few words over the limit is kept whole: "... without trial is unlawful" cut at
    # "is" says the opposite of nothing.
    n = len(words) if len(words) <= limit + _CLAUSE_GRACE else min(limit, len(words))
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
    start = max(0, pos - 80)
    h = _HEDGE.search(low[start : pos + 2])
    return h is not None and not re.search(_NEW_REPORT, low[start + h.end() : pos])


# A new report starts a new clause: "He conceded ..., and said he would not resign".
_NEW_REPORT = r"\b(?:and|but)\s+(?:[a-z]+\s+){0,2}(?:said|says|added|insisted|told|vowed)\b"


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


_OFFICE_PHRASE = re.compile(
    r"(?:[Tt]he\s+)?(?P<role>(?:[a-z]+\s+){0,2}(?:" + "|".join(sorted(_OFFICES)) + r"))",
)


def _office_holder(actor: str, ctx: _Ctx, reported: bool = True) -> str:
    """ "(the) prime minister" as an actor or speaker: the one person the article gives that
    role, else (when `reported`) the person without a stated role whom the paragraph (or the
    one before) reports; ''."""
    m = _OFFICE_PHRASE.fullmatch(actor)
    if not m or m.group("role").split()[0] in _OTHER_HOLDER:
        return ""
    holder = _role_holder(m.group("role"), ctx.index)
    if holder or not reported:
        return holder
    for who in (ctx.announcer, ctx.prev_announcer):
        ent = ctx.index.get(who)
        if ent is not None:
            return ent.name if ent.type == "person" and not ent.role else ""
    return ""


_OTHER_HOLDER = frozenset("shadow former ex deputy vice junior".split())


def _holds(role: str, low: str) -> bool:
    """Whether a stated role is this one ("chancellor"), not a shadow, deputy or former one."""
    r = role.lower()
    if not re.search(rf"(?:^|\s){re.escape(low)}$", r):
        return False
    before = r[: len(r) - len(low)].split()
    return not (before and before[-1].strip("-") in _OTHER_HOLDER)


_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|his|her|its|their|our|your|similar|funding|new|aid|election"
    r"|manifesto|key|previous|earlier|latest|any|no|such|of)\s+$"
)


# A past participle ("closed", "given", "sent"); with "-ing" forms, any participle.
_PAST_PARTICIPLE = (
    r"[a-z]{2,}(?:ed|en)|sent|made|built|cut|spent|put|set|held|brought|paid|sold|shut|kept|run"
    r"|met|done|shown|found|laid|led|bought|given|withdrawn|drawn|written|thrown|overseen|lent"
    r"|dealt|sought|struck|taught|begun|frozen|hit|told|left|lost|won|known|seen|taken"
)
_ANY_PARTICIPLE = _PAST_PARTICIPLE + r"|[a-z]+ing"


# Not a name: a clause or a phrase caught where an actor was expected.
_BAD_ACTOR = re.compile(
    r"(?:be|been|being|to|would|will|have|has|had|is|are|was|were|for|of|from|by|with|in|on)\b"
    # a sentence's opening word taken for a name: "By pledging to ...", "And continued:"
    r"|(?:" + "|".join(sorted(_CONNECTIVES | {p.title() for p in _PREPOSITIONS})) + r")$"
    r"|.*\s(?:to|that|who|which|has|have|had)$"
)


_PRONOUNS = frozenset("i we you he she it they this that there which who what".split())


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


# What a plan, bill or scheme stands for (its author commits through it).
_INSTRUMENTS = frozenset(
    "bill plan proposal scheme legislation law act measure package budget strategy reform "
    "policy programme initiative regulation rule review fund".split()
)


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
