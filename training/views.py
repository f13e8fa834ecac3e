"""Owner-scoped REST resources for training data, and the read-only exercise catalog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from training import selectors, services
from training.models import Exercise, Injury, PersonalRecord, RunSession, WorkoutSession
from training.serializers import (
    ExerciseFilterSerializer,
    ExerciseSerializer,
    InjurySerializer,
    PersonalRecordFilterSerializer,
    PersonalRecordSerializer,
    RunSerializer,
    WorkoutInputSerializer,
    WorkoutOutputSerializer,
    unit_context,
)


class UnitContextMixin:
    """Puts the signed-in athlete's units into the serializer context."""

    request: Request

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        return {**context, **unit_context(self.request.user)}


class OwnedModelViewSet(UnitContextMixin, viewsets.ModelViewSet):
    """A resource every row of which belongs to one user: lists and lookups see only theirs.

    Writes go through the training services named by ``create_service``, ``update_service`` and
    ``delete_service``; the serializer only validates and renders (a rule only the service checks
    still answers 400: the API's exception handler turns a model ``ValidationError`` into one).
    """

    model: type[Model]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    create_service: Callable[..., Model]
    update_service: Callable[..., Model]
    delete_service: Callable[..., None]
    instance_name: str

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no user
            return self.model._default_manager.none()
        return self.model._default_manager.filter(user=self.request.user)

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = type(self).create_service(
            user=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer: BaseSerializer) -> None:
        serializer.instance = type(self).update_service(
            **{self.instance_name: serializer.instance}, data=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: Model) -> None:
        type(self).delete_service(**{self.instance_name: instance})


@extend_schema_view(list=extend_schema(parameters=[ExerciseFilterSerializer]))
class ExerciseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExerciseSerializer

    def get_queryset(self) -> QuerySet[Exercise]:
        queryset = Exercise.objects.all()
        if self.action != "list":
            return queryset
        filters = ExerciseFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        params = filters.validated_data
        if q := params.get("q", "").strip()[:100]:
            queryset = queryset.search(q)
        if muscle := params.get("muscle"):
            queryset = queryset.for_muscle(muscle)
        if equipment := params.get("equipment"):
            queryset = queryset.filter(equipment__contains=[equipment])
        if pattern := params.get("pattern"):
            queryset = queryset.filter(pattern=pattern)
        return queryset


@extend_schema_view(
    create=extend_schema(request=WorkoutInputSerializer, responses={201: WorkoutOutputSerializer}),
    update=extend_schema(request=WorkoutInputSerializer, responses=WorkoutOutputSerializer),
    partial_update=extend_schema(request=WorkoutInputSerializer, responses=WorkoutOutputSerializer),
)
class WorkoutViewSet(OwnedModelViewSet):
    model = WorkoutSession
    serializer_class = WorkoutOutputSerializer

    def get_queryset(self) -> QuerySet[WorkoutSession]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no user
            return WorkoutSession.objects.none()
        return selectors.workouts_for(self.request.user)

    def _output(self, session: WorkoutSession, **extra: Any) -> dict[str, Any]:
        fresh = self.get_queryset().get(pk=session.pk)
        return {
            **WorkoutOutputSerializer(fresh, context=self.get_serializer_context()).data,
            **extra,
        }

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = WorkoutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        sets = data.pop("sets", [])
        session, records = services.workout_log_create(user=request.user, data=data, sets=sets)
        new_records = PersonalRecordSerializer(
            records, many=True, context=self.get_serializer_context()
        ).data
        return Response(
            self._output(session, new_personal_records=new_records), status=status.HTTP_201_CREATED
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = WorkoutInputSerializer(session, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        sets = data.pop("sets", None if partial else [])
        services.workout_log_update(session=session, data=data, sets=sets)
        return Response(self._output(session))

    def perform_destroy(self, instance: Model) -> None:
        services.workout_log_delete(session=instance)  # type: ignore[arg-type]


class RunViewSet(OwnedModelViewSet):
    model = RunSession
    serializer_class = RunSerializer
    create_service = services.run_log_create
    update_service = services.run_log_update
    delete_service = services.run_log_delete
    instance_name = "run"


class InjuryViewSet(OwnedModelViewSet):
    model = Injury
    serializer_class = InjurySerializer
    create_service = services.injury_log_create
    update_service = services.injury_log_update
    delete_service = services.injury_log_delete
    instance_name = "injury"


@extend_schema_view(list=extend_schema(parameters=[PersonalRecordFilterSerializer]))
class PersonalRecordViewSet(
    UnitContextMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Records are computed from logged sets; an athlete may read them or delete a bogus one."""

    serializer_class = PersonalRecordSerializer

    def get_queryset(self) -> QuerySet[PersonalRecord]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no user
            return PersonalRecord.objects.none()
        queryset = PersonalRecord.objects.filter(user=self.request.user).select_related("exercise")
        if self.action != "list":
            return queryset
        filters = PersonalRecordFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        if exercise := filters.validated_data.get("exercise"):
            queryset = queryset.filter(exercise_id=exercise)
        return queryset

    def perform_destroy(self, instance: PersonalRecord) -> None:
        services.personal_record_delete(record=instance)
