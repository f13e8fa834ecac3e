"""What the fuzz runs (the in-suite test and ``python -m bench.fuzz``) leave out, and why."""

from __future__ import annotations

from typing import Any

# Operations that create accounts or end the caller's own would stop the rest of the run.
SKIP = {("POST", "/api/auth/register"), ("DELETE", "/api/me")}

# Writes the schema cannot fully state, so a body it allows may still be refused: the
# positive-data check is off for these paths alone. Each refusal is a field error (400) naming
# the rule, or the documented 422 of a domain outcome. Everything a single field can say (bounds,
# patterns, NUL-free text, time zone names, decimals rounded to their places, a non-empty file
# list) is in the schema; checkins and PATCH /api/me are checked in full.
CROSS_FIELD_RULES = {
    # across fields of one body (OpenAPI 3.0 has no if/then between fields)
    "/api/workouts/": "a set has reps, a duration or a distance; a session ends after it starts",
    "/api/workouts/{id}/": "as /api/workouts/",
    "/api/runs/": "`avg_hr` at most `max_hr`; `distance_m` 0 or at least 10 m",
    "/api/runs/{id}/": "as /api/runs/",
    "/api/injuries/": "resolved on or after the onset",
    "/api/injuries/{id}/": "resolved on or after the onset",
    "/api/running/analyze": "exactly one of `run_id`, `run` or `file`",
    "/api/program/generate/running": "the recent race's pace within 2:30-12:00 /km, weeks to race",
    # references to what must exist (ids are not enumerable in a schema), or be known
    "/api/auth/password/change": "`old_password` is the account's current password",
    "/api/program/generate/strength": "`one_rep_max_kg` is keyed by catalog exercise ids",
    # what a text or a file says, read by rules: a documented 422 when it says too little
    "/api/injury/log": "`text` naming a region and severity, or `body_region` with `severity`",
    "/api/injury/analyze": "as /api/injury/log",
    "/api/voice/log": "the transcript holds training (else a 422 with what was heard)",
    "/api/imports/": "the file is a Strong or Hevy CSV or a GPX, TCX or FIT recording",
}
_WRITES = {"POST", "PUT", "PATCH"}


def excluded_checks(method: str, path: str) -> list[Any]:
    """The schemathesis checks that do not apply to one operation."""
    from schemathesis.checks import positive_data_acceptance

    return [positive_data_acceptance] if method in _WRITES and path in CROSS_FIELD_RULES else []


def register_formats() -> None:
    """Dates and date-times as the API takes them: from the day after
    ``training.limits.EARLIEST_DATE`` to two days ago (a day of margin for every time zone), so a
    valid example is never "in the future" nor before 1900; IANA time zone names from the zone
    database."""
    from datetime import UTC, date, datetime, time, timedelta

    import schemathesis
    from hypothesis import strategies as st

    from core.timezones import TIME_ZONE_FORMAT, time_zone_names
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
    schemathesis.openapi.format(TIME_ZONE_FORMAT, st.sampled_from(sorted(time_zone_names())))
