"""The Python API: the README's example runs as written, and the library resolves options the
way the CLI does."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from helpers import EXAMPLES

import briefing
from briefing.errors import ConfigError, InputError

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    block = README.read_text(encoding="utf-8").split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", block, re.S)
    assert code is not None
    (tmp_path / "examples").symlink_to(EXAMPLES)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)  # noqa: S102 - our own README
    note = namespace["note"]
    assert isinstance(note, briefing.models.Note) and note.engine == "offline"
    assert namespace["data"]["commitments"]  # type: ignore[index]
    assert "# Politics briefing" in (tmp_path / "digest.md").read_text(encoding="utf-8")
    quick = namespace["quick"]
    assert quick.commitments[0].actor == "The mayor"  # type: ignore[attr-defined]


def test_options_resolve_like_the_cli(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('summary_words = 55\nmodel = "from-config"\n')
    assert briefing.settings_for().summary_words == 55  # config
    monkeypatch.setenv("BRIEFING_MODEL", "from-env")
    assert briefing.settings_for().model == "from-env"  # environment over config
    assert briefing.settings_for(model="from-arg").model == "from-arg"  # argument over both
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fake-api-test-0000000000")
    assert briefing.settings_for().api_key == "sk-fake-api-test-0000000000"
    assert briefing.settings_for().resolved_engine() == "openai"


def test_errors_are_the_documented_classes(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        briefing.note(tmp_path / "missing.txt")
    with pytest.raises(ConfigError):
        briefing.note()
    with pytest.raises(ConfigError):
        briefing.write(briefing.note(text="The mayor will act.", engine="offline"),
                       tmp_path / "x.docx")  # fmt: skip


def test_which_model_items_to_keep_is_a_setting_with_a_safe_default() -> None:
    assert briefing.settings_for().model_items == "auto"
    # auto: a hosted model briefing knows keeps its own items, a local one is judged
    assert briefing.settings_for(model="gpt-4o-mini").keeps_all_model_items()
    assert not briefing.settings_for(model="qwen1.5b").keeps_all_model_items()
    assert not briefing.settings_for(model="gpt-4o", model_items="judged").keeps_all_model_items()
    assert briefing.settings_for(model="qwen1.5b", model_items="all").keeps_all_model_items()
    with pytest.raises(ConfigError, match="model_items must be one of auto, judged, all"):
        briefing.settings_for(model_items="every")


def test_a_digest_lists_what_failed_and_writes_json(tmp_path: Path) -> None:
    digest = briefing.digest([EXAMPLES / "digest" / "articles", tmp_path / "nope.txt"],
                             engine="offline")  # fmt: skip
    articles = len(list((EXAMPLES / "digest" / "articles").glob("*.txt")))
    assert len(digest.notes) == articles and len(digest.failed) == 1
    briefing.write(digest, tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text())["schema_version"] == 1
    assert os.path.basename(str(digest.failed[0].source)) == "nope.txt"
