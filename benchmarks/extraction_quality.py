"""Commitments and asks of either engine scored against a gold file, through the real CLI.

    python benchmarks/extraction_quality.py                              # offline, dev.json
    python benchmarks/extraction_quality.py --gold ../shared/eval/val.json --json
    python benchmarks/extraction_quality.py --gold ../shared/eval/val.json --limit 12 \\
        --keep /tmp/qwen-val.json -- --base-url http://127.0.0.1:8778/v1 --model qwen1.5b \\
        --timeout 900 --article-deadline 3000 --concurrency 1 --no-cache
    python benchmarks/extraction_quality.py --digest /tmp/qwen-val.json  # re-score, no model run
    python benchmarks/extraction_quality.py --briefing /work/baseline-venv/bin/briefing ...

Stages the gold articles the way the shared scorer does (`stage()`), runs `briefing digest DIR
--format json` once (arguments after `--` go to it; without `--engine` or `--base-url` briefing
picks its engine as usual, so pass `--engine offline` to be sure), and scores the digest with
the shared `score()` (imported from the gold file's directory, not copied). Seconds per article
is the whole process's wall time over the articles, start-up included.

Beyond the scorer's figures it reports, from the digest itself: items per article, prompt and
completion tokens per article (LLM runs), items whose evidence is not in the article after
whitespace and quote normalisation (empty or altered) and items marked `verified: false`, and
summaries that stop mid-sentence, with how many of those stop right before a double-quoted
passage of the article (the cut a bare `"` causes under a JSON grammar).

`--keep FILE` writes the digest JSON (plus a `benchmark` record: command, gold, limit, seconds)
so the run can be re-scored later with `--digest FILE`.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev.json"
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "\u00a0": " "}
)
_ENDS = tuple(".!?\"'”’")
_OPENING_QUOTE = re.compile(r"""\s*[,:;-]?\s*["“](?=[\w'£$…])""")


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def fail(message: str) -> NoReturn:
    sys.stderr.write(f"extraction_quality: {message}\n")
    raise SystemExit(2)


def squash(text: str) -> str:
    """Whitespace and quote-mark normalisation for the evidence-in-source check."""
    return " ".join(text.translate(_QUOTES).split())


def load_scorer(gold: Path) -> Any:
    """The shared scorer beside the gold file, imported rather than copied."""
    if not (gold.parent / "score.py").is_file():
        fail(f"no score.py beside {gold}: the scorer is read from the gold file's directory")
    sys.path.insert(0, str(gold.parent))
    import score  # type: ignore[import-not-found]

    return score


def stage(scorer: Any, gold_file: Path, limit: int | None, dest: Path) -> dict[str, Any]:
    """Copy the (first `limit`) gold articles into `dest` with the scorer's own `stage()`."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    if limit is not None:
        gold["articles"] = gold["articles"][:limit]
    trimmed = dest.parent / "gold.json"
    trimmed.write_text(json.dumps(gold), encoding="utf-8")
    shared = gold_file.resolve().parent.parent
    corpus, seed = shared / "corpus" / "bbc-politics", shared / "seed" / "article.txt"
    scorer.stage(trimmed, corpus, seed, dest)
    return gold


def run_digest(
    briefing: str, articles: Path, out_json: Path, extra: list[str]
) -> tuple[float, int]:
    cmd = [
        *shlex.split(briefing),
        "digest",
        str(articles),
        "--format",
        "json",
        "-o",
        str(out_json),
        *extra,
    ]
    start = time.perf_counter()
    try:
        rc = subprocess.run(cmd, check=False).returncode
    except FileNotFoundError:
        fail(f"cannot run {briefing!r}: pass --briefing with the path of a briefing executable")
    return time.perf_counter() - start, rc


def cut_before_quote(summary: str, source: str) -> str | None:
    """The summary's last words when the article has them right before a double quote."""
    words = re.findall(r"[\w'’£$%.-]+", summary)
    for k in (3, 2, 1):
        if len(words) < k:
            continue
        tail = r"\W+".join(re.escape(w.translate(_QUOTES)) for w in words[-k:])
        if re.search(tail + _OPENING_QUOTE.pattern, source.translate(_QUOTES), re.IGNORECASE):
            return " ".join(words[-k:])
    return None


def measure(
    scorer: Any, gold: dict[str, Any], digest: dict[str, Any], texts: dict[str, str]
) -> dict[str, Any]:
    """The scorer's figures plus what the digest itself says about items, tokens and summaries."""
    ids = [a["id"] for a in gold["articles"]]
    notes = {Path(n["article"]["source"]).stem: n for n in digest.get("notes", [])}
    notes = {k: v for k, v in notes.items() if k in ids}
    n = len(ids)
    items = empty = altered = unverified = 0
    bad: list[dict[str, str]] = []
    cut: list[dict[str, Any]] = []
    prompt, completion = [], []
    for aid, note in notes.items():
        source = squash(texts[aid])
        for key in ("commitments", "asks"):
            for item in note.get(key, []):
                items += 1
                unverified += item.get("verified") is False
                ev = squash(item.get("evidence") or "")
                if not ev:
                    empty += 1
                elif ev not in source:
                    altered += 1
                else:
                    continue
                bad.append({"article": aid, "type": key[:-1], "evidence": ev[:160]})
        summary = (note.get("summary") or "").strip()
        if summary and not summary.endswith(_ENDS):
            tail = cut_before_quote(summary, texts[aid])
            cut.append({"article": aid, "ends": summary[-80:], "before_quote": tail})
        usage = note.get("usage") or {}
        if usage.get("calls"):
            prompt.append(usage.get("prompt_tokens", 0))
            completion.append(usage.get("completion_tokens", 0))
    usage = digest.get("usage") or {}
    failed = [f.get("source", "") for f in digest.get("failed", [])]
    if len(digest.get("notes", [])) + len(failed) != n:
        # Re-scored with a smaller --limit: count the kept notes' own usage, not the whole run's.
        usage = {
            k: sum((x.get("usage") or {}).get(k, 0) for x in notes.values())
            for k in ("calls", "cached_calls", "prompt_tokens", "completion_tokens")
        }
    engines = sorted({str(x.get("engine")) for x in notes.values()})
    models = sorted({str(x.get("model")) for x in notes.values() if x.get("model")})
    llm = bool(usage.get("calls")) or any(e != "offline" for e in engines)
    result: dict[str, Any] = {
        "articles": n,
        "notes": len(notes),
        "failed": failed,
        "engine": ",".join(engines),
        "model": ",".join(models) or None,
        "scores": scorer.score(gold, digest),
        "items": items,
        "items_per_article": round(items / n, 2) if n else 0.0,
        "evidence_not_in_source": empty + altered,
        "evidence_empty": empty,
        "evidence_altered": altered,
        "unverified": unverified,
        "summaries_cut": len(cut),
        "summaries_cut_before_quote": sum(1 for c in cut if c["before_quote"]),
        "cut_summaries": cut,
        "evidence_not_in_source_items": bad,
        "actor_check": actor_check(scorer, gold, notes),
        "labels": label_precision(scorer, gold, notes),
    }
    if llm:
        per = {
            k: round(usage.get(k, 0) / n, 1) if n else 0.0
            for k in ("prompt_tokens", "completion_tokens")
        }
        result.update(
            {
                "calls": usage.get("calls", 0),
                "cached_calls": usage.get("cached_calls", 0),
                "prompt_tokens_per_article": per["prompt_tokens"],
                "completion_tokens_per_article": per["completion_tokens"],
                "median_prompt_tokens": statistics.median(prompt) if prompt else None,
                "median_completion_tokens": statistics.median(completion) if completion else None,
            }
        )
    return result


def judged_items(
    scorer: Any, gold: dict[str, Any], notes: dict[str, Any]
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any] | None]]:
    """(kind, system item, the gold item it matches or None) for every system item, matched as
    the scorer does (same type, first unmatched gold item whose evidence matches)."""
    for art in gold["articles"]:
        note = notes.get(art["id"])
        if note is None:
            continue
        for kind, key in (("commitment", "commitments"), ("ask", "asks")):
            golds = [g for g in art["items"] if g["type"] == kind]
            used: set[int] = set()
            for item in note.get(key, []):
                hit = next(
                    (
                        i
                        for i, g in enumerate(golds)
                        if i not in used and scorer.match(item["evidence"], g)
                    ),
                    None,
                )
                if hit is not None:
                    used.add(hit)
                yield kind, item, None if hit is None else golds[hit]


def matched_items(
    scorer: Any, gold: dict[str, Any], notes: dict[str, Any]
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(kind, system item, gold item) for each system item matched to a gold item."""
    for kind, item, truth in judged_items(scorer, gold, notes):
        if truth is not None:
            yield kind, item, truth


def right_in_full(
    scorer: Any, kind: str, item: dict[str, Any], truth: dict[str, Any] | None
) -> bool:
    """A gold item's evidence, its actor, and its addressee where gold names one."""
    if truth is None or not scorer.same_party(item["actor"], truth["actor"]):
        return False
    if kind == "ask" and truth.get("addressee"):
        return bool(scorer.same_party(item.get("addressee", ""), truth["addressee"]))
    return True


def label_precision(scorer: Any, gold: dict[str, Any], notes: dict[str, Any]) -> dict[str, int]:
    """What the `verified` label is worth to a reader: of the items shown as verified, and of
    those sent to "Check these", how many are right in full, matched as the scorer matches."""
    counts = dict.fromkeys(("verified", "verified_right", "check", "check_right"), 0)
    for kind, item, truth in judged_items(scorer, gold, notes):
        label = "verified" if item.get("verified") else "check"
        counts[label] += 1
        counts[f"{label}_right"] += right_in_full(scorer, kind, item, truth)
    return counts


def actor_check(scorer: Any, gold: dict[str, Any], notes: dict[str, Any]) -> dict[str, int]:
    """How well `checks.actor` (and `checks.addressee`) tell a reader which parties to doubt:
    of the items matched to a gold item, how many have the right actor (the scorer's
    `same_party`) and whether their actor check passed; the same for asks' addressees where gold
    names one (`addr_` counts)."""
    counts = {
        f"{p}{r}_{c}" for p in ("", "addr_") for r in ("right", "wrong") for c in ("pass", "fail")
    }
    counts = {k: 0 for k in sorted(counts)}
    for kind, item, truth in matched_items(scorer, gold, notes):
        checks = item.get("checks") or {}
        right = scorer.same_party(item["actor"], truth["actor"])
        passed = bool(checks.get("actor"))
        counts[f"{'right' if right else 'wrong'}_{'pass' if passed else 'fail'}"] += 1
        if kind == "ask" and truth.get("addressee"):
            right = scorer.same_party(item.get("addressee", ""), truth["addressee"])
            passed = bool(checks.get("addressee"))
            counts[f"addr_{'right' if right else 'wrong'}_{'pass' if passed else 'fail'}"] += 1
    return counts


def report(r: dict[str, Any], details: bool) -> None:
    out(
        f"gold {r['gold']}: {r['articles']} articles, {r['notes']} notes, "
        f"engine {r['engine'] or '-'}{', model ' + r['model'] if r['model'] else ''}"
    )
    if r["failed"]:
        out(f"failed: {len(r['failed'])} ({', '.join(Path(f).stem for f in r['failed'])})")
    out(
        f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'actor':>6} {'addr':>6} {'strict':>7} "
        f"{'sys':>5} {'gold':>5}"
    )
    for t, s in r["scores"].items():
        addr = "-" if s["addr_acc"] is None else f"{s['addr_acc']:.3f}"
        out(
            f"{t:<12} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['actor_acc']:6.3f} "
            f"{addr:>6} {s['strict_f1']:7.3f} {s['sys']:5d} {s['gold']:5d}"
        )
    out(f"items per article      {r['items_per_article']}")
    if r.get("seconds") is not None:
        out(f"seconds per article    {r['seconds_per_article']} ({r['seconds']} s in all)")
    if "calls" in r:
        out(
            f"prompt tokens/article  {r['prompt_tokens_per_article']} "
            f"(median {r['median_prompt_tokens']})"
        )
        out(
            f"completion tokens/art. {r['completion_tokens_per_article']} "
            f"(median {r['median_completion_tokens']})"
        )
        out(f"calls                  {r['calls']} ({r['cached_calls']} from cache)")
    out(
        f"evidence not in source {r['evidence_not_in_source']} of {r['items']} "
        f"({r['evidence_empty']} empty, {r['evidence_altered']} altered); "
        f"verified false: {r['unverified']}"
    )
    lab = r["labels"]
    out(
        f"right in full          {lab['verified_right']} of {lab['verified']} shown verified; "
        f'{lab["check_right"]} of {lab["check"]} under "Check these"'
    )
    a = r["actor_check"]
    out(
        f"actor check (matched)  wrong actors flagged {a['wrong_fail']} of "
        f"{a['wrong_fail'] + a['wrong_pass']}; right actors flagged {a['right_fail']} of "
        f"{a['right_fail'] + a['right_pass']}"
    )
    out(
        f"addressee check        wrong addressees flagged {a['addr_wrong_fail']} of "
        f"{a['addr_wrong_fail'] + a['addr_wrong_pass']}; right ones flagged "
        f"{a['addr_right_fail']} of {a['addr_right_fail'] + a['addr_right_pass']}"
    )
    out(
        f"summaries cut          {r['summaries_cut']} of {r['notes']}, "
        f"{r['summaries_cut_before_quote']} right before a double quote of the article"
    )
    if details:
        for c in r["cut_summaries"]:
            where = f"before quote after {c['before_quote']!r}" if c["before_quote"] else "cut"
            out(f"CUT  {c['article']}: ...{c['ends']!r} ({where})")
        for b in r["evidence_not_in_source_items"]:
            out(f"EVID {b['article']} {b['type']}: {b['evidence']!r}")


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Arguments after -- go to `briefing digest`, e.g. -- --engine offline, or "
        "-- --base-url http://127.0.0.1:8778/v1 --model qwen1.5b --no-cache.",
    )
    ap.add_argument("--gold", type=Path, help=f"gold file (default: {DEFAULT_GOLD})")
    ap.add_argument("--limit", type=int, help="only the first N articles of the gold file")
    ap.add_argument(
        "--briefing",
        default="briefing",
        help="the briefing command to run (default: briefing on PATH)",
    )
    ap.add_argument(
        "--keep",
        type=Path,
        metavar="FILE",
        help="write the digest JSON here, to re-score it later with --digest",
    )
    ap.add_argument(
        "--digest",
        type=Path,
        metavar="FILE",
        help="score a kept digest instead of running briefing",
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--details",
        action="store_true",
        help="also list cut summaries and evidence not found in the source",
    )
    a = ap.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    if a.limit is not None and a.limit < 1:
        fail("--limit must be at least 1")

    kept: dict[str, Any] = {}
    if a.digest:
        if not a.digest.is_file():
            fail(f"no such digest: {a.digest}")
        kept = json.loads(a.digest.read_text(encoding="utf-8")).get("benchmark", {})
    gold_file = a.gold or (Path(kept["gold"]) if kept.get("gold") else DEFAULT_GOLD)
    limit = a.limit if a.limit is not None else kept.get("limit")
    if not gold_file.is_file():
        if a.gold is None and not (ROOT.parent / "shared").is_dir():
            fail(
                f"{ROOT.parent / 'shared'} is missing: the gold files and scorer live in "
                "../shared/eval next to the repository; pass --gold FILE"
            )
        fail(f"no such gold file: {gold_file}")
    scorer = load_scorer(gold_file)

    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        gold = stage(scorer, gold_file, limit, articles)
        texts = {p.stem: p.read_text(encoding="utf-8") for p in articles.glob("*.txt")}
        if a.digest:
            digest = json.loads(a.digest.read_text(encoding="utf-8"))
            seconds, rc = kept.get("seconds"), kept.get("exit_code")
            ran = kept.get("articles", len(gold["articles"]))
        else:
            out_json = Path(tmp) / "digest.json"
            seconds, rc = run_digest(a.briefing, articles, out_json, extra)
            ran = len(gold["articles"])
            if not out_json.is_file():
                fail(f"briefing exited {rc} without writing a digest")
            if rc:
                sys.stderr.write(
                    f"extraction_quality: briefing exited {rc} "
                    "(some articles failed); scoring what it wrote\n"
                )
            digest = json.loads(out_json.read_text(encoding="utf-8"))
            digest["benchmark"] = {
                "command": [a.briefing, "digest", "DIR", "--format", "json", *extra],
                "gold": str(gold_file.resolve()),
                "limit": limit,
                "articles": ran,
                "seconds": round(seconds, 2),
                "exit_code": rc,
            }
            if a.keep:
                a.keep.write_text(json.dumps(digest, indent=2), encoding="utf-8")

    r = measure(scorer, gold, digest, texts)
    r = {
        "gold": str(gold_file),
        "limit": limit,
        "exit_code": rc,
        "seconds": None if seconds is None else round(seconds, 2),
        "seconds_per_article": None if seconds is None or not ran else round(seconds / ran, 2),
        **r,
    }
    if a.json:
        out(json.dumps(r, indent=2, ensure_ascii=False))
    else:
        report(r, a.details)


if __name__ == "__main__":
    main()
