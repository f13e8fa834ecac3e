"""POST /api/injury/log and /api/injury/analyze: thin subclasses of the AI pipeline."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from coach.injuries import guidance, narratives
from coach.injuries.analysis import InjuryFacts, injury_analysis
from coach.injuries.extract import extract_injury
from coach.injuries.reading import QUESTIONS, NeedsConfirmation, read_injury
from coach.injuries.serializers import (
    InjuryAnalyzeInputSerializer,
    InjuryAnalyzeMetricsSerializer,
    InjuryInputSerializer,
    InjuryLogMetricsSerializer,
    InjuryOutputSerializer,
)
from coach.pipeline import AIEndpointView
from coach.program_changes import (
    ChangeRejected,
    active_strength_program,
    program_equipment,
    substitutions_apply,
)
from coach.serializers import ErrorSerializer
from coach.swap.service import profile_equipment
from core import llm
from core.errors import error_body
from training.localtime import user_today
from training.models import Injury
from training.services import injury_log_create

NEEDS_CONFIRMATION = {
    422: OpenApiResponse(
        ErrorSerializer,
        description="`needs_confirmation`: the region or severity was unclear; nothing saved. "
        "`fields` has `missing`, a question per missing field and what was `extracted`.",
    )
}


def _with_safety(text: str, red_flags: list[str]) -> str:
    """The professional-care caveat (and any red-flag referral) whatever the provider wrote."""
    paragraph = guidance.safety_paragraph(red_flags)
    return text if paragraph in text else f"{text}\n\n{paragraph}"


class InjuryInputMixin:
    def validate(self, request: Request) -> dict[str, Any]:
        """Ask before anything runs when the words leave the region or severity unclear."""
        validated: dict[str, Any] = super().validate(request)  # type: ignore[misc]
        if not validated.get("injury_id"):
            read_injury(validated, user_today(request.user))
        return validated

    def handle(self, request: Request) -> Response:
        try:
            return super().handle(request)  # type: ignore[misc]
        except NeedsConfirmation as exc:
            fields = {
                "missing": exc.missing,
                "questions": {name: QUESTIONS[name] for name in exc.missing},
                "extracted": exc.extracted,
            }
            body = error_body("needs_confirmation", str(exc.detail), fields)
            return Response(body, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        except ChangeRejected as exc:
            body = error_body("program_rejected", str(exc.detail), {"violations": exc.violations})
            return Response(body, status=status.HTTP_409_CONFLICT)


class InjuryLogView(InjuryInputMixin, AIEndpointView):
    """Record an injury from structured fields or free text (rules first; 422 if unclear)."""

    endpoint = "/api/injury/log"
    method = "post"
    input_serializer_class = InjuryInputSerializer
    metrics_serializer_class = InjuryLogMetricsSerializer
    prompt_id = "injury"
    max_chunks = 3
    cache_responses = False
    response_status = status.HTTP_201_CREATED
    extra_responses = NEEDS_CONFIRMATION

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        today = user_today(user)
        read = read_injury(validated, today)
        self.injury = injury_log_create(user=user, data=read.data)
        red_flags = read.red_flags
        self.tier = guidance.tier_for(self.injury.severity)
        return {
            "extracted": read.report.as_dict(today) if read.report else None,
            "source": read.source,
            "red_flags": red_flags,
            "clinician_referral": guidance.clinician_referral(red_flags),
            "professional_care": guidance.PROFESSIONAL_CARE,
            "mechanism": read.report.mechanism if read.report else None,
        }

    def extra_body(self, metrics: dict[str, Any]) -> dict[str, Any]:
        return {"injury": InjuryOutputSerializer(self.injury).data}

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        return {"body_part": self.injury.body_region.replace("_", " ")}

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        injury = InjuryOutputSerializer(self.injury).data
        return narratives.logged(injury, {"tier": self.tier}, chunks)

    def finalise_narrative(self, text: str, *, metrics: dict, chunks: list, context: dict) -> str:
        return _with_safety(text, metrics["red_flags"])


class InjuryAnalyzeView(InjuryInputMixin, AIEndpointView):
    """What an injury (saved, or described) means for the athlete's program and recent training:
    exercises to modify, substitute or avoid, run guidance, the return to training, red flags."""

    endpoint = "/api/injury/analyze"
    method = "post"
    input_serializer_class = InjuryAnalyzeInputSerializer
    metrics_serializer_class = InjuryAnalyzeMetricsSerializer
    prompt_id = "injury"
    max_chunks = 4
    extra_responses = {
        **NEEDS_CONFIRMATION,
        404: OpenApiResponse(ErrorSerializer, description="No such injury of yours."),
        409: OpenApiResponse(
            ErrorSerializer,
            description="`program_rejected`: with `?apply=1`, the changed program broke a "
            "bound of the validator (`fields.violations`); nothing was changed.",
        ),
    }

    def facts(self, user: Any, validated: dict[str, Any]) -> InjuryFacts:
        today = user_today(user)
        if validated.get("injury_id"):
            injury = get_object_or_404(Injury, pk=validated["injury_id"], user=user)
            flags = extract_injury(injury.notes, today).red_flags if injury.notes else []
            return InjuryFacts(injury.body_region, injury.side, injury.severity, tuple(flags))
        read = read_injury(validated, today)
        data = read.data
        return InjuryFacts(
            data["body_region"], data["side"], data["severity"], tuple(read.red_flags)
        )

    def validate(self, request: Request) -> dict[str, Any]:
        validated = super().validate(request)
        # ?apply=1: the substitutions go into the active strength program
        validated["apply"] = request.query_params.get("apply") in {"1", "true"}
        return validated

    def respond(self, user: Any, validated: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        if validated["apply"]:  # a write: never answered from (or stored in) the cache
            return self.build(user, validated, llm.get_provider()).response, False
        return super().respond(user, validated)

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        available = profile_equipment(user)
        program = active_strength_program(user) if validated["apply"] else None
        if program is not None:  # substitutes the program's own equipment allows
            available = frozenset(program_equipment(program)) or available
        metrics = injury_analysis(user=user, facts=self.facts(user, validated), available=available)
        if validated["apply"]:
            replacements = {
                entry["exercise"]["id"]: entry["substitute"]["id"]
                for entry in metrics["exercises"]["substitute"]
                if entry["substitute"] and "program" in entry["sources"]
            }
            metrics["applied"] = substitutions_apply(user=user, replacements=replacements)
        return metrics

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        # the region, not the words: the knowledge is per region, and retrieval's cache answers
        return {"body_part": metrics["injury"]["body_region"].replace("_", " ")}

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        return narratives.analysed(metrics, chunks)

    def finalise_narrative(self, text: str, *, metrics: dict, chunks: list, context: dict) -> str:
        return _with_safety(text, metrics["red_flags"])
