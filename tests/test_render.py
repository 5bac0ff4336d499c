"""Rendering: the Markdown a reader sees carries no raw HTML, links or remote images from the
article or the model, and only verified quotes appear under Commitments and Asks."""

from __future__ import annotations

import json
import re

import pytest

from briefing.errors import TemplateError
from briefing.models import Article, Ask, Commitment, Entity, Note, Usage
from briefing.render import note_markdown, render_template, to_json_text

HOSTILE = (
    '<img src="https://evil.example/pixel.png" onerror="alert(1)"> '
    "[click me](javascript:alert(1)) ![tracker](https://evil.example/t.gif) "
    "<script>alert(2)</script>\n# Fake heading\n- fake item"
)


def make_note(**overrides: object) -> Note:
    article = Article(
        id="a1",
        title="Council sets budget",
        text="The council will cut taxes by May. Residents urged the council to act.",
        source="articles/a1.txt",
    )
    fields: dict[str, object] = {
        "article": article,
        "tokens": 17,
        "engine": "openai",
        "model": "fake-model",
        "summary": "The council set its budget.",
        "key_points": ["Taxes fall by May."],
        "commitments": [
            Commitment(
                "The council", "cut taxes", "May", "The council will cut taxes by May.", True
            ),
            Commitment("The mayor", "resign", "", "I will resign tomorrow.", False),
        ],
        "asks": [
            Ask("Residents", "the council", "act", "", "Residents urged the council to act.", True),
        ],
        "entities": [Entity("The council", "organisation", "sets the budget")],
        "warnings": ["1 item(s) quote text that is not in the article: listed under “Check these”"],
        "usage": Usage(calls=1, prompt_tokens=100, completion_tokens=50),
    }
    fields.update(overrides)
    return Note(**fields)  # type: ignore[arg-type]


def section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match, markdown
    return match.group(1)


def test_default_note_layout() -> None:
    md = note_markdown(make_note())
    assert md.startswith("# Council sets budget\n")
    assert "Engine: openai (fake-model)" in md
    assert section(md, "Summary").strip() == "The council set its budget."
    assert "- Taxes fall by May." in section(md, "Key points")
    assert "> The council will cut taxes by May." in section(md, "Commitments")
    assert "> Residents urged the council to act." in section(md, "Asks")
    assert md.endswith("\n")


def test_unverified_quote_is_never_in_a_verified_section() -> None:
    md = note_markdown(make_note())
    assert "I will resign tomorrow." not in section(md, "Commitments")
    assert "I will resign tomorrow." not in section(md, "Asks")
    assert "## Check these" in md
    assert "I will resign tomorrow." in section(md, "Check these")


def test_no_verified_items_says_none_found() -> None:
    md = note_markdown(make_note(commitments=[], asks=[]))
    assert "None found." in section(md, "Commitments")
    assert "None found." in section(md, "Asks")


@pytest.mark.parametrize("field", ["summary", "title", "key_point", "evidence", "entity"])
def test_hostile_text_is_inert_in_markdown(field: str) -> None:
    note = make_note()
    if field == "summary":
        note.summary = HOSTILE
    elif field == "title":
        note.article.title = HOSTILE
    elif field == "key_point":
        note.key_points = [HOSTILE]
    elif field == "evidence":
        note.commitments[0].evidence = HOSTILE
    else:
        note.entities = [Entity(HOSTILE, "other", HOSTILE)]
    md = note_markdown(note)
    assert "<img" not in md and "<script" not in md
    assert not re.search(r"(?<!\\)\]\((javascript:|https://evil)", md)  # no link can form
    assert "javascript:" not in md
    assert not re.search(r"(?<!\\)!\[tracker\]\(", md)
    assert "\n# Fake heading" not in md and "\n- fake item" not in md


def test_ordinary_text_is_left_alone() -> None:
    md = note_markdown(make_note(summary="Tax & spend: a < b and 5% growth, R&D up."))
    assert "Tax & spend: a < b and 5% growth, R&D up." in md


def test_json_is_the_contract_and_round_trips() -> None:
    data = json.loads(to_json_text(make_note()))
    assert data["schema_version"] == 1
    assert data["commitments"][1] == {
        "actor": "The mayor",
        "action": "resign",
        "deadline": "",
        "evidence": "I will resign tomorrow.",
        "verified": False,
        "said_by": "",
        "stance": "commit",
        "conditional": False,
        "checks": {
            "evidence": False, "actor": False, "addressee": None, "action": False,
            "deadline": None, "actor_doubt": "", "rules": True,
        },  # fmt: skip
        "sentence": 0,
        "deadline_date": None,
        "found_by": "rules",
    }
    assert data["usage"]["prompt_tokens"] == 100


def test_template_cannot_reach_python_internals(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "evil.md.j2"
    path.write_text("{{ note.__class__.__init__.__globals__ }}", encoding="utf-8")
    with pytest.raises(TemplateError):
        render_template(str(path), "note.md.j2", {"note": make_note()})


def test_broken_template_is_a_template_error(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "broken.md.j2"
    path.write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(TemplateError, match="broken.md.j2"):
        render_template(str(path), "note.md.j2", {"note": make_note()})
