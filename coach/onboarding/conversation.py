"""One onboarding turn: merge what the message adds, then ask for the next missing field.

Corrections replace ("actually four days" overwrites 3); nothing is appended to a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.onboarding.answers import read_answer
from coach.onboarding.extract import Extraction, extract_profile

ANSWER_CONFIDENCE = 0.9
QUESTIONS = {
    "experience_level": "How long have you been training, or are you just starting out?",
    "goals": "What are you training for: strength, muscle, fat loss, endurance, a race, general "
    "fitness or mobility?",
    "training_days_per_week": "How many days a week can you train?",
    "session_length_min": "How long can each session be, in minutes?",
    "equipment_available": "What equipment can you use: a full gym, or which of barbell, "
    "dumbbells, kettlebells, machines, cables, bands or a pull-up bar?",
    "running_background": "Do you run at the moment: not at all, new to it, recreationally or "
    "competitively?",
    "weekly_running_km": "About how far do you run in a typical week (km or miles)?",
}


@dataclass(frozen=True)
class Turn:
    fields: dict[str, dict[str, Any]]  # the merged state
    added: list[str]  # the fields this message set or changed
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def next_field(self) -> str | None:
        return self.missing[0] if self.missing else None

    @property
    def question(self) -> str | None:
        return QUESTIONS[self.next_field] if self.next_field else None


def _extraction(fields: dict[str, dict[str, Any]]) -> Extraction:
    found = Extraction()
    for name, item in fields.items():
        found.put(name, item["value"], item["confidence"])
    return found


def missing_fields(fields: dict[str, dict[str, Any]]) -> list[str]:
    return _extraction(fields).missing()


def onboarding_turn(
    fields: dict[str, dict[str, Any]], asked: str, message: str, today: date
) -> Turn:
    """The state after ``message``; ``asked`` is the field the previous turn asked for."""
    found = extract_profile(message, today)
    new = {name: {"value": v, "confidence": c} for name, (v, c) in found.fields.items()}
    if asked and asked not in new:
        answer = read_answer(asked, message)
        if answer is not None:
            new[asked] = {"value": answer, "confidence": ANSWER_CONFIDENCE}
    merged = {**fields, **new}
    added = [name for name, item in new.items() if fields.get(name) != item]
    return Turn(merged, added, missing_fields(merged))
