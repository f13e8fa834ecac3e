"""POST /api/onboarding/extract and /api/onboarding/conversational (+ GET, DELETE)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.serializers import ProfileSerializer
from coach.models import OnboardingState
from coach.onboarding.conversation import QUESTIONS, missing_fields
from coach.onboarding.extract import extract_profile
from coach.onboarding.serializers import (
    ConversationMetricsSerializer,
    ConversationStateSerializer,
    ExtractInputSerializer,
    ExtractMetricsSerializer,
    MessageInputSerializer,
)
from coach.onboarding.services import onboarding_message_apply, onboarding_state_reset
from coach.pipeline import AIEndpointView
from coach.wording import listing
from training.localtime import user_today


def _said(fields: dict[str, Any], names: list[str]) -> str:
    return listing([name.replace("_", " ") for name in names if name in fields])


class OnboardingExtractView(AIEndpointView):
    """Profile fields (with confidences) read from free text, and what a program still needs;
    nothing is saved."""

    endpoint = "/api/onboarding/extract"
    method = "post"
    input_serializer_class = ExtractInputSerializer
    metrics_serializer_class = ExtractMetricsSerializer
    prompt_id = "onboarding"
    max_chunks = 2
    offline_uses_chunks = False  # the offline text says what was heard and asks the next question

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        return extract_profile(validated["text"], user_today(user)).as_dict()

    def extra_body(self, metrics: dict[str, Any]) -> dict[str, Any]:
        return {"fields": metrics["fields"], "missing": metrics["missing"]}

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        return _goals_request(metrics["fields"])

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        fields, missing = metrics["fields"], metrics["missing"]
        heard = _said(fields, list(fields)) or "nothing I can put in your profile yet"
        text = f"I picked up: {heard}."
        return f"{text} {QUESTIONS[missing[0]]}" if missing else f"{text} That is all I need."


def _goals_request(fields: dict[str, Any]) -> dict[str, Any]:
    """Retrieval keyed by the goals heard, not the words: programs are chosen by goal, and a
    coarse request lets retrieval's cache answer."""
    goals = fields.get("goals", {}).get("value") or ["general_fitness"]
    words = ", ".join(goal.replace("_", " ") for goal in goals)
    return {"text": words, "message": words}


def _injury_words(region: str, side: str = "none") -> str:
    words = region.replace("_", " ")
    return words if side in {"none", ""} else f"{side} {words}"


def _injury_sentences(metrics: dict[str, Any]) -> list[str]:
    """What completion did with the injuries told, in words."""
    sentences = []
    logged = [
        f"{_injury_words(i['body_region'], i['side'])} ({i['severity']}/10)"
        for i in metrics["injuries_logged"]
    ]
    if logged:
        sentences.append(f"I logged your {listing(logged)}, so programs and swaps spare it.")
    unrated = [_injury_words(region) for region in metrics["injuries_unrated"]]
    if unrated:
        sentences.append(
            f"I did not log your {listing(unrated)}: log it with how bad it is (1-10) so "
            "programs can work around it."
        )
    return sentences


def _state_body(state: OnboardingState | None, user: Any) -> dict[str, Any]:
    fields = state.fields if state else {}
    missing = missing_fields(fields)
    complete = bool(state and state.completed_at)
    profile = getattr(user, "profile", None) if complete else None
    return {
        "fields": fields,
        "missing": missing,
        "question": QUESTIONS[missing[0]] if missing else None,
        "complete": complete,
        "turns": state.turns if state else 0,
        "profile": ProfileSerializer(profile).data if profile else None,
    }


class OnboardingConversationView(AIEndpointView):
    """One message of the onboarding conversation: the server keeps the state per user, merges
    what the message adds (corrections replace), asks for the next missing field, and writes the
    profile when complete. GET shows the state; DELETE restarts it."""

    endpoint = "/api/onboarding/conversational"
    method = "post"
    input_serializer_class = MessageInputSerializer
    metrics_serializer_class = ConversationMetricsSerializer
    prompt_id = "onboarding"
    max_chunks = 2
    offline_uses_chunks = False  # the offline text says what was heard and asks the next question
    cache_responses = False

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        state, turn, profile, injuries = onboarding_message_apply(
            user=user, message=validated["message"], today=user_today(user)
        )
        self.turn, self.profile = turn, profile
        return {
            "fields": turn.fields,
            "added": turn.added,
            "missing": turn.missing,
            "next_field": turn.next_field,
            "turns": state.turns,
            "injuries_logged": [
                {
                    "id": injury.pk,
                    "body_region": injury.body_region,
                    "side": injury.side,
                    "severity": injury.severity,
                }
                for injury in injuries.logged
            ],
            "injuries_unrated": [item["body_region"] for item in injuries.unrated],
        }

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        return _goals_request(metrics["fields"])

    def extra_body(self, metrics: dict[str, Any]) -> dict[str, Any]:
        return {
            "complete": self.turn.complete,
            "question": self.turn.question,
            "profile": ProfileSerializer(self.profile).data if self.profile else None,
        }

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        added = _said(metrics["fields"], metrics["added"])
        start = f"Got it: {added}." if added else "I didn't catch anything new there."
        if self.turn.complete:
            done = f"{start} Your profile is complete and saved; you can generate a program now."
            return " ".join([done, *_injury_sentences(metrics)])
        return f"{start} {self.turn.question}"

    @extend_schema(responses={200: ConversationStateSerializer})
    def get(self, request: Request) -> Response:
        state = OnboardingState.objects.filter(user=request.user).first()
        return Response(_state_body(state, request.user))

    @extend_schema(responses={204: OpenApiResponse(description="The conversation restarts.")})
    def delete(self, request: Request) -> Response:
        onboarding_state_reset(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
