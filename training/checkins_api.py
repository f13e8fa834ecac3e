"""/api/checkins/: owner-scoped daily check-ins; POST upserts by date (201 new, 200 replaced)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from core.serializers import ModelSerializer
from training import checkins_services as services
from training.checkins import CheckIn
from training.localtime import user_today


class CheckInInputSerializer(ModelSerializer):
    date = serializers.DateField(required=False, help_text="Defaults to today (your time zone).")

    class Meta:
        model = CheckIn
        fields = ["date", "readiness", "soreness", "sleep_hours", "note"]

    def validate_date(self, value: datetime.date) -> datetime.date:
        if value > user_today(self.context["request"].user):
            raise serializers.ValidationError("Must not be in the future.", code="in_future")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context["request"]
        if self.instance is None:
            attrs.setdefault("date", user_today(request.user))
        return attrs


class DayTaken(APIException):
    """A check-in moved onto a day that has one: a conflict with the stored data (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "checkin_day_taken"


class CheckInOutputSerializer(ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["id", "date", "readiness", "soreness", "sleep_hours", "note", "updated_at"]


@extend_schema_view(
    create=extend_schema(
        request=CheckInInputSerializer,
        responses={201: CheckInOutputSerializer, 200: CheckInOutputSerializer},
        description="Create the day's check-in (201), or replace it if that day has one (200).",
    ),
    update=extend_schema(request=CheckInInputSerializer, responses=CheckInOutputSerializer),
    partial_update=extend_schema(request=CheckInInputSerializer, responses=CheckInOutputSerializer),
)
class CheckInViewSet(viewsets.ModelViewSet):
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[CheckIn]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no user
            return CheckIn.objects.none()
        return CheckIn.objects.filter(user=self.request.user)

    def get_serializer_class(self) -> type[serializers.ModelSerializer]:
        if self.action in {"create", "update", "partial_update"}:
            return CheckInInputSerializer
        return CheckInOutputSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        checkin, created = services.checkin_upsert(
            user=request.user, data=dict(serializer.validated_data)
        )
        return Response(
            CheckInOutputSerializer(checkin).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            checkin = services.checkin_update(
                checkin=instance, data=dict(serializer.validated_data)
            )
        except services.CheckInDayTaken as taken:
            raise DayTaken(str(taken)) from taken
        return Response(CheckInOutputSerializer(checkin).data)

    def perform_destroy(self, instance: CheckIn) -> None:
        services.checkin_delete(checkin=instance)
