"""A one-line progress bar on stderr, drawn only when stderr is a terminal (never in scripts,
cron mail or CI logs) and not with -q."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

BAR_WIDTH = 24


class ProgressBar:
    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._lock = threading.Lock()
        self._drawn = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.enabled or total <= 0:
            return
        filled = BAR_WIDTH * done // total
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        label = " ".join(label.split())[:40]
        with self._lock:
            self.stream.write(f"\r\x1b[2K{bar} {done}/{total} {label}")
            self.stream.flush()
            self._drawn = True

    def close(self) -> None:
        with self._lock:
            if self._drawn:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
                self._drawn = False
