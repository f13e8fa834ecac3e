"""The voice endpoints: parse a transcript (saves nothing) and log it (idempotent)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import error_body
from training.selectors import workouts_for
from training.serializers import (
    PersonalRecordSerializer,
    RunSerializer,
    WorkoutOutputSerializer,
    unit_context,
)
from voice import services
from voice.serializers import (
    IdempotencyKeySerializer,
    VoiceLogRequestSerializer,
    VoiceParseRequestSerializer,
)


def _rejected(exc: services.VoiceRejected) -> tuple[int, dict[str, Any]]:
    return exc.status_code, {**error_body(exc.code, exc.message), **exc.payload}


class VoiceParseView(APIView):
    """Transcript in, matched and checked entries out; nothing is saved."""

    @extend_schema(request=VoiceParseRequestSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        serializer = VoiceParseRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        unit = services.weight_unit_for(request.user, data.get("unit"))
        interpretation = services.TranscriptInterpreter(unit).interpret(data["transcript"])
        return Response(interpretation.as_dict())


class VoiceLogView(APIView):
    """Transcript in, a saved voice workout (and runs) out; or 422 with entries to confirm."""

    @extend_schema(
        request=VoiceLogRequestSerializer,
        responses={201: OpenApiTypes.OBJECT, 200: OpenApiTypes.OBJECT, 422: OpenApiTypes.OBJECT},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    def post(self, request: Request) -> Response:
        serializer = VoiceLogRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        key = request.headers.get("Idempotency-Key")
        if key is None:
            code, body = self.produce(request, data)
            return Response(body, status=code)
        checked = IdempotencyKeySerializer(data={"key": key})
        if not checked.is_valid():
            raise serializers.ValidationError({"Idempotency-Key": checked.errors["key"]})
        try:
            result = services.idempotent_call(
                user=request.user,
                key=key,
                fingerprint=services.request_fingerprint(data),
                produce=lambda: self.produce(request, data, raise_rejection=True),
            )
        except services.VoiceRejected as exc:
            code, body = _rejected(exc)
            return Response(body, status=code)
        response = Response(result.body, status=result.status)
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response

    def produce(
        self, request: Request, data: dict[str, Any], raise_rejection: bool = False
    ) -> tuple[int, dict[str, Any]]:
        try:
            result = services.voice_log_create(
                user=request.user,
                transcript=data["transcript"],
                unit=data.get("unit"),
                session_id=data.get("session_id"),
            )
        except services.VoiceRejected as exc:
            if raise_rejection:
                raise
            return _rejected(exc)
        return result.status, self.render(request, result)

    def render(self, request: Request, result: services.VoiceLogResult) -> dict[str, Any]:
        context = unit_context(request.user)
        session = None
        if result.session is not None:
            fresh = workouts_for(request.user).get(pk=result.session.pk)
            session = WorkoutOutputSerializer(fresh, context=context).data
        return services.json_roundtrip(
            {
                "session": session,
                "runs": RunSerializer(result.runs, many=True, context=context).data,
                **result.interpretation.as_dict(),
                "amended_set_id": result.amended_set_id,
                "new_personal_records": PersonalRecordSerializer(
                    result.records, many=True, context=context
                ).data,
            }
        )
