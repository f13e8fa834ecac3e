"""Strong's CSV export: one row per set, sessions keyed by their date and workout name.

Quirks: weights are in the exporting unit (the request says which), distances in km or miles
to match; reps and seconds are written as decimals ("10.0"), 0 means none; "Set Order" is a
number, "W" (warm-up), "D" (drop set), "F" (failure), or "Rest Timer" on rows that only hold a
rest; RPE is mostly empty.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from portability.formats import values
from portability.formats.sets import set_from_cells
from portability.formats.text import csv_rows, decoded
from portability.records import ParsedWorkout, ParseResult, Skipped

COLUMNS = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
WARMUP_MARK = "W"
REST_TIMER = "rest timer"


def parse(
    data: bytes, name: str, *, weight_unit: str, zone: ZoneInfo, max_rows: int
) -> ParseResult:
    distance_unit = "km" if weight_unit == "kg" else "mi"
    result = ParseResult()
    sessions: dict[tuple[str, str], ParsedWorkout] = {}
    for line, row in csv_rows(decoded(data, name), name, required=COLUMNS, max_rows=max_rows):
        result.rows_read += 1
        order = row["Set Order"]
        if order.lower() == REST_TIMER:
            result.skipped.append(Skipped("a rest timer, not a set", line, name))
            continue
        try:
            key = (row["Date"], row["Workout Name"])
            workout = sessions.get(key)
            if workout is None:
                workout = _workout(row, zone)
            parsed = set_from_cells(
                exercise=row["Exercise Name"],
                row=line,
                reps=row["Reps"],
                weight=row["Weight"],
                weight_unit=weight_unit,
                distance=row["Distance"],
                distance_unit=distance_unit,
                seconds=row["Seconds"],
                rpe=row["RPE"],
                is_warmup=order.upper() == WARMUP_MARK,
            )
        except values.RowError as exc:
            result.skipped.append(Skipped(str(exc), line, name))
            continue
        sessions.setdefault(key, workout).sets.append(parsed)
    result.workouts = list(sessions.values())
    return result


def _workout(row: dict[str, str], zone: ZoneInfo) -> ParsedWorkout:
    started = values.local_time(row["Date"], DATE_FORMATS, zone, "Date")
    length = values.duration(row["Duration"])
    return ParsedWorkout(
        started_at=started,
        title=row["Workout Name"],
        ended_at=started + length if length else None,
        notes=row["Workout Notes"],
    )
