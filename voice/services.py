"""Voice logging, the write path: a transcript saved as training in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import NotFound

from training import services as training_services
from training.limits import MAX_NOTES_LENGTH
from training.models import PersonalRecord, RunSession, WorkoutSession
from training.units import to_kg
from voice.corrections import voice_set_amend
from voice.errors import VoiceRejected
from voice.interpretation import Interpretation, TranscriptInterpreter, weight_unit_for
from voice.parsing.corrections import correction_parse


@dataclass
class VoiceLogResult:
    """What one voice log call did: the session, its runs, new records or the amended set."""

    status: int
    interpretation: Interpretation
    session: WorkoutSession | None = None
    runs: list[RunSession] = field(default_factory=list)
    records: list[PersonalRecord] = field(default_factory=list)
    amended_set_id: int | None = None


def _set_rows(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from training.models import Exercise

    ids = {entry["exercise"]["id"] for entry in entries if entry["kind"] == "strength"}
    exercises = Exercise.objects.in_bulk(ids)
    rows: list[dict[str, Any]] = []
    for entry in entries:
        if entry["kind"] != "strength":
            continue
        exercise = exercises[entry["exercise"]["id"]]
        for spec in entry["sets"]:
            weight = spec["weight"]
            rows.append(
                {
                    "exercise": exercise,
                    "reps": spec["reps"],
                    "weight_kg": to_kg(weight, spec["unit"]) if weight is not None else None,
                    "rpe": Decimal(str(spec["rpe"])) if spec["rpe"] is not None else None,
                    "rir": spec["rir"],
                    "is_bodyweight": exercise.bodyweight,
                    "duration_s": spec["duration_s"],
                    "distance_m": spec["distance_m"],
                    "per_side": spec["per_side"],
                }
            )
    return rows


def _own_session(user: Any, session_id: int) -> WorkoutSession:
    """The user's workout, locked for the amendment or the append; 404 for anyone else's."""
    session = WorkoutSession.objects.select_for_update().filter(user=user, pk=session_id).first()
    if session is None:
        raise NotFound("No such workout.")
    return session


def _checked_interpretation(transcript: str, weight_unit: str) -> Interpretation:
    """The interpretation, or ``VoiceRejected`` when it holds nothing or asks to confirm."""
    interpretation = TranscriptInterpreter(weight_unit).interpret(transcript)
    if not interpretation.entries:
        raise VoiceRejected(
            "no_training_found",
            "No training was found in the transcript.",
            interpretation.as_dict(),
        )
    if interpretation.needs_confirmation:
        raise VoiceRejected(
            "needs_confirmation",
            "Some entries need confirmation; nothing was logged.",
            interpretation.as_dict(),
        )
    return interpretation


def _log_sets(
    *,
    user: Any,
    session: WorkoutSession | None,
    rows: list[dict[str, Any]],
    transcript: str,
    now: datetime,
) -> tuple[WorkoutSession | None, list[PersonalRecord]]:
    """A new voice workout with the sets, or the sets appended to ``session``."""
    if not rows:
        return session, []
    if session is not None:
        return session, training_services.workout_sets_append(session=session, sets=rows)
    data = {"started_at": now, "source": "voice", "notes": transcript[:MAX_NOTES_LENGTH]}
    return training_services.workout_log_create(user=user, data=data, sets=rows)


def _log_runs(
    *, user: Any, entries: list[dict[str, Any]], transcript: str, now: datetime
) -> list[RunSession]:
    """One run (ride, row, swim, walk) per cardio entry."""
    return [
        training_services.run_log_create(
            user=user,
            data={
                "activity": entry["activity"],
                "started_at": now,
                "distance_m": entry["distance_m"],
                "duration_s": entry["duration_s"],
                "splits": entry.get("splits", []),
                "calories": entry.get("calories"),
                "source": "voice",
                "notes": transcript[:MAX_NOTES_LENGTH],
            },
        )
        for entry in entries
        if entry["kind"] == "cardio"
    ]


@transaction.atomic
def voice_log_create(
    *, user: Any, transcript: str, unit: str | None = None, session_id: int | None = None
) -> VoiceLogResult:
    """Log a transcript (or amend the last set of ``session_id``) in one transaction.

    Raises ``VoiceRejected`` (nothing saved) when no training is found or any entry needs
    confirmation; ``NotFound`` when ``session_id`` is not one of the user's workouts.
    """
    weight_unit = weight_unit_for(user, unit)
    session = _own_session(user, session_id) if session_id is not None else None
    correction = correction_parse(transcript) if session is not None else None
    if session is not None and correction is not None:
        amended = voice_set_amend(session=session, correction=correction, unit=weight_unit)
        empty = Interpretation(entries=[], unparsed=[], source="rules")
        return VoiceLogResult(status.HTTP_200_OK, empty, session, amended_set_id=amended)
    interpretation = _checked_interpretation(transcript, weight_unit)
    rows = _set_rows(interpretation.entries)
    now = timezone.now()
    session, records = _log_sets(
        user=user, session=session, rows=rows, transcript=transcript, now=now
    )
    runs = _log_runs(user=user, entries=interpretation.entries, transcript=transcript, now=now)
    return VoiceLogResult(status.HTTP_201_CREATED, interpretation, session, runs, records)
