"""What the fuzz runs (the in-suite test and ``python -m bench.fuzz``) leave out, and why."""

from __future__ import annotations

from typing import Any

# Operations that create accounts or end the caller's own would stop the rest of the run.
SKIP = {("POST", "/api/auth/register"), ("DELETE", "/api/me")}

# Rules across fields or against the world that OpenAPI cannot state, so a body the schema
# allows may still be a 400: the positive-data check is off for writes to these paths alone.
CROSS_FIELD_RULES = {
    "/api/workouts/": "a set has reps, a duration or a distance, and a weight unless bodyweight",
    "/api/workouts/{id}/": "as /api/workouts/, and a session ends after it starts",
    "/api/runs/": "`avg_hr` at most `max_hr`",
    "/api/runs/{id}/": "`avg_hr` at most `max_hr`",
    "/api/injuries/": "resolved on or after the onset",
    "/api/injuries/{id}/": "resolved on or after the onset",
    "/api/checkins/": "one check-in per day",
    "/api/checkins/{id}/": "one check-in per day",
    "/api/injury/log": "`text`, or `body_region` with `severity`",
    "/api/injury/analyze": "`text`, or `body_region` with `severity`",
    "/api/running/analyze": "exactly one of `run_id`, `run` or `file`",
    "/api/program/generate/running": "the recent race's pace within 2:30-12:00 /km",
    "/api/program/generate/strength": "`one_rep_max_kg` is keyed by exercise ids",
    "/api/voice/log": "the transcript holds training (else a 422 with what was heard)",
    "/api/imports/": "the time zone is an IANA name",
    "/api/me": "the time zone is an IANA name",
}
_WRITES = {"POST", "PUT", "PATCH"}


def excluded_checks(method: str, path: str) -> list[Any]:
    """The schemathesis checks that do not apply to one operation."""
    from schemathesis.checks import positive_data_acceptance

    return [positive_data_acceptance] if method in _WRITES and path in CROSS_FIELD_RULES else []


def register_formats() -> None:
    """Dates and date-times as the API takes them: from the day after
    ``training.limits.EARLIEST_DATE`` to two days ago (a day of margin for every time zone), so a
    valid example is never "in the future" nor before 1900."""
    from datetime import UTC, date, datetime, time, timedelta

    import schemathesis
    from hypothesis import strategies as st

    from training import limits

    earliest = limits.EARLIEST_DATE + timedelta(days=1)
    latest = date.today() - timedelta(days=2)
    days = st.dates(min_value=earliest, max_value=latest)
    moments = st.datetimes(
        min_value=datetime.combine(earliest, time.min),
        max_value=datetime.combine(latest, time.min),
    )
    schemathesis.openapi.format("date", days.map(date.isoformat))
    schemathesis.openapi.format(
        "date-time", moments.map(lambda moment: moment.replace(tzinfo=UTC).isoformat())
    )
