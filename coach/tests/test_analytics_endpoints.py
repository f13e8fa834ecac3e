"""The four analytics endpoints through the API, on the constructed eight-week history."""

import math
import re
import statistics
from datetime import timedelta

import pytest

from analytics.tests.history import (
    AS_OF,
    BENCH_KG,
    FIRST_MONDAY,
    MONDAY_LOAD,
    SATURDAY_LOAD,
    SUNDAY_LOAD,
    THURSDAY_LOAD,
    at_local,
    build,
)
from coach.cache import context_invalidate
from core.llm import reset_providers
from core.llm.testserver import ok
from training.checkins import CheckIn
from training.models import WorkoutSession

pytestmark = pytest.mark.django_db

LITERAL = re.compile(r"[{}\[\]]\s*'|'\s*[:,]\s*'|\bNone\b|\bTrue\b|\bFalse\b")


def _hand_daily():
    """The 180 daily loads ending on AS_OF, written out from the history's description."""
    start = AS_OF - timedelta(days=179)
    daily = []
    for offset in range(180):
        day = start + timedelta(days=offset)
        load = 0.0
        if day >= FIRST_MONDAY:
            load = {0: MONDAY_LOAD, 3: THURSDAY_LOAD, 5: SATURDAY_LOAD}.get(day.weekday(), 0)
        if day == AS_OF:
            load += SUNDAY_LOAD
        daily.append(float(load))
    return daily


def _ewma(daily, span):
    value, smoothing = 0.0, 2 / (span + 1)
    for load in daily:
        value = smoothing * load + (1 - smoothing) * value
    return value


def _banister(daily, span):
    values, value = [], 0.0
    for load in daily:
        value += (load - value) / span
        values.append(value)
    return values


def test_fatigue_on_the_constructed_history(llm_settings, user, auth_client):
    history = build(user)
    response = auth_client.get("/api/analytics/fatigue", {"as_of": AS_OF.isoformat()})
    assert response.status_code == 200, response.data
    metrics = response.data["metrics"]
    # acute: Mon 420 + Thu 480 + Sat 125 + Sun 150 (the 23:30 run: Monday in UTC)
    assert metrics["acute_load"] == 1175
    # chronic: three weeks of 1025 and this one, over 4 weeks
    assert metrics["chronic_load"] == (3 * 1025 + 1175) / 4 == 1062.5
    assert metrics["acwr_rolling"] == pytest.approx(1175 / 1062.5, abs=0.001)
    assert metrics["zone"] == "sweet_spot"
    week = [420, 0, 0, 480, 0, 125, 150]
    monotony = statistics.fmean(week) / statistics.pstdev(week)
    assert metrics["monotony"] == pytest.approx(monotony, abs=0.001)
    assert metrics["strain"] == pytest.approx(1175 * monotony, abs=0.1)
    daily = _hand_daily()
    assert metrics["acwr_ewma"] == pytest.approx(_ewma(daily, 7) / _ewma(daily, 28), abs=0.001)
    ctl, atl = _banister(daily, 42), _banister(daily, 7)
    assert metrics["ctl"] == pytest.approx(ctl[-1], abs=0.05)
    assert metrics["atl"] == pytest.approx(atl[-1], abs=0.05)
    assert metrics["tsb"] == pytest.approx(ctl[-2] - atl[-2], abs=0.05)
    assert len(metrics["daily_loads"]) == 28
    assert metrics["daily_loads"][-1] == {"date": "2026-11-29", "load": 150.0}
    assert metrics["daily_loads"][0] == {"date": "2026-11-02", "load": 420.0}
    assert metrics["missing_inputs"] == [
        {
            "kind": "workout",
            "id": history.unrated_workout.pk,
            "date": "2026-11-25",
            "reason": "no session RPE",
        }
    ]
    assert {flag["code"] for flag in metrics["flags"]} == {"missing_inputs"}
    narrative = response.data["narrative"]
    assert "1175 AU" in narrative
    assert "1.11" in narrative
    assert "0.8-1.3" in narrative
    assert "not an injury probability" in narrative
    assert not LITERAL.search(narrative)


def test_insights_on_the_constructed_history(llm_settings, user, auth_client):
    build(user)
    response = auth_client.get("/api/workout/insights", {"weeks": 8, "as_of": AS_OF.isoformat()})
    assert response.status_code == 200, response.data
    metrics = response.data["metrics"]
    assert metrics["weeks"] == 8
    by_name = {lift["name"]: lift for lift in metrics["lifts"]}
    bench = by_name["Test Bench Press"]
    assert [p["e1rm_epley"] for p in bench["points"]] == [round(w * 7 / 6, 1) for w in BENCH_KG]
    assert bench["points"][0]["e1rm_brzycki"] == pytest.approx(80 * 36 / 32, abs=0.05)
    # RPE 8 = 2 in reserve: Epley over 7 reps
    assert bench["points"][0]["e1rm_adjusted"] == pytest.approx(80 * (1 + 7 / 30), abs=0.05)
    assert bench["change_pct"] == pytest.approx(17.5 / 80 * 100, abs=0.05)
    assert {lift["name"] for lift in metrics["stalled_lifts"]} == {
        "Test Back Squat",
        "Test Deadlift",
    }
    week1 = {
        row["muscle"]: row["sets"]
        for row in metrics["hard_sets_by_muscle"]
        if row["week_start"] == FIRST_MONDAY.isoformat()
    }
    # the warm-up does not count; triceps get half a set per bench set; glutes from both lifts
    assert week1 == {"chest": 3, "triceps": 1.5, "quads": 3, "glutes": 4, "hamstrings": 1}
    marks = metrics["landmarks"]
    assert (marks["low"], marks["high"]) == (10, 20)
    assert set(marks["under"]) == {"chest", "triceps", "quads", "glutes", "hamstrings", "lats"}
    assert marks["over"] == []
    weekly = metrics["weekly"]
    assert len(weekly) == 8
    assert weekly[0] == {
        "week_start": "2026-10-05",
        "tonnage_kg": 3 * 5 * 80 + 3 * 5 * 100 + 5 * 140,
        "sets": 7,
        "avg_rpe": 8.0,
    }
    brackets = {(r["name"], r["reps"]): r["weight_kg"] for r in metrics["prs_by_rep_bracket"]}
    assert brackets[("Test Bench Press", "4-6")] == BENCH_KG[-1]
    assert ("Test Bench Press", "7-10") not in brackets  # the 10-rep set was a warm-up
    narrative = response.data["narrative"]
    assert "Test Bench Press e1RM" in narrative
    assert "Test Back Squat" in narrative
    assert not LITERAL.search(narrative)


def test_deload_on_the_constructed_history(llm_settings, user, auth_client):
    build(user)
    before = auth_client.get("/api/analytics/deload", {"as_of": AS_OF.isoformat()}).data
    signals = before["metrics"]["signals"]
    assert {lift["name"] for lift in signals["stalled_lifts"]} == {
        "Test Back Squat",
        "Test Deadlift",
    }
    assert signals["weeks_since_deload"] == 7  # trained since 5 October, never lighter
    assert signals["low_readiness_streak"] == 0
    assert before["metrics"]["recommended"] is True  # stalled lifts + weeks since deload
    assert len(before["metrics"]["reasons"]) == 2
    for offset in range(3):
        CheckIn.objects.create(
            user=user, date=AS_OF - timedelta(days=offset), readiness=2, soreness=3
        )
    context_invalidate(user.pk)
    after = auth_client.get("/api/analytics/deload", {"as_of": AS_OF.isoformat()}).data
    metrics = after["metrics"]
    assert after["cached"] is False
    assert metrics["signals"]["low_readiness_streak"] == 3
    assert len(metrics["reasons"]) == 3
    plan = metrics["prescription"]
    assert (plan["load_change_pct"], plan["rir_change"], plan["frequency"]) == (-10, 2, "same")
    lifts = {lift["name"]: lift for lift in plan["lifts"]}
    assert lifts["Test Back Squat"]["deload_load_kg"] == 103.5  # 115 x 0.9
    assert lifts["Test Bench Press"]["deload_load_kg"] == 87.5  # 97.5 x 0.9, to 0.5 kg
    assert lifts["Test Back Squat"]["deload_sets_per_session"] == 2  # 3 hard sets -45 %
    narrative = after["narrative"]
    assert "A deload is recommended" in narrative
    assert "Test Back Squat" in narrative
    assert "lb" in narrative  # the athlete's profile is imperial
    assert not LITERAL.search(narrative)


def test_a_new_workout_changes_the_next_fatigue_answer(llm_settings, user, auth_client):
    build(user)
    params = {"as_of": AS_OF.isoformat()}
    first = auth_client.get("/api/analytics/fatigue", params).data
    assert auth_client.get("/api/analytics/fatigue", params).data["cached"] is True
    workout = WorkoutSession.objects.create(
        user=user,
        started_at=at_local(AS_OF, 12),
        ended_at=at_local(AS_OF, 12) + timedelta(minutes=30),
        session_rpe=10,
    )
    context_invalidate(user.pk)  # what the on-commit signal does outside a test transaction
    again = auth_client.get("/api/analytics/fatigue", params).data
    assert again["cached"] is False
    assert again["metrics"]["acute_load"] == first["metrics"]["acute_load"] + 300
    assert workout.pk


def test_remote_provider_leaves_the_numbers_alone(llm_settings, remote_llm, user, auth_client):
    build(user)
    remote_llm.push(ok("Your ACWR is 3.7, extremely high [1]."))
    params = {"as_of": AS_OF.isoformat()}
    remote = auth_client.get("/api/analytics/fatigue", params).data
    assert remote["provider"] != "offline"
    assert "3.7" in remote["narrative"]
    llm_settings.LLM_BASE_URL = ""
    reset_providers()
    offline = auth_client.get("/api/analytics/fatigue", params).data
    assert offline["provider"] == "offline"
    assert offline["metrics"] == remote["metrics"]


def test_an_athlete_with_no_data_gets_empty_metrics_and_what_to_log(llm_settings, auth_client):
    fatigue = auth_client.get("/api/analytics/fatigue")
    assert fatigue.status_code == 200
    assert fatigue.data["metrics"]["acwr_rolling"] is None
    assert fatigue.data["metrics"]["zone"] is None
    assert "session RPE" in fatigue.data["narrative"]
    deload = auth_client.get("/api/analytics/deload")
    assert deload.status_code == 200
    assert deload.data["metrics"]["recommended"] is False
    assert "Log your workouts" in deload.data["narrative"]
    insights = auth_client.get("/api/workout/insights")
    assert insights.status_code == 200
    assert insights.data["metrics"]["lifts"] == []
    assert "Log workouts" in insights.data["narrative"]


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/analytics/fatigue", {"as_of": "2999-01-01"}, "as_of"),
        ("/api/analytics/fatigue", {"as_of": "yesterday"}, "as_of"),
        ("/api/analytics/deload", {"as_of": "2999-01-01"}, "as_of"),
        ("/api/workout/insights", {"weeks": 0}, "weeks"),
        ("/api/workout/insights", {"weeks": 53}, "weeks"),
        ("/api/workout/insights", {"weeks": "many"}, "weeks"),
    ],
)
def test_bad_parameters_are_400_with_field_errors(llm_settings, auth_client, url, params, field):
    response = auth_client.get(url, params)
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]


def test_anonymous_is_401(api_client):
    for url in ("/api/analytics/fatigue", "/api/analytics/deload", "/api/workout/insights"):
        assert api_client.get(url).status_code == 401
    assert api_client.post("/api/running/analyze", {"run_id": 1}).status_code == 401


def test_numbers_in_metrics_are_finite(llm_settings, user, auth_client):
    build(user)
    body = auth_client.get("/api/analytics/fatigue", {"as_of": AS_OF.isoformat()}).data
    for key in ("acute_load", "chronic_load", "acwr_rolling", "acwr_ewma", "ctl", "atl", "tsb"):
        assert math.isfinite(body["metrics"][key])


LOAD_KNOWLEDGE = [
    "recovery/acute-chronic-workload-ratio.md",
    "recovery/training-monotony-and-strain.md",
    "recovery/fatigue-management.md",
    "recovery/deload-signals.md",
    "programming/deloads.md",
    "hypertrophy/detraining-and-retention.md",
]


@pytest.fixture
def load_knowledge(db, tmp_path):
    """The knowledge about training load and deloads, ingested with the real embedding model."""
    import io
    import shutil
    from pathlib import Path

    from django.conf import settings

    from rag.ingestion import KnowledgeIngestor

    root = tmp_path / "knowledge"
    for relative in LOAD_KNOWLEDGE:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(settings.BASE_DIR) / "knowledge" / relative, root / relative)
    KnowledgeIngestor(root=root, stream=io.StringIO()).run()


def _cited_sections(body):
    from rag.models import KnowledgeChunk

    ids = [citation["chunk_id"] for citation in body["citations"]]
    rows = dict(KnowledgeChunk.objects.filter(id__in=ids).values_list("id", "heading_path"))
    return [rows[i] for i in ids]


def test_a_high_zone_retrieves_load_management_and_the_answer_cites_it(
    llm_settings, load_knowledge, user, auth_client
):
    # a first week of training after three idle ones: the acute load is four times the chronic
    for offset in (0, 2, 4, 6):
        day = AS_OF - timedelta(days=offset)
        WorkoutSession.objects.create(
            user=user,
            started_at=at_local(day, 7),
            ended_at=at_local(day, 7) + timedelta(minutes=60),
            session_rpe=8,
        )
    body = auth_client.get("/api/analytics/fatigue", {"as_of": AS_OF.isoformat()}).data
    assert body["metrics"]["zone"] == "high"
    sections = _cited_sections(body)
    assert "ACWR spikes above 1.5" in sections[0], sections
    again = auth_client.get("/api/analytics/fatigue", {"as_of": AS_OF.isoformat()}).data
    assert again["cached"] is True


def test_retrieval_follows_the_zone_and_stays_cached(llm_settings, load_knowledge):
    from rag.service import rag_service

    def first_section(request):
        from rag.models import KnowledgeChunk

        found = rag_service.get_rag_context("/api/analytics/fatigue", request, {}, 3)
        chunk = KnowledgeChunk.objects.get(id=found["chunks"][0]["id"])
        return chunk.heading_path, found["cached"]

    high, cached = first_section({"zone": "high", "flags": ["acwr_high"]})
    assert "ACWR spikes above 1.5" in high
    assert cached is False
    assert first_section({"zone": "high", "flags": ["acwr_high"]}) == (high, True)
    low, _ = first_section({"zone": "low", "flags": ["acwr_low"]})
    assert low != high
