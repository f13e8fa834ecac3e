"""UserContextBuilder: contents, bounded queries, caching under the user's generation."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from coach import context as context_module
from coach.cache import user_context_key, user_generation
from coach.context import ContextSection, UserContextBuilder, build_context, register_section
from training.tests.factories import (
    ExerciseFactory,
    InjuryFactory,
    PersonalRecordFactory,
    RunFactory,
    SetLogFactory,
    WorkoutFactory,
)

pytestmark = pytest.mark.django_db


def _history(user, days=30):
    bench = ExerciseFactory(name="Ctx Bench", pattern="horizontal_push", primary_muscles=["chest"])
    squat = ExerciseFactory(
        name="Ctx Squat", pattern="squat", primary_muscles=["quads"], secondary_muscles=["glutes"]
    )
    now = timezone.now()
    for day in range(0, days, 2):
        session = WorkoutFactory(user=user, started_at=now - timedelta(days=day, hours=1))
        SetLogFactory(session=session, exercise=bench, reps=5, weight_kg=Decimal("80"), order=0)
        SetLogFactory(session=session, exercise=squat, reps=3, weight_kg=Decimal("120"), order=1)
        RunFactory(user=user, started_at=now - timedelta(days=day, hours=5), distance_m=5000)
    PersonalRecordFactory(user=user, exercise=squat, kind="e1rm", value_kg=Decimal("132.00"))
    PersonalRecordFactory(user=user, exercise=squat, kind="e1rm", value_kg=Decimal("128.00"))
    PersonalRecordFactory(user=user, exercise=bench, kind="e1rm", value_kg=Decimal("93.33"))
    InjuryFactory(user=user, body_region="knee", status="active")
    InjuryFactory(user=user, body_region="wrist", status="resolved")
    return bench, squat


def test_context_has_every_section_and_is_json_serialisable(user):
    _history(user)
    ctx = build_context(user, use_cache=False)
    json.dumps(ctx)
    assert ctx["schema_version"] == context_module.SCHEMA_VERSION
    assert ctx["user_id"] == user.pk
    assert ctx["profile"]["training_days_per_week"] == user.profile.training_days_per_week
    assert ctx["training_age"]["total_sessions"] == 15
    recent = ctx["recent_training"]
    assert len(recent["sessions"]) == 7  # days 0, 2, ... 12 are within 14 days
    assert recent["sessions"][0]["exercises"][0] == {
        "name": "Ctx Bench",
        "sets": 1,
        "top_set": "5 x 80.0 kg",
    }
    assert recent["weekly_sets_by_muscle"]["this_week"]["chest"] == 4
    assert recent["weekly_sets_by_muscle"]["this_week"]["glutes"] == 2
    assert ctx["strength"]["estimated_1rm"]["squat"]["e1rm_kg"] == 132.0
    assert ctx["strength"]["estimated_1rm"]["horizontal_push"]["e1rm_kg"] == 93.3
    assert ctx["running"]["recent"][0]["distance_km"] == 5.0
    assert sum(ctx["running"]["weekly_km"].values()) == pytest.approx(70.0)
    assert [i["region"] for i in ctx["injuries"]["open"]] == ["knee"]
    assert ctx["injuries"]["avoid_regions"] == ["knee"]
    assert ctx["active_program"] is None
    assert len(ctx["adherence"]["weeks"]) == 4


def test_empty_user_builds_a_valid_context(user):
    ctx = build_context(user, use_cache=False)
    assert ctx["training_age"] == {"first_session": None, "weeks": 0, "total_sessions": 0}
    assert ctx["recent_training"]["sessions"] == []
    assert ctx["strength"] == {"estimated_1rm": {}, "personal_records": []}
    assert ctx["adherence"]["rate_completed_weeks"] == 0.0


@pytest.mark.parametrize("days", [4, 60])
def test_query_count_is_bounded_whatever_the_history(user, days, django_assert_num_queries):
    _history(user, days=days)
    # the profile, then every other section (the active programs of coach.programs too) at once
    with django_assert_num_queries(2):
        build_context(user, use_cache=False)


def test_cached_build_hits_without_queries(user, django_assert_num_queries):
    _history(user, days=6)
    first = build_context(user)
    with django_assert_num_queries(0):
        second = build_context(user)
    assert second == first


def test_cached_under_generation_key(user):
    from django.core.cache import cache

    build_context(user)
    generation = user_generation(user.pk)
    assert cache.get(user_context_key(user.pk, generation))["user_id"] == user.pk


def test_invalidate_bumps_generation_and_forces_rebuild(user, django_assert_num_queries):
    build_context(user)
    before = user_generation(user.pk)
    UserContextBuilder().invalidate(user)
    assert user_generation(user.pk) == before + 1
    with django_assert_num_queries(2):
        build_context(user)


def test_adherence_counts_training_days_against_target(user):
    user.profile.training_days_per_week = 2
    user.profile.save()
    now = timezone.now()
    monday = now.date() - timedelta(days=now.weekday())
    last_week = timezone.make_aware(
        timezone.datetime.combine(monday - timedelta(days=7), timezone.datetime.min.time())
    ) + timedelta(hours=12)
    for offset in (0, 0, 2, 4):  # two sessions on one day count as one day
        WorkoutFactory(user=user, started_at=last_week + timedelta(days=offset))
    ctx = build_context(user, use_cache=False)
    weeks = ctx["adherence"]["weeks"]
    assert weeks[-2] == {"week": (monday - timedelta(days=7)).isoformat(), "days_trained": 3}
    assert ctx["adherence"]["target_days_per_week"] == 2
    assert ctx["adherence"]["rate_completed_weeks"] == round(2 / 6, 2)


def test_registered_section_replaces_by_name(user, monkeypatch):
    class ProgramSection(ContextSection):
        name = "active_program"

        def build(self, user, now, parts):
            return {"name": "5/3/1", "week": 2}

    class Extra(ContextSection):
        name = "extra"

        def build(self, user, now, parts):
            return {"saw_profile": parts["profile"] is not None}

    monkeypatch.setattr(context_module, "CONTEXT_SECTIONS", list(context_module.CONTEXT_SECTIONS))
    register_section(ProgramSection)
    register_section(Extra)
    ctx = build_context(user, use_cache=False)
    assert ctx["active_program"] == {"name": "5/3/1", "week": 2}
    assert ctx["extra"] == {"saw_profile": True}
    assert list(ctx)[-1] == "extra"


def test_redis_down_still_builds_without_caching(user, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    ctx = build_context(user)
    assert ctx["user_id"] == user.pk


def test_onset_dates_are_iso(user):
    InjuryFactory(user=user, onset_date=date(2024, 5, 1))
    assert build_context(user, use_cache=False)["injuries"]["open"][0]["since"] == "2024-05-01"


def test_runs_without_a_distance_are_listed_but_add_no_kilometres(user):
    RunFactory(user=user, distance_m=None, duration_s=1800, activity="walk")
    RunFactory(user=user, distance_m=5000, duration_s=1500)
    running = build_context(user, use_cache=False)["running"]
    pairs = {(run["distance_km"], run["pace_s_per_km"]) for run in running["recent"]}
    assert pairs == {(None, None), (5.0, 300)}
    assert sum(running["weekly_km"].values()) == 5.0


def test_sessions_are_dated_in_the_athletes_time_zone(user):
    """23:30 on Sunday in New York is 04:30 on Monday in UTC: every section says Sunday."""
    user.profile.timezone = "America/New_York"
    user.profile.save()
    zone = ZoneInfo("America/New_York")
    today = timezone.now().astimezone(zone).date()
    sunday = today - timedelta(days=today.weekday() + 1)  # the last Sunday before this week
    late = datetime.combine(sunday, time(23, 30), tzinfo=zone)
    assert late.astimezone(UTC).date() == sunday + timedelta(days=1)
    bench = ExerciseFactory(name="Late Bench", pattern="horizontal_push")
    session = WorkoutFactory(user=user, started_at=late, ended_at=late + timedelta(minutes=50))
    SetLogFactory(session=session, exercise=bench, reps=5, weight_kg=Decimal("80"), order=0)
    RunFactory(user=user, started_at=late, distance_m=5000)
    PersonalRecordFactory(
        user=user, exercise=bench, kind="e1rm", value_kg=Decimal("93.33"), achieved_at=late
    )

    ctx = build_context(user, use_cache=False)

    assert ctx["training_age"]["first_session"] == sunday.isoformat()
    assert ctx["recent_training"]["sessions"][0]["date"] == sunday.isoformat()
    assert ctx["running"]["recent"][0]["date"] == sunday.isoformat()
    last_monday = sunday - timedelta(days=6)
    assert ctx["running"]["weekly_km"] == {last_monday.isoformat(): 5.0}
    assert ctx["strength"]["personal_records"][0]["date"] == sunday.isoformat()
    assert ctx["strength"]["estimated_1rm"]["horizontal_push"]["date"] == sunday.isoformat()
    weeks = {week["week"]: week["days_trained"] for week in ctx["adherence"]["weeks"]}
    assert weeks[last_monday.isoformat()] == 1  # last week's Sunday, not this week's Monday
    assert weeks[(sunday + timedelta(days=1)).isoformat()] == 0
