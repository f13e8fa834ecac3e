"""POST /api/chat/swap-exercise-enhanced: ranked, safe alternatives on the AI pipeline."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from coach.pipeline import AIEndpointView
from coach.program_changes import (
    ChangeRejected,
    active_session,
    program_equipment,
    swap_apply,
)
from coach.serializers import ErrorSerializer
from coach.swap.catalog import catalog_snapshot
from coach.swap.lookup import ExerciseNotFound, resolve_exercise
from coach.swap.serializers import SwapInputSerializer, SwapMetricsSerializer
from coach.swap.service import swap_alternatives
from coach.wording import listing
from core import llm
from core.errors import error_body


class SwapExerciseView(AIEndpointView):
    """Alternatives to an exercise, scored on muscles, pattern, equipment, injuries and sidedness,
    each with its score and reasons; the reason given can rule out equipment or a region."""

    endpoint = "/api/chat/swap-exercise-enhanced"
    method = "post"
    input_serializer_class = SwapInputSerializer
    metrics_serializer_class = SwapMetricsSerializer
    prompt_id = "swap"
    max_chunks = 3
    offline_uses_chunks = False  # the alternatives are the answer
    extra_responses = {
        404: OpenApiResponse(
            ErrorSerializer,
            description="`exercise_not_found`: `fields.closest` lists the nearest catalog names.",
        ),
        409: OpenApiResponse(
            ErrorSerializer,
            description="`program_rejected`: with `apply`, the changed program broke a bound "
            "of the validator (`fields.violations`); nothing was changed.",
        ),
    }

    def handle(self, request: Request) -> Response:
        try:
            return super().handle(request)
        except ExerciseNotFound as exc:
            fields = {"exercise": [str(exc.detail)], "closest": exc.closest}
            body = error_body("exercise_not_found", str(exc.detail), fields)
            return Response(body, status=status.HTTP_404_NOT_FOUND)
        except ChangeRejected as exc:
            body = error_body("program_rejected", str(exc.detail), {"violations": exc.violations})
            return Response(body, status=status.HTTP_409_CONFLICT)

    def respond(self, user: Any, validated: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        if validated.get("apply"):  # a write: never answered from (or stored in) the cache
            return self.build(user, validated, llm.get_provider()).response, False
        return super().respond(user, validated)

    def validate(self, request: Request) -> dict[str, Any]:
        validated = super().validate(request)
        self.catalog = catalog_snapshot()
        # 404 before any work; resolved once per request
        self.original = resolve_exercise(validated["exercise"], self.catalog)
        return validated

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        catalog, original = self.catalog, self.original
        self.pattern = original.pattern
        equipment = validated.get("equipment")
        if validated.get("apply"):  # what goes into the program must fit the program's equipment
            program = active_session(user, validated["apply"]).week.program
            equipment = equipment or program_equipment(program) or None
        metrics = swap_alternatives(
            user=user,
            original=original,
            catalog=catalog,
            reason=validated.get("reason", ""),
            equipment=equipment,
        )
        if validated.get("apply"):
            if not metrics["alternatives"]:
                raise ValidationError({"apply": ["There is no safe alternative to put in."]})
            metrics["applied"] = swap_apply(
                user=user,
                session_id=validated["apply"],
                original_id=original.id,
                replacement_id=metrics["alternatives"][0]["exercise"]["id"],
            )
        return metrics

    def extra_body(self, metrics: dict[str, Any]) -> dict[str, Any]:
        return {"original": metrics["original"], "alternatives": metrics["alternatives"]}

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        # the movement pattern and what is ruled out, not the exact words: knowledge about
        # substitutes is per pattern, and a coarse request lets retrieval's cache answer
        constraints = metrics["constraints"]
        limits = [*constraints["injured_regions"], *constraints["reason_regions"]]
        reason = " ".join(f"{region.replace('_', ' ')} pain" for region in sorted(set(limits)))
        if constraints["excluded_equipment"]:
            reason = f"{reason} equipment unavailable".strip()
        return {"exercise": f"{self.pattern.replace('_', ' ')} exercises", "reason": reason}

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        original = metrics["original"]["name"]
        alternatives = metrics["alternatives"]
        if not alternatives:
            return (
                f"Nothing in the catalog can stand in for {original} with your equipment and "
                "injuries; tell me what else you have available."
            )
        best = alternatives[0]
        others = listing([a["exercise"]["name"] for a in alternatives[1:4]])
        text = (
            f"Instead of {original}, try {best['exercise']['name']} (score {best['score']:.2f}): "
            f"it {best['reasons'][0]}."
        )
        return f"{text} Other good options: {others}." if others else text
