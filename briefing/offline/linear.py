"""The offline engine's learned parts as shipped: logistic regressions stored as JSON weights.

Each model is a bias and a weight per feature name (`benchmarks/train_sentence_judge.py` writes
them); scoring a set of features is a dictionary lookup each, with no dependency beyond the
standard library. The sentence judge (`judge.py`) and the role ranker (`roles.py`) both read
theirs through here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from itertools import repeat
from typing import Any


@dataclass(frozen=True)
class LinearModel:
    bias: float
    weights: dict[str, float]

    def log_odds(self, features: Collection[str]) -> float:
        # map over dict.get runs at C speed: this sum is most of a model's time
        return self.bias + sum(map(self.weights.get, features, repeat(0.0, len(features))))

    def probability(self, features: Collection[str]) -> float:
        return sigmoid(self.log_odds(features))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def models_from_json(raw: dict[str, dict[str, Any]]) -> dict[str, LinearModel]:
    """{name: model} from {name: {"bias": b, "weights": {feature: w}}}."""
    return {k: LinearModel(float(m["bias"]), dict(m["weights"])) for k, m in raw.items()}


def shipped_models(filename: str) -> dict[str, LinearModel]:
    """The models of a weights file shipped in this package."""
    text = resources.files("briefing.offline").joinpath(filename).read_text("utf-8")
    return models_from_json(json.loads(text))
