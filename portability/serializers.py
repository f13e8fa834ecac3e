"""Input and output serializers for imports, exports and account deletion."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.serializers import ModelSerializer, Serializer, TimeZoneField
from portability.models import ExportJob, ImportJob
from portability.progress import progress_get
from portability.reading import ACTIVITY, FORMATS
from training.units import WEIGHT_UNITS

# Clients may name the recording type; all of them are read by the same activity reader.
FORMAT_ALIASES = {"gpx": ACTIVITY, "tcx": ACTIVITY, "fit": ACTIVITY, "zip": ACTIVITY}


class ImportCreateSerializer(Serializer):
    file = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        allow_empty=False,
        min_length=1,
        help_text="One or more files (repeat the field), or a zip of them.",
    )
    format = serializers.ChoiceField(
        choices=[*FORMATS, *FORMAT_ALIASES],
        help_text="strong | hevy | activity (GPX, TCX or FIT; gpx/tcx/fit/zip mean the same).",
    )
    unit = serializers.ChoiceField(
        choices=WEIGHT_UNITS,
        required=False,
        help_text="The unit Strong exported weights in (km or miles for distances to match); "
        "default: the profile's. Hevy files name their unit in the header.",
    )
    timezone = TimeZoneField(
        required=False,
        help_text="IANA zone the export's wall-clock times are in; default: the profile's.",
    )

    def validate_format(self, value: str) -> str:
        return FORMAT_ALIASES.get(value, value)


class ImportConfirmSerializer(Serializer):
    overrides = serializers.DictField(
        child=serializers.IntegerField(allow_null=True, min_value=1),
        required=False,
        default=dict,
        help_text="Exporter name -> catalog exercise id, or null to leave that name's sets out.",
    )


class MappingEntrySerializer(Serializer):
    name = serializers.CharField()
    exercise = serializers.DictField(allow_null=True)
    confidence = serializers.FloatField()
    method = serializers.CharField()
    needs_confirmation = serializers.BooleanField()
    sets = serializers.IntegerField()
    candidates = serializers.ListField(child=serializers.DictField())


class SkippedSerializer(Serializer):
    row = serializers.IntegerField(allow_null=True)
    file = serializers.CharField()
    reason = serializers.CharField()


class ProgressSerializer(Serializer):
    stage = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()


class ImportOutputSerializer(ModelSerializer):
    mapping = MappingEntrySerializer(many=True)
    skipped = SkippedSerializer(many=True)
    progress = serializers.SerializerMethodField()
    error = serializers.DictField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "format",
            "status",
            "file_name",
            "size_bytes",
            "weight_unit",
            "timezone",
            "rows_read",
            "sessions_created",
            "sets_created",
            "runs_created",
            "rows_skipped",
            "skipped",
            "mapping",
            "overrides",
            "progress",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ProgressSerializer(allow_null=True))
    def get_progress(self, job: ImportJob) -> dict[str, Any] | None:
        return progress_get(job.user_id, job.pk)


class ExportOutputSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "status",
            "size_bytes",
            "counts",
            "download_url",
            "expires_at",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, job: ExportJob) -> str | None:
        if job.status != "done":
            return None
        path = reverse("export-download", kwargs={"pk": job.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AccountDeleteSerializer(Serializer):
    password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)

    def validate_password(self, value: str) -> str:
        if not self.context["user"].check_password(value):
            raise serializers.ValidationError("The password is not correct.")
        return value
