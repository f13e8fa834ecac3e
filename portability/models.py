"""Import and export jobs, and the natural keys that make a second import of a file a no-op."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from training.models import RunSession, WorkoutSession


class ImportFormat(models.TextChoices):
    STRONG = "strong", "Strong CSV export"
    HEVY = "hevy", "Hevy CSV export"
    ACTIVITY = "activity", "GPX, TCX or FIT recordings (or a zip of them)"


class ImportStatus(models.TextChoices):
    QUEUED = "queued"
    READING = "reading"
    NEEDS_CONFIRMATION = "needs_confirmation"
    IMPORTING = "importing"
    DONE = "done"
    FAILED = "failed"


class ImportJob(models.Model):
    """One upload: its files, what reading them found, and what the import wrote."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imports"
    )
    format = models.CharField(max_length=10, choices=ImportFormat.choices)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    weight_unit = models.CharField(max_length=2, default="kg")
    timezone = models.CharField(max_length=64, default="UTC")
    file = models.FileField(upload_to="imports/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    content_hash = models.CharField(max_length=64)
    rows_read = models.PositiveIntegerField(default=0)
    sessions_created = models.PositiveIntegerField(default=0)
    sets_created = models.PositiveIntegerField(default=0)
    runs_created = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=list, blank=True)
    overrides = models.JSONField(default=dict, blank=True)
    error = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The same files twice are the same import (a failed one may be tried again).
            models.UniqueConstraint(
                fields=["user", "content_hash"],
                condition=~Q(status="failed"),
                name="import_once_per_content",
            )
        ]

    def __str__(self) -> str:
        return f"{self.format} import {self.pk} of {self.user_id} ({self.status})"


class ImportedItem(models.Model):
    """A session or run an import created, under its natural key (unique per athlete)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    job = models.ForeignKey(ImportJob, null=True, on_delete=models.SET_NULL, related_name="items")
    workout = models.ForeignKey(
        WorkoutSession, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    run = models.ForeignKey(
        RunSession, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="imported_item_user_key")
        ]

    def __str__(self) -> str:
        return self.key


class ExportStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    EXPIRED = "expired"


class ExportJob(models.Model):
    """A zip of everything an athlete owns, downloadable by them alone until it expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    file = models.FileField(upload_to="exports/", blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    error = models.JSONField(default=dict, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"export {self.pk} of {self.user_id} ({self.status})"
