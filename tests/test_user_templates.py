"""User templates render in Jinja's SandboxedEnvironment with limits: reaching for Python
internals, including files outside the template's directory, and producing huge output or
values each get one clear line and exit 1, while ordinary user templates (extending the
built-in one) keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import EXAMPLES, one_line

from briefing.cli import cli

SEED = EXAMPLES / "seed-article.txt"


def render_with(template_dir: Path, body: str, name: str = "mine.md.j2") -> Result:
    path = template_dir / name
    path.write_text(body, encoding="utf-8")
    args = ["note", str(SEED), "--engine", "offline", "--template", str(path)]
    return CliRunner().invoke(cli, args)



@pytest.fixture
def tdir(tmp_path: Path) -> Path:
    d = tmp_path / "templates" / "mine"
    d.mkdir(parents=True)
    return d


def test_a_user_template_extending_the_default_works(tdir: Path) -> None:
    body = (
        '{% extends "default:note.md.j2" %}'
        "{% block summary %}## In short\n\n{{ note.summary }}\n{% endblock %}"
    )
    result = render_with(tdir, body)
    assert result.exit_code == 0, result.stderr
    assert "## In short" in result.stdout and "## Commitments" in result.stdout


@pytest.mark.parametrize(
    "expr",
    [
        "''.__class__.__mro__[1].__subclasses__()",
        "note.__class__",
        "note.summary | attr('__class__')",
        "cycler.__init__.__globals__",
        "note.article.__dict__",
        "lipsum.__globals__['os'].system('true')",
    ],
)
def test_reaching_for_python_internals_is_refused(tdir: Path, expr: str) -> None:
    line = one_line(render_with(tdir, f"{{{{ {expr} }}}}\n").stderr)
    assert "is not allowed to do that" in line and "unsafe" in line


@pytest.mark.parametrize(
    "target",
    ["../../etc/passwd", "/etc/passwd", "../outside.md.j2", "sub/../../outside.md.j2"],
)
def test_include_outside_the_template_directory_is_refused(tdir: Path, target: str) -> None:
    (tdir.parent / "outside.md.j2").write_text("SECRET OUTSIDE\n")
    line = one_line(render_with(tdir, f'{{% include "{target}" %}}\n').stderr)
    assert "templates may include only files in" in line
    assert "SECRET" not in line


def test_include_through_a_symlink_out_of_the_directory_is_refused(tdir: Path) -> None:
    secret = tdir.parent / "secret.txt"
    secret.write_text("SECRET VIA LINK\n")
    (tdir / "link.md.j2").symlink_to(secret)
    line = one_line(render_with(tdir, '{% include "link.md.j2" %}\n').stderr)
    assert "points outside its directory" in line


def test_include_beside_the_template_works(tdir: Path) -> None:
    (tdir / "part.md.j2").write_text("Part: {{ note.summary | words(3) }}\n")
    result = render_with(tdir, '{% include "part.md.j2" %}')
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Part: ")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}xxxxxxxxxx"
            "{% endfor %}{% endfor %}",
            "produced more than 2000000 characters",
        ),
        ('{{ "x" * 1000000000 }}', "built a value longer than 100000 characters"),
        ('{{ ["x"] * 100000000 }}', "built a value longer than 100000 characters"),
        ("{{ 10 ** 100000000 }}", "a power too large"),
        ("{{ range(100000000) | list }}", "too expensive to render: Range too big"),
        ("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", "too expensive to render"),
    ],
    ids=["output", "str-mul", "list-mul", "power", "range", "recursion"],
)
def test_huge_output_or_values_are_refused(tdir: Path, body: str, expected: str) -> None:
    assert expected in one_line(render_with(tdir, body).stderr)


def test_broken_and_missing_templates_are_one_line(tdir: Path) -> None:
    assert "failed" in one_line(render_with(tdir, "{% for %}").stderr)
    assert "failed" in one_line(render_with(tdir, "{{ note.no_such_field }}").stderr)
    args = ["note", str(SEED), "--engine", "offline", "--template", "no-such-template"]
    result = CliRunner().invoke(cli, args)
    assert "template not found: no-such-template.md.j2" in one_line(result.stderr)


def test_a_template_cannot_emit_raw_article_html(tdir: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nThe mayor will act <script>alert(1)</script> by May.\n")
    (tdir / "t.md.j2").write_text("{{ note.summary }}\n")
    args = ["note", str(article), "--engine", "offline", "--template", str(tdir / "t.md.j2")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert "<script>" not in result.stdout and "&lt;script>" in result.stdout
