"""Who speaks for whom: parties as bodies, roles with a complement, a speaker's own side
(issue 9, sixth round).

Sentences are made up, in the manner of the BBC politics articles the rules were read from.
"""

from __future__ import annotations

from briefing.models import Article, Extraction
from briefing.offline import extract


def run(text: str) -> Extraction:
    return extract(Article(id="t", title="", text=text, source="t.txt"))


def test_a_party_that_speaks_is_still_a_body_and_a_role_keeps_its_complement() -> None:
    text = (
        "The Liberal Democrats said the plan was wrong. Liberal Democrat spokesman for "
        'pensions Tom Baker said: "Older people deserve better." He said his party would '
        "raise the basic state pension by £25 a week."
    )
    x = run(text)
    kinds = {e.name: e for e in x.entities}
    assert kinds["Liberal Democrats"].type == "organisation"
    assert kinds["Tom Baker"].role == "Liberal Democrat spokesman for pensions"
    [c] = x.commitments
    assert c.actor == "Liberal Democrats"
    assert c.said_by == "Tom Baker"
    assert c.action.startswith("raise the basic state pension")
