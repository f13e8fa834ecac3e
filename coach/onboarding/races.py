"""Race distances and finishing times as athletes say them ("a 1:45 half", "sub 20 5k")."""

from __future__ import annotations

import re

from training.units import METRES_PER_MILE

HALF_MARATHON_M = 21097.5
MARATHON_M = 42195.0
# Longest first, so "half marathon" wins over "marathon".
RACE_DISTANCES: tuple[tuple[str, float], ...] = (
    (r"half[ -]?marathon|\bhalf\b", HALF_MARATHON_M),
    (r"ultra|50 ?k\b", 50000.0),
    (r"marathon", MARATHON_M),
    (r"10 ?miler?s?\b|ten miler?", 10 * METRES_PER_MILE),
    (r"\b(?:10 ?k|10 ?km|ten k)\b", 10000.0),
    (r"\b(?:15 ?k|15 ?km)\b", 15000.0),
    (r"\b(?:5 ?k|5 ?km|five k|parkrun)\b", 5000.0),
    (r"\bmile\b", METRES_PER_MILE),
)
_DISTANCES = [(re.compile(pattern, re.I), metres) for pattern, metres in RACE_DISTANCES]
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b")
_MINUTES = re.compile(r"\b(?:in|of|under|sub)\s+(\d{1,3})\s*(?:min(?:ute)?s?|m)\b", re.I)


def race_distance(text: str) -> tuple[float, int] | None:
    """The race distance named in ``text`` and where it starts."""
    found = [(m.start(), metres) for pattern, metres in _DISTANCES if (m := pattern.search(text))]
    if not found:
        return None
    start, metres = min(found, key=lambda item: item[0])
    return metres, start


def finish_time_s(text: str, distance_m: float) -> int | None:
    """ "1:45" is hours and minutes for a half or longer, minutes and seconds below it."""
    clock = _CLOCK.search(text)
    if clock:
        first, second, third = int(clock[1]), int(clock[2]), clock[3]
        if third is not None:
            return first * 3600 + second * 60 + int(third)
        if distance_m >= HALF_MARATHON_M and first < 10:
            return first * 3600 + second * 60
        return first * 60 + second
    minutes = _MINUTES.search(text)
    return int(minutes[1]) * 60 if minutes else None
