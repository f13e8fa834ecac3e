"""Estimated one-rep max and personal-record detection for logged sets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from training.models import PersonalRecord, RecordKind, SetLog, WorkoutSession

E1RM_MAX_REPS = 12
REP_MAX_MAX_REPS = 20


def estimated_1rm(weight_kg: float | Decimal, reps: int) -> Decimal:
    """Epley's estimate, ``w * (1 + reps / 30)``; a single is its own 1RM."""
    weight = Decimal(str(weight_kg))
    if reps <= 1:
        return weight.quantize(Decimal("0.01"))
    return (weight * (1 + Decimal(reps) / 30)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class _Candidate:
    exercise_id: int
    kind: str
    reps: int | None
    value_kg: Decimal
    set_log: SetLog


def _candidates(sets: Iterable[SetLog]) -> dict[tuple[int, str, int | None], _Candidate]:
    """The session's best set for every record key it could set."""
    best: dict[tuple[int, str, int | None], _Candidate] = {}
    for set_log in sets:
        if set_log.reps is None or set_log.weight_kg is None or set_log.weight_kg <= 0:
            continue  # a timed hold or a carry sets no rep or e1RM record
        options: list[tuple[str, int | None, Decimal]] = []
        if set_log.reps <= E1RM_MAX_REPS:
            e1rm = estimated_1rm(set_log.weight_kg, set_log.reps)
            options.append((RecordKind.ESTIMATED_1RM.value, None, e1rm))
        if set_log.reps <= REP_MAX_MAX_REPS:
            options.append((RecordKind.REP_MAX.value, set_log.reps, set_log.weight_kg))
        for kind, reps, value in options:
            key = (set_log.exercise_id, kind, reps)
            if key not in best or value > best[key].value_kg:
                best[key] = _Candidate(set_log.exercise_id, kind, reps, value, set_log)
    return best


def personal_records_detect(session: WorkoutSession) -> list[PersonalRecord]:
    """Record every best this session beat (or set for the first time); two queries."""
    candidates = _candidates(session.sets.all())
    if not candidates:
        return []
    previous = {
        (row["exercise_id"], row["kind"], row["reps"]): row["best"]
        for row in PersonalRecord.objects.filter(
            user_id=session.user_id, exercise_id__in={key[0] for key in candidates}
        )
        .values("exercise_id", "kind", "reps")
        .annotate(best=Max("value_kg"))
    }
    new_records = [
        PersonalRecord(
            user_id=session.user_id,
            exercise_id=candidate.exercise_id,
            kind=candidate.kind,
            reps=candidate.reps,
            value_kg=candidate.value_kg,
            achieved_at=session.started_at,
            set_log=candidate.set_log,
        )
        for key, candidate in candidates.items()
        if key not in previous or candidate.value_kg > previous[key]
    ]
    for record in new_records:
        record.save()
    return new_records
