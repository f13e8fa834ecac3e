"""Personal records derived from the logged sets, recomputed whenever the sets change.

A record is a best at the time it was set: walking an athlete's sessions of one exercise in the
order they happened, a session sets a record for a key (the e1RM, or the heaviest weight for a
rep count) when its best set beats every earlier session's. The rows are that history, and they
follow the data: a set logged at 200 kg and corrected to 80 kg no longer holds a 200 kg record,
and a correction that makes a new best records it. Only changed rows are written (each through
``save``/``delete``, so the cache-invalidating signals fire).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from training.models import PersonalRecord, RecordKind, SetLog

E1RM_MAX_REPS = 12
REP_MAX_MAX_REPS = 20

RecordKey = tuple[int, str, int | None]  # exercise id, kind, reps (rep maxes only)


def estimated_1rm(weight_kg: float | Decimal, reps: int) -> Decimal:
    """Epley's estimate, ``w * (1 + reps / 30)``; a single is its own 1RM."""
    weight = Decimal(str(weight_kg))
    if reps <= 1:
        return weight.quantize(Decimal("0.01"))
    return (weight * (1 + Decimal(reps) / 30)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class LoggedSet:
    """The fields of one logged set that records are computed from."""

    id: int
    exercise_id: int
    session_id: int
    started_at: datetime
    reps: int | None
    weight_kg: Decimal | None
    duration_s: int | None
    distance_m: float | None
    is_warmup: bool


def record_values(logged: LoggedSet) -> list[tuple[str, int | None, Decimal]]:
    """Every (kind, reps, value) record this set could hold on its own.

    The value is what is compared: the load for e1RM, rep max and carry records, the seconds
    for a hold (the longest hold wins, whatever its load).
    """
    loaded = logged.weight_kg is not None and logged.weight_kg > 0
    if logged.reps is None and logged.duration_s is not None and not logged.is_warmup:
        return [(RecordKind.LONGEST_HOLD.value, None, Decimal(logged.duration_s))]
    if logged.reps is None and logged.distance_m is not None and loaded and not logged.is_warmup:
        assert logged.weight_kg is not None
        return [(RecordKind.HEAVIEST_CARRY.value, None, logged.weight_kg)]
    if logged.reps is None or logged.weight_kg is None or logged.weight_kg <= 0:
        return []  # a bodyweight set or an unloaded carry sets no load record
    values: list[tuple[str, int | None, Decimal]] = []
    if logged.reps <= E1RM_MAX_REPS:
        values.append(
            (RecordKind.ESTIMATED_1RM.value, None, estimated_1rm(logged.weight_kg, logged.reps))
        )
    if logged.reps <= REP_MAX_MAX_REPS:
        values.append((RecordKind.REP_MAX.value, logged.reps, logged.weight_kg))
    return values


@dataclass(frozen=True)
class RecordRow:
    """One record of the history: the key, the value, the set that holds it and when."""

    key: RecordKey
    value_kg: Decimal  # the compared value (seconds for a hold)
    set_log_id: int
    achieved_at: datetime
    load_kg: Decimal | None = None  # what is stored as the load when it is not the value
    duration_s: int | None = None
    distance_m: float | None = None

    @property
    def stored(self) -> tuple[Decimal, int | None, float | None]:
        """The record row's (value_kg, duration_s, distance_m)."""
        value_kg = self.load_kg if self.load_kg is not None else self.value_kg
        return value_kg, self.duration_s, self.distance_m

    def as_record(self, user_id: int) -> PersonalRecord:
        """The unsaved ``PersonalRecord`` row this history entry is."""
        exercise_id, kind, reps = self.key
        return PersonalRecord(
            user_id=user_id,
            exercise_id=exercise_id,
            kind=kind,
            reps=reps,
            value_kg=self.stored[0],
            duration_s=self.duration_s,
            distance_m=self.distance_m,
            achieved_at=self.achieved_at,
            set_log_id=self.set_log_id,
        )


def record_history(sets: Iterable[LoggedSet]) -> list[RecordRow]:
    """The records ``sets`` (in the order they happened) set: one per key per session at most."""
    best: dict[RecordKey, Decimal] = {}
    history: list[RecordRow] = []
    session_best: dict[RecordKey, RecordRow] = {}
    current_session: int | None = None

    def close_session() -> None:
        for key, row in session_best.items():
            if key not in best or row.value_kg > best[key]:
                best[key] = row.value_kg
                history.append(row)
        session_best.clear()

    for logged in sets:
        if logged.session_id != current_session:
            close_session()
            current_session = logged.session_id
        for kind, reps, value in record_values(logged):
            key = (logged.exercise_id, kind, reps)
            if key not in session_best or value > session_best[key].value_kg:
                session_best[key] = _row(key, value, logged)
    close_session()
    return history


def _row(key: RecordKey, value: Decimal, logged: LoggedSet) -> RecordRow:
    kind = key[1]
    if kind == RecordKind.LONGEST_HOLD.value:
        load = logged.weight_kg if logged.weight_kg is not None else Decimal(0)
        return RecordRow(key, value, logged.id, logged.started_at, load, logged.duration_s)
    if kind == RecordKind.HEAVIEST_CARRY.value:
        distance = logged.distance_m
        return RecordRow(key, value, logged.id, logged.started_at, None, None, distance)
    return RecordRow(key, value, logged.id, logged.started_at)


def logged_sets(user_id: int, exercise_ids: Collection[int]) -> list[LoggedSet]:
    """The user's sets of these exercises, in the order they happened."""
    rows = (
        SetLog.objects.filter(session__user_id=user_id, exercise_id__in=exercise_ids)
        .order_by("session__started_at", "session_id", "order", "id")
        .values_list(
            "id",
            "exercise_id",
            "session_id",
            "session__started_at",
            "reps",
            "weight_kg",
            "duration_s",
            "distance_m",
            "is_warmup",
        )
    )
    return [LoggedSet(*row) for row in rows]


def personal_records_recompute(
    *, user_id: int, exercise_ids: Collection[int]
) -> list[PersonalRecord]:
    """Make the user's records of these exercises match their sets; returns rows set or raised.

    Call inside the writing transaction. The user's row is locked so two concurrent writes of
    one athlete do not both add the same record.
    """
    ids = {exercise_id for exercise_id in exercise_ids if exercise_id is not None}
    if not ids:
        return []
    list(get_user_model().objects.select_for_update().filter(pk=user_id).values_list("pk"))
    wanted: dict[tuple[RecordKey, int | None], RecordRow] = {
        (row.key, row.set_log_id): row for row in record_history(logged_sets(user_id, ids))
    }
    changed: list[PersonalRecord] = []
    for record in PersonalRecord.objects.filter(user_id=user_id, exercise_id__in=ids):
        row = wanted.pop(((record.exercise_id, record.kind, record.reps), record.set_log_id), None)
        if row is None:
            record.delete()  # its set is gone, changed, or no longer a best at its time
        elif _stored(record) != (*row.stored, row.achieved_at):
            record.value_kg, record.duration_s, record.distance_m = row.stored
            record.achieved_at = row.achieved_at
            fields = ["value_kg", "duration_s", "distance_m", "achieved_at", "updated_at"]
            record.save(update_fields=fields)
            changed.append(record)
    for row in wanted.values():
        record = row.as_record(user_id)
        record.save()
        changed.append(record)
    return sorted(changed, key=lambda record: (record.exercise_id, record.kind, record.reps or 0))


def _stored(
    record: PersonalRecord,
) -> tuple[Decimal, int | None, float | None, datetime]:
    return record.value_kg, record.duration_s, record.distance_m, record.achieved_at
