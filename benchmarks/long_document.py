"""A long document through the openai engine: 40 bbc-politics articles joined into one, chunked
at --chunk-tokens 3000, against the fake server with 0.3 s latency per call. Reports the calls
the server saw (from /stats) and the wall time of the whole `briefing note` process.

    python benchmarks/long_document.py [--articles 40] [--chunk-tokens 3000] [--latency 0.3]
                                       [--json-schema accept|reject] [--runs 3]

Chunks run concurrently, so the wall time should be about one call's latency for the chunks plus
one for the combine call plus process start-up, not one latency per chunk.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from shared_data import require, shared

ROOT = Path(__file__).resolve().parent.parent
CORPUS = shared("corpus", "bbc-politics")


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def joined_document(corpus: Path, n: int) -> str:
    files = sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith("LICENSE"))
    texts = [p.read_text(encoding="utf-8").strip() for p in files[:n]]
    title = f"Forty BBC politics stories ({n} articles joined)"
    return title + "\n\n" + "\n\n".join(texts) + "\n"


def start_server(latency: float, json_schema: str) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "fake_openai_server.py"),
            "--port",
            "0",
            "--latency",
            str(latency),
            "--json-schema",
            json_schema,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline().strip()
    if not line.startswith("listening on "):
        server.kill()
        raise SystemExit(f"fake server did not start: {line!r}")
    return server, line.removeprefix("listening on ")


def http(url: str, method: str = "GET") -> dict[str, object]:
    data = b"{}" if method == "POST" else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method)) as r:
        return json.load(r)  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--chunk-tokens", type=int, default=3000)
    ap.add_argument("--latency", type=float, default=0.3)
    ap.add_argument("--json-schema", choices=("accept", "reject"), default="accept")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()

    from briefing.tokens import count_tokens

    text = joined_document(require(a.corpus), a.articles)
    server, url = start_server(a.latency, a.json_schema)
    briefing = str(Path(sys.executable).with_name("briefing"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            doc = Path(tmp) / "long.txt"
            doc.write_text(text, encoding="utf-8")
            env["BRIEFING_HOME"] = str(Path(tmp) / "home")
            out(
                f"document: {a.articles} articles, {len(text.split())} words, "
                f"{count_tokens(text)} o200k tokens; --chunk-tokens {a.chunk_tokens}; "
                f"server latency {a.latency} s, json_schema {a.json_schema}"
            )
            walls = []
            for run in range(a.runs):
                http(url.removesuffix("/v1") + "/reset", "POST")
                cmd = [briefing, "note", str(doc), "--base-url", url, "--model", "fake-model"]
                cmd += ["--chunk-tokens", str(a.chunk_tokens), "--format", "json", "--no-cache"]
                start = time.perf_counter()
                done = subprocess.run(cmd, env=env, capture_output=True, text=True)
                wall = time.perf_counter() - start
                if done.returncode != 0:
                    raise SystemExit(f"briefing failed: {done.stderr.strip()}")
                walls.append(wall)
                note = json.loads(done.stdout)
                stats = http(url.removesuffix("/v1") + "/stats")
                out(
                    f"run {run + 1}: wall {wall:.2f} s; server calls {stats['total']} "
                    f"({stats['requests']}), max in flight {stats['max_in_flight']}; "
                    f"note usage.calls {note['usage']['calls']}, "
                    f"{len(note['commitments'])} commitments, {len(note['asks'])} asks"
                )
            out(f"median wall time over {a.runs} runs: {statistics.median(walls):.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
