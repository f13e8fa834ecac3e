"""The trained half of the classifier: logistic regression over message vectors and cue evidence.

Fitted once per process from the labelled messages written for it
(``bench/data/chat_intents_train.json``) and the ``tune`` split of ``chat_intents.json``; the
held-out splits (``chat_intents_heldout_own.json``, ``split: heldout``) are never read here.

The same messages measure the decisive rules (``rules.decisive_intent``): an intent whose
decisive rule was right on every labelled message it fired on (at least
``MIN_DECISIVE_EXAMPLES`` of them) is answered by the rule alone, without the embedding, with
the rule's Laplace-smoothed precision as its confidence: ``(right + 1) / (fired + 2)``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings

from coach.classify.intents import INTENTS
from coach.classify.rules import decisive_intent, rule_evidence

RULE_SCALE = 0.2
REGULARISATION_C = 16.0
MIN_DECISIVE_EXAMPLES = 10


def training_rows() -> list[dict[str, str]]:
    data = Path(settings.BASE_DIR) / "bench" / "data"
    own = json.loads((data / "chat_intents_train.json").read_text())
    labelled = json.loads((data / "chat_intents.json").read_text())
    return own + [row for row in labelled if row.get("split") == "tune"]


def features(vector: np.ndarray, evidence: dict[str, float]) -> np.ndarray:
    """The message's unit vector followed by its scaled cue evidence, one column per intent."""
    cues = np.array([evidence.get(intent, 0.0) for intent in INTENTS], dtype=np.float32)
    return np.concatenate([vector, cues * RULE_SCALE])


def rule_precision(
    messages: list[str], labels: list[str], min_examples: int = MIN_DECISIVE_EXAMPLES
) -> dict[str, float]:
    """Per intent, ``(right + 1) / (fired + 2)`` of its decisive rule over labelled messages;
    only intents whose rule fired ``min_examples`` times and was never wrong."""
    fired: dict[str, int] = {}
    right: dict[str, int] = {}
    for message, label in zip(messages, labels, strict=True):
        intent = decisive_intent(rule_evidence(message))
        if intent is None:
            continue
        fired[intent] = fired.get(intent, 0) + 1
        right[intent] = right.get(intent, 0) + (intent == label)
    return {
        intent: (right[intent] + 1) / (count + 2)
        for intent, count in fired.items()
        if count >= min_examples and right[intent] == count
    }


@dataclass(frozen=True)
class IntentModel:
    """Linear weights per intent (rows in ``INTENTS`` order), their biases, and the intents a
    decisive rule answers alone (with its confidence)."""

    weights: np.ndarray
    biases: np.ndarray
    decisive: dict[str, float] = field(default_factory=dict)

    @classmethod
    def fit(
        cls, rows: list[dict[str, str]], encode: Callable[[list[str]], np.ndarray]
    ) -> IntentModel:
        from sklearn.linear_model import LogisticRegression

        messages = [row["message"].lower() for row in rows]
        vectors = encode(messages)
        matrix = np.stack(
            [features(v, rule_evidence(m)) for v, m in zip(vectors, messages, strict=True)]
        )
        labels = np.array([INTENTS.index(row["intent"]) for row in rows])
        regression = LogisticRegression(C=REGULARISATION_C, max_iter=5000).fit(matrix, labels)
        weights = np.zeros((len(INTENTS), matrix.shape[1]), dtype=np.float32)
        biases = np.full(len(INTENTS), -1e9, dtype=np.float32)
        weights[regression.classes_] = regression.coef_
        biases[regression.classes_] = regression.intercept_
        decisive = rule_precision(messages, [row["intent"] for row in rows])
        return cls(weights, biases, decisive)

    def decided(self, evidence: dict[str, float]) -> tuple[str, float] | None:
        """The intent and confidence of a decisive rule that may answer alone, else None."""
        intent = decisive_intent(evidence)
        if intent is None or intent not in self.decisive:
            return None
        return intent, self.decisive[intent]

    def probabilities(self, vector: np.ndarray, evidence: dict[str, float]) -> np.ndarray:
        logits = self.weights @ features(vector, evidence) + self.biases
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
