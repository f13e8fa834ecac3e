"""Hevy's CSV export: one quoted row per set, sessions keyed by start time and title.

Quirks: the unit is in the column name (``weight_lbs`` or ``weight_kg``, ``distance_miles`` or
``distance_km``); times are written "13 Jun 2023, 17:12"; ``set_type`` is normal, warmup,
dropset or failure; ``superset_id`` groups exercises done back to back (their rows are
interleaved in set order already); ``set_index`` counts from 0; RPE is mostly empty.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from portability.formats import values
from portability.formats.sets import set_from_cells
from portability.formats.text import csv_rows, decoded
from portability.records import ParsedWorkout, ParseResult, Skipped
from portability.rejections import FileRejected

COLUMNS = (
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "reps",
    "duration_seconds",
    "rpe",
)
WEIGHT_COLUMNS = {"weight_kg": "kg", "weight_lbs": "lb"}
DISTANCE_COLUMNS = {"distance_km": "km", "distance_miles": "mi"}
DATE_FORMATS = ("%d %b %Y, %H:%M", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S")
WARMUP = "warmup"


def parse(data: bytes, name: str, *, zone: ZoneInfo, max_rows: int) -> ParseResult:
    result = ParseResult()
    sessions: dict[tuple[str, str], ParsedWorkout] = {}
    rows = csv_rows(decoded(data, name), name, required=COLUMNS, max_rows=max_rows)
    weight_column = distance_column = ""
    for line, row in rows:
        if not weight_column:
            weight_column = _unit_column(row, WEIGHT_COLUMNS, name)
            distance_column = _unit_column(row, DISTANCE_COLUMNS, name)
        result.rows_read += 1
        try:
            key = (row["start_time"], row["title"])
            workout = sessions.get(key) or _workout(row, zone)
            parsed = set_from_cells(
                exercise=row["exercise_title"],
                row=line,
                reps=row["reps"],
                weight=row[weight_column],
                weight_unit=WEIGHT_COLUMNS[weight_column],
                distance=row[distance_column],
                distance_unit=DISTANCE_COLUMNS[distance_column],
                seconds=row["duration_seconds"],
                rpe=row["rpe"],
                is_warmup=row["set_type"].lower() == WARMUP,
            )
        except values.RowError as exc:
            result.skipped.append(Skipped(str(exc), line, name))
            continue
        sessions.setdefault(key, workout).sets.append(parsed)
    result.workouts = list(sessions.values())
    return result


def _unit_column(row: dict[str, str], options: dict[str, str], name: str) -> str:
    for column in options:
        if column in row:
            return column
    raise FileRejected(
        "missing_columns",
        f"{name} has none of the columns {' or '.join(options)}.",
        {"missing": list(options)},
    )


def _workout(row: dict[str, str], zone: ZoneInfo) -> ParsedWorkout:
    started = values.local_time(row["start_time"], DATE_FORMATS, zone, "start_time")
    ended = (
        values.local_time(row["end_time"], DATE_FORMATS, zone, "end_time")
        if row["end_time"]
        else None
    )
    return ParsedWorkout(
        started_at=started,
        title=row["title"],
        ended_at=ended if ended and ended >= started else None,
        notes=row["description"],
    )
