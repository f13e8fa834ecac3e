"""What voice answers instead of logging: a rejection to confirm, or a reused idempotency key."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.exceptions import APIException


class VoiceRejected(Exception):
    """Nothing was logged; the parsed entries go back so the app can ask the athlete."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY

    def __init__(self, code: str, message: str, payload: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.payload = payload or {}


class IdempotencyConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This Idempotency-Key was already used with a different request body."
    default_code = "idempotency_key_reused"
