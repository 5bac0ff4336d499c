"""Wall time of `briefing --help` against `python -c "import click"` (the floor for a click tool).

    python benchmarks/startup.py [--runs 10] [--compare OTHER/bin/briefing]

Each command runs as a fresh process, alternating, after one warm-up run each; the report gives
the median, min and max in milliseconds. Uses hyperfine when it is installed (--hyperfine).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def out(line: str = "") -> None:
    """Report a line on stdout (benchmarks are scripts; the package never prints)."""
    sys.stdout.write(line + "\n")


def time_once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--hyperfine", action="store_true", help="use hyperfine if installed")
    ap.add_argument(
        "--compare", help="another installation's briefing, timed in the same alternation"
    )
    a = ap.parse_args()
    python = sys.executable
    briefing = str(Path(python).with_name("briefing"))
    commands = {
        "briefing --help": [briefing, "--help"],
        'python -c "import click"': [python, "-c", "import click"],
        "python -c pass": [python, "-c", "pass"],
    }
    if a.compare:
        commands["other briefing --help"] = [a.compare, "--help"]
    if a.hyperfine and shutil.which("hyperfine"):
        subprocess.run(
            ["hyperfine", "-N", "--warmup", "1", "--runs", str(a.runs)]
            + [" ".join(c) for c in commands.values()],
            check=True,
        )
        return
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():
        time_once(cmd)  # warm the OS file cache
    for _ in range(a.runs):
        for name, cmd in commands.items():
            times[name].append(time_once(cmd))
    out(f"{'command':<28} {'median ms':>10} {'min ms':>8} {'max ms':>8}   ({a.runs} runs each)")
    for name, values in times.items():
        ms = [v * 1000 for v in values]
        out(f"{name:<28} {statistics.median(ms):>10.1f} {min(ms):>8.1f} {max(ms):>8.1f}")
    extra = statistics.median(times["briefing --help"]) - statistics.median(
        times['python -c "import click"']
    )
    out(f"briefing --help costs {extra * 1000:.1f} ms more than importing click")


if __name__ == "__main__":
    main()
