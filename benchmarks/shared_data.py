"""Where benchmarks find the corpus and gold files: `../shared` beside the repository, which
users of the package do not have. A missing folder is said in one line, never a bare error."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared(*parts: str) -> Path:
    return SHARED.joinpath(*parts)


def require(path: Path) -> Path:
    """The path, or exit with a line saying what is missing and how to point elsewhere."""
    if not path.exists():
        sys.exit(
            f"{path} is missing: benchmarks read the corpus and gold files in ../shared beside "
            f"the repository; pass the path as an option (see --help)"
        )
    return path
