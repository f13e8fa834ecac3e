"""Holds, carries and repeats logged by voice: stored, read back, and counted as records."""

import pytest

from training.models import PersonalRecord, RunSession, SetLog
from training.services import exercise_catalog_load

pytestmark = pytest.mark.django_db

LOG = "/api/voice/log"
PARSE = "/api/voice/parse"


@pytest.fixture(autouse=True)
def catalog():
    exercise_catalog_load()


def _sets(body):
    return [(s["reps"], s["duration_s"], s["distance_m"]) for s in body["session"]["sets"]]


def test_a_timed_hold_round_trips_and_sets_a_longest_hold_record(auth_client):
    response = auth_client.post(LOG, {"transcript": "plank 3 x 45 seconds"})
    assert response.status_code == 201, response.json()
    assert _sets(response.json()) == [(None, 45, None)] * 3
    workout = auth_client.get(f"/api/workouts/{response.json()['session']['id']}/").json()
    assert [(s["reps"], s["duration_s"]) for s in workout["sets"]] == [(None, 45)] * 3
    records = auth_client.get("/api/personal-records/").json()["results"]
    assert [(r["kind"], r["duration_s"], r["value"], r["unit"]) for r in records] == [
        ("hold", 45, 45.0, "s")
    ]


def test_a_longer_hold_beats_the_record_and_a_shorter_one_does_not(auth_client):
    auth_client.post(LOG, {"transcript": "plank for 60 seconds"})
    auth_client.post(LOG, {"transcript": "plank for 40 seconds"})
    assert auth_client.post(LOG, {"transcript": "plank for 90 seconds"}).status_code == 201
    held = PersonalRecord.objects.filter(kind="hold").order_by("achieved_at", "id")
    assert [r.duration_s for r in held] == [60, 90]


def test_a_carry_round_trips_and_sets_a_heaviest_carry_record(auth_client):
    response = auth_client.post(
        LOG, {"transcript": "farmers walk 4 x 30 meters with 32 kg", "unit": "kg"}
    )
    assert response.status_code == 201, response.json()
    assert _sets(response.json()) == [(None, None, 30.0)] * 4
    assert {s["weight_kg"] for s in response.json()["session"]["sets"]} == {32.0}
    records = auth_client.get("/api/personal-records/").json()["results"]
    assert [(r["kind"], r["value_kg"], r["distance_m"]) for r in records] == [("carry", 32.0, 30.0)]


def test_per_side_work_logged_by_voice_keeps_its_flag(auth_client):
    response = auth_client.post(
        LOG, {"transcript": "bulgarian split squats 3 x 10 each leg with 20 kg dumbbells"}
    )
    assert response.status_code == 201, response.json()
    assert [s["per_side"] for s in response.json()["session"]["sets"]] == [True] * 3
    workout = auth_client.get(f"/api/workouts/{response.json()['session']['id']}/").json()
    assert [(s["reps"], s["per_side"]) for s in workout["sets"]] == [(10, True)] * 3
    plain = auth_client.post(LOG, {"transcript": "goblet squats 3 x 10 with 20 kg"}).json()
    assert [s["per_side"] for s in plain["session"]["sets"]] == [False] * 3


def test_a_rep_range_is_asked_and_nothing_is_logged(auth_client):
    response = auth_client.post(LOG, {"transcript": "squats 4 sets of 5 to 6 at 100 kilos"})
    assert response.status_code == 422
    (entry,) = response.json()["entries"]
    assert entry["reasons"][0] == {
        "code": "rep_range",
        "message": "A range is a target: how many reps did you do?",
        "words": "5 to 6",
    }
    assert SetLog.objects.count() == 0


def test_a_number_with_no_place_is_asked_about(auth_client):
    response = auth_client.post(LOG, {"transcript": "lat pulldown 3 x 12 at 120, seat on 4"})
    assert response.status_code == 422
    (entry,) = response.json()["entries"]
    assert [(r["code"], r.get("words")) for r in entry["reasons"]] == [("unused_number", "4")]


def test_repeats_are_one_run_whose_splits_are_the_repeats(auth_client):
    text = "8 times 200 meters in 38 seconds, 90 seconds jog between"
    response = auth_client.post(LOG, {"transcript": text, "unit": "kg"})
    assert response.status_code == 201, response.json()
    (run,) = RunSession.objects.all()
    assert (run.distance_m, run.duration_s) == (1600.0, 304)
    assert run.splits == [{"distance_m": 200.0, "duration_s": 38}] * 8
    (entry,) = response.json()["entries"]
    assert entry["recovery_s"] == 90


def test_per_side_and_load_words_are_read(auth_client):
    body = auth_client.post(
        PARSE, {"transcript": "bulgarian split squats 3 x 10 each leg holding the 50s"}
    ).json()
    (entry,) = body["entries"]
    assert [(s["reps"], s["weight"], s["per_side"]) for s in entry["sets"]] == [
        (10, 50.0, True)
    ] * 3


def test_another_user_cannot_see_a_voice_logged_hold(auth_client, django_user_model):
    from accounts.tests.factories import UserFactory
    from conftest import client_for

    response = auth_client.post(LOG, {"transcript": "plank 3 x 45 seconds"})
    session_id = response.json()["session"]["id"]
    other = client_for(UserFactory())
    assert other.get(f"/api/workouts/{session_id}/").status_code == 404
    assert other.get("/api/personal-records/").json()["results"] == []
