"""Classify a chat message into one intent with a confidence and the runners-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from coach.classify.intents import INTENTS
from coach.classify.model import IntentModel, intent_model


def _embed(message: str) -> np.ndarray:
    from core.embeddings import get_embedder

    return get_embedder().embed_query(message)


@dataclass(frozen=True)
class Classification:
    intent: str
    confidence: float
    alternatives: list[tuple[str, float]]

    def as_dict(self) -> dict[str, object]:
        return {
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "alternatives": [
                {"intent": intent, "confidence": round(confidence, 3)}
                for intent, confidence in self.alternatives
            ],
        }


class IntentClassifier:
    """The model's probabilities, ranked; the model and the embedder are seams for tests."""

    max_alternatives = 3
    min_alternative = 0.01
    model_source: Callable[[], IntentModel] = staticmethod(intent_model)
    embed: Callable[[str], np.ndarray] = staticmethod(_embed)

    def classify(self, message: str) -> Classification:
        lowered = " ".join(message.lower().split())
        probabilities = self.model_source().probabilities(self.embed(lowered), lowered)
        order = np.argsort(-probabilities)
        ranked = [(INTENTS[i], float(probabilities[i])) for i in order]
        intent, confidence = ranked[0]
        alternatives = [item for item in ranked[1:] if item[1] >= self.min_alternative]
        return Classification(intent, confidence, alternatives[: self.max_alternatives])


def classify_message(message: str) -> Classification:
    return IntentClassifier().classify(message)
