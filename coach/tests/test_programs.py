"""The program endpoints on the AI pipeline: generate (sync and queued), questionnaire errors,
an LLM proposal that breaks a bound (never saved), and the adherence report."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest

from coach.cache import user_generation
from core.llm.testserver import ok
from programs.models import GenerationJob, PrescribedExercise, Program
from programs.services import program_activate
from training.models import Exercise, Injury, RunSession, SetLog, WorkoutSession
from training.services import exercise_catalog_load

pytestmark = pytest.mark.django_db

STRENGTH = {
    "goal": "strength",
    "experience_level": "intermediate",
    "days_per_week": 3,
    "session_minutes": 60,
    "equipment": ["barbell", "bench", "dumbbell", "cable", "machine", "pullup_bar"],
    "weeks": 8,
    "start_date": "2027-01-04",
    "one_rep_max_kg": {},
}
RUNNING = {
    "goal": "half",
    "recent_race": {"distance_m": 10000, "time_s": 2700},
    "runs_per_week": 5,
    "current_weekly_km": 35,
    "weeks": 12,
    "start_date": "2027-01-04",
}


@pytest.fixture
def catalog(db):  # type: ignore[no-untyped-def]
    exercise_catalog_load()
    return {e.slug: e for e in Exercise.objects.all()}


def _strength(catalog, **changes):  # type: ignore[no-untyped-def]
    body = {**STRENGTH, **changes}
    squat = catalog["barbell-back-squat"].pk
    body["one_rep_max_kg"] = body["one_rep_max_kg"] or {str(squat): 140}
    return body


def test_sync_strength_generation_answers_201_with_the_program_and_the_pipeline_keys(
    knowledge, llm_settings, user, auth_client, catalog, django_capture_on_commit_callbacks
):
    before = user_generation(user.pk) or 0
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(
            "/api/program/generate/strength?sync=1", _strength(catalog), format="json"
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {
        "id",
        "kind",
        "goal",
        "status",
        "start_date",
        "race_date",
        "weeks",
        "validation",
    } <= set(body)
    assert {"narrative", "citations", "provider", "metrics", "cached"} <= set(body)
    assert body["provider"] == "offline"
    assert body["validation"] == {"violations": []}
    assert "5/3/1" in body["narrative"]
    assert body["metrics"]["proposal"]["status"] == "none"
    squat_rows = [
        row
        for session in body["weeks"][0]["sessions"]
        for row in session["exercises"]
        if row["exercise"] == catalog["barbell-back-squat"].pk and row["load_kg"] is not None
    ]
    # 140 kg 1RM -> TM 126 kg; week 1 at 65/75/85 % -> 81.9, 94.5, 107.1 kg; the profile is
    # imperial, so 5-lb steps: 180, 210, 235 lb.
    pounds = [round(row["load_kg"] / 0.45359237, 1) for row in squat_rows[:3]]
    assert pounds == [180.0, 210.0, 235.0]
    program = Program.objects.get(pk=body["id"])
    assert program.narrative == body["narrative"]
    assert (user_generation(user.pk) or 0) > before


def test_queued_generation_answers_202_with_the_job_location(llm_settings, auth_client, catalog):
    response = auth_client.post("/api/program/generate/running", RUNNING, format="json")
    assert response.status_code == 202
    job = GenerationJob.objects.get()
    assert response["Location"] == f"/api/program/jobs/{job.pk}"
    assert response.json()["status"] == "queued"
    assert auth_client.get(response["Location"]).json()["program"] is None


def test_other_user_cannot_read_a_job(llm_settings, auth_client, other_client, catalog):
    location = auth_client.post("/api/program/generate/running", RUNNING, format="json")["Location"]
    response = other_client.get(location)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("path", "body", "field", "words"),
    [
        ("strength", {"days_per_week": 7}, "days_per_week", "2-6 training days"),
        ("strength", {"session_minutes": 20}, "session_minutes", "at least 30 minutes"),
        ("running", {"goal": "marathon", "weeks": 3}, "weeks", "marathon plan needs 12-24 weeks"),
        ("running", {"runs_per_week": 7, "current_weekly_km": 10}, "current_weekly_km", "28 km"),
        ("running", {"recent_race": {"distance_m": 5000, "time_s": 300}}, "recent_race", "pace"),
    ],
)
def test_bad_questionnaires_get_a_400_that_says_why(
    llm_settings, auth_client, catalog, path, body, field, words
):
    base = STRENGTH if path == "strength" else RUNNING
    response = auth_client.post(
        f"/api/program/generate/{path}?sync=1", {**base, **body}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert words in json.dumps(error["fields"][field])
    assert not Program.objects.exists()


def test_a_race_date_three_weeks_out_is_refused_for_a_marathon(llm_settings, auth_client, catalog):
    start = date(2027, 1, 4)
    body = {**RUNNING, "goal": "marathon", "race_date": str(start + timedelta(days=20))}
    body.pop("weeks")
    response = auth_client.post("/api/program/generate/running?sync=1", body, format="json")
    assert response.status_code == 400
    assert "12-24 weeks; this gives 3" in json.dumps(response.json()["error"]["fields"])


def test_a_race_date_ends_the_plan_on_race_day(knowledge, llm_settings, auth_client, catalog):
    body = {**RUNNING, "race_date": "2027-04-25"}
    body.pop("weeks")
    response = auth_client.post("/api/program/generate/running?sync=1", body, format="json")
    assert response.status_code == 201, response.json()
    program = response.json()
    assert program["race_date"] == "2027-04-25"
    last = program["weeks"][-1]["sessions"][-1]
    assert (last["planned_date"], last["runs"][0]["type"]) == ("2027-04-25", "race")


def _injured_knee(user):  # type: ignore[no-untyped-def]
    Injury.objects.create(user=user, body_region="knee", severity=6, onset_date="2026-11-01")


def test_an_llm_proposal_that_breaks_a_bound_is_never_saved(
    knowledge, remote_llm, user, auth_client, catalog
):
    _injured_knee(user)
    press = catalog["barbell-bench-press"].pk
    squat = catalog["barbell-back-squat"].pk  # loads the injured knee (severity 6)
    remote_llm.push(ok(json.dumps({"swaps": [{"from": press, "to": squat}]})))
    remote_llm.push(ok("Here is why this plan works [1]."))
    response = auth_client.post(
        "/api/program/generate/strength?sync=1", _strength(catalog), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["metrics"]["proposal"]["status"] == "discarded"
    assert {v["code"] for v in body["metrics"]["proposal"]["violations"]} == {"injury"}
    saved = set(PrescribedExercise.objects.values_list("exercise_id", flat=True))
    assert squat not in saved
    assert press in saved


def test_an_llm_proposal_within_the_bounds_is_used(
    knowledge, remote_llm, user, auth_client, catalog
):
    press, dumbbell = catalog["barbell-bench-press"].pk, catalog["dumbbell-bench-press"].pk
    remote_llm.push(
        ok(
            json.dumps(
                {
                    "swaps": [{"from": press, "to": dumbbell}],
                    "titles": {"Full body A": "Squat and press"},
                }
            )
        )
    )
    remote_llm.push(ok("Here is why this plan works [1]."))
    response = auth_client.post(
        "/api/program/generate/strength?sync=1", _strength(catalog), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["metrics"]["proposal"]["status"] == "applied"
    saved = set(PrescribedExercise.objects.values_list("exercise_id", flat=True))
    assert dumbbell in saved
    assert press not in saved
    assert response.json()["weeks"][0]["sessions"][0]["title"] == "Squat and press"
    assert response.json()["provider"] != "offline"


def _log_workout(user, day, exercises):  # type: ignore[no-untyped-def]
    started = datetime.combine(day, time(18), tzinfo=UTC)
    session = WorkoutSession.objects.create(user=user, started_at=started)
    for order, exercise_id in enumerate(exercises):
        SetLog.objects.create(
            session=session, exercise_id=exercise_id, order=order, reps=5, weight_kg=50
        )
    return session


def test_adherence_report_counts_done_sessions_streaks_and_suggests_realignment(
    knowledge, llm_settings, user, auth_client, catalog
):
    from programs.services import program_generate

    monday = date.today() - timedelta(days=date.today().weekday()) - timedelta(days=14)
    data = {**STRENGTH, "start_date": monday, "days_per_week": 3}
    strength = program_generate(user=user, kind="strength", data=data, proposer=lambda plan: None)
    program_activate(user=user, program=strength.program)
    sessions = [s for w in strength.plan.weeks[:3] for s in w.sessions]
    # Week 1: all three done (one a day late); week 2: two of three; then nothing.
    done = [sessions[0], sessions[1], sessions[2], sessions[3], sessions[4]]
    for n, session in enumerate(done):
        day = session.planned_date + timedelta(days=1 if n == 1 else 0)
        ids = [row.exercise_id for row in session.exercises]
        _log_workout(user, day, ids)
    # A run nowhere near a planned run does not count; a workout of other exercises neither.
    RunSession.objects.create(
        user=user, started_at=datetime.now(UTC), distance_m=5000, duration_s=1500
    )

    response = auth_client.get("/api/adherence/report?weeks=3")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) >= {"metrics", "narrative", "citations", "provider", "cached"}
    metrics = body["metrics"]
    due_this_week = [s for s in sessions[6:] if s.planned_date <= date.today()]
    assert [w["completed_sessions"] for w in metrics["weeks"]] == [3, 2, 0]
    assert [w["planned_sessions"] for w in metrics["weeks"]] == [3, 3, len(due_this_week)]
    assert metrics["longest_streak_weeks"] == 1
    first_week_sets = sum(r.sets for s in sessions[:3] for r in s.exercises)
    assert metrics["weeks"][0]["planned_hard_sets"] == first_week_sets
    assert 0 < metrics["weeks"][0]["completed_hard_sets"] < first_week_sets
    missed = 1 + len(due_this_week)
    if missed >= 3:
        assert metrics["realignment"]["missed_in_a_row"] == missed
        assert metrics["realignment"]["message"] in body["narrative"]
    else:
        assert metrics["realignment"] is None


def test_adherence_without_an_active_program(knowledge, llm_settings, auth_client):
    body = auth_client.get("/api/adherence/report").json()
    assert body["metrics"]["programs"] == []
    assert "no active program" in body["narrative"]


def test_adherence_weeks_out_of_range_is_a_400(llm_settings, auth_client):
    response = auth_client.get("/api/adherence/report?weeks=0")
    assert response.status_code == 400
    assert "weeks" in response.json()["error"]["fields"]


def test_the_user_context_shows_the_active_program_and_its_next_sessions(
    llm_settings, user, catalog, django_capture_on_commit_callbacks
):
    from coach.context import build_context
    from programs.services import program_generate

    today = date.today()
    data = {**STRENGTH, "start_date": today - timedelta(days=today.weekday())}
    generated = program_generate(user=user, kind="strength", data=data, proposer=lambda plan: None)
    assert build_context(user)["active_program"] is None
    with django_capture_on_commit_callbacks(execute=True):
        program_activate(user=user, program=generated.program)
    section = build_context(user)["active_program"]
    assert section["programs"][0]["generator"] == "strength/5/3/1"
    assert section["programs"][0]["week"] == 1
    upcoming = [s for w in generated.plan.weeks for s in w.sessions]
    upcoming = [s for s in upcoming if today <= s.planned_date < today + timedelta(days=7)]
    listed = section["programs"][0]["next_sessions"]
    assert [(s["date"], s["title"]) for s in listed] == [
        (s.planned_date.isoformat(), s.title) for s in upcoming
    ]


def test_the_schema_types_each_generate_endpoint_and_its_job_answer():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for kind, request in (("strength", "Strength"), ("running", "Running")):
        post = paths[f"/api/program/generate/{kind}"]["post"]
        body = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert body.endswith(f"{request}QuestionnaireRequest")
        assert {"201", "202", "400"} <= set(post["responses"])
    assert "/api/adherence/report" in paths
    assert "/api/programs/{id}/calendar.ics" in paths
