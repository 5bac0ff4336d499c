"""Engines turn one chunk of article text into an Extraction: `openai` (any OpenAI-compatible
server) and `offline` (deterministic, extractive)."""
