"""The trained half of the classifier: logistic regression over message vectors and cue evidence.

Fitted once per process from the labelled messages written for it
(``bench/data/chat_intents_train.json``) and the ``tune`` split of ``chat_intents.json``; the
held-out splits (``chat_intents_heldout_own.json``, ``split: heldout``) are never read here.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from coach.classify.intents import INTENTS
from coach.classify.rules import rule_evidence

RULE_SCALE = 0.2
REGULARISATION_C = 16.0


def training_rows() -> list[dict[str, str]]:
    data = Path(settings.BASE_DIR) / "bench" / "data"
    own = json.loads((data / "chat_intents_train.json").read_text())
    labelled = json.loads((data / "chat_intents.json").read_text())
    return own + [row for row in labelled if row.get("split") == "tune"]


def features(vector: np.ndarray, message: str) -> np.ndarray:
    """The message's unit vector followed by its scaled cue evidence, one column per intent."""
    evidence = rule_evidence(message)
    cues = np.array([evidence.get(intent, 0.0) for intent in INTENTS], dtype=np.float32)
    return np.concatenate([vector, cues * RULE_SCALE])


@dataclass(frozen=True)
class IntentModel:
    """Linear weights per intent (rows in ``INTENTS`` order) and their biases."""

    weights: np.ndarray
    biases: np.ndarray

    @classmethod
    def fit(
        cls, rows: list[dict[str, str]], encode: Callable[[list[str]], np.ndarray]
    ) -> IntentModel:
        from sklearn.linear_model import LogisticRegression

        messages = [row["message"].lower() for row in rows]
        vectors = encode(messages)
        matrix = np.stack([features(v, m) for v, m in zip(vectors, messages, strict=True)])
        labels = np.array([INTENTS.index(row["intent"]) for row in rows])
        regression = LogisticRegression(C=REGULARISATION_C, max_iter=5000).fit(matrix, labels)
        weights = np.zeros((len(INTENTS), matrix.shape[1]), dtype=np.float32)
        biases = np.full(len(INTENTS), -1e9, dtype=np.float32)
        weights[regression.classes_] = regression.coef_
        biases[regression.classes_] = regression.intercept_
        return cls(weights, biases)

    def probabilities(self, vector: np.ndarray, message: str) -> np.ndarray:
        logits = self.weights @ features(vector, message) + self.biases
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()


_model: IntentModel | None = None
_lock = threading.Lock()


def intent_model() -> IntentModel:
    """The process-wide model, fitted on first use (about a second: the examples are embedded)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from core.embeddings import encode

                _model = IntentModel.fit(training_rows(), encode)
    return _model
