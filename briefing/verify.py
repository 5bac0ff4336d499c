"""Check every evidence quote against the source, and show the source's words, not the model's.

A quote is located exactly, then after normalising whitespace, quote marks, dashes and case, then
fuzzily against single sentences and adjacent pairs. The fuzzy threshold (0.90 similarity, on
quotes of at least 8 words) accepts a dropped comma or a straightened apostrophe in a long
sentence, but not a paraphrase: invented or reworded quotes from small models score well below it
(0.5 to 0.8 on the recorded SmolLM2 runs), so they stay unverified.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher

from .offline.gazetteer import COUNTRIES, PARTY_FORMS, PARTY_NAMES
from .redact import LINK_REMOVED
from .sentences import paragraphs, sentences, split_sentences
from .words import content_words

FUZZY_THRESHOLD = 0.90
FUZZY_MIN_WORDS = 8
_TRANSLATE = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
GROUNDING_THRESHOLD = 0.5
_OPENING = "“‘"
_CLOSING = "”’"


def _unbalanced(piece: str, mark: str, partner: str) -> bool:
    """More `mark` than `partner` quotation marks in piece."""
    return piece.count(mark) > piece.count(partner)


class SourceIndex:
    """The article text prepared once for many lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self.offsets = _normalise_with_offsets(text)
        self.spans = list(sentences(text))
        self._starts = [s for s, _ in self.spans]
        self._fuzzy_candidates: list[tuple[int, int, str]] | None = None
        self._article_words: frozenset[str] | None = None
        self._all_words: frozenset[str] = frozenset()
        self._numbers: frozenset[str] = frozenset()
        self._plain_words: list[str] = []

    def locate(self, quote: str) -> tuple[int, int] | None:
        """The (start, end) of quote in the source, or None when it is not there. A quote that
        starts a quotation keeps its opening mark, and one that opens a quotation closed right
        after it keeps the closing mark."""
        span = self._locate(quote)
        if span is None:
            return None
        start, end = span
        if start > 0 and self.text[start - 1] in _OPENING:
            start -= 1  # a quotation is shown as one, opening mark included
        piece = self.text[start:end]
        if end < len(self.text) and self.text[end] in _CLOSING and _unbalanced(piece, "“", "”"):
            end += 1
        return start, end

    def _locate(self, quote: str) -> tuple[int, int] | None:
        quote = quote.strip().strip('"“”').strip()
        if not quote:
            return None
        pos = self.text.find(quote)
        if pos >= 0:
            return pos, pos + len(quote)
        norm_quote, _ = _normalise_with_offsets(quote)
        norm_quote = norm_quote.strip()
        if norm_quote:
            pos = self.norm.find(norm_quote)
            if pos >= 0:
                start = self.offsets[pos]
                end = self.offsets[pos + len(norm_quote) - 1] + 1
                return start, end
        return self._fuzzy(norm_quote)

    def _fuzzy(self, norm_quote: str) -> tuple[int, int] | None:
        if len(norm_quote.split()) < FUZZY_MIN_WORDS:
            return None
        best, best_span = 0.0, None
        # Length bounds first: a ratio of at least T needs lengths within a factor of T.
        shortest = len(norm_quote) * FUZZY_THRESHOLD / (2 - FUZZY_THRESHOLD)
        longest = len(norm_quote) * (2 - FUZZY_THRESHOLD) / FUZZY_THRESHOLD
        for start, end, norm_sentence in self._candidates():
            if not shortest <= len(norm_sentence) <= longest:
                continue
            matcher = SequenceMatcher(None, norm_quote, norm_sentence, autojunk=False)
            if matcher.quick_ratio() < FUZZY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_span = ratio, (start, end)
        return best_span if best >= FUZZY_THRESHOLD else None

    def _candidates(self) -> list[tuple[int, int, str]]:
        """Sentences and adjacent pairs, normalised once per article (built on first use)."""
        if self._fuzzy_candidates is None:
            spans = list(self.spans)
            spans += [(a[0], b[1]) for a, b in zip(self.spans, self.spans[1:], strict=False)]
            self._fuzzy_candidates = [
                (a, b, _normalise_with_offsets(self.text[a:b])[0]) for a, b in spans
            ]
        return self._fuzzy_candidates

    def ungrounded(self, written: str) -> list[str]:
        """Sentences of model-written text (a summary) that say what the article does not: a
        name or a number the article never uses (a funder it never names, a wrong figure), or
        content words mostly absent from it (a paraphrase keeps most of its nouns, an invention
        does not). A summary cannot be checked like a quote; this catches the worst of it."""
        return [s for s in split_sentences(written) if self.unsupported(s)]

    def unsupported(self, sentence: str) -> str:
        """Why a written sentence is not supported by the article ("" when it is)."""
        if self._article_words is None:
            self._article_words = frozenset(content_words(self.text))
            self._all_words = frozenset(map(_fold, set(_NAME_WORD.findall(self.text))))
            self._numbers = frozenset(_NUMBER.findall(self.text))
            # "ex-Labour MP": two words here (each distinct word folded once)
            plain = _PLAIN_WORD.findall(self.text)
            folded = {w: _fold(w) for w in set(plain)}
            self._plain_words = [folded[w] for w in plain]
        # Most specific first: the words may all be the article's, attached to the wrong party.
        for person, role, party in _role_claims(sentence):
            if not self._says_role(person, role, party):
                return f"calls {person} {party} {role}, which the article does not"
        names = [
            w
            for w in _NAME_WORD.findall(sentence)[1:]  # the first word is capitalised anyway
            if w[0].isupper() and not self._uses(_fold(w))
        ]
        if names:
            return f"names {names[0]}, which the article does not"
        numbers = [n for n in _NUMBER.findall(sentence) if n not in self._numbers]
        if numbers:
            return f"gives the number {numbers[0]}, which the article does not"
        words = content_words(sentence)
        found = sum(w in self._article_words for w in words)
        if len(words) >= 4 and found / len(words) < GROUNDING_THRESHOLD:
            return "uses mostly words the article does not"
        return ""

    def _says_role(self, person: str, role: str, party: str) -> bool:
        """The article puts the person's surname within a few words of the role in that party
        ("Tory leader Michael Howard", "Mr Cunningham, a veteran Labour MP", "Lib Dem leader
        Charles Kennedy", "the leader of the Conservatives")."""
        surname = _fold(_PLAIN_WORD.findall(person)[-1])
        party_words = _name_words(party)[0] | _name_words(party)[1]
        role_word = role.lower()
        words = self._plain_words
        for i, word in enumerate(words):
            if word != surname:
                continue
            start = max(0, i - _ROLE_WINDOW)
            near = words[start : i + _ROLE_WINDOW]
            for k, w in enumerate(near):
                if w != role_word:
                    continue
                before = set(near[max(0, k - 3) : k])
                after = near[k + 1 : k + 4]
                if party_words & before or (after[:1] == ["of"] and party_words & set(after)):
                    return True
        return False

    def _uses(self, word: str) -> bool:
        """The article uses the word, or its singular or plural ("Liberal Democrat" in an
        article about "the Liberal Democrats")."""
        return any(form in self._all_words for form in (word, word + "s", word.removesuffix("s")))

    def sentence_number(self, pos: int) -> int:
        """The number (from 1) of the sentence containing a position, as models cite them; 0
        when the position is between sentences."""
        i = bisect_right(self._starts, pos) - 1
        return i + 1 if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1] else 0

    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        """The sentence containing a position (for ordering and deduplication)."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None


_NON_SPACE = re.compile(r"\S+")


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with quote marks and dashes unified and whitespace runs collapsed,
    plus the source offset of every character kept."""
    out: list[str] = []
    offsets: list[int] = []
    translated = text.translate(_TRANSLATE).lower()
    end = -1  # end of the last run of non-space characters
    for run in _NON_SPACE.finditer(translated):  # a run at a time, not a character at a time
        if end >= 0:
            out.append(" ")
            offsets.append(end)
        out.append(run.group())
        offsets.extend(range(run.start(), run.end()))
        end = run.end()
    if 0 <= end < len(translated):  # whitespace after the last run is one space too
        out.append(" ")
        offsets.append(end)
    return "".join(out), offsets


# -- who: the actor and addressee of an item, checked against the text around its quote --------

# Words that name a role or a kind of body rather than someone in particular: a name made only of
# these ("the government") is matched on them; otherwise only its proper words count.
_ROLE_WORDS = frozenset(
    """government ministry minister ministers secretary prime president chancellor council
    party union committee department office spokesman spokeswoman spokesperson leader leaders
    mayor chief officials official police army court commission authority authorities agency
    board administration cabinet opposition campaigners residents members bank foreign home
    interior general state national federal deputy shadow senior chairman chair head""".split()
)
_FILLERS = frozenset("the a an of and for to in on at mr mrs ms dr sir lord lady s".split())
# Names written differently for one party: folded to one spelling before comparing.
_ALIASES = {
    "tories": "conservative",
    "tory": "conservative",
    "conservatives": "conservative",
    "lib": "liberal",  # "the Lib Dems" names the Liberal Democrats
    "dems": "democrat",
    "dem": "democrat",
    "democrats": "democrat",
    "britain": "uk",
    "british": "uk",
    "kingdom": "uk",
    "america": "us",
    "american": "us",
    "americans": "us",
    "states": "us",
}
_PRONOUN = re.compile(
    r"\b(?:he|she|they|it|we|i|his|her|their|its|our|my|him|them|us)\b", re.IGNORECASE
)
_OTHERS_PRONOUN = re.compile(r"\b(?:he|she|they|his|her|their|him|them)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’-]*(?:\s+(?:of|and|for|the)\s+|\s+)?)+")


# A person given a role in a party or body, as a model's summary writes it: "Michael Howard,
# the leader of the Labour Party", "Labour leader Michael Howard", "Michael Howard, the Labour
# leader".
_ROLE = r"(leader|chairman|chairwoman|minister|secretary|spokesman|spokeswoman|MP|president|head)"
_PERSON = r"([A-Z][a-z]+(?: [A-Z][\w'’-]+)+)"
_PARTY = r"([A-Z][\w'’]+(?: [A-Z][\w'’]+)*)"
_QUALIFIER = r"(?:former |new |deputy |shadow |veteran )?"
_ROLE_AFTER = re.compile(rf"\b{_PERSON}, (?:the |a |an ){_QUALIFIER}{_ROLE} of (?:the )?{_PARTY}")
_ROLE_BEFORE = re.compile(rf"\b{_PARTY}(?:'s|’s)? {_QUALIFIER}{_ROLE} {_PERSON}")
_ROLE_APPOSED = re.compile(rf"\b{_PERSON}, (?:the |a |an ){_QUALIFIER}{_PARTY} {_ROLE}\b")
_ROLE_WINDOW = 8
_PLAIN_WORD = re.compile(r"[A-Za-z][\w'’]*")


def _role_claims(sentence: str) -> list[tuple[str, str, str]]:
    """(person, role, party) for each role a sentence gives a named person."""
    claims = [(m[1], m[2], m[3]) for m in _ROLE_AFTER.finditer(sentence)]
    claims += [(m[3], m[2], m[1]) for m in _ROLE_BEFORE.finditer(sentence)]
    claims += [(m[1], m[3], m[2]) for m in _ROLE_APPOSED.finditer(sentence)]
    return claims


def _fold(word: str) -> str:
    w = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    return _ALIASES.get(w, w)


def _name_words(name: str) -> tuple[set[str], set[str]]:
    """(proper words, role words) of an actor or addressee, lower-cased and folded."""
    proper: set[str] = set()
    roles: set[str] = set()
    for word in _NAME_WORD.findall(name):
        folded = _fold(word)
        if folded in _FILLERS or len(folded) < 2:
            continue
        (roles if folded in _ROLE_WORDS else proper).add(folded)
    return proper, roles


def _acronym(name: str) -> str:
    words = _NAME_WORD.findall(name)
    return "".join(w[0] for w in words if w[0].isupper() and w.lower() not in _FILLERS)


def named_in(name: str, text: str) -> bool:
    """Whether `text` names `name`: one of its proper words (aliases folded: "the Tories" names
    the Conservative Party), its acronym ("NAO"), or the name an acronym stands for; a name made
    only of role words ("the government") must have one of them there."""
    proper, roles = _name_words(name)
    words = {_fold(w) for w in _NAME_WORD.findall(text)}
    if proper & words or (not proper and roles & words):
        return True
    initials = _acronym(name)
    if len(initials) >= 2 and re.search(rf"\b{re.escape(initials)}\b", text):
        return True  # "National Audit Office" named as "NAO"
    if name.isupper() and len(name) >= 2:  # "NAO" named in full
        return any(_acronym(m.group(0)) == name for m in _CAPITALISED_RUN.finditer(text))
    return False


# An office one person holds, or a document: an actor only once the article says who.
_OFFICES = frozenset(
    "minister chancellor secretary president premier cardinal archbishop bishop mayor governor "
    "commissioner ambassador chairman chairwoman".split()
)
_DOCUMENTS = frozenset(
    "report study survey paper letter statement document review poll research memo".split()
)
_HE_SHE = re.compile(r"\b(?:he|she|him|his|her)\b", re.IGNORECASE)


_PLACE_PREPOSITION = re.compile(r"\b(in|at|from|across|throughout|outside|inside|near)\s+$", re.I)


def _only_after_preposition(name: str, text: str) -> str:
    """The preposition every mention of `name` in `text` follows ("MPs ... in eastern England
    have been pressing": England is where, not who), or ''."""
    words = [w for w in _NAME_WORD.findall(name) if w.lower() not in _FILLERS]
    if not words:
        return ""
    found = ""
    for m in re.finditer(rf"\b{re.escape(words[0])}\b", text):
        before = re.sub(
            r"(?:\b(?:the|a|an|eastern|western|northern|southern|central|rural)\s+)+$",
            "",
            text[: m.start()],
            flags=re.I,
        )
        p = _PLACE_PREPOSITION.search(before)
        if not p:
            return ""
        found = p.group(1)
    return found


# Who speaks for a body without being named ("a spokesman", "officials", "Downing Street").
_ANY_SPOKESPERSON = frozenset(
    """spokesman spokeswoman spokesperson official officials aide aides source sources party
    post statement downing street no 10 number""".split()
)
# Holding one of these, a speaker speaks for a government; "shadow" ones do not.
_GOVERNMENT_OFFICES = frozenset(
    "minister secretary chancellor prime president premier ambassador attorney solicitor".split()
)
_GOVERNMENT_SIDE = frozenset(
    """government ministers minister ministry department executive cabinet whitehall treasury
    downing administration""".split()
)


def _claim(speaker: str, actor: str) -> str:
    return f"{_possessive(speaker)} words about {actor}, not {_possessive(actor)} own"


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


# Parties as folded name words ("Tories" -> conservative, "Lib Dems" -> liberal), from the
# gazetteer's names; "party" and "democrat" are words of other names too.
_PARTY_WORDS = frozenset(
    _fold(w)
    for name in (*PARTY_NAMES, *(n for forms in PARTY_FORMS for n in forms), "DUP")
    for w in name.split()
) - {"party", "democrat", "national", "independence", "scottish", "uk"}


class FieldChecker:
    """Checks who an item says is committing or asking against the text around its quote."""

    def __init__(
        self,
        source: SourceIndex,
        people: list[str] | None = None,
        roles: dict[str, str] | None = None,
    ) -> None:
        self.source = source
        self._paragraphs = list(paragraphs(source.text))
        self.people = [p for p in people or [] if p.strip()]
        self.roles = roles or {}

    def claim_doubt(self, actor: str, said_by: str) -> str:
        """When someone other than the actor reports an item (`said_by`), '' if the article
        shows them speaking for the actor (a member of its party, an office holder for a
        government, a spokesman, a name they share), else why not: "critics said the government
        would never ..." is their claim, not the government's commitment."""
        if not said_by.strip() or not actor.strip():
            return ""
        speaker, acting = _name_words(said_by), _name_words(actor)
        if speaker[0] & acting[0] - _PARTY_WORDS or speaker[0] & acting[0] & _PARTY_WORDS:
            return ""  # "Labour Party spokesman" for Labour; "Sar Kheng" in "Cambodia (Sar Kheng)"
        theirs, its = self._party_of(said_by), self._party_of(actor)
        if theirs and its:
            return "" if theirs & its else _claim(said_by, actor)
        if not speaker[0] or speaker[0] <= _ANY_SPOKESPERSON:
            return ""  # "a spokesman", "officials", "Downing Street": who they speak for is open
        if self._governing(actor) and (
            self._in_office(said_by)
            # a person the article gives no role or party: whether they govern is not told
            or (said_by in self.people and not self.roles.get(said_by) and not theirs)
        ):
            return ""
        return _claim(said_by, actor)

    def _party_of(self, name: str) -> set[str]:
        """The parties a name is, or the article ties it to (its role, the words before it)."""
        found = _name_words(name)[0] & _PARTY_WORDS
        if found:
            return found
        spots = [self.roles.get(name, "")]
        at = self.source.text.find(name)
        if at >= 0:
            spots.append(self.source.text[max(0, at - 40) : at])
        return {w for spot in spots for w in _name_words(spot)[0] & _PARTY_WORDS}

    def _governing(self, actor: str) -> bool:
        proper, roles = _name_words(actor)
        return bool((proper | roles) & _GOVERNMENT_SIDE) or any(
            re.search(rf"\b{re.escape(country)}\b", actor) for country in COUNTRIES
        )

    def _in_office(self, speaker: str) -> bool:
        proper, roles = _name_words(f"{speaker} {self.roles.get(speaker, '')}")
        words = proper | roles
        return bool(words & _GOVERNMENT_OFFICES) and "shadow" not in words

    def actor_doubt(self, name: str, start: int, end: int) -> str:
        """What a reader should check about an actor, or '' when the text bears it out: named
        in the quoted sentences (or reached from a pronoun there, with no other person named
        beside it), and a name, not an office, a document or a place named only after "in"."""
        words = [w for w in _NAME_WORD.findall(name) if w.lower() not in ("the", "a", "an")]
        if words and all(w.islower() for w in words[1:]) and words[0][1:].islower():
            head = words[-1].lower()
            if head in _OFFICES and len(words) <= 3:
                return f"actor “{name}” is an office, not a name: who holds it was not settled"
            if head in _DOCUMENTS:
                return f"actor “{name}” is a document, not who stands behind it"
        if not self.party(name, start, end):
            return "actor not named in the quoted sentence"
        sentences_text, _ = self.context(start, end)
        where = _only_after_preposition(name, sentences_text)
        if where:
            return f"actor “{name}” is named only after “{where}”, not as the one acting"
        if name in self.people and not named_in(name, sentences_text):
            pronoun = _HE_SHE.search(sentences_text)
            mine = _name_words(name)[0]
            others = [
                p
                for p in self.people
                if not (_name_words(p)[0] & mine) and named_in(p, sentences_text)
            ]
            if pronoun and others:
                return (
                    f"actor reached through “{pronoun.group(0)}”, but the sentence also names "
                    f"{others[0]}"
                )
        return ""

    def context(self, start: int, end: int) -> tuple[str, str]:
        """(the evidence's sentences, its paragraph and the one before up to its end)."""
        text = self.source.text
        first = self.source.sentence_of(start) or (start, end)
        last = self.source.sentence_of(max(start, end - 1)) or (start, end)
        sentences_text = text[first[0] : last[1]]
        i = next((k for k, (a, b) in enumerate(self._paragraphs) if a <= start < b), None)
        if i is None:
            return sentences_text, sentences_text
        begin = self._paragraphs[i - 1][0] if i > 0 else self._paragraphs[i][0]
        return sentences_text, text[begin : self._paragraphs[i][1]]

    def party(self, name: str, start: int, end: int, asked: bool = False) -> bool:
        """Named in the quoted sentences, or referred to there by a pronoun or possessive and
        named in the same paragraph (or the one before, where a quotation's speaker often is).
        The one `asked` only through a pronoun for a third party ("him", "they"; not "I", "we",
        nor the "it" of "it is an easy decision")."""
        if not name.strip():
            return False
        sentences_text, around = self.context(start, end)
        if named_in(name, sentences_text):
            return True
        pronoun = _OTHERS_PRONOUN if asked else _PRONOUN
        return bool(pronoun.search(sentences_text)) and named_in(name, around)

    def said(self, words: str, start: int, end: int, share: float) -> bool:
        """Whether the quoted sentences carry at least this share of the content words (and at
        least one): any one for the rules' actions (paraphrased), all of a deadline ("by June"
        must say June)."""
        wanted = set(content_words(words.replace(LINK_REMOVED, " ")))
        if not wanted:
            return True
        sentences_text, _ = self.context(start, end)
        found = wanted & set(content_words(sentences_text))
        return bool(found) and len(found) >= share * len(wanted)
