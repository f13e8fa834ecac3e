"""The coach's endpoints: thin views over coach.services."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coach import services
from coach.serializers import AskInputSerializer, AskOutputSerializer
from coach.streaming import ANSWER_EVENT, event_stream_response


class CoachAskView(APIView):
    @extend_schema(
        request=AskInputSerializer,
        responses={
            (200, "application/json"): OpenApiResponse(AskOutputSerializer, description="JSON."),
            (200, "text/event-stream"): OpenApiResponse(
                ANSWER_EVENT,
                description="With stream=true, server-sent events: `delta` events ({text}) "
                "then one `done` event (citations, usage, provider, model, cached), or an "
                "`error` event in the error shape when the provider fails mid-answer.",
            ),
        },
    )
    def post(self, request: Request) -> Response | StreamingHttpResponse:
        serializer = AskInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        prepared = services.ask_prepare(
            user=request.user,
            question=data["question"].strip(),
            conversation_id=data.get("conversation_id"),
        )
        if data["stream"]:
            return event_stream_response(prepared)
        return Response(services.ask_answer(prepared))
