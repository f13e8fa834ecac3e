"""Idempotent voice logging: one stored response per (user, Idempotency-Key)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from rest_framework.utils.encoders import JSONEncoder

from voice.errors import IdempotencyConflict
from voice.models import IdempotencyRecord


def request_fingerprint(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def json_roundtrip(body: dict[str, Any]) -> dict[str, Any]:
    """The body exactly as it will be stored and replayed (DRF's encoder, as the API renders it:
    decimals are numbers)."""
    return json.loads(json.dumps(body, cls=JSONEncoder))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class IdempotentResponse:
    status: int
    body: dict[str, Any]
    replayed: bool


def idempotent_call(
    *, user: Any, key: str, fingerprint: str, produce: Callable[[], tuple[int, dict[str, Any]]]
) -> IdempotentResponse:
    """Run ``produce`` once per (user, key); retries get the stored first response.

    The record is inserted first, in the same transaction as the work: a concurrent retry's
    insert waits on the unique constraint until the first commits, then replays its response.
    If ``produce`` raises, the insert rolls back with the work and the key stays unused.
    """
    IdempotencyRecord.objects.filter(user=user, key=key).expired().delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(user=user, key=key, request_hash=fingerprint)
            code, body = produce()
            body = json_roundtrip(body)
            record.response_status, record.response_body = code, body
            record.save(update_fields=["response_status", "response_body", "updated_at"])
            return IdempotentResponse(code, body, replayed=False)
    except IntegrityError:
        existing = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if existing is None or existing.response_status is None:
            raise
    if existing.request_hash != fingerprint:
        raise IdempotencyConflict()
    return IdempotentResponse(existing.response_status, existing.response_body, replayed=True)
