"""SmartNamespaceSelector: which namespaces to search, from the endpoint and the query."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from rag.namespaces import NAMESPACES

KEYWORDS: dict[str, tuple[str, ...]] = {
    "strength": (
        "squat",
        "bench",
        "deadlift",
        "overhead press",
        "1rm",
        "one-rep max",
        "e1rm",
        "strength",
        "stronger",
        "powerlifting",
        "max",
        "barbell",
        "pull-up",
        "row",
    ),
    "hypertrophy": (
        "hypertrophy",
        "muscle growth",
        "build muscle",
        "size",
        "bigger",
        "gain muscle",
        "pump",
        "bodybuilding",
        "sets per muscle",
        "mass",
    ),
    "programming": (
        "program",
        "programme",
        "periodization",
        "periodisation",
        "split",
        "deload",
        "progression",
        "progressive overload",
        "rpe",
        "rir",
        "plan",
        "block",
        "peaking",
        "adherence",
        "schedule",
        "volume",
        "frequency",
        "week",
    ),
    "running": (
        "run",
        "running",
        "runner",
        "pace",
        "marathon",
        "5k",
        "10k",
        "half marathon",
        "tempo",
        "interval",
        "long run",
        "mileage",
        "jog",
        "cadence",
        "vo2",
        "race",
        "threshold",
    ),
    "injury": (
        "injury",
        "injured",
        "pain",
        "hurts",
        "hurt",
        "sore knee",
        "tendon",
        "tendinopathy",
        "strain",
        "sprain",
        "rehab",
        "return to",
        "shin splints",
        "back pain",
        "shoulder pain",
        "knee",
        "ache",
    ),
    "recovery": (
        "recovery",
        "recover",
        "sleep",
        "rest day",
        "fatigue",
        "tired",
        "overtraining",
        "doms",
        "soreness",
        "stress",
        "hrv",
        "acwr",
    ),
    "nutrition": (
        "protein",
        "calorie",
        "calories",
        "diet",
        "eat",
        "eating",
        "carb",
        "carbs",
        "fat loss",
        "creatine",
        "supplement",
        "hydration",
        "nutrition",
        "meal",
        "bulk",
        "cut",
        "weight loss",
    ),
    "mobility": (
        "mobility",
        "stretch",
        "stretching",
        "flexibility",
        "range of motion",
        "warm-up",
        "tight",
        "ankle dorsiflexion",
        "hip flexor",
        "foam roll",
    ),
    "technique": (
        "technique",
        "form",
        "cue",
        "cues",
        "brace",
        "bracing",
        "grip",
        "bar path",
        "depth",
        "stance",
        "setup",
        "butt wink",
        "knees cave",
    ),
}


# Each keyword compiled once, matched where it is not part of a longer word.
KEYWORD_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    namespace: [(w, re.compile(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z])")) for w in words]
    for namespace, words in KEYWORDS.items()
}


@dataclass
class NamespaceSelection:
    namespaces: list[str]
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


class SmartNamespaceSelector:
    """Endpoint defaults, plus query classification by keywords and by similarity of the query
    embedding to each namespace's centroid (the mean of its chunk embeddings)."""

    max_namespaces = 5
    centroid_margin = 0.12
    centroid_top = 4
    lexicon = True
    search_all_without_defaults = True

    # Keyed by corpus generation (rag.generation), whose tokens are never reused: centroids
    # read under a bump that was rolled back are never taken for a later version's.
    _centroids: dict[int, dict[str, np.ndarray]] = {}
    _lock = threading.Lock()

    def keyword_matches(self, query: str) -> dict[str, list[str]]:
        """Namespace keywords in the query and in what the lexicon says its lay words mean."""
        if self.lexicon:
            from rag.lexicon import expand

            query = " ".join([query, *expand(query)])
        text = f" {query.lower()} "
        found: dict[str, list[str]] = {}
        for namespace, patterns in KEYWORD_PATTERNS.items():
            hits = [word for word, pattern in patterns if pattern.search(text)]
            if hits:
                found[namespace] = hits
        return found

    def centroids(self, generation: int) -> dict[str, np.ndarray]:
        cached = self._centroids.get(generation) if generation else None
        if cached is not None:
            return cached
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT namespace, AVG(embedding)::text FROM rag_knowledgechunk GROUP BY namespace"
            )
            rows = cursor.fetchall()
        result = {}
        for namespace, text in rows:
            vector = np.array([float(x) for x in text.strip("[]").split(",")], dtype=np.float32)
            result[namespace] = vector / max(float(np.linalg.norm(vector)), 1e-12)
        if generation:  # without one (no cache key), read every time
            with self._lock:
                type(self)._centroids = {generation: result}
        return result

    def select(
        self,
        query: str,
        defaults: tuple[str, ...] | list[str] = (),
        query_vector: np.ndarray | None = None,
        generation: int = 0,
        hint: tuple[str, ...] | list[str] = (),
    ) -> NamespaceSelection:
        picked = _Picked()
        for namespace in defaults:
            picked.add(namespace, f"{namespace}: default for this endpoint")
        for namespace in hint:
            picked.add(namespace, f"{namespace}: requested by the questionnaire")
        scores: dict[str, float] = {}
        if query_vector is not None:
            scores = self.centroid_scores(query_vector, generation)
            self._add_close_centroids(picked, scores)
        keyword_hits = self.keyword_matches(query)
        for namespace in sorted(keyword_hits, key=lambda ns: -len(keyword_hits[ns])):
            mentions = ", ".join(keyword_hits[namespace][:3])
            picked.add(namespace, f"{namespace}: query mentions {mentions}")
        if not picked.namespaces:
            return NamespaceSelection(
                list(NAMESPACES), ["no signal: searching every namespace"], scores
            )
        limit = max(self.max_namespaces, len([d for d in defaults if d in NAMESPACES]))
        picked.truncate(limit)
        if self.search_all_without_defaults and not defaults:
            # "how long before i can race again after a marathon" is recovery, not running:
            # a question no endpoint narrows is searched everywhere, best guesses first.
            for namespace in sorted(NAMESPACES, key=lambda ns: -scores.get(ns, 0.0)):
                picked.add(namespace, f"{namespace}: searched too (no endpoint default)")
        return NamespaceSelection(picked.namespaces, picked.reasons, scores)

    def centroid_scores(self, query_vector: np.ndarray, generation: int) -> dict[str, float]:
        centroids = self.centroids(generation)
        return {ns: float(vec @ query_vector) for ns, vec in centroids.items()}

    def _add_close_centroids(self, picked: _Picked, scores: dict[str, float]) -> None:
        ranked = sorted(scores, key=lambda ns: -scores[ns])
        if not ranked:
            return
        best = scores[ranked[0]]
        for namespace in ranked[: self.centroid_top]:
            if scores[namespace] >= best - self.centroid_margin:
                picked.add(
                    namespace,
                    f"{namespace}: query close to the namespace centroid "
                    f"(cosine {scores[namespace]:.2f})",
                )


@dataclass
class _Picked:
    """Namespaces in the order chosen, each once, with the reason it was chosen."""

    namespaces: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def add(self, namespace: str, reason: str) -> None:
        if namespace in NAMESPACES and namespace not in self.namespaces:
            self.namespaces.append(namespace)
            self.reasons.append(reason)

    def truncate(self, limit: int) -> None:
        del self.namespaces[limit:], self.reasons[limit:]
