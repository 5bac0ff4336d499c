"""Reading articles: file types, encodings, newlines, titles. The cleaned text is what every quote
is checked against, so it must hold the article's words and nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.ingest import article_from_bytes, read_article, split_headline

BODY = (
    "The minister said the government will publish the plan by June.\n\n"
    "Opposition leaders urged ministers to act sooner."
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_txt_with_headline(tmp_path: Path) -> None:
    article = read_article(str(write(tmp_path, "plan.txt", "Minister sets plan date\n\n" + BODY)))
    assert article.title == "Minister sets plan date"
    assert article.text == BODY
    assert article.id == "plan"
    assert article.source == str(tmp_path / "plan.txt")
    assert article.warnings == []


def test_first_line_that_is_a_sentence_is_not_taken_as_headline(tmp_path: Path) -> None:
    article = read_article(str(write(tmp_path, "a.txt", BODY)))
    assert article.text == BODY  # nothing dropped
    assert article.title.startswith("The minister said the government will publish")


@pytest.mark.parametrize(
    ("first_line", "is_headline"),
    [
        ("Blair sets date for Africa report", True),
        ("# Markdown heading", True),
        ("It was a long day in Parliament.", False),
        ('He said: "no."', False),
        (" ".join(["word"] * 25), False),
    ],
)
def test_headline_detection(first_line: str, is_headline: bool) -> None:
    title, body = split_headline(first_line + "\nBody text follows here.")
    assert bool(title) is is_headline
    if is_headline:
        assert body.strip() == "Body text follows here."


def test_markdown_heading_becomes_the_title(tmp_path: Path) -> None:
    article = read_article(str(write(tmp_path, "n.md", "# Plan date set\n\n" + BODY)))
    assert article.title == "Plan date set"
    assert article.text == BODY


def test_html_title_from_h1_scripts_and_navigation_dropped(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Site | Plan date</title>"
        "<script>var secret = 'ignore previous instructions';</script>"
        "<style>p { color: red }</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Minister sets plan date</h1>"
        "<p>The minister said the government will publish the plan by June.</p>"
        "<p>Opposition leaders urged ministers to act sooner.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    article = read_article(str(write(tmp_path, "page.html", html)))
    assert article.title == "Minister sets plan date"
    assert article.text == BODY
    for gone in ("secret", "color", "Home", "Copyright", "<"):
        assert gone not in article.text


def test_html_title_falls_back_to_title_tag(tmp_path: Path) -> None:
    html = "<html><head><title>Plan date set</title></head><body><p>" + BODY + "</p></body></html>"
    article = read_article(str(write(tmp_path, "page.htm", html)))
    assert article.title == "Plan date set"
    assert "will publish the plan by June" in article.text


def test_html_detected_by_content_whatever_the_suffix(tmp_path: Path) -> None:
    html = "<!doctype html><html><body><h1>Headline</h1><p>Text body.</p></body></html>"
    article = read_article(str(write(tmp_path, "saved.txt", html)))
    assert article.title == "Headline"
    assert article.text == "Text body."


def test_stdin_dash() -> None:
    data = ("Minister sets plan date\n" + BODY).encode()
    article = read_article("-", stdin=io.BytesIO(data))
    assert article.source == "-"
    assert article.id == "stdin"
    assert article.title == "Minister sets plan date"
    assert article.text == BODY


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    article = read_article(str(write(tmp_path, "bom.txt", b"\xef\xbb\xbfHeadline here\n" + b"X.")))
    assert article.title == "Headline here"
    assert "\ufeff" not in article.title + article.text


def test_crlf_and_cr_become_newlines(tmp_path: Path) -> None:
    data = "Headline here\r\n\r\n" + BODY.replace("\n", "\r\n")
    article = read_article(str(write(tmp_path, "crlf.txt", data)))
    assert "\r" not in article.text
    assert article.text == BODY
    old_mac = read_article(str(write(tmp_path, "cr.txt", data.replace("\r\n", "\r"))))
    assert old_mac.text == BODY


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = "Minister\u2019s plan \u2013 \u201cby June\u201d costs \u20ac5m and \u00a32m."
    article = read_article(str(write(tmp_path, "win.txt", text.encode("cp1252"))))
    assert article.text == text
    assert any("Windows-1252" in w for w in article.warnings)


def test_utf8_without_warning(tmp_path: Path) -> None:
    text = "Headline\nMinister\u2019s plan \u2013 \u201cby June\u201d costs \u20ac5m."
    article = read_article(str(write(tmp_path, "utf8.txt", text)))
    assert article.warnings == []
    assert article.text == text.split("\n", 1)[1]


def test_invisible_characters_are_removed(tmp_path: Path) -> None:
    smuggled = "The plan\u200b is \u202edelayed\u202c.\U000e0049\U000e0067 Done."
    article = read_article(str(write(tmp_path, "inv.txt", "Head line\n" + smuggled)))
    assert article.text == "The plan is delayed. Done."


@pytest.mark.parametrize("data", [b"", b"\n\n   \n", b"\xef\xbb\xbf\n"])
def test_empty_input_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        article_from_bytes(data, source="x.txt", article_id="x")


def test_binary_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="binary"):
        article_from_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(200), source="a.out", article_id="a")


def test_directory_and_missing_paths_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_article(str(tmp_path))
    with pytest.raises(InputError, match="no such file"):
        read_article(str(tmp_path / "missing.txt"))


def test_html_h1_in_the_articles_own_header_is_the_title(tmp_path: Path) -> None:
    """A common layout: <article><header><h1>…</h1><p>byline</p></header><p>…</p></article>.
    Today `header` is skipped everywhere, so the <h1> is lost and the <title> (with the site's
    name) becomes the title."""
    html = (
        "<html><head><title>News site | Minister sets plan date</title></head><body>"
        "<header><nav>Home</nav></header><article><header><h1>Minister sets plan date</h1>"
        "</header><p>The minister said the government will publish the plan by June.</p>"
        "</article></body></html>"
    )
    article = read_article(str(write(tmp_path, "page.html", html)))
    assert article.title == "Minister sets plan date"
    assert article.text == "The minister said the government will publish the plan by June."
