"""The program resources: nested list and detail, activate, calendar.ics, owner scoping."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from programs.models import Program, Status

pytestmark = pytest.mark.django_db


def test_detail_nests_weeks_sessions_and_prescriptions(user, auth_client, make_program):
    program = make_program(user)
    body = auth_client.get(f"/api/programs/{program.pk}/").json()
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
    assert body["validation"] == {"violations": []}
    assert len(body["weeks"]) == 8
    session = body["weeks"][0]["sessions"][0]
    assert set(session) == {"weekday", "planned_date", "title", "exercises", "runs"}
    row = session["exercises"][0]
    assert set(row) >= {
        "exercise", "exercise_name", "order", "sets", "reps", "reps_min", "reps_max",
        "percent_1rm", "load_kg", "rpe", "rir", "rest_s",
    }  # fmt: skip
    targets = [row[k] for k in ("percent_1rm", "load_kg", "rpe", "rir") if row[k] is not None]
    assert len(targets) == 1


def test_running_program_rows(user, auth_client, make_program):
    program = make_program(user, kind="running")
    body = auth_client.get(f"/api/programs/{program.pk}/").json()
    runs = [s["runs"][0] for w in body["weeks"] for s in w["sessions"]]
    assert runs[-1]["type"] == "race"
    assert runs[-1]["distance_m"] == 10000
    assert set(runs[0]) >= {
        "type", "distance_m", "duration_s", "quality_m", "pace_min_s_per_km",
        "pace_max_s_per_km", "hr_zone", "reps", "rep_distance_m", "recovery_s",
    }  # fmt: skip
    assert body["race_date"] == body["weeks"][-1]["sessions"][-1]["planned_date"]


def test_activate_archives_the_previous_active_program_of_its_kind(user, auth_client, make_program):
    first, second = make_program(user), make_program(user)
    running = make_program(user, kind="running")
    for program in (first, running, second):
        assert auth_client.post(f"/api/programs/{program.pk}/activate").status_code == 200
    statuses = dict(Program.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: Status.ARCHIVED,
        second.pk: Status.ACTIVE,
        running.pk: Status.ACTIVE,
    }


def test_calendar_feed_has_one_event_per_planned_session(user, auth_client, make_program):
    program = make_program(user)
    response = auth_client.get(f"/api/programs/{program.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 8 * 4
    first = events[0]
    assert str(first["DTSTART"].to_ical(), "ascii") == "20270104"
    assert " x " in str(first["DESCRIPTION"])


def test_other_user_cannot_see_activate_or_export(user, other_client, make_program):
    program = make_program(user)
    assert other_client.get("/api/programs/").json()["count"] == 0
    for response in (
        other_client.get(f"/api/programs/{program.pk}/"),
        other_client.post(f"/api/programs/{program.pk}/activate"),
        other_client.get(f"/api/programs/{program.pk}/calendar.ics"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    program.refresh_from_db()
    assert program.status == Status.DRAFT


def test_programs_are_not_edited_through_the_resource(user, auth_client, make_program):
    program = make_program(user)
    assert auth_client.patch(f"/api/programs/{program.pk}/", {"goal": "x"}).status_code == 405
    assert auth_client.put(f"/api/programs/{program.pk}/", {"goal": "x"}).status_code == 405
    program.refresh_from_db()
    assert program.goal == "strength"
