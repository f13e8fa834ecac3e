"""The voice log response: the saved session, runs and records, once per idempotency key."""

from __future__ import annotations

from typing import Any

from core.errors import error_body
from training.selectors import workouts_for
from training.serializers import (
    PersonalRecordSerializer,
    RunSerializer,
    WorkoutOutputSerializer,
    unit_context,
)
from voice.errors import VoiceRejected
from voice.idempotency import (
    IdempotentResponse,
    idempotent_call,
    json_roundtrip,
    request_fingerprint,
)
from voice.services import VoiceLogResult, voice_log_create


def rejection_body(exc: VoiceRejected) -> tuple[int, dict[str, Any]]:
    """A rejection as the API answers it: the error shape plus the entries to confirm."""
    return exc.status_code, {**error_body(exc.code, exc.message), **exc.payload}


def render_log_result(user: Any, result: VoiceLogResult) -> dict[str, Any]:
    """The saved workout (read back fresh), runs, entries, amended set and new records."""
    context = unit_context(user)
    session = None
    if result.session is not None:
        fresh = workouts_for(user).get(pk=result.session.pk)
        session = WorkoutOutputSerializer(fresh, context=context).data
    return json_roundtrip(
        {
            "session": session,
            "runs": RunSerializer(result.runs, many=True, context=context).data,
            **result.interpretation.as_dict(),
            "amended_set_id": result.amended_set_id,
            "new_personal_records": PersonalRecordSerializer(
                result.records, many=True, context=context
            ).data,
        }
    )


def _logged(user: Any, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    result = voice_log_create(
        user=user,
        transcript=data["transcript"],
        unit=data.get("unit"),
        session_id=data.get("session_id"),
    )
    return result.status, render_log_result(user, result)


def voice_log_respond(*, user: Any, data: dict[str, Any], key: str | None) -> IdempotentResponse:
    """Log ``data`` and render it; with a key, a retry replays the first response.

    A rejection (422) is answered but not stored, so the key stays usable for the corrected
    request.
    """
    try:
        if key is None:
            return IdempotentResponse(*_logged(user, data), replayed=False)
        return idempotent_call(
            user=user,
            key=key,
            fingerprint=request_fingerprint(data),
            produce=lambda: _logged(user, data),
        )
    except VoiceRejected as exc:
        return IdempotentResponse(*rejection_body(exc), replayed=False)
