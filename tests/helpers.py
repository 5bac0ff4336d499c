"""What many test modules share: where the test data lives, running the CLI in-process, the
offline engine on one made-up article, and the one-line error a user must see."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from briefing.cli import cli
from briefing.models import Article, Extraction
from briefing.offline import extract

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASSETTES = Path(__file__).resolve().parent / "cassettes"
DATA = Path(__file__).resolve().parent / "data"


def offline(text: str) -> Extraction:
    """The offline engine on one made-up article (the rules' tests)."""
    return extract(Article(id="t", title="", text=text, source="t.txt"))


def run(*args: str, input: bytes | str | None = None, catch_exceptions: bool = False) -> Result:
    """`briefing ARGS...` in this process, stdout and stderr apart."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=catch_exceptions)


def chat_completion(content: str, finish_reason: str = "stop") -> dict[str, object]:
    """A minimal OpenAI chat completion carrying `content`, for hand-made test servers."""
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def one_line(stderr: str) -> str:
    """The error a user sees: exactly one line, no traceback."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]
