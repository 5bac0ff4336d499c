"""The openai engine against the fault-injecting fake server (127.0.0.1, started per test):
the structured-output fallbacks, repair, truncation splits, refusals and fatal errors, as a user
of the CLI or the library sees them."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fake_openai_server import FakeOpenAIServer
from helpers import DATA, EXAMPLES, one_line

from briefing import Settings, build_engine, make_note, read_article
from briefing.cli import cli
from briefing.errors import InvalidOutputError

BLAIR = DATA / "articles" / "blair-sets-date-for-africa-report.txt"
KINNOCK = DATA / "articles" / "kinnock-to-urge-reform-in-lords.txt"
SEED = EXAMPLES / "seed-article.txt"


def note_cli(server: FakeOpenAIServer, article: Path, *more: str) -> Any:
    args = ["note", str(article), "--base-url", server.base_url, "--model", "fake-model"]
    args += ["--timeout", "10", "--no-cache", *more]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def seed_failing_first_call_only(rate: float = 0.5) -> int:
    """A server seed whose first fault draw hits and whose second misses: the first call is
    faulty and the repair call is answered properly."""
    for seed in range(1000):
        rng = random.Random(seed)
        if rng.random() < rate <= rng.random():
            return seed
    raise AssertionError("no such seed")


@pytest.fixture
def rejecting_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(json_schema="reject") as server:
        yield server


# -- response formats -----------------------------------------------------------------------------


def test_json_schema_rejection_is_remembered_for_the_next_article(
    rejecting_server: FakeOpenAIServer,
) -> None:
    settings = Settings(engine="openai", base_url=rejecting_server.base_url, model="fake-model")
    engine = build_engine(settings)
    first = make_note(read_article(str(BLAIR)), settings, engine)
    second = make_note(read_article(str(SEED)), settings, engine)
    assert first.commitments and second.summary
    types = rejecting_server.stats()["response_format_types"]
    assert types == ["json_schema", "json_object", "json_object"]
    # The schema still reaches the server: in response_format and in the instructions.
    request = rejecting_server.requests[-1]
    assert request["response_format"]["schema"]["required"][0] == "summary"
    assert '"commitments"' in request["messages"][0]["content"]
    assert request["temperature"] == 0 and "max_tokens" in request


def test_a_grammar_server_gets_room_only_for_items_that_could_count(
    rejecting_server: FakeOpenAIServer,
) -> None:
    """Under json_object (llama.cpp's grammar), each item list may hold at most as many items
    as the article has [n*] sentences without a draft that use words of its kind, and its
    items may cite only those sentences: a small model writes one commitment and one ask
    whatever the article, and those would be dropped. The summary is a list of at most three
    sentences for the default 100 words. Strict json_schema gets no caps and no choices
    (providers differ on the keywords, and an unchanging schema keeps their prefix cache)."""
    from briefing.engines.chunked import citable, number_sentences, with_drafts
    from briefing.offline import extract

    article = read_article(str(SEED))
    numbered, _ = with_drafts(article, number_sentences(article.text), extract(article))
    cited = citable([s for s, _, _ in numbered])
    assert cited["asks"] == []  # the seed's only sentence of request has a draft
    assert cited["commitments"]
    settings = Settings(engine="openai", base_url=rejecting_server.base_url, model="fake-model")
    make_note(article, settings, build_engine(settings))
    first, second = rejecting_server.requests[:2]
    strict = first["response_format"]["json_schema"]["schema"]["properties"]
    grammar = second["response_format"]["schema"]["properties"]
    for key in ("summary", "commitments", "asks"):
        assert "maxItems" not in strict[key]
    assert "enum" not in strict["commitments"]["items"]["properties"]["sentence"]
    assert {key: grammar[key]["maxItems"] for key in cited} == {
        key: len(numbers) for key, numbers in cited.items()
    }
    sentence = grammar["commitments"]["items"]["properties"]["sentence"]
    assert sentence == {"type": "integer", "enum": cited["commitments"]}
    assert grammar["summary"]["maxItems"] == 3
    assert "key_points" not in grammar  # the rules' ranking picks them (chunked.extract_article)


def test_the_system_message_is_the_same_for_every_article_under_a_grammar(
    rejecting_server: FakeOpenAIServer,
) -> None:
    """The schema's outline is appended to the instructions in json_object mode; the call's
    own caps and sentence choices stay in response_format, out of the cached prefix (they were
    once written into the outline: "sentence":"11"|"12")."""
    settings = Settings(engine="openai", base_url=rejecting_server.base_url, model="fake-model")
    engine = build_engine(settings)
    for path in (SEED, DATA / "articles" / "blair-sets-date-for-africa-report.txt"):
        make_note(read_article(str(path)), settings, engine)
    grammar = [
        r for r in rejecting_server.requests if r["response_format"]["type"] == "json_object"
    ]
    assert len(grammar) == 2
    assert grammar[0]["messages"][0] == grammar[1]["messages"][0]
    assert '"sentence":int' in grammar[0]["messages"][0]["content"]
    cited = [r["response_format"]["schema"]["properties"]["commitments"] for r in grammar]
    assert cited[0] != cited[1]  # each call's own room and choices


def test_the_model_may_cite_only_sentences_where_its_item_could_count() -> None:
    """[n*] sentences without a draft that use a word of the item's kind; a capitalised cue
    inside a sentence is part of a name, a question asked is no request, and a commitment
    under a hedge or forecast commits no one."""
    from briefing.engines.chunked import citable
    from briefing.prompts import NumberedSentence

    sentences = [
        NumberedSentence(1, "The council met.", True),
        NumberedSentence(2, "It will reopen the pool.", False, drafts=("commitment; ...",)),
        NumberedSentence(3, "Residents urged it to act.", False),
        NumberedSentence(4, "The mayor will not resign.", False),
        NumberedSentence(5, "Unions say staff should strike, and they will.", False),
        NumberedSentence(6, "They took their case to the Court of Appeal.", False),
        NumberedSentence(7, "He said it is more likely than not that the ban would go.", False),
        NumberedSentence(8, "Asked if he would stand again, he said no.", False),
    ]
    # 8 may hold a refusal ("would ... no"), not an ask
    assert citable(sentences) == {"commitments": [4, 5, 8], "asks": [3, 5]}


def test_a_summary_written_as_a_list_reads_as_sentences() -> None:
    """The schema asks for the summary as a list of sentences (so a grammar can cap it); a
    model that writes them as headlines gets full stops, not one run-on sentence, and a server
    that ignores the schema and writes one string is still read."""
    from briefing.schema import validate_extraction

    reply = {"summary": ["Lib Dems highlight problem debt", "Banks were blamed.", " "]}
    assert (
        validate_extraction(reply).summary == "Lib Dems highlight problem debt. Banks were blamed."
    )
    assert validate_extraction({"summary": "One string."}).summary == "One string."
    with pytest.raises(InvalidOutputError):
        validate_extraction({"summary": [1, 2]})


def test_a_rejected_json_schema_is_not_sent_again_in_the_run_or_the_next() -> None:
    """Concurrent chunks of the first wave may each try json_schema (a rejection is a quick,
    unbilled error, and waiting for a probe would cost every run a reply's latency). Once it is
    rejected, nothing in the run sends it again, and the next run against the same endpoint
    starts with what worked, remembered in the cache database."""

    def run(server: FakeOpenAIServer, article: Path, *more: str) -> Any:
        args = ["note", str(article), "--base-url", server.base_url, "--model", "fake-model"]
        return CliRunner().invoke(cli, [*args, "--format", "json", *more], catch_exceptions=False)

    with FakeOpenAIServer(json_schema="reject") as server:
        first = run(server, KINNOCK, "--chunk-tokens", "200")
        types = server.stats()["response_format_types"]
        assert first.exit_code == 0, first.output
        assert json.loads(first.stdout)["usage"]["calls"] >= 3  # two chunks and a combine
        assert 1 <= types.count("json_schema") <= 2, types  # at most the first wave
        assert types[-1] == "json_object"  # the combine call goes straight to what works
        server.reset()
        second = run(server, BLAIR)
        assert second.exit_code == 0, second.output
        assert server.stats()["response_format_types"] == ["json_object"]
        server.reset()
        without_cache = run(server, SEED, "--no-cache")  # --no-cache: nothing remembered
        assert without_cache.exit_code == 0, without_cache.output
        assert server.stats()["response_format_types"] == ["json_schema", "json_object"]


# -- invalid output and repair ------------------------------------------------------------------


def test_server_ignoring_the_schema_gets_one_repair_then_a_clear_error() -> None:
    with FakeOpenAIServer(ignore_schema=True) as server:
        result = note_cli(server, BLAIR)
        stats = server.stats()
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "not valid for the schema after one repair attempt" in line
    assert stats["total"] == 2
    assert result.stdout == ""


@pytest.mark.parametrize("fault", ["prose", "broken_json"])
def test_invalid_reply_is_repaired(fault: str) -> None:
    seed = seed_failing_first_call_only()
    with FakeOpenAIServer(faults={fault: 0.5}, seed=seed) as server:
        result = note_cli(server, BLAIR, "--format", "json")
        stats, requests = server.stats(), server.requests
    assert result.exit_code == 0, result.output
    assert stats["faults"] == {fault: 1} and stats["total"] == 2
    repair = requests[1]["messages"]
    assert repair[-2]["role"] == "assistant"  # the model sees its own reply...
    assert repair[-1]["role"] == "user" and repair[-1]["content"]  # ...and what was wrong
    note = json.loads(result.stdout)
    assert note["usage"]["calls"] == 2
    assert any(c["verified"] for c in note["commitments"])


# -- truncation ---------------------------------------------------------------------------------


def test_reply_cut_off_at_the_limit_splits_the_chunk_and_retries() -> None:
    text = read_article(str(BLAIR)).text
    # The whole article is cut off; each half fits.
    # (the prompt numbers its sentences and adds drafts: longer than the text, a half is not)
    with FakeOpenAIServer(length_if_prompt_over=len(text)) as server:
        result = note_cli(server, BLAIR, "--format", "json", "--model-items", "all")
        stats = server.stats()
    assert result.exit_code == 0, result.output
    assert stats["faults"] == {"length": 1}
    assert stats["requests"]["extract"] == 3  # the whole, then its two halves
    assert stats["requests"]["combine"] == 1
    note = json.loads(result.stdout)
    # (the fake model's own items are kept but not verified: the rules did not read them)
    evidence = " ".join(c["evidence"] for c in note["commitments"] if c["checks"]["evidence"])
    assert "July's G8 summit" in evidence  # found in the first half
    assert "promised that the commission" in evidence  # found in the second half


def test_reply_cut_off_even_after_splitting_is_a_clear_error() -> None:
    with FakeOpenAIServer(length_if_prompt_over=10) as server:
        result = note_cli(server, BLAIR)
        calls = server.stats()["total"]
    assert result.exit_code == 1
    assert "cut off at the output limit" in one_line(result.stderr)
    assert calls <= 15  # bounded splitting, not one call per sentence


# -- refusals and fatal errors ------------------------------------------------------------------


def test_refusal_is_a_clear_per_article_error() -> None:
    with FakeOpenAIServer(faults={"refusal": 1.0}) as server:
        result = note_cli(server, BLAIR)
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "refused" in line and "can't help" in line


def test_rejected_api_key_stops_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "sk-fake-rejected-key-0987654321"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    with FakeOpenAIServer(faults={"401": 1.0}) as server:
        result = note_cli(server, BLAIR)
        calls = server.stats()["total"]
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "HTTP 401" in line and "OPENAI_API_KEY" in line
    assert key not in result.output
    assert calls == 1  # a bad key is not retried


def test_fallback_offline_turns_a_failed_article_into_an_offline_note() -> None:
    with FakeOpenAIServer(faults={"refusal": 1.0}) as server:
        result = note_cli(server, BLAIR, "--fallback", "offline", "--format", "json")
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)
    assert note["engine"] == "offline"
    assert "refused" in note["warnings"][0]


def test_a_model_that_writes_no_summary_gets_the_rules_summary_with_a_warning() -> None:
    """SmolLM2-135M wrote `"summary": []` when the schema allowed an empty list (the grammar now
    asks for one sentence at least); a note with no summary at all would be worse than the
    offline engine's extractive one, said as such."""
    import time

    from briefing.engines.chunked import ChunkedLLMEngine
    from briefing.models import Extraction, Usage
    from briefing.offline import extract

    class SilentModel(ChunkedLLMEngine):
        model = "gpt-4o-mini"

        def __init__(self) -> None:
            self.settings = Settings(engine="openai", model=self.model)

        def extract_chunk(self, sentences, title, deadline):  # type: ignore[no-untyped-def]
            return Extraction(summary="", key_points=[], commitments=[], asks=[]), Usage()

    article = read_article(str(SEED))
    result = SilentModel().extract_article(article, time.monotonic() + 60)
    assert result.extractions[0].summary == extract(article).summary
    assert "the model wrote no summary" in result.warnings[-1]


def test_a_combine_reply_cut_at_the_output_limit_keeps_the_parts_summaries() -> None:
    """Recording SmolLM2 at --max-output-tokens 175 ended in a traceback: the combine call's
    reply was cut off, and only invalid output had a fallback. Now the note keeps the first
    sentence of each part's summary and says why."""
    import time

    from briefing.engines.chunked import ChunkedLLMEngine
    from briefing.errors import OutputTruncated
    from briefing.models import Extraction, Usage

    class CutCombine(ChunkedLLMEngine):
        model = "gpt-4o-mini"

        def __init__(self) -> None:
            self.settings = Settings(engine="openai", model=self.model, chunk_tokens=120)

        def extract_chunk(self, sentences, title, deadline):  # type: ignore[no-untyped-def]
            summary = f"Part {sentences[0].number} says this. And more."
            return Extraction(summary=summary), Usage(calls=1)

        def combine(self, summaries, deadline):  # type: ignore[no-untyped-def]
            raise OutputTruncated(Usage(calls=1, completion_tokens=175))

    article = read_article(str(SEED))
    result = CutCombine().extract_article(article, time.monotonic() + 60)
    parts = [e for e in result.extractions if e.summary]
    assert len(parts) > 1
    assert result.summary == " ".join(e.summary.split(" And")[0] for e in parts)
    assert "could not be combined (the reply was cut off" in result.warnings[-1]
    assert result.usage.completion_tokens == 175


def test_key_points_are_the_articles_own_sentences_ranked_beside_the_models_summary() -> None:
    """The model writes no key points: the rules' ranking picks the article's sentences, none
    repeating the model's summary (on bbc-summary they beat Qwen2.5-1.5B's picks, R1 62 to 50)."""
    text = read_article(str(BLAIR)).text
    with FakeOpenAIServer() as server:
        result = note_cli(server, BLAIR, "--format", "json")
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)
    assert 3 <= len(note["key_points"]) <= 5
    flat = " ".join(text.split())
    for point in note["key_points"]:
        # a sentence of the article, maybe trimmed, its opening "He" named ("[Tony Blair]"), a
        # quotation that runs on into the next sentence closed at its end
        words = re.sub(r"^\[[^\]]+\]", "", point).rstrip("…").rstrip('"').strip()
        assert words in flat
        assert point not in note["summary"]  # the fake model's summary is its first sentences
