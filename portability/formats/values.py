"""Cell values as exporters write them ("5.0" reps, "" for none, "1h 5m" durations)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

_DURATION_RE = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


class RowError(ValueError):
    """One row cannot be read; it is skipped with this reason, the rest of the file goes on."""


def number(value: str, what: str) -> Decimal | None:
    """A decimal cell; empty means none."""
    if value is None or not value.strip():
        return None
    try:
        parsed = Decimal(value.strip())
    except InvalidOperation as exc:
        raise RowError(f"{what} {value!r} is not a number") from exc
    if not parsed.is_finite() or parsed < 0:
        raise RowError(f"{what} {value!r} is not a number of 0 or more")
    return parsed


def whole(value: str, what: str) -> int | None:
    """A count written as "5" or "5.0"; empty or zero means none."""
    parsed = number(value, what)
    if parsed is None or parsed == 0:
        return None
    if parsed != parsed.to_integral_value():
        raise RowError(f"{what} {value!r} is not a whole number")
    return int(parsed)


def positive(value: str, what: str) -> Decimal | None:
    """A measurement where 0 means "not recorded" (Strong writes 0 for an empty distance)."""
    parsed = number(value, what)
    return parsed if parsed else None


def rpe(value: str) -> Decimal | None:
    parsed = number(value, "RPE")
    if parsed is None or parsed == 0:
        return None
    if not 1 <= parsed <= 10:
        raise RowError(f"RPE {value!r} is outside 1-10")
    return parsed


def duration(value: str) -> timedelta | None:
    """Strong's workout length: "1h 5m", "45m", "50s"."""
    match = _DURATION_RE.match(value or "")
    if not value or not value.strip() or match is None:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def local_time(value: str, formats: tuple[str, ...], zone: ZoneInfo, what: str) -> datetime:
    """A wall-clock time in the athlete's time zone (exports carry no offset)."""
    for layout in formats:
        try:
            return datetime.strptime(value.strip(), layout).replace(tzinfo=zone)
        except ValueError:
            continue
    raise RowError(f"{what} {value!r} is not a date this export writes")
