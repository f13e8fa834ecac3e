"""Bulk writes for history imports: thousands of sessions in a few statements, records replayed.

The row-at-a-time services (``workout_log_create``) send a signal per row and detect records
per session as it is logged; an import of five years writes in batches instead, validates
every row with the models' own field validators first, and rebuilds the athlete's personal
records once, in date order, at the end. ``bulk_create`` sends no signals: the caller bumps
the athlete's context generation once (DESIGN.md section 6).

They run inside the caller's transaction (one import, one transaction) and open none of their
own, so the signals of the old records they delete register their on-commit work at the
caller's level, where the caller's own generation bump is recognised as the same one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection

from training.models import PersonalRecord, RunSession, SetLog, WorkoutSession
from training.records import logged_sets, record_history

BATCH_SIZE = 2000


@dataclass(frozen=True)
class WorkoutInput:
    """One session's fields and its sets' fields (``exercise_id`` for the exercise)."""

    data: dict[str, Any]
    sets: Sequence[dict[str, Any]]


@dataclass
class BulkResult:
    created: list[Any] = field(default_factory=list)
    sets_created: int = 0
    # (index of the input, index of the set or None, why it was left out)
    rejected: list[tuple[int, int | None, str]] = field(default_factory=list)


def _require_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("bulk writes run inside the caller's transaction.atomic() block")


def _problem(instance: Any, exclude: list[str]) -> str | None:
    """The model's own validation (fields and ``clean``), without a query per row."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
        )
    return None


def workouts_bulk_create(
    *,
    user: Any,
    workouts: Sequence[WorkoutInput],
    progress: Callable[[int], None] | None = None,
) -> BulkResult:
    """Create valid sessions with their valid sets; a session left with no set is left out."""
    _require_transaction()
    result = BulkResult()
    sessions: list[WorkoutSession] = []
    pending: list[list[SetLog]] = []
    for index, workout in enumerate(workouts):
        session = WorkoutSession(user=user, **workout.data)
        problem = _problem(session, ["user"])
        sets: list[SetLog] = []
        for order, values in enumerate(workout.sets):
            set_log = SetLog(order=order, **values)
            set_problem = _problem(set_log, ["session", "exercise"])
            if set_problem:
                result.rejected.append((index, order, set_problem))
            else:
                sets.append(set_log)
        if problem or not sets:
            result.rejected.append((index, None, problem or "no set could be stored"))
            continue
        sessions.append(session)
        pending.append(sets)
    for start in range(0, len(sessions), BATCH_SIZE):
        WorkoutSession.objects.bulk_create(sessions[start : start + BATCH_SIZE])
        if progress:
            progress(min(start + BATCH_SIZE, len(sessions)))
    rows = [
        set_log
        for session, sets in zip(sessions, pending, strict=True)
        for set_log in _bind(session, sets)
    ]
    SetLog.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    result.created, result.sets_created = sessions, len(rows)
    return result


def _bind(session: WorkoutSession, sets: list[SetLog]) -> list[SetLog]:
    for set_log in sets:
        set_log.session = session
    return sets


def runs_bulk_create(*, user: Any, runs: Sequence[dict[str, Any]]) -> BulkResult:
    """Create every valid run (fields as ``RunSession`` takes them)."""
    _require_transaction()
    result = BulkResult()
    valid: list[RunSession] = []
    for index, values in enumerate(runs):
        run = RunSession(user=user, **values)
        problem = _problem(run, ["user"])
        if problem:
            result.rejected.append((index, None, problem))
        else:
            valid.append(run)
    result.created = RunSession.objects.bulk_create(valid, batch_size=BATCH_SIZE)
    return result


def personal_records_rebuild(*, user: Any) -> int:
    """Replay the athlete's whole history in date order with the usual record rules.

    An import can add sessions older than the records already held, so records are derived
    again from all sessions by ``training.records.record_history``, as if each had been logged
    on its day. Two reads, one delete and one batched insert, however long the history.
    Returns the count.
    """
    _require_transaction()
    exercise_ids = set(
        SetLog.objects.filter(session__user=user).values_list("exercise_id", flat=True).distinct()
    )
    records = [row.as_record(user.pk) for row in record_history(logged_sets(user.pk, exercise_ids))]
    PersonalRecord.objects.filter(user=user).delete()
    PersonalRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
    return len(records)
