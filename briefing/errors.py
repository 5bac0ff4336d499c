"""Domain errors. Each says, in one line, what the user is told; the CLI maps them to exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Usage


class BriefingError(Exception):
    """Base class: the message is shown to the user as one line."""


class InputError(BriefingError):
    """An input could not be read as an article (missing, binary, empty, undecodable)."""


class ConfigError(BriefingError):
    """The configuration is incomplete or contradictory (no server, bad template, bad option)."""


class FatalServerError(BriefingError):
    """The server refused the whole run (bad key, no access, unknown model, no quota): stop now."""


class ArticleError(BriefingError):
    """This article failed (refusal, invalid output, context too long); other articles go on."""


class RefusalError(ArticleError):
    """The model refused to process the article."""


class InvalidOutputError(ArticleError):
    """The model's output was not valid JSON for the schema, even after one repair attempt."""


class TruncatedError(ArticleError):
    """The output was cut off at the token limit even after splitting the chunk."""


class TransientServerError(ArticleError):
    """The server kept failing (timeouts, 5xx, rate limits) until the article's deadline ran out."""


class TemplateError(ConfigError):
    """A template could not be found, compiled or rendered safely."""


class OutputError(BriefingError):
    """An output file could not be written (no such directory, not writable, disk full)."""


class OutputLockedError(OutputError):
    """Another briefing run holds the lock on this output: two runs must not write one file."""


class OutputTruncated(Exception):
    """A reply hit the output token limit: not a failure yet, the engine splits the chunk and
    tries again (TruncatedError when it cannot)."""

    def __init__(self, usage: Usage) -> None:
        super().__init__("the reply was cut off at the output limit")
        self.usage = usage
