"""Match a spoken exercise name to the catalog: normalise, alias, fuzzy, then embeddings."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from django.core.cache import cache
from rapidfuzz import fuzz, process

from core import metrics
from training.models import Exercise
from training.selectors import catalog_version

CONFIDENCE_THRESHOLD = 0.75
CACHE_TTL_S = 7 * 24 * 3600
MAX_CACHE_KEY_NAME = 120

# Word-level rewrites applied after punctuation is stripped and plurals are folded.
_WORD_SYNONYMS: dict[str, str] = {
    "db": "dumbbell",
    "dbs": "dumbbell",
    "bb": "barbell",
    "kb": "kettlebell",
    "kbs": "kettlebell",
    "tbar": "t bar",
    "pullup": "pull up",
    "pushup": "push up",
    "chinup": "chin up",
    "situp": "sit up",
    "benchpress": "bench press",
    "skullcrusher": "skull crusher",
    "flye": "fly",
    "paused": "pause",
    "calve": "calf",
    "calves": "calf",
    "armed": "arm",
    "legged": "leg",
    "1": "one",
    "&": "and",
    "n": "and",
}
# Phrase-level rewrites so "one arm" and "single arm" are the same modifier.
_PHRASES: tuple[tuple[str, str], ...] = (
    ("one arm", "single arm"),
    ("one leg", "single leg"),
    ("narrow grip", "close grip"),
)
_DROP_WORDS = frozenset({"the", "a", "an", "of", "some", "my", "with", "using", "on", "and"})
_KEEP_PLURAL = frozenset({"press", "cross", "plus", "bus", "abs"})
# Words that pick a variant: a candidate that lacks one the speaker said, or has one the
# speaker did not say, is a different exercise.
MODIFIERS: tuple[str, ...] = (
    "incline",
    "decline",
    "close grip",
    "wide grip",
    "reverse grip",
    "neutral grip",
    "snatch grip",
    "sumo",
    "front",
    "romanian",
    "seated",
    "standing",
    "single arm",
    "single leg",
    "pause",
    "deficit",
    "stiff leg",
    "chest supported",
    "weighted",
    "assisted",
    "smith",
    "cable",
    "machine",
    "dumbbell",
    "barbell",
    "kettlebell",
    "trap bar",
    "landmine",
    "overhead",
    "lying",
    "hanging",
    "hang",
    "power",
    "box",
    "jump",
)
# Modifiers a lifter usually leaves unsaid ("bench press" is the barbell one).
IMPLICIT_MODIFIERS = frozenset({"barbell", "standing"})
_MODIFIER_SET = frozenset(MODIFIERS)
_TOKEN_RE = re.compile(r"[a-z0-9&]+")
_PHRASE_RES = tuple((re.compile(rf"\b{phrase}\b"), canonical) for phrase, canonical in _PHRASES)


def _singular(word: str) -> str:
    if word == "ups":
        return "up"
    if len(word) <= 3 or word in _KEEP_PLURAL or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=8192)
def _fold(raw: str) -> tuple[str, ...]:
    """One spoken token as catalog words: synonyms spelled out, plural folded, fillers gone."""
    word = _WORD_SYNONYMS.get(raw, raw)
    word = _WORD_SYNONYMS.get(_singular(word), _singular(word))
    return tuple(part for part in word.split() if part not in _DROP_WORDS)


def normalise(text: str) -> str:
    """Lower-case words, plurals folded, DB/BB/KB spelled out, "pull-up"/"pullup" -> "pull up"."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    words = [part for raw in _TOKEN_RE.findall(text) for part in _fold(raw)]
    joined = " ".join(words)
    for phrase, canonical in _PHRASE_RES:
        if phrase.search(joined):
            joined = phrase.sub(canonical, joined)
    return joined


def modifiers_in(normalised: str) -> frozenset[str]:
    words = normalised.split()
    grams = {*words, *(" ".join(pair) for pair in pairwise(words))}
    return frozenset(grams & _MODIFIER_SET)


@dataclass(frozen=True)
class CatalogEntry:
    id: int
    name: str
    bodyweight: bool


@dataclass(frozen=True)
class Candidate:
    exercise: CatalogEntry
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.exercise.id,
            "name": self.exercise.name,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Match:
    """The best catalog entry for a spoken name (or none), how sure, and the runners-up."""

    spoken_name: str
    normalised: str
    exercise: CatalogEntry | None
    confidence: float
    method: str
    candidates: list[Candidate] = field(default_factory=list)
    threshold: float = CONFIDENCE_THRESHOLD

    @property
    def needs_confirmation(self) -> bool:
        return self.exercise is None or self.confidence < self.threshold

    def exercise_dict(self) -> dict[str, Any] | None:
        if self.exercise is None:
            return None
        return {
            "id": self.exercise.id,
            "name": self.exercise.name,
            "confidence": round(self.confidence, 3),
        }

    def to_cache(self) -> dict[str, Any]:
        def pack(entry: CatalogEntry) -> list[Any]:
            return [entry.id, entry.name, entry.bodyweight]

        return {
            "exercise": pack(self.exercise) if self.exercise else None,
            "confidence": self.confidence,
            "method": self.method,
            "candidates": [[*pack(c.exercise), c.confidence] for c in self.candidates],
        }

    @classmethod
    def from_cache(cls, spoken: str, normalised: str, data: dict[str, Any]) -> Match:
        exercise = CatalogEntry(*data["exercise"]) if data["exercise"] else None
        candidates = [Candidate(CatalogEntry(*row[:3]), row[3]) for row in data["candidates"]]
        return cls(spoken, normalised, exercise, data["confidence"], data["method"], candidates)


class CatalogIndex:
    """Every spoken form of every exercise, normalised; built once per catalog version."""

    def __init__(self, version: str, rows: Iterable[Mapping[str, Any]]) -> None:
        self.version = version
        self.exact: dict[str, CatalogEntry] = {}
        self.compact: dict[str, CatalogEntry] = {}
        self.keys: list[str] = []
        self.key_entries: list[CatalogEntry] = []
        self.key_modifiers: list[frozenset[str]] = []
        self._vectors: Any = None
        for row in rows:
            entry = CatalogEntry(row["id"], row["name"], row["bodyweight"])
            for form in [row["name"], *row["aliases"]]:
                key = normalise(form)
                if not key:
                    continue
                self.exact.setdefault(key, entry)
                self.compact.setdefault(key.replace(" ", ""), entry)
                self.keys.append(key)
                self.key_entries.append(entry)
                self.key_modifiers.append(modifiers_in(key))

    @classmethod
    def from_database(cls, version: str) -> CatalogIndex:
        rows = Exercise.objects.order_by("id").values("id", "name", "aliases", "bodyweight")
        return cls(version, rows)

    def vectors(self, encode: Callable[[list[str]], Any]) -> Any:
        if self._vectors is None:
            self._vectors = encode(self.keys)
        return self._vectors


def _default_encoder() -> Callable[[list[str]], Any] | None:
    from core.embeddings import encode

    return encode


def _record(name: str) -> None:
    metrics.incr(name, cache="exercise_match")


class ExerciseMatcher:
    """Resolve spoken names against the catalog; override the class attributes to adapt it.

    Exact alias, then the same words run together ("benchpress"), then fuzzy scoring with a
    penalty for every variant word said but missing (or present but not said), then the
    embedding model when the fuzzy best is under the threshold. Matches are cached.
    """

    threshold = CONFIDENCE_THRESHOLD
    cache_ttl = CACHE_TTL_S
    use_cache = True
    max_candidates = 3
    fuzzy_limit = 40
    fuzzy_cutoff = 55.0
    fuzzy_ceiling = 0.95
    compact_confidence = 0.97
    missing_modifier_penalty = 0.2
    extra_modifier_penalty = 0.12
    implicit_modifier_penalty = 0.03
    embedding_weight = 0.9
    version_source: Callable[[], str] = staticmethod(catalog_version)
    encoder_source: Callable[[], Callable[[list[str]], Any] | None] = staticmethod(_default_encoder)

    _indexes: dict[str, CatalogIndex] = {}
    _lock = threading.Lock()

    def __init__(self, version: str | None = None) -> None:
        self._version = version

    @property
    def version(self) -> str:
        if self._version is None:
            self._version = self.version_source()
        return self._version

    @classmethod
    def reset(cls) -> None:
        """Forget every built index (a fresh process)."""
        with cls._lock:
            cls._indexes.clear()

    def index(self) -> CatalogIndex:
        version = self.version
        found = self._indexes.get(version)
        if found is not None:
            return found
        with self._lock:
            found = self._indexes.get(version)
            if found is None:
                found = CatalogIndex.from_database(version)
                type(self)._indexes = {version: found}
        return found

    def cache_key(self, normalised: str) -> str:
        name = normalised
        if len(name) > MAX_CACHE_KEY_NAME:
            name = hashlib.sha256(name.encode()).hexdigest()
        return f"exercise_match:{self.version}:{name}"

    def match(self, spoken: str) -> Match:
        return self.match_many([spoken])[0]

    def match_many(self, names: Sequence[str]) -> list[Match]:
        """Match several names with one cache round trip for the hits and one for the misses."""
        normalised = [normalise(name or "") for name in names]
        keys = {n: self.cache_key(n) for n in normalised if n}
        cached = cache.get_many(list(set(keys.values()))) if self.use_cache and keys else {}
        results: list[Match] = []
        fresh: dict[str, Any] = {}
        for spoken, norm in zip(names, normalised, strict=True):
            if not norm:
                results.append(Match(spoken, norm, None, 0.0, "none", threshold=self.threshold))
                continue
            hit = cached.get(keys[norm])
            if hit is not None:
                _record("cache_hits")
                results.append(self._with_threshold(Match.from_cache(spoken, norm, hit)))
                continue
            _record("cache_misses")
            result = self.resolve(spoken, norm)
            fresh[keys[norm]] = cached[keys[norm]] = result.to_cache()
            results.append(result)
        if self.use_cache and fresh:
            cache.set_many(fresh, self.cache_ttl)
        return results

    def _with_threshold(self, result: Match) -> Match:
        if result.threshold == self.threshold:
            return result
        return Match(
            result.spoken_name,
            result.normalised,
            result.exercise,
            result.confidence,
            result.method,
            result.candidates,
            self.threshold,
        )

    def resolve(self, spoken: str, normalised: str) -> Match:
        index = self.index()
        exact = index.exact.get(normalised)
        if exact is not None:
            return self._result(spoken, normalised, [Candidate(exact, 1.0)], "alias")
        compact = index.compact.get(normalised.replace(" ", ""))
        if compact is not None:
            best = Candidate(compact, self.compact_confidence)
            return self._result(spoken, normalised, [best], "compact")
        ranked = self.fuzzy(index, normalised)
        method = "fuzzy"
        if not ranked or ranked[0].confidence < self.threshold:
            semantic = self.semantic(index, normalised)
            if semantic and (not ranked or semantic[0].confidence > ranked[0].confidence):
                ranked, method = semantic, "embedding"
        return self._result(spoken, normalised, ranked, method if ranked else "none")

    def _result(self, spoken: str, normalised: str, ranked: list[Candidate], method: str) -> Match:
        best = ranked[0] if ranked else None
        return Match(
            spoken_name=spoken,
            normalised=normalised,
            exercise=best.exercise if best else None,
            confidence=best.confidence if best else 0.0,
            method=method,
            candidates=ranked[: self.max_candidates],
            threshold=self.threshold,
        )

    def penalty(self, spoken_mods: frozenset[str], candidate_mods: frozenset[str]) -> float:
        missing = spoken_mods - candidate_mods
        extra = candidate_mods - spoken_mods
        implicit = extra & IMPLICIT_MODIFIERS
        return (
            self.missing_modifier_penalty * len(missing)
            + self.extra_modifier_penalty * len(extra - implicit)
            + self.implicit_modifier_penalty * len(implicit)
        )

    def _rank(self, scored: Iterable[tuple[int, float]], index: CatalogIndex, normalised: str):
        spoken_mods = modifiers_in(normalised)
        best: dict[int, Candidate] = {}
        for position, score in scored:
            entry = index.key_entries[position]
            confidence = score - self.penalty(spoken_mods, index.key_modifiers[position])
            confidence = max(0.0, min(self.fuzzy_ceiling, confidence))
            if entry.id not in best or confidence > best[entry.id].confidence:
                best[entry.id] = Candidate(entry, confidence)
        return sorted(best.values(), key=lambda c: (-c.confidence, c.exercise.name))

    def fuzzy(self, index: CatalogIndex, normalised: str) -> list[Candidate]:
        hits = process.extract(
            normalised,
            index.keys,
            scorer=fuzz.token_sort_ratio,
            limit=self.fuzzy_limit,
            score_cutoff=self.fuzzy_cutoff,
        )
        return self._rank(((pos, score / 100) for _, score, pos in hits), index, normalised)

    def semantic(self, index: CatalogIndex, normalised: str) -> list[Candidate]:
        encode = self.encoder_source()
        if encode is None:
            return []
        try:
            keys = index.vectors(encode)
            query = encode([normalised])[0]
        except Exception:
            return []
        similarities = keys @ query
        order = similarities.argsort()[::-1][: self.fuzzy_limit]
        scored = ((int(pos), float(similarities[pos]) * self.embedding_weight) for pos in order)
        return self._rank(scored, index, normalised)
