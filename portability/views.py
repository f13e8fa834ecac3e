"""Thin views for imports, exports and account deletion; the work is in services and tasks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.views import MeView
from core.errors import PayloadTooLarge, error_body
from portability import services
from portability.archive import Upload
from portability.deletion import account_delete
from portability.mapping import overrides_check
from portability.models import ExportJob, ExportStatus, ImportJob
from portability.rejections import FileRejected
from portability.serializers import (
    AccountDeleteSerializer,
    ExportOutputSerializer,
    ImportConfirmSerializer,
    ImportCreateSerializer,
    ImportOutputSerializer,
)

ERROR = OpenApiResponse(description="{error: {code, message, fields}}")
# Multipart framing around the files: a 50 MB file in a request of 50 MB + this is accepted.
MULTIPART_OVERHEAD = 64 * 1024


def _profile_value(user: Any, name: str, default: str) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, name, None) or default


def _rejected(exc: FileRejected) -> Response:
    return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)


class ImportListCreateView(generics.ListAPIView):
    serializer_class = ImportOutputSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[ImportJob]:
        return ImportJob.objects.filter(user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": ImportCreateSerializer},
        responses={
            202: ImportOutputSerializer,
            200: OpenApiResponse(ImportOutputSerializer, description="Same files as before"),
            400: ERROR,
            413: ERROR,
        },
        summary="Import history from Strong, Hevy, or GPX/TCX/FIT files",
    )
    def post(self, request: Request) -> Response:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.IMPORT_MAX_BYTES + MULTIPART_OVERHEAD:
            raise PayloadTooLarge(
                f"The upload is {length / 2**20:.1f} MB; at most "
                f"{settings.IMPORT_MAX_BYTES // 2**20} MB.",
                code="file_too_large",
            )
        serializer = ImportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        uploads = [Upload(f.name or "upload", f.read()) for f in data["file"]]
        try:
            job, created = services.import_job_create(
                user=request.user,
                uploads=uploads,
                format=data["format"],
                weight_unit=data.get("unit") or _profile_value(request.user, "weight_unit", "kg"),
                timezone_name=data.get("timezone")
                or _profile_value(request.user, "timezone", "UTC"),
            )
        except FileRejected as exc:
            return _rejected(exc)
        body = ImportOutputSerializer(job).data
        return Response(body, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)


class ImportDetailView(generics.RetrieveAPIView):
    serializer_class = ImportOutputSerializer

    def get_queryset(self) -> QuerySet[ImportJob]:
        return ImportJob.objects.filter(user=self.request.user)


class ImportConfirmView(APIView):
    @extend_schema(
        request=ImportConfirmSerializer,
        responses={202: ImportOutputSerializer, 400: ERROR, 404: ERROR, 409: ERROR},
        summary="Accept or correct the exercise mapping and run the import",
    )
    def post(self, request: Request, pk: int) -> Response:
        job = get_object_or_404(ImportJob, pk=pk, user=request.user)
        serializer = ImportConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        overrides = serializer.validated_data["overrides"]
        problems = overrides_check(job.mapping, overrides)
        if problems:
            body = error_body("invalid_overrides", "Some overrides cannot be applied.", problems)
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        try:
            job = services.import_job_confirm(job=job, overrides=overrides)
        except services.JobStateError as exc:
            body = error_body("import_not_awaiting_confirmation", str(exc))
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(ImportOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ExportCreateView(APIView):
    @extend_schema(
        request=None,
        responses={202: ExportOutputSerializer},
        summary="Export everything you own (a zip, built in the background)",
    )
    def post(self, request: Request) -> Response:
        job = services.export_job_create(user=request.user)
        body = ExportOutputSerializer(job, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)


class ExportDetailView(generics.RetrieveAPIView):
    serializer_class = ExportOutputSerializer

    def get_queryset(self) -> QuerySet[ExportJob]:
        return ExportJob.objects.filter(user=self.request.user)


class ExportDownloadView(APIView):
    @extend_schema(
        responses={
            (200, "application/zip"): OpenApiResponse(description="The export zip"),
            404: ERROR,
            409: ERROR,
            410: ERROR,
        },
        summary="Download an export (its owner only, until it expires)",
    )
    def get(self, request: Request, pk: int) -> Any:
        job = get_object_or_404(ExportJob, pk=pk, user=request.user)
        if job.status == ExportStatus.DONE and job.expires_at and job.expires_at <= timezone.now():
            services.exports_expire()
            job.refresh_from_db()
        if job.status == ExportStatus.EXPIRED:
            body = error_body("export_expired", "This export has expired; request a new one.")
            return Response(body, status=status.HTTP_410_GONE)
        if job.status != ExportStatus.DONE:
            body = error_body("export_not_ready", f"This export is {job.status}.")
            return Response(body, status=status.HTTP_409_CONFLICT)
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=(job.file.name or "export.zip").rsplit("/", 1)[-1],
            content_type="application/zip",
        )


class AccountView(MeView):
    """``/api/me``: the account and profile (GET, PATCH) and deleting it all (DELETE)."""

    @extend_schema(
        request=AccountDeleteSerializer,
        responses={204: None, 400: ERROR},
        summary="Delete the account and everything it owns (needs the password)",
    )
    def delete(self, request: Request) -> Response:
        serializer = AccountDeleteSerializer(data=request.data, context={"user": request.user})
        serializer.is_valid(raise_exception=True)
        account_delete(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
