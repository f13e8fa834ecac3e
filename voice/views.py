"""The voice endpoints: parse a transcript (saves nothing) and log it (idempotent)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.schema import ErrorResponse
from voice.interpretation import TranscriptInterpreter, weight_unit_for
from voice.response_serializers import (
    VoiceLogResponseSerializer,
    VoiceParseResponseSerializer,
    VoiceRejectedSerializer,
)
from voice.responses import voice_log_respond
from voice.serializers import (
    IDEMPOTENCY_KEY_PATTERN,
    IdempotencyKeySerializer,
    VoiceLogRequestSerializer,
    VoiceParseRequestSerializer,
)


def _idempotency_key(request: Request) -> str | None:
    """The ``Idempotency-Key`` header, checked; None when the client sent none."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    checked = IdempotencyKeySerializer(data={"key": key})
    if not checked.is_valid():
        raise serializers.ValidationError({"Idempotency-Key": checked.errors["key"]})
    return key


class VoiceParseView(APIView):
    """Transcript in, matched and checked entries out; nothing is saved."""

    @extend_schema(request=VoiceParseRequestSerializer, responses=VoiceParseResponseSerializer)
    def post(self, request: Request) -> Response:
        serializer = VoiceParseRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        unit = weight_unit_for(request.user, data.get("unit"))
        return Response(TranscriptInterpreter(unit).interpret(data["transcript"]).as_dict())


class VoiceLogView(APIView):
    """Transcript in, a saved voice workout (and runs) out; or 422 with entries to confirm."""

    @extend_schema(
        request=VoiceLogRequestSerializer,
        responses={
            201: VoiceLogResponseSerializer,
            200: OpenApiResponse(VoiceLogResponseSerializer, description="A correction applied."),
            409: OpenApiResponse(ErrorResponse, description="Idempotency-Key reused."),
            422: OpenApiResponse(VoiceRejectedSerializer, description="Nothing was logged."),
        },
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN, "maxLength": 255},
                OpenApiParameter.HEADER,
                description="Repeat a request safely: the same key answers the stored response.",
            )
        ],
    )
    def post(self, request: Request) -> Response:
        serializer = VoiceLogRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        key = _idempotency_key(request)
        answer = voice_log_respond(user=request.user, data=dict(serializer.validated_data), key=key)
        response = Response(answer.body, status=answer.status)
        if answer.replayed:
            response["Idempotent-Replayed"] = "true"
        return response
