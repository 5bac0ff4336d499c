"""People, organisations and countries, with the roles the text gives them.

Names are runs of capitalised words; a role is the phrase the text puts before a name ("UK
ambassador Dominic Williams") or the title inside the run ("Minister of Interior Sar Kheng").
Short forms ("Williams", "Mr Brown") merge into the full name seen elsewhere in the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from briefing.models import Entity
from briefing.offline.gazetteer import (
    COUNTRIES,
    HONORIFICS,
    ORG_WORDS,
    ORGANISATIONS,
    PARTY_FORMS,
    PARTY_NAMES,
    ROLE_NOUNS,
)
from briefing.offline.lexicon import STOPWORDS

# "McConnell", "MacDonald" first: "Mc" alone would match as a capitalised word.
_CAP = (
    r"(?:Ma?c[A-Z][a-z]+|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]{2,}[0-9]?|G[78]"
    r"|[A-Z]\.(?:[A-Z]\.)+)"
)
# A name never runs across a line break: "Blair tells EU" (a title) then "Tony Blair is ...".
_RUN = re.compile(
    rf"\b{_CAP}(?:[^\S\n]+(?:(?:of|for|and|the|de|du|von|van|al|bin)[^\S\n]+){{0,2}}{_CAP})*"
)
_SPACES = re.compile(r"\s*")
_POSSESSIVE = re.compile(r"['’]s?$")
_BEFORE = re.compile(r"([\w-]+)\W*$")
_SENTENCE_START = re.compile(r"""(?:^|[.!?]["'”’)]*\s+|\n\s*|["“‘(]\s*)$""")
_APPOSITIVE = re.compile(
    r",\s+(?:the\s+|a\s+|its\s+)?((?:former\s+|new\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:minister|secretary|ambassador|president|chancellor|leader|chairman|chief|spokesman|"
    r"spokeswoman|director|head|commissioner|secretary-general|peer|MP|MEP))(?:\s+of\s+[^,]{2,40})?,"
)
_CONNECTORS = frozenset("of for and the de du von van al bin".split())
_ADDRESS = frozenset("Mr Mrs Ms Miss Dr".split())
_ROLE_TITLES = frozenset(
    """Minister Secretary President Chancellor Ambassador Prime Foreign Home Interior Defence
    Health Education Justice Finance Culture Trade Environment Transport Treasury State Deputy
    Shadow Chief Leader Undersecretary Governor Mayor Senator Commissioner Director General
    Attorney Speaker Chairman Premier Vice King Queen Prince Former Justice Lord-Chancellor
    Economic Affairs Constitutional Development Works Pensions Culture Media Sport Social
    Security""".split()
)
_ROLE_MODIFIERS = frozenset("former acting shadow deputy junior senior then new".split())
# A kind of body right before a one-word name makes it the body's name ("the union Unison").
_BODY_NOUNS = frozenset("union group charity organisation think-tank watchdog".split())
_BODY_BEFORE = re.compile(rf"\b({'|'.join(sorted(_BODY_NOUNS))})\s+$")
_NOT_NAMES = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December I A An The This That These Those It He
    She They We You His Her Their Our But And Or If When While As In On At By For From With
    According After Before During Under Over Many Some Most Mr Mrs Ms There Here What Why How
    Speaking Asked Meanwhile However Earlier Later Last Next Both All No Not Yes Christmas Easter
    New Year Easter Commons Government Ministers MPs GMT BST""".split()
    # Abbreviations of things, not of bodies: "ID cards", "HIV", "a TV debate", "GCSEs".
    + """ID TV HIV AIDS TB BSE DNA GCSE GCSEs PR OK OAP FTSE SME WMD WWII QMV EGM ICT PE VAT GDP
    CEO AWOL PM""".split()
)


@dataclass
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    name: str
    type: str


@dataclass
class EntityIndex:
    """Entities of one article plus every mention, so later stages can resolve short forms."""

    entities: list[Entity]
    mentions: list[Mention]
    aliases: dict[str, str]
    _by_name: dict[str, Entity] = field(default_factory=dict, init=False, repr=False)
    _starts: list[int] = field(default_factory=list, init=False, repr=False)
    _surnames: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _roles: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _first_mentions: dict[str, list[Mention]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the lookups after entities or mentions change (constant-time queries)."""
        self._by_name = {e.name: e for e in self.entities}
        self._starts = [m.start for m in self.mentions]
        self._surnames = {}
        self._roles = {}
        self._first_mentions: dict[str, list[Mention]] = {}
        for m in self.mentions:
            seen = self._first_mentions.setdefault(m.name, [])
            if len(seen) < 4:
                seen.append(m)
        for e in self.entities:
            if e.type != "person":
                continue
            self._surnames.setdefault(e.name.split()[-1], e.name)
            words = e.role.lower().split()
            if _QUALIFIED_ROLE.intersection(words):
                continue  # a shadow chancellor is not "the chancellor"
            for w in words:
                self._roles.setdefault(w, e.name)

    def first_mentions(self, name: str) -> list[Mention]:
        """Up to four earliest mentions of an entity (where the text introduces it)."""
        return self._first_mentions.get(name, [])

    def person_by_surname(self, surname: str) -> str:
        """The first person whose name ends with this word, or ''."""
        return self._surnames.get(surname, "")

    def person_with_role(self, word: str) -> str:
        """The first person whose stated role has this word ("minister"), or ''."""
        return self._roles.get(word.lower(), "")

    def canonical(self, name: str) -> str:
        """The full name a short form stands for ("Mr Brown" -> "Gordon Brown")."""
        return self.aliases.get(_strip_honorific(name), name)

    def type_of(self, name: str) -> str:
        e = self._by_name.get(name)
        return e.type if e else ""

    def get(self, name: str) -> Entity | None:
        return self._by_name.get(name)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in [start, end), in text order."""
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return self.mentions[i:j]


# Role qualifiers that make the holder someone other than "the <role>" of the text.
_QUALIFIED_ROLE = frozenset("shadow former ex deputy vice junior".split())


def _strip_honorific(name: str) -> str:
    parts = name.split()
    while len(parts) > 1 and parts[0] in HONORIFICS and parts[0] not in ("Lord", "Lady"):
        parts = parts[1:]
    return " ".join(parts)


def _split_role(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Separate a leading title ("Minister of Interior") from the name that follows it."""
    if tokens and tokens[-1] in ORG_WORDS:
        return [], tokens  # "Home Office", "Foreign Office": one organisation's name
    last = -1
    for i, t in enumerate(tokens[:-1]):
        if t in _ROLE_TITLES or t.lower() in ROLE_NOUNS:
            last = i
        elif t in HONORIFICS:
            break
    if last < 0 or not tokens[last + 1][:1].isupper():
        return [], tokens  # "MP for Birkenhead": a seat, not a person named after a role
    if all(t.lower() in _ROLE_MODIFIERS for t in tokens[: last + 1]) and len(tokens) - last > 3:
        # "Former Scots Guardsman Allan Hendry": a bare modifier opens a role we do not know;
        # the name is the last two words
        return tokens[:-2], tokens[-2:]
    # "Minister of Interior Sar Kheng": the role runs to its last title word.
    return tokens[: last + 1], tokens[last + 1 :]


@dataclass
class _Cues:
    """What the whole text says about names, gathered in one pass so that classifying each
    candidate is a set lookup, not a scan of the article (linear time on huge inputs)."""

    speakers: set[str]  # capitalised runs right before or after a speech verb, all suffixes
    titled: set[str]  # surnames after Mr/Mrs/Ms/Dr/Sir
    lower_words: set[str]  # words the text also uses in lower case
    bodies: set[str] = field(default_factory=set)  # "Unison, Britain's biggest union,"


_SPEECH_VERB = re.compile(
    r"(?:['’]s)?,?\s+(?:has\s+|had\s+)?(?:said|says|told|wrote|added|argued|warned|insisted|claimed)\b"
)
_SPEECH_HEAD = re.compile(
    r"\b(?:said|says)\s+((?:[A-Z][\w'’.-]*)(?:[ ](?:[A-Z]|of |the )[\w'’.-]*){0,5})"
)
_APPOSED = re.compile(
    r"(?<![\w'’])((?:[A-Z][a-z][\w'’-]*[ ]){1,2}[A-Z][a-z][\w'’-]*),"
    r"[ ](?:from|of)[ ](?:the[ ])?[A-Z]"
)
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir)\s+([A-Z][\w-]*(?:['’][A-Z][\w-]*)?)")


def _cues(text: str) -> _Cues:
    speakers: set[str] = set()
    for m in _SPEECH_VERB.finditer(text):
        # The capitalised words right before the verb ("Tony Blair said"), every suffix.
        # (within the paragraph: "...claims\n\nTony Blair said" gives "Tony Blair")
        toks = text[max(0, m.start() - 80) : m.start()].rsplit("\n", 1)[-1].split(" ")
        run: list[str] = []
        for tok in reversed(toks):
            if tok[:1].isupper() or (run and tok in ("of", "the", "for")):
                run.insert(0, tok)
                if len(run) >= 6:
                    break
            else:
                break
        while run and not run[0][:1].isupper():
            run.pop(0)
        for k in range(1, len(run) + 1):
            speakers.add(" ".join(run[-k:]))
    for m in _SPEECH_HEAD.finditer(text):
        toks = m.group(1).split()
        toks[-1] = toks[-1].rstrip(".,;:")
        for k in range(1, len(toks) + 1):
            speakers.add(" ".join(toks[:k]))
    for m in _APPOSED.finditer(text):
        # "Mike Hobday, from the League Against Cruel Sports, said": a person speaking for a body.
        toks = m.group(1).split()
        for k in range(1, len(toks) + 1):
            speakers.add(" ".join(toks[-k:]))
    titled = {m.group(1) for m in _TITLED.finditer(text)}
    lower_words = set(re.findall(r"(?<= )[a-z][a-z'’-]*(?= )", text))
    bodies = {m.group(1) for m in _BODY_APPOSITIVE.finditer(text)}
    return _Cues(speakers, titled, lower_words, bodies)


# A name with an appositive saying what kind of body it is: "Unison, Britain's biggest union,".
_BODY_APPOSITIVE = re.compile(
    r"\b([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),\s+(?:the|a|an|[A-Z][\w'’]*['’]s)\s+"
    r"(?:[\w-]+\s+){0,3}(?:union|charity|group|organisation|think-tank|watchdog|association"
    r"|agency|company|firm|federation|body)\b"
)


def _kind(tokens: list[str], text: str, role: str, cues: _Cues | None = None) -> str:
    cues = cues or _cues(text)
    name = " ".join(tokens)
    if name in COUNTRIES:
        return "country"
    if name in ORGANISATIONS or name in PARTY_NAMES or any(t in ORG_WORDS for t in tokens):
        return "organisation"
    if role.split()[-1:] and role.split()[-1].lower() in _BODY_NOUNS or name in cues.bodies:
        return "organisation"
    if len(tokens) == 1:
        if tokens[0].isupper() and len(tokens[0]) >= 2 and tokens[0].lower() not in ROLE_NOUNS:
            return "organisation"
        return "other"
    if tokens[0] in HONORIFICS:
        return "person"
    if len(tokens) > 4 or any(t in _THING_WORDS or t in COUNTRIES for t in tokens):
        return "other"
    # A person is named with a role, or speaks, or is referred to by surname elsewhere.
    if role or name in cues.speakers or tokens[-1] in cues.titled:
        return "person"
    return "other"


_THING_WORDS = frozenset(
    """Square Street Road House Hall Palace Bridge Island Islands Sea River Valley War Act Bill
    Day Week Summit Conference Treaty Agreement Plan Strategy Controls Report Review Prize Award
    Games Cup Championship Centre Airport Station Park Declaration Goals Budget Queen's Speech
    Christmas Year Minister Secretary President Chancellor""".split()
)


# "spokeswoman for women Sandra Gidley": a role's complement between the role and the name.
_ROLE_COMPLEMENT = re.compile(
    r"\b(?P<head>[\w'’-]+)\s+(?:for|of|on)\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*\s+$"
)


def _role_before(text: str, start: int) -> str:
    """The role phrase ending right before a name: 'UK ambassador', 'housing minister',
    'Liberal Democrat spokeswoman for women'."""
    complement = _ROLE_COMPLEMENT.search(text, max(0, start - 60), start)
    if complement and complement.group("head").lower() in ROLE_NOUNS:
        head_end = complement.end("head")
        return (_role_before(text, head_end) + text[head_end:start]).strip()
    words: list[str] = []
    pos = start
    for _ in range(5):
        m = _BEFORE.search(text, max(0, pos - 40), pos)
        if not m:
            break
        gap = text[m.end(1) : pos]
        if gap and (not gap.isspace() or "\n" in gap):
            break
        w = m.group(1)
        if not words:
            if w.lower() not in ROLE_NOUNS:
                return ""
        elif (
            w.lower() in STOPWORDS
            and w.lower() not in _ROLE_MODIFIERS
            or w.lower() in ("with", "by", "and", "to", "said", "told", "met")
        ):
            break
        words.append(w)
        pos = m.start(1)
        if not text[max(0, pos - 1) : pos].isspace():
            break
    return " ".join(reversed(words))


def find(text: str) -> EntityIndex:
    """All named people, organisations and countries in text, roles attached, short forms merged."""
    cues = _cues(text)
    raw: list[tuple[int, int, list[str], str]] = []
    for m in _RUN.finditer(text):
        tokens = m.group(0).split()
        start = m.start()
        # A capitalised sentence opener is usually an ordinary word.
        while tokens and (
            tokens[0] in _NOT_NAMES
            or (tokens[0].lower() in STOPWORDS and tokens[0] not in HONORIFICS)
            or (
                _SENTENCE_START.search(text, max(0, start - 4), start)
                and _common(tokens[0], cues)
                and tokens[0] not in _ROLE_TITLES
                and tokens[0] not in COUNTRIES
            )
        ):
            start = text.index(tokens[0], start) + len(tokens[0])
            start = _SPACES.match(text, start).end()  # type: ignore[union-attr]
            tokens = tokens[1:]
        # "the Sunday Times Mr Campbell": a title of address starts a new name, unless all
        # before it is a role ("Prime Minister Mr Blair").
        cut = next((i for i, t in enumerate(tokens) if i and t in _ADDRESS), 0)
        if (
            cut
            and not _POSSESSIVE_TOKEN.search(tokens[cut - 1])  # "Labour's Mr Livingstone"
            and not all(t in _ROLE_TITLES or t in _CONNECTORS for t in tokens[:cut])
        ):
            _add_run(text, start, tokens[:cut], m.end(), cues, raw)
            start = text.index(tokens[cut], start + len(" ".join(tokens[:cut])))
            tokens = tokens[cut:]
        # "Blair and Mr Brown" is two people, "Department for Work and Pensions" one body.
        segments: list[tuple[int, list[str]]] = []
        if "and" in tokens and (not any(t in ORG_WORDS for t in tokens) or _two_names(tokens)):
            seg: list[str] = []
            seg_start = start
            pos = start
            for tok in tokens:
                pos = text.index(tok, pos)
                if tok == "and":
                    if seg:
                        segments.append((seg_start, seg))
                    seg = []
                    seg_start = -1
                else:
                    if not seg:
                        seg_start = pos
                    seg.append(tok)
                pos += len(tok)
            if seg:
                segments.append((seg_start, seg))
        else:
            segments.append((start, tokens))
        for start, tokens, owner in _split_possessives(text, segments):
            _add_run(text, start, tokens, m.end(), cues, raw, owner)

    return _index(text, raw, cues)


def _two_names(tokens: list[str]) -> bool:
    """Whether "and" joins two names in a run that holds a word of a body: "Midlothian Council
    and Scottish Borders Enterprise", "Minister Lord Falconer and Downing Street adviser ...",
    "Baroness Amos and Baroness Royall", "the SNP and the Tories"; not "Department for Work and
    Pensions", nor "Police and Criminal Evidence Act" (one word before "and" is no body)."""
    at = tokens.index("and")
    before, after = tokens[:at], tokens[at + 1 :]
    if not before or not after:
        return False
    return (
        after[0] in HONORIFICS
        or after[0] == "the"
        or any(t in HONORIFICS for t in before)
        or (len(before) >= 2 and before[-1] in ORG_WORDS)
    )


def _split_possessives(
    text: str, segments: list[tuple[int, list[str]]]
) -> list[tuple[int, list[str], str]]:
    """ "Labour's Mr Livingstone" and "Labour's Ann Dale" are a party and a person (the party
    kept as the person's role); "Australia's Prime Minister John Howard" stays whole (the owner
    is part of the role), and so does "Mr Brown's Budget"."""
    out: list[tuple[int, list[str], str]] = []
    for start, tokens in segments:
        pos = start
        seg_start, seg, hint = start, list[str](), ""
        for i, tok in enumerate(tokens):
            pos = text.index(tok, pos)
            if not seg:
                seg_start = pos
            seg.append(tok)
            pos += len(tok)
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            owner = _POSSESSIVE_TOKEN.sub("", tok)
            if (
                _POSSESSIVE_TOKEN.search(tok)
                and nxt
                and nxt not in _ROLE_TITLES
                and (nxt in HONORIFICS or owner in _PARTY_WORDS or owner in COUNTRIES)
            ):
                out.append((seg_start, seg, hint))
                seg, hint = [], owner
        if seg:
            out.append((seg_start, seg, hint))
    return out


_POSSESSIVE_TOKEN = re.compile(r"['’]s$")
# Owners that are never part of a person's name: "Labour's Elizabeth Blackman".
_PARTY_WORDS = frozenset("Labour Tory Tories Conservatives UKIP SNP Plaid Respect Veritas".split())


def _add_run(
    text: str,
    start: int,
    tokens: list[str],
    run_end: int,
    cues: _Cues,
    raw: list[tuple[int, int, list[str], str]],
    owner: str = "",
) -> None:
    """One candidate name: trimmed, its role split off or found before it (else the party or
    country that owns it: "Labour's Ann Dale"), kept in `raw`."""
    tokens = list(tokens)
    while tokens and tokens[0] in _CONNECTORS:
        start = _SPACES.match(text, start + len(tokens[0])).end()  # type: ignore[union-attr]
        tokens = tokens[1:]
    if True:
        while tokens and tokens[-1] in _CONNECTORS:
            tokens.pop()
        if not tokens:
            return
        tokens[-1] = _POSSESSIVE.sub("", tokens[-1]) or tokens[-1]
        role_tokens, name_tokens = _split_role(tokens)
        role = " ".join(role_tokens)
        if not role:
            role = _role_before(text, start) or (owner if len(name_tokens) >= 2 else "")
        if not role and len(name_tokens) == 1:
            body = _BODY_BEFORE.search(text, max(0, start - 24), start)
            role = body.group(1) if body else ""  # "the union Unison", "rights group Liberty"
        elif len(role_tokens) == 1 and role_tokens[0] in COUNTRIES:
            role = ""
            name_tokens = tokens
        if not name_tokens:
            return
        end = start + len(" ".join(tokens))
        raw.append((start, end, name_tokens, role))
        if not role:
            app = _APPOSITIVE.match(text, run_end)
            if app and _kind(name_tokens, text, "x", cues) == "person":
                raw[-1] = (start, end, name_tokens, app.group(1).strip())


def _tidy_role(role: str) -> str:
    """A role as a reader writes it: from its first capitalised word when only words of the
    sentence come before it ("attack Tory leader", "who is UKIP Scotland chairman", but "former
    Tory leader" and "head of the Police Federation" stay whole), without leading function
    words ("and the Palestinian leader"), a run said twice said once ("Tory MP Tory MP")."""
    words = role.split()
    first_cap = next((i for i, w in enumerate(words) if w != w.lower()), 0)  # "ex-Downing"
    keep = first_cap
    while keep and words[keep - 1].lower() in _ROLE_MODIFIERS:
        keep -= 1
    if keep and not any(w.lower() in ROLE_NOUNS or w in ("of", "for") for w in words[:keep]):
        words = words[keep:]
    while len(words) > 1 and words[0] in STOPWORDS and words[0] not in _ROLE_MODIFIERS:
        words = words[1:]
    for size in range(len(words) // 2, 0, -1):
        for i in range(len(words) - 2 * size + 1):
            if [w.lower() for w in words[i : i + size]] == [
                w.lower() for w in words[i + size : i + 2 * size]
            ]:
                return _tidy_role(" ".join(words[: i + size] + words[i + 2 * size :]))
    return " ".join(words)


def _index(text: str, raw: list[tuple[int, int, list[str], str]], cues: _Cues) -> EntityIndex:
    """Merge candidate names into entities and mentions; short forms and acronyms to full names."""
    entities: dict[str, Entity] = {}
    order: list[str] = []
    mentions: list[Mention] = []
    aliases: dict[str, str] = {}
    singles: list[tuple[int, int, str, str]] = []
    for start, end, tokens, role in raw:
        name = " ".join(tokens)
        kind = _kind(tokens, text, role, cues)
        if kind == "country":
            name = COUNTRIES[name]
        if len(tokens) == 1 and kind == "other":
            singles.append((start, end, name, role))
            continue
        if kind == "other":
            continue
        key = _strip_honorific(name) if kind == "person" else name
        role = _tidy_role(role) if kind != "country" else ""  # a country holds no role
        if key not in entities:
            entities[key] = Entity(name=key, type=kind, role=role)
            order.append(key)
        elif role and not entities[key].role:
            entities[key].role = role
        mentions.append(Mention(start, end, key, kind))
    # Surnames and "Mr X" forms merge into the full names they shorten.
    people = [n for n in order if entities[n].type == "person"]
    for n in people:
        parts = n.split()
        if len(parts) >= 2:
            aliases.setdefault(parts[-1], n)
    for n in list(order):
        short = _strip_honorific(n)
        if entities[n].type == "person" and len(short.split()) == 1 and short in aliases:
            full = aliases[short]
            if full != n:
                if entities[n].role and not entities[full].role:
                    entities[full].role = entities[n].role
                del entities[n]
                order.remove(n)
                aliases[n] = full
    for start, end, name, role in singles:
        target = aliases.get(name)
        if target:
            mentions.append(Mention(start, end, target, "person"))
            if role and not entities[target].role:
                entities[target].role = role
    # "FATF" and "Financial Action Task Force" are one organisation, under the full name.
    initials = {
        "".join(w[0] for w in n.split() if w[:1].isupper()): n
        for n in order
        if entities[n].type == "organisation" and len(n.split()) >= 2
    }
    for n in list(order):
        full = initials.get(n, "")
        if entities[n].type == "organisation" and n.isupper() and full and full != n:
            del entities[n]
            order.remove(n)
            aliases[n] = full
    # "Tories", "Tory" and "the Conservative Party" are one party, under the article's fullest
    # name for it; "Party" alone is a word of a name, not a body.
    for forms in PARTY_FORMS:
        named = [f for f in forms if f in entities]
        for form in named[1:]:
            del entities[form]
            order.remove(form)
            aliases[form] = named[0]
    if "Party" in entities:
        del entities["Party"]
        order.remove("Party")
    for name in order:
        entity = entities[name]
        if entity.type == "organisation" and not _org_role(entity.role):
            entity.role = ""  # "chairman of the": a person's role caught before the body
    for mention in mentions:
        mention.name = aliases.get(mention.name, mention.name)
    mentions = [m for m in mentions if m.name in entities]
    mentions.sort(key=lambda x: x.start)
    return EntityIndex([entities[n] for n in order if n in entities], mentions, aliases)


# What an organisation's role may be: a few lower-case words ("union", "campaign group"), not a
# person's role cut off before the body ("chairman of the") nor a capitalised word.
_ORG_ROLE = re.compile(r"[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}")
_ORG_ROLE_END = frozenset("of the for in to at a an and".split())


def _org_role(role: str) -> bool:
    return not role or (
        bool(_ORG_ROLE.fullmatch(role))
        and role.split()[-1] not in _ORG_ROLE_END
        and not role.startswith(("became ", "become ", "new "))
    )


def _common(word: str, cues: _Cues) -> bool:
    """A sentence-initial word that also appears in lower case is an ordinary word."""
    low = word.lower()
    return low in STOPWORDS or low in cues.lower_words
