"""Short answers to the question just asked ("four", "an hour", "none"), read for that field."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from accounts.models import Equipment, RunningBackground
from coach.injuries.words import NUMBER_WORD_PATTERN, number_value
from coach.onboarding.extract import extract_profile
from training.units import METRES_PER_MILE

_NUMBER = re.compile(rf"\b(\d+(?:\.\d+)?|{NUMBER_WORD_PATTERN})\b", re.I)
_NONE = re.compile(r"^\s*(?:no|none|nothing|nope|zero|0|not at all|i don'?t)\b", re.I)
_HOURS = re.compile(r"\b(an|one|1|1\.5|two|2) hours?\b|\bhour and a half\b", re.I)


def _first_number(text: str) -> float | None:
    match = _NUMBER.search(text)
    return number_value(match[1]) if match else None


def _days(text: str) -> int | None:
    value = _first_number(text)
    return int(value) if value is not None and 1 <= value <= 7 else None


def _minutes(text: str) -> int | None:
    if re.search(r"hour and a half", text, re.I):
        return 90
    hours = _HOURS.search(text)
    if hours:
        return round((number_value(hours[1]) or 1) * 60)
    value = _first_number(text)
    return int(value) if value is not None and 10 <= value <= 240 else None


def _experience(text: str) -> str | None:
    # "2 years" said in answer to "how long have you been training?"
    found = extract_profile(f"lifting for {text}", date.today()).values()
    return found.get("experience_level")


def _equipment(text: str) -> list[str] | None:
    return [str(Equipment.BODYWEIGHT)] if _NONE.search(text) else None


def _running(text: str) -> str | None:
    return str(RunningBackground.NONE) if _NONE.search(text) else None


def _weekly_km(text: str) -> float | None:
    if _NONE.search(text):
        return 0.0
    value = _first_number(text)
    if value is None:
        return None
    miles = re.search(r"\bmi(?:les?)?\b", text, re.I)
    return round(value * METRES_PER_MILE / 1000, 1) if miles else round(value, 1)


READERS: dict[str, Callable[[str], Any]] = {
    "training_days_per_week": _days,
    "session_length_min": _minutes,
    "experience_level": _experience,
    "equipment_available": _equipment,
    "running_background": _running,
    "weekly_running_km": _weekly_km,
}


def read_answer(field: str, text: str) -> Any:
    """The value of ``field`` in a short answer to its question, or None."""
    reader = READERS.get(field)
    return reader(text) if reader else None
