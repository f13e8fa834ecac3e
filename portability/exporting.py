"""An athlete's data as a zip: JSON of every row they own and their sets in Strong's layout."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from portability.formats import strong
from portability.ownership import children, exported_models
from training.models import SetLog, WorkoutSession
from training.units import KG_PER_LB, METRES_PER_KM, METRES_PER_MILE

JSON_NAME = "voicefit.json"
CSV_NAME = "strong_sets.csv"
README_NAME = "README.txt"
README = """VoiceFit export of {email}, made {made}.

voicefit.json  every row you own, by kind (app.model): workouts with their sets, runs with
               splits, injuries, personal records, programs, check-ins, conversations, profile.
               Stored units: kilograms, metres, seconds; times in UTC.
strong_sets.csv  your sets in Strong's CSV layout (weights in {weight_unit}, distances in
               {distance_unit}, times in {zone}), which Strong, Hevy and VoiceFit can import.
"""
PRIVATE_USER_FIELDS = ("email", "tier", "date_joined")


def _row(instance: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _rows(model: type[models.Model], queryset: models.QuerySet) -> list[dict[str, Any]]:
    """Rows with their cascading children nested under the relation's name."""
    rows = [_row(instance) for instance in queryset.order_by("pk")]
    by_id = {row["id"]: row for row in rows}
    for child in children(model):
        nested = child.model._default_manager.filter(**{f"{child.field}__in": list(by_id)})
        for item in _rows(child.model, nested):
            parent = by_id.get(item[f"{child.field}_id"])
            if parent is not None:
                parent.setdefault(child.accessor, []).append(item)
    return rows


def export_json(user: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "user": {name: getattr(user, name) for name in PRIVATE_USER_FIELDS},
    }
    for model in exported_models():
        data[model._meta.label_lower] = _rows(model, model._default_manager.filter(user=user))
    return data


def _number(value: Decimal | float | None, places: int) -> str:
    if value is None:
        return ""
    return f"{float(value):.{places}f}".rstrip("0").rstrip(".")


def _duration(session: WorkoutSession) -> str:
    if session.ended_at is None:
        return "0m"
    minutes = int((session.ended_at - session.started_at).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def _weight_in(weight_kg: Decimal | None, unit: str) -> Decimal | None:
    """Unrounded, so an import of the file stores the same 0.01 kg again."""
    if weight_kg is None:
        return None
    return Decimal(weight_kg) / KG_PER_LB if unit == "lb" else Decimal(weight_kg)


def strong_csv(user: Any, *, weight_unit: str, zone: Any) -> tuple[str, int]:
    """Every set, one row each, in Strong's columns; weights exact to 0.0001 of the unit."""
    per_unit = METRES_PER_KM if weight_unit == "kg" else METRES_PER_MILE
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(strong.COLUMNS)
    sets = (
        SetLog.objects.filter(session__user=user)
        .select_related("session", "exercise")
        .order_by("session__started_at", "session_id", "order", "id")
    )
    count = 0
    working = 0
    current = None
    for set_log in sets.iterator(chunk_size=2000):
        session = set_log.session
        if session.pk != current:
            current, working = session.pk, 0
        title, _, notes = (session.notes or "Workout").partition("\n")
        if not set_log.is_warmup:
            working += 1
        weight = _weight_in(set_log.weight_kg, weight_unit)
        writer.writerow(
            [
                timezone.localtime(session.started_at, zone).strftime("%Y-%m-%d %H:%M:%S"),
                title,
                _duration(session),
                set_log.exercise.name,
                strong.WARMUP_MARK if set_log.is_warmup else working,
                _number(weight, 4) or "0",
                set_log.reps or 0,
                _number(set_log.distance_m / per_unit if set_log.distance_m else None, 4) or "0",
                set_log.duration_s or 0,
                "",
                notes,
                _number(set_log.rpe, 1),
            ]
        )
        count += 1
    return buffer.getvalue(), count


def export_archive(user: Any) -> tuple[bytes, dict[str, int]]:
    """The zip's bytes and how many rows of each kind it holds."""
    profile = getattr(user, "profile", None)
    weight_unit = profile.weight_unit if profile else "kg"
    zone = ZoneInfo(getattr(profile, "timezone", "") or "UTC")
    data = export_json(user)
    table, set_rows = strong_csv(user, weight_unit=weight_unit, zone=zone)
    counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    counts["strong_csv_rows"] = set_rows
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, json.dumps(data, cls=DjangoJSONEncoder, indent=1))
        archive.writestr(CSV_NAME, table)
        archive.writestr(
            README_NAME,
            README.format(
                email=user.email,
                made=timezone.now().isoformat(timespec="seconds"),
                weight_unit=weight_unit,
                distance_unit="km" if weight_unit == "kg" else "miles",
                zone=zone.key,
            ),
        )
    return buffer.getvalue(), counts
