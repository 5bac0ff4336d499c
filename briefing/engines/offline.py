"""The offline engine behind the engine face: deterministic, extractive, no network."""

from __future__ import annotations

from typing import Any

from ..models import Article
from ..settings import Settings
from ..tokens import encoding_name_for_model
from .base import EngineResult


class OfflineEngine:
    name = "offline"
    model = None
    cacheable = False  # cheaper to redo than to look up
    waits_on_network = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def fingerprint(self) -> dict[str, Any]:
        return {"engine": self.name, "summary_words": self.settings.summary_words}

    def tokenizer(self) -> str:
        return encoding_name_for_model(self.settings.model)

    def extract_article(self, article: Article, deadline: float) -> EngineResult:
        from ..offline import extract

        return EngineResult([extract(article, self.settings.summary_words)])
