"""What a word is, for every stage: summary ranking, obligations, entities and the grounding
check of model-written text all agree on it."""

from __future__ import annotations

import re

WORD = re.compile(r"[a-z0-9£$€]+(?:['’][a-z]+)?")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself yourselves said says
    say told mr mrs ms one two new year years last first also would could may might must shall
    per cent s t its it's he's she's they're we're i'm don't""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of text."""
    return WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Tokens that carry meaning: no stopwords, crude plural stripping so 'talks' meets 'talk'."""
    out = []
    for w in WORD.findall(text.lower()):
        if w in STOPWORDS or len(w) < 2:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out
