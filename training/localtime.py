"""The athlete's calendar: their time zone, their today, and the UTC bounds of their days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

UTC = ZoneInfo("UTC")


def zone_named(name: str | None) -> ZoneInfo:
    """The IANA zone of that name; UTC for a blank or unknown one."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def user_zone(user: Any) -> ZoneInfo:
    """The zone on the athlete's profile (UTC without one)."""
    profile = getattr(user, "profile", None)
    return zone_named(getattr(profile, "timezone", None))


def today_in(zone: ZoneInfo) -> date:
    return timezone.now().astimezone(zone).date()


def user_today(user: Any) -> date:
    """Today's date where the athlete is."""
    return today_in(user_zone(user))


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The aware instant the local ``day`` begins."""
    return datetime.combine(day, time.min, tzinfo=zone)


def days_span(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """``[start, end)`` instants covering the local days ``first`` to ``last`` inclusive."""
    return day_start(first, zone), day_start(last + timedelta(days=1), zone)


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())
