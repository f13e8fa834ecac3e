"""IANA time zone names ("Europe/Paris"): the set the zone database knows, and the schema's name."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

# The OpenAPI format of a field holding one (OpenAPI leaves formats open; the fuzz generates them).
TIME_ZONE_FORMAT = "iana-time-zone"


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())
