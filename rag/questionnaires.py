"""Questionnaire transformers: one small class per AI endpoint turns a request and the user's
context into retrieval queries (a registry, DRF style: subclass, set attributes, override one
method)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REGISTRY: dict[str, type[QuestionnaireTransformer]] = {}


def normalise_endpoint(endpoint: str) -> str:
    """``/api/coach/ask/`` and ``coach/ask`` name the same endpoint."""
    path = endpoint.strip().strip("/")
    return path[4:] if path.startswith("api/") else path


def _as_dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def region_words(region: Any) -> str:
    """A body-region code as words: "lower_back" -> "lower back"."""
    return " ".join(str(region).replace("_", " ").replace("-", " ").split())


def _text(value: Any, limit: int = 300) -> str:
    return " ".join(str(value).split())[:limit] if value not in (None, "") else ""


class QuestionnaireTransformer:
    """Base class. ``queries`` returns the retrieval queries (most important first)."""

    endpoint = ""
    namespaces: tuple[str, ...] = ()
    max_queries = 3
    # Open injuries add the injury namespace (a program or a swap around a sore knee).
    injury_aware = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.endpoint:
            REGISTRY[cls.endpoint] = cls

    def transform(
        self, request_data: Mapping[str, Any] | None, user_context: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        request = _as_dict(request_data)
        context = _as_dict(user_context)
        queries = [q for q in (_text(q) for q in self.queries(request, context)) if q]
        return {
            "endpoint": self.endpoint,
            "queries": list(dict.fromkeys(queries))[: self.max_queries],
            "namespaces": self.namespaces_for(context),
        }

    def namespaces_for(self, context: Mapping[str, Any]) -> list[str]:
        """The endpoint's namespaces, with injury added when the athlete has an open injury."""
        namespaces = list(self.namespaces)
        if self.injury_aware and self.injury_text(context) and "injury" not in namespaces:
            namespaces.append("injury")
        return namespaces

    def queries(self, request: Mapping[str, Any], context: Mapping[str, Any]) -> list[str]:
        raise NotImplementedError

    def profile(self, context: Mapping[str, Any]) -> Mapping[str, Any]:
        return _as_dict(context.get("profile"))

    def injury_text(self, context: Mapping[str, Any]) -> str:
        """Open injuries as words: "lower back (moderate), knee"; the context's ``injuries`` is
        ``{"open": [{"region", "severity", ...}]}`` (a plain list of injuries is read too)."""
        injuries = context.get("injuries")
        if isinstance(injuries, Mapping):
            injuries = injuries.get("open")
        parts = []
        for injury in _as_list(injuries):
            item = _as_dict(injury)
            if item.get("status") in {"resolved", "healed"}:
                continue
            area = item.get("region") or item.get("body_part") or item.get("area")
            if area:
                severity = item.get("severity")
                words = region_words(area)
                parts.append(f"{words} ({severity})" if severity else words)
        return ", ".join(parts[:4])

    def lifter_text(self, context: Mapping[str, Any]) -> str:
        profile = self.profile(context)
        words = [
            _text(profile.get("experience") or profile.get("experience_level"), 40),
            _text(profile.get("goal") or ", ".join(map(str, _as_list(profile.get("goals")))), 80),
        ]
        return " ".join(w for w in words if w)


class CoachAsk(QuestionnaireTransformer):
    endpoint = "coach/ask"
    max_queries = 1

    def queries(self, request, context):
        return [request.get("question") or request.get("message") or ""]


class ProgramGenerateStrength(QuestionnaireTransformer):
    endpoint = "program/generate/strength"
    namespaces = ("strength", "programming", "hypertrophy")
    injury_aware = True

    def queries(self, request, context):
        goal = request.get("goal") or self.profile(context).get("goal") or "strength"
        days = request.get("days_per_week") or self.profile(context).get("days_per_week")
        level = request.get("experience") or self.profile(context).get("experience") or ""
        queries = [
            f"{level} {goal} program {f'{days} days per week' if days else ''} "
            "training split weekly volume progression",
            f"progressive overload and deload for {level} lifters",
        ]
        injuries = self.injury_text(context)
        if injuries:
            queries.append(f"training around injury: {injuries}; exercise substitutions")
        return queries


class ProgramGenerateRunning(QuestionnaireTransformer):
    endpoint = "program/generate/running"
    namespaces = ("running", "programming", "recovery")
    injury_aware = True

    def queries(self, request, context):
        race = request.get("race_distance") or request.get("goal") or "running"
        weekly = request.get("weekly_km") or request.get("current_weekly_km")
        queries = [
            f"{race} training plan{f' from {weekly} km per week' if weekly else ''}: easy runs, "
            "long run, tempo and intervals",
            "increasing weekly running mileage safely",
        ]
        injuries = self.injury_text(context)
        if injuries:
            queries.append(f"running with injury: {injuries}")
        return queries


class RunningAnalyze(QuestionnaireTransformer):
    endpoint = "running/analyze"
    namespaces = ("running", "recovery")

    def queries(self, request, context):
        run = _as_dict(request.get("run")) or request
        distance = run.get("distance_m")
        hr = run.get("avg_hr")
        kind = "long run" if isinstance(distance, int | float) and distance >= 15000 else "run"
        return [
            f"pacing and heart rate zones for an easy or hard {kind}"
            + (f" average heart rate {hr}" if hr else ""),
            "training load and recovery after runs",
        ]


class WorkoutInsights(QuestionnaireTransformer):
    endpoint = "workout/insights"
    namespaces = ("programming", "hypertrophy", "strength")

    def queries(self, request, context):
        lifts = [str(name) for name in request.get("lifts") or []][:3]
        return [
            "weekly training volume per muscle group and progress trends",
            f"estimated one-rep max progress for {', '.join(lifts)}" if lifts else "",
            "when strength stalls: plateaus and progression",
        ]


class InjuryAnalyze(QuestionnaireTransformer):
    endpoint = "injury/analyze"
    namespaces = ("injury", "recovery")

    def queries(self, request, context):
        area = region_words(request.get("body_part") or request.get("region") or "")
        description = request.get("description") or request.get("text") or ""
        return [
            f"{area} pain {description}".strip(),
            f"training modifications and exercises to avoid with {area} injury",
            f"returning to training after {area} injury",
        ]


class InjuryLog(InjuryAnalyze):
    endpoint = "injury/log"
    max_queries = 2


class ChatSwapExerciseEnhanced(QuestionnaireTransformer):
    endpoint = "chat/swap-exercise-enhanced"
    namespaces = ("strength", "hypertrophy", "technique")
    injury_aware = True

    def queries(self, request, context):
        exercise = request.get("exercise") or ""
        reason = request.get("reason") or ""
        injuries = self.injury_text(context)
        return [
            f"alternatives and substitutes for {exercise} {reason}".strip(),
            f"{exercise} with {injuries}" if injuries else "",
        ]


class OnboardingExtract(QuestionnaireTransformer):
    endpoint = "onboarding/extract"
    namespaces = ("programming",)
    max_queries = 1

    def queries(self, request, context):
        return [f"choosing a training program for goals: {request.get('text', '')}"]


class OnboardingConversational(QuestionnaireTransformer):
    endpoint = "onboarding/conversational"
    namespaces = ("programming",)
    max_queries = 1

    def queries(self, request, context):
        return [f"beginner questions about training goals and schedule: {request.get('message')}"]


# What the athlete's load zone asks of the knowledge (the request's ``zone``, from the numbers).
LOAD_ZONE_QUERIES = {
    "high": "sudden spike in training load this week: acute to chronic workload ratio above 1.5, "
    "reduce the load now",
    "caution": "acute to chronic workload ratio rising above 1.3: managing load increases",
    "low": "acute to chronic workload ratio below 0.8: detraining, build load back gradually",
    "sweet_spot": "acute to chronic workload ratio sweet spot 0.8 to 1.3: progressing load",
}


class AnalyticsFatigue(QuestionnaireTransformer):
    endpoint = "analytics/fatigue"
    namespaces = ("recovery", "programming")

    def queries(self, request, context):
        flags = set(_as_list(request.get("flags")))
        return [
            LOAD_ZONE_QUERIES.get(str(request.get("zone")))
            or "acute to chronic workload ratio, training monotony and strain",
            "training monotony and strain: vary the daily load"
            if flags & {"monotony_high", "strain_spike"}
            else "",
            "signs of accumulated fatigue and overreaching",
        ]


class AnalyticsDeload(QuestionnaireTransformer):
    endpoint = "analytics/deload"
    namespaces = ("programming", "recovery")

    def queries(self, request, context):
        zone = str(request.get("zone"))
        return [
            "how to structure a deload week: reducing volume and intensity"
            if request.get("recommended")
            else "deload signals: when a deload is needed",
            LOAD_ZONE_QUERIES[zone] if zone in {"high", "caution"} else "fatigue and recovery",
        ]


class AdherenceReport(QuestionnaireTransformer):
    endpoint = "adherence/report"
    namespaces = ("programming",)

    def queries(self, request, context):
        return [
            request.get("question") or "",
            "training adherence and consistency: missed sessions and habits",
        ]


class ChatClassify(QuestionnaireTransformer):
    endpoint = "chat/classify"
    max_queries = 1

    def queries(self, request, context):
        return [request.get("message") or ""]


class VoiceLog(QuestionnaireTransformer):
    endpoint = "voice/log"
    namespaces = ("strength",)
    max_queries = 1

    def queries(self, request, context):
        return [f"logging sets, reps and effort (RPE): {request.get('transcript', '')}"]


class GenericQuestion(QuestionnaireTransformer):
    """Any other endpoint: whatever question-like field the request has."""

    max_queries = 1

    def queries(self, request, context):
        for key in ("question", "query", "message", "text", "description"):
            if request.get(key):
                return [request[key]]
        return []


def transformer_for(endpoint: str) -> QuestionnaireTransformer:
    name = normalise_endpoint(endpoint)
    transformer = REGISTRY.get(name, GenericQuestion)()
    if not transformer.endpoint:
        transformer.endpoint = name
    return transformer
