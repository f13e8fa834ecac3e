"""Transcript to API entries: rules, then the LLM for leftovers, catalog matching and checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from voice.checks import cardio_checks, parser_reasons, reason, strength_checks
from voice.llm_fallback import LLMFallback
from voice.matching import ExerciseMatcher, Match
from voice.parsing import CardioEntry, ParseResult, StrengthEntry, parse_transcript


def weight_unit_for(user: Any, requested: str | None) -> str:
    """The request's unit, else the profile's, else pounds."""
    if requested in ("kg", "lb"):
        return requested
    profile = getattr(user, "profile", None)
    return profile.weight_unit if profile is not None else "lb"


@dataclass
class Interpretation:
    """Entries ready for the API (matched, unit-resolved, checked) and what was not understood."""

    entries: list[dict[str, Any]]
    unparsed: list[str]
    source: str

    def as_dict(self) -> dict[str, Any]:
        return {"entries": self.entries, "unparsed": self.unparsed, "source": self.source}

    @property
    def needs_confirmation(self) -> bool:
        return any(entry["needs_confirmation"] for entry in self.entries)


class TranscriptInterpreter:
    """Rules parser, then the LLM for leftovers, then catalog matching and sanity checks."""

    parser: Callable[..., ParseResult] = staticmethod(parse_transcript)
    matcher_class = ExerciseMatcher
    llm_class = LLMFallback

    def __init__(self, unit: str, matcher: ExerciseMatcher | None = None) -> None:
        self.unit = unit
        self.matcher = matcher or self.matcher_class()

    def interpret(self, transcript: str) -> Interpretation:
        result = self.parser(transcript, self.unit)
        tagged: list[tuple[StrengthEntry | CardioEntry, str]] = [
            (entry, "rules") for entry in result.entries
        ]
        unparsed = list(result.unparsed)
        if unparsed:
            answered = self.llm_class().parse(unparsed, self.unit)
            for segment, segment_entries in answered.items():
                tagged.extend((entry, "llm") for entry in segment_entries)
                unparsed.remove(segment)
        names = [e.spoken_name for e, _ in tagged if isinstance(e, StrengthEntry)]
        matches = iter(self.matcher.match_many(names))
        entries = [
            self.strength(entry, source, next(matches))
            if isinstance(entry, StrengthEntry)
            else self.cardio(entry, source)
            for entry, source in tagged
        ]
        source = "llm" if any(s == "llm" for _, s in tagged) else "rules"
        return Interpretation(entries=entries, unparsed=unparsed, source=source)

    def strength(self, entry: StrengthEntry, source: str, match: Match) -> dict[str, Any]:
        bodyweight = match.exercise.bodyweight if match.exercise else False
        sets = []
        for spec in entry.sets:
            keep_weight = spec.weight is not None and (spec.added_load or not bodyweight)
            sets.append(
                {
                    "reps": spec.reps,
                    "weight": spec.weight if keep_weight else None,
                    "unit": (spec.unit or self.unit) if keep_weight else None,
                    "rpe": spec.rpe,
                    "rir": spec.rir,
                    "added_load": bool(spec.added_load and keep_weight),
                    "duration_s": spec.duration_s,
                    "distance_m": spec.distance_m,
                    "per_side": spec.per_side,
                }
            )
        reasons = parser_reasons(entry.needs_confirmation)
        if match.exercise is None:
            reasons.append(reason("exercise_not_recognised", "No catalog exercise matches."))
        elif match.needs_confirmation:
            reasons.append(
                reason("low_confidence", f"Not sure this is {match.exercise.name}; confirm.")
            )
        reasons.extend(strength_checks(sets))
        return {
            "kind": "strength",
            "spoken_name": entry.spoken_name,
            "exercise": match.exercise_dict(),
            "bodyweight": bodyweight,
            "sets": sets,
            "needs_confirmation": bool(reasons),
            "reasons": reasons,
            "candidates": [c.as_dict() for c in match.candidates]
            if match.needs_confirmation
            else [],
            "source": source,
        }

    def cardio(self, entry: CardioEntry, source: str) -> dict[str, Any]:
        reasons = parser_reasons(entry.needs_confirmation)
        reasons.extend(
            cardio_checks(entry.activity, entry.distance_m, entry.duration_s, entry.calories)
        )
        return {
            "kind": "cardio",
            "activity": entry.activity,
            "spoken_name": entry.spoken_name,
            "distance_m": entry.distance_m,
            "duration_s": entry.duration_s,
            "splits": [split.to_dict() for split in entry.splits],
            "recovery_s": entry.recovery_s,
            "recovery_m": entry.recovery_m,
            "calories": entry.calories,
            "needs_confirmation": bool(reasons),
            "reasons": reasons,
            "source": source,
        }
