"""Prompt overhead per extraction call: the tokens a server bills for instructions, schema,
markers and chat template, on top of the article text itself.

    python benchmarks/prompt_overhead.py tests/cassettes/*smollm2.json
    python benchmarks/prompt_overhead.py CASSETTE... --server http://127.0.0.1:8777   # exact

From the cassette alone: each first-attempt extraction request (json_object mode, the schema in
the system prompt) has a recorded `prompt_tokens` P_i and a chunk of article text of a_i o200k
tokens; a least-squares fit P_i = overhead + ratio * a_i gives the overhead in the server's own
tokens (ratio converts o200k tokens to the server's tokenizer). With --server, the chunk texts
are counted by the llama.cpp server's /extras/tokenize/count instead, and overhead_i = P_i minus
that count. The o200k size of the non-article part of the messages is reported alongside (what an
OpenAI model would bill, plus a few tokens of chat framing per message).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.tokens import count_tokens  # noqa: E402

_BLOCK = re.compile(r"<<<ARTICLE ([0-9a-f]+)>>>\n(.*?)\n<<<END \1>>>", re.DOTALL)


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def extraction_calls(cassette: Path) -> list[dict[str, object]]:
    """First-attempt extraction requests answered with usage, in recorded order."""
    calls = []
    for entry in json.loads(cassette.read_text(encoding="utf-8"))["interactions"]:
        request = json.loads(entry["request"]["body"])
        response = entry["response"]
        if response["status"] != 200 or len(request["messages"]) != 2:
            continue  # rejected formats and repair attempts
        mode = (request.get("response_format") or {}).get("type", "prompt")
        user = request["messages"][1]["content"]
        match = _BLOCK.search(user)
        if not match:
            continue  # a combine call
        body = match.group(2)
        title, _, chunk = body.partition("\n") if body.startswith("Title: ") else ("", "", body)
        usage = json.loads(response["body"]).get("usage") or {}
        system = request["messages"][0]["content"]
        calls.append(
            {
                "mode": mode,
                "prompt_tokens": int(usage.get("prompt_tokens") or 0),
                "chunk": chunk,
                "chunk_o200k": count_tokens(chunk, "o200k_base"),
                "non_article_o200k": count_tokens(system, "o200k_base")
                + count_tokens(user.replace(chunk, ""), "o200k_base"),
                "system_o200k": count_tokens(system, "o200k_base"),
                "title_o200k": count_tokens(title, "o200k_base") if title else 0,
            }
        )
    return calls


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares y = a + b x."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return my - b * mx, b


def server_count(server: str, text: str) -> int:
    request = urllib.request.Request(
        server.rstrip("/") + "/extras/tokenize/count",
        data=json.dumps({"input": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310 (local server)
        return int(json.load(response)["count"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cassettes", type=Path, nargs="+", help="pooled for the fit")
    ap.add_argument("--server", help="llama.cpp-python server root, for exact token counts")
    a = ap.parse_args()
    calls = [c for cassette in a.cassettes for c in extraction_calls(cassette)]
    if not calls:
        raise SystemExit("no first-attempt extraction call with usage in the cassette(s)")
    out(f"{', '.join(c.name for c in a.cassettes)}: {len(calls)} first-attempt extraction call(s)")
    header = f"{'mode':<12} {'prompt_tokens':>13} {'chunk o200k':>11} {'non-article o200k':>17}"
    if a.server:
        header += f" {'chunk (server)':>14} {'overhead':>8}"
    out(header)
    overheads = []
    for c in calls:
        line = (
            f"{c['mode']:<12} {c['prompt_tokens']:>13} {c['chunk_o200k']:>11} "
            f"{c['non_article_o200k']:>17}"
        )
        if a.server:
            n = server_count(a.server, str(c["chunk"]))
            overheads.append(int(c["prompt_tokens"]) - n)  # type: ignore[call-overload]
            line += f" {n:>14} {overheads[-1]:>8}"
        out(line)
    system = calls[0]["system_o200k"]
    non_article = statistics.median(int(c["non_article_o200k"]) for c in calls)  # type: ignore[call-overload]
    out(f"instructions + schema (system message), o200k: {system}")
    out(f"everything but the article text (system + markers + title), o200k: {non_article:g}")
    if a.server:
        out(f"overhead in server tokens (P - article), median: {statistics.median(overheads):g}")
    xs = [float(c["chunk_o200k"]) for c in calls]  # type: ignore[arg-type]
    ys = [float(c["prompt_tokens"]) for c in calls]  # type: ignore[arg-type]
    if len(set(xs)) >= 2:
        overhead, ratio = fit(xs, ys)
        out(
            f"fit prompt_tokens = {overhead:.0f} + {ratio:.2f} x article_o200k "
            f"(overhead {overhead:.0f} server tokens per call)"
        )


if __name__ == "__main__":
    main()
