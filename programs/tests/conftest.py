"""Fixtures for programs: the shipped exercise catalog and a saved program for a user."""

from __future__ import annotations

from datetime import date

import pytest

from programs.services import program_generate
from training.services import exercise_catalog_load

STRENGTH_QUESTIONNAIRE = {
    "goal": "strength",
    "experience_level": "intermediate",
    "days_per_week": 4,
    "session_minutes": 60,
    "equipment": ["barbell", "bench", "dumbbell", "cable", "machine", "pullup_bar"],
    "weeks": 8,
    "start_date": date(2027, 1, 4),
}
RUNNING_QUESTIONNAIRE = {
    "goal": "10k",
    "recent_race": {"distance_m": 5000, "time_s": 1320},
    "runs_per_week": 4,
    "current_weekly_km": 25,
    "weeks": 8,
    "start_date": date(2027, 1, 4),
}


def never_propose(plan):  # type: ignore[no-untyped-def]
    return None


@pytest.fixture
def catalog(db):  # type: ignore[no-untyped-def]
    exercise_catalog_load()


@pytest.fixture
def make_program(catalog):  # type: ignore[no-untyped-def]
    def make(user, kind="strength", **changes):  # type: ignore[no-untyped-def]
        base = STRENGTH_QUESTIONNAIRE if kind == "strength" else RUNNING_QUESTIONNAIRE
        data = {**base, **changes}
        return program_generate(user=user, kind=kind, data=data, proposer=never_propose).program

    return make
