"""Load metrics over stored sessions: splitting a session or shifting history changes nothing."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.athlete import Athlete
from analytics.fatigue import fatigue_metrics
from training.localtime import UTC
from training.models import RunSession, WorkoutSession

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)
# (days before as_of, session RPE, minutes)
sessions = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=60),
        st.integers(min_value=1, max_value=10),
        st.integers(min_value=2, max_value=120),
    ),
    min_size=1,
    max_size=12,
)
PROPERTY = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _log(user, day: date, rpe: int, minutes: float, hour: int = 9) -> None:
    start = datetime.combine(day, time(hour), tzinfo=UTC)
    WorkoutSession.objects.create(
        user=user, started_at=start, ended_at=start + timedelta(minutes=minutes), session_rpe=rpe
    )


def _metrics(user, rows, as_of, split_first=False):
    with transaction.atomic():
        for index, (days_before, rpe, minutes) in enumerate(rows):
            day = as_of - timedelta(days=days_before)
            if split_first and index == 0:
                # the same load as two sessions of half the minutes, morning and evening
                _log(user, day, rpe, minutes / 2, hour=7)
                _log(user, day, rpe, minutes / 2, hour=19)
            else:
                _log(user, day, rpe, minutes)
        result = fatigue_metrics(Athlete(user_id=user.pk), as_of)
        transaction.set_rollback(True)
    return result


@PROPERTY
@given(sessions)
def test_splitting_a_session_in_two_changes_no_metric(user, rows):
    assert _metrics(user, rows, AS_OF, split_first=True) == _metrics(user, rows, AS_OF)


@PROPERTY
@given(sessions, st.integers(min_value=-300, max_value=300))
def test_shifting_the_history_shifts_the_results(user, rows, shift):
    moved = _metrics(user, rows, AS_OF + timedelta(days=shift))
    original = _metrics(user, rows, AS_OF)
    for key in (
        "acute_load",
        "chronic_load",
        "acwr_rolling",
        "acwr_ewma",
        "monotony",
        "ctl",
        "tsb",
    ):
        assert moved[key] == original[key], key
    assert [d["load"] for d in moved["daily_loads"]] == [d["load"] for d in original["daily_loads"]]


@PROPERTY
@given(sessions)
def test_loads_are_never_negative(user, rows):
    metrics = _metrics(user, rows, AS_OF)
    for key in ("acute_load", "chronic_load", "ctl", "atl", "strain", "monotony", "acwr_rolling"):
        assert metrics[key] is None or metrics[key] >= 0, key
    assert all(day["load"] >= 0 for day in metrics["daily_loads"])


def test_a_run_without_rpe_is_a_missing_input(user):
    RunSession.objects.create(
        user=user, started_at=datetime.combine(AS_OF, time(8), tzinfo=UTC), duration_s=1800
    )
    metrics = fatigue_metrics(Athlete(user_id=user.pk), AS_OF)
    assert metrics["acute_load"] == 0
    assert [m["reason"] for m in metrics["missing_inputs"]] == ["no RPE"]
