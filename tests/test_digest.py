"""`briefing digest`: ordering, partial failure, the JSON contract, formats, stories, --since."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_openai_server import FakeOpenAIServer
from helpers import run

from briefing.cli import cli

DATA = Path(__file__).parent / "data" / "digest"
NOTE_KEYS = {
    "schema_version", "engine", "model", "article", "summary", "key_points", "commitments",
    "asks", "entities", "warnings", "usage",
}  # fmt: skip


def test_json_contract_keys_exactly(articles: Path) -> None:
    result = run("digest", str(articles), "--format", "json", "--date", "2024-05-01", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "schema_version", "title", "date", "notes", "stories", "failed", "usage", "index",
    }  # fmt: skip
    assert data["schema_version"] == 1 and data["date"] == "2024-05-01"
    assert data["failed"] == []
    assert set(data["usage"]) == {
        "calls", "cached_calls", "prompt_tokens", "completion_tokens", "cost_usd",
    }  # fmt: skip
    for note in data["notes"]:
        assert set(note) == NOTE_KEYS
        assert set(note["article"]) == {"id", "title", "source", "url", "date", "tokens"}
    for story in data["stories"]:
        assert set(story) == {"title", "note_ids", "shared_names"}
    # source is the path given, so scripts can map notes back to files
    sources = [n["article"]["source"] for n in data["notes"]]
    assert sources == sorted(str(p) for p in articles.glob("*.txt"))


def test_partial_failure_writes_the_good_notes_and_exits_1(articles: Path, tmp_path: Path) -> None:
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (articles / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "digest.json"
    result = run("digest", str(articles), "--format", "json", "-o", str(out), "-q")
    assert result.exit_code == 1
    assert "2 of 9 article(s) failed" in result.stderr
    data = json.loads(out.read_text())
    assert len(data["notes"]) == 7
    failed = {Path(f["source"]).name: f["error"] for f in data["failed"]}
    assert set(failed) == {"binary.txt", "empty.txt"}
    assert "binary" in failed["binary.txt"] and "empty" in failed["empty.txt"]


def test_missing_input_is_a_failure_entry(articles: Path) -> None:
    result = run("digest", str(articles / "abbas-will-not-tolerate-attacks.txt"), "nope.txt", "-q")
    assert result.exit_code == 1
    assert "## Failed" in result.stdout and "nope.txt: no such file" in result.stdout


def test_output_order_is_input_order_not_completion_order(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.pipeline as pipeline

    real = pipeline.make_note
    files = sorted(articles.glob("*.txt"))
    in_flight, peak = [0], [0]
    lock = threading.Lock()

    def slow_first(article, settings, engine=None):  # noqa: ANN001, ANN202
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        # the first input finishes last
        time.sleep(0.3 if article.source == str(files[0]) else 0.01)
        with lock:
            in_flight[0] -= 1
        return real(article, settings, engine)

    monkeypatch.setattr(pipeline, "make_note", slow_first)
    args = [str(p) for p in reversed(files)]
    result = run("digest", *args, "--format", "json", "--concurrency", "4", "-q")
    assert result.exit_code == 0, result.output
    assert [n["article"]["source"] for n in json.loads(result.stdout)["notes"]] == args
    assert 1 < peak[0] <= 4


def test_concurrency_bounds_calls_in_flight(articles: Path) -> None:
    with FakeOpenAIServer(latency=0.1) as server:
        result = run(
            "digest", str(articles), "--base-url", server.base_url, "--concurrency", "3",
            "--chunk-tokens", "200", "--format", "json", "-q",
        )  # fmt: skip
        stats = server.stats()
    assert result.exit_code == 0, result.output
    assert stats["max_in_flight"] <= 3
    data = json.loads(result.stdout)
    assert data["usage"]["calls"] == stats["total"] > len(data["notes"])  # chunked articles
    assert all(n["engine"] == "openai" for n in data["notes"])


def test_fatal_server_error_stops_the_run(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.md"
    with FakeOpenAIServer(faults={"401": 1.0}) as server:
        result = run("digest", str(articles), "--base-url", server.base_url, "-o", str(out))
    assert result.exit_code == 1
    assert "stopped:" in result.stderr and "API key" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_article_error_is_listed_and_others_written(articles: Path) -> None:
    target = articles / "abbas-will-not-tolerate-attacks.txt"
    target.write_text(target.read_text() + "\nREFUSE-ME\n")
    with FakeOpenAIServer(trigger={"REFUSE-ME": "refusal"}) as server:
        result = run("digest", str(articles), "--base-url", server.base_url, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["source"] for f in data["failed"]] == [str(target)]
    assert "refused" in data["failed"][0]["error"]
    assert len(data["notes"]) == 6


def test_duplicate_stems_get_unique_ids(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(DATA / "abbas-will-not-tolerate-attacks.txt", tmp_path / sub / "x.txt")
    result = run("digest", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    ids = [n["article"]["id"] for n in json.loads(result.stdout)["notes"]]
    assert ids == ["x", "x-2"]


def test_markdown_has_stories_index_and_usage(articles: Path) -> None:
    result = run("digest", str(articles), "--title", "Morning brief", "--date", "2024-05-01", "-q")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Morning brief\n")
    assert "2024-05-01" in md
    # seven articles, two pairs of near-duplicates: five stories, the grouped ones first
    # stories + the dated commitments and asks + the article index
    assert md.count("\n## ") == 5 + 1 + 1 and "\n## Deadlines\n" in md
    first_story = md.split("\n## ")[1]
    assert "2 sources" in first_story
    assert md.index("## Articles") > md.index("## 1.")
    assert "*Usage: 0 calls, 0 cached" in md


def test_repeated_commitment_appears_once_with_all_sources(articles: Path) -> None:
    result = run("digest", str(articles), "--date", "2024-05-01", "-q")
    md = result.stdout
    story = next(s for s in md.split("\n## ") if "ID cards" in s.split("\n")[0])
    quotes = [line for line in story.splitlines() if line.strip().startswith(">")]
    assert quotes and len(quotes) == len(set(quotes))
    # conservative-backing (4) and tory-backing (7) report the same pledges: once, both cited
    assert "(4, 7)\n  >" in story


def test_html_output(articles: Path) -> None:
    (articles / "evil.txt").write_text(
        "Evil title\n\nThe minister said <script>alert(1)</script> she will act. "
        "[click](javascript:alert(1)) ![x](http://evil.example/p.png)\n"
    )
    result = run("digest", str(articles), "--format", "html", "-q")
    assert result.exit_code == 0, result.output
    html = result.stdout
    assert html.startswith("<!DOCTYPE html>") and "<h1>Daily briefing</h1>" in html
    assert "<h2>" in html and "<script>" not in html
    assert 'href="javascript' not in html and "<img" not in html and "<a " not in html


def test_html_needs_markdown_it(articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "markdown_it", None)
    result = run("digest", str(articles), "--format", "html", "-q")
    assert result.exit_code == 1
    assert "pip install 'briefing[html]'" in result.stderr


def test_per_article_dir(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes"
    result = run("digest", str(articles), "--per-article-dir", str(out), "-o", str(tmp_path / "d"))
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in out.glob("*.md")) == sorted(p.stem for p in articles.glob("*"))


def test_since_keeps_dated_on_or_after_and_undated(tmp_path: Path) -> None:
    text = "The minister will act on the plan soon."
    lines = [
        {"title": "Old", "text": text, "date": "2024-04-30"},
        {"title": "Same day", "text": text + " Today.", "date": "2024-05-01T09:00:00Z"},
        {"title": "Undated", "text": "The council will meet the minister next week."},
    ]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("digest", str(f), "--since", "2024-05-01", "--format", "json")
    assert result.exit_code == 0, result.output
    titles = [n["article"]["title"] for n in json.loads(result.stdout)["notes"]]
    assert titles == ["Same day", "Undated"]
    assert "1 article(s) dated before 2024-05-01 skipped" in result.stderr


def test_bad_date_is_a_usage_error(articles: Path) -> None:
    result = CliRunner().invoke(cli, ["digest", str(articles), "--date", "May 1"])
    assert result.exit_code == 2


def test_digest_says_how_many_unverified_items_it_left_out() -> None:
    from briefing.models import Article, Ask, Commitment, Digest, Note, Story, Usage
    from briefing.render import digest_markdown

    article = Article(id="a", title="Plan", text="The minister will publish the plan.", source="a")
    note = Note(
        article=article, tokens=8, engine="openai", model="m", summary="A plan.", key_points=[],
        commitments=[
            Commitment("Minister", "publish the plan", "", "The minister will publish the plan.",
                       verified=True),
            Commitment("Minister", "resign", "", "I will resign tomorrow.", verified=False),
        ],
        asks=[Ask("Unions", "government", "pay more", "", "Pay us more.", verified=False)],
        entities=[],
    )  # fmt: skip
    digest = Digest("Daily", "2024-01-01", [note], [Story("Plan", ["a"])], [], Usage())
    text = digest_markdown(digest)
    assert "> The minister will publish the plan." in text
    assert "resign" not in text and "Pay us more" not in text
    assert "*2 commitments or asks left out: not verified against the article" in text


def test_deadlines_section_lists_dated_items_soonest_first_and_the_digest_takes_its_articles_date(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "day.jsonl"
    feed.write_text(
        json.dumps({"title": "Bridge plan", "date": "2005-03-10",
                    "text": "The council will rebuild the bridge by June, the mayor said."}) + "\n"
        + json.dumps({"title": "Schools plan", "date": "2005-03-09",
                      "text": "Ruth Kelly promised to build 40 schools by 30 April 2005."}) + "\n"
    )  # fmt: skip
    result = run("digest", str(feed), "--engine", "offline", "-q")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "*2005-03-10 ·" in text  # the newest article's date, not today's
    deadlines = text.split("## Deadlines", 1)[1].split("##", 1)[0]
    lines = [line for line in deadlines.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- **2005-04-30** — ") and "build 40 schools" in lines[0]
    assert lines[1].startswith("- **2005-06-30** — ") and "(“by June”)" in lines[1]
    data = json.loads(run("digest", str(feed), "--engine", "offline", "-q", "--format",
                          "json").stdout)  # fmt: skip
    dates = sorted(c["deadline_date"] for n in data["notes"] for c in n["commitments"])
    assert dates == ["2005-04-30", "2005-06-30"]


def test_index_shows_each_articles_date_and_link_in_markdown_html_and_json(tmp_path: Path) -> None:
    feed = tmp_path / "day.jsonl"
    rows = [
        {"title": "Bridge plan", "date": "2005-03-10", "url": "https://news.example/bridge?a=1&b=2",
         "text": "The council will rebuild the bridge by June, the mayor said."},
        {"title": "Schools plan", "text": "The minister promised to build 40 schools.",
         "url": "javascript:alert(1)"},
    ]  # fmt: skip
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    md = run("digest", str(feed), "--engine", "offline", "-q").stdout
    index = md.split("## Articles", 1)[1]
    assert "1. Bridge plan — <https://news.example/bridge?a=1&b=2> (2005-03-10)" in index
    assert "2. Schools plan — javascript&#58;alert(1)\n" in index  # shown, never a link
    html = run("digest", str(feed), "--engine", "offline", "-q", "--format", "html").stdout
    assert '<a href="https://news.example/bridge?a=1&amp;b=2">' in html and "(2005-03-10)" in html
    assert html.count("<a ") == 1
    data = json.loads(
        run("digest", str(feed), "--engine", "offline", "-q", "--format", "json").stdout
    )
    assert data["index"][0] == {
        "number": 1, "id": data["notes"][0]["article"]["id"], "title": "Bridge plan",
        "date": "2005-03-10", "url": "https://news.example/bridge?a=1&b=2",
        "source": data["notes"][0]["article"]["source"], "story": 1,
    }  # fmt: skip
    assert [e["story"] for e in data["index"]] == [1, 2] and data["index"][1]["date"] is None


def test_a_story_of_several_articles_names_them_and_what_they_share(articles: Path) -> None:
    md = run("digest", str(articles), "--date", "2024-05-01", "-q").stdout
    story = next(s for s in md.split("\n## ") if "ID cards" in s.split("\n")[0])
    sources = "*2 sources: Conservative backing for ID cards (4); Tory backing for ID cards (7) · "
    assert sources in story
    assert "named in common: Mark Oaten, " in story
