"""Classify a chat message into one intent with a confidence and the runners-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from coach.classify.intents import INTENTS
from coach.classify.model import IntentModel, intent_model
from coach.classify.rules import rule_evidence

EMBED_MAX_WORDS = 120


def _embed(message: str) -> np.ndarray:
    from core.embeddings import TextTooLong, get_embedder

    embedder = get_embedder()
    try:
        return embedder.embed_query(message)
    except TextTooLong:
        # a 1,000-character ramble can exceed the model's 256 word-pieces: the intent is said
        # in its opening words
        return embedder.embed_query(" ".join(message.split()[:EMBED_MAX_WORDS])[:400])


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
    """A decisive rule's answer, else the model's probabilities ranked; the model and the
    embedder are seams for tests."""

    max_alternatives = 3
    min_alternative = 0.01
    model_source: Callable[[], IntentModel] = staticmethod(intent_model)
    embed: Callable[[str], np.ndarray] = staticmethod(_embed)

    def classify(self, message: str) -> Classification:
        lowered = " ".join(message.lower().split())
        evidence = rule_evidence(lowered)
        model = self.model_source()
        decided = model.decided(evidence)
        if decided is not None:  # the cues alone settle it: no embedding
            return Classification(*decided, alternatives=[])
        probabilities = model.probabilities(self.embed(lowered), evidence)
        order = np.argsort(-probabilities)
        ranked = [(INTENTS[i], float(probabilities[i])) for i in order]
        intent, confidence = ranked[0]
        alternatives = [item for item in ranked[1:] if item[1] >= self.min_alternative]
        return Classification(intent, confidence, alternatives[: self.max_alternatives])


def classify_message(message: str) -> Classification:
    return IntentClassifier().classify(message)
