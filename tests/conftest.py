"""Shared fixtures: every test runs with no OpenAI settings from the environment and with the
user directory and cache inside tmp_path, so nothing leaks between tests or from the machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA, EXAMPLES


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    import os

    for name in list(os.environ):
        if name.startswith("OPENAI_") or name.startswith("BRIEFING_"):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "briefing-home"
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "briefing-cache"))
    return home


@pytest.fixture
def seed_article() -> Path:
    return EXAMPLES / "seed-article.txt"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A folder of seven real BBC politics articles (tests/data/digest) for digest tests."""
    import shutil

    d = tmp_path / "articles"
    shutil.copytree(DATA / "digest", d, ignore=shutil.ignore_patterns("LICENSE*"))
    return d
