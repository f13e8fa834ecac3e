"""Program resources: list and show (nested), activate, the calendar feed, generation jobs."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.generics import RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from programs import services
from programs.ical import program_calendar
from programs.models import GenerationJob, Program
from programs.selectors import programs_for
from programs.serializers import GenerationJobSerializer, ProgramOutputSerializer


class ProgramViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in athlete's programs, weeks, sessions and prescriptions nested; a program is
    changed only by generating another, activating it, or deleting it."""

    serializer_class = ProgramOutputSerializer

    def get_queryset(self) -> QuerySet[Program]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Program.objects.none()
        return programs_for(self.request.user)

    def perform_destroy(self, instance: Program) -> None:
        services.program_delete(user=self.request.user, program=instance)

    @extend_schema(request=None, responses={200: ProgramOutputSerializer})
    def activate(self, request: Request, pk: str | None = None) -> Response:
        """Make this the active program of its kind (the previous one is archived)."""
        program = services.program_activate(user=request.user, program=self.get_object())
        return Response(self.get_serializer(programs_for(request.user).get(pk=program.pk)).data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.STR, description="text/calendar")})
    def calendar(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The planned sessions as an iCalendar feed."""
        program = self.get_object()
        response = HttpResponse(program_calendar(program), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="program-{program.pk}.ics"'
        return response


class GenerationJobView(RetrieveAPIView):
    """A program generation job: status, errors, and the program when done."""

    serializer_class = GenerationJobSerializer

    def get_object(self) -> GenerationJob:
        return get_object_or_404(
            GenerationJob.objects.select_related("user"),
            pk=self.kwargs["pk"],
            user=self.request.user,
        )
