"""Idempotency records: the first response to a keyed voice-log request, replayed on retry."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

IDEMPOTENCY_TTL = timedelta(hours=24)


class IdempotencyRecordQuerySet(models.QuerySet["IdempotencyRecord"]):
    def expired(self) -> IdempotencyRecordQuerySet:
        return self.filter(created_at__lt=timezone.now() - IDEMPOTENCY_TTL)


class IdempotencyRecord(models.Model):
    """One ``Idempotency-Key`` of one user; the row is inserted before the work it guards."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IdempotencyRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="voice_idempotency_user_key")
        ]
        indexes = [models.Index(fields=["created_at"], name="voice_idempotency_created")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key} -> {self.response_status}"
