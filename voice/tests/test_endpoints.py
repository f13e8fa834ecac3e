"""The voice endpoints end to end: parse, log, units, hostile input, corrections, scoping."""

from decimal import Decimal

import pytest

from accounts.tests.factories import UserFactory
from conftest import client_for
from core.llm.testserver import ok
from training.models import RunSession, SetLog, WorkoutSession
from training.services import exercise_catalog_load
from voice.interpretation import TranscriptInterpreter
from voice.llm_fallback import LLM_SYSTEM_PROMPT

pytestmark = pytest.mark.django_db

PARSE = "/api/voice/parse"
LOG = "/api/voice/log"


@pytest.fixture(autouse=True)
def catalog():
    exercise_catalog_load()


@pytest.fixture
def metric_client():
    user = UserFactory()
    user.profile.unit_system = "metric"
    user.profile.save()
    return client_for(user)


def test_parse_matches_exercises_and_saves_nothing(auth_client):
    response = auth_client.post(
        PARSE, {"transcript": "close grip bench 3 sets of 5 at 225, then ran 5k in 25 minutes"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["source"] == "rules"
    assert body["unparsed"] == []
    strength, cardio = body["entries"]
    assert strength["exercise"]["name"] == "Close-Grip Bench Press"
    assert strength["exercise"]["confidence"] == 1.0
    assert strength["needs_confirmation"] is False
    assert [s["reps"] for s in strength["sets"]] == [5, 5, 5]
    assert {s["weight"] for s in strength["sets"]} == {225.0}
    assert {s["unit"] for s in strength["sets"]} == {"lb"}
    assert cardio == {
        "kind": "cardio",
        "activity": "run",
        "spoken_name": "run",
        "distance_m": 5000.0,
        "duration_s": 1500,
        "splits": [],
        "recovery_s": None,
        "recovery_m": None,
        "calories": None,
        "needs_confirmation": False,
        "reasons": [],
        "source": "rules",
    }
    assert WorkoutSession.objects.count() == 0


def test_unit_comes_from_speech_then_request_then_profile(auth_client, metric_client):
    spoken = auth_client.post(PARSE, {"transcript": "squat 5 reps at 100 kg", "unit": "lb"})
    assert spoken.json()["entries"][0]["sets"][0]["unit"] == "kg"
    requested = auth_client.post(PARSE, {"transcript": "squat 5 reps at 100", "unit": "kg"})
    assert requested.json()["entries"][0]["sets"][0]["unit"] == "kg"
    imperial = auth_client.post(PARSE, {"transcript": "squat 5 reps at 100"})
    assert imperial.json()["entries"][0]["sets"][0]["unit"] == "lb"
    metric = metric_client.post(PARSE, {"transcript": "squat 5 reps at 100"})
    assert metric.json()["entries"][0]["sets"][0]["unit"] == "kg"


def test_bodyweight_exercise_keeps_weight_null_unless_added_load(auth_client):
    body = auth_client.post(
        PARSE, {"transcript": "pull ups 3 sets of 10, weighted pull ups 3x5 with 45 pounds"}
    ).json()
    plain, weighted = body["entries"]
    assert plain["exercise"]["name"] == "Pull-Up"
    assert {s["weight"] for s in plain["sets"]} == {None}
    assert weighted["exercise"]["name"] == "Weighted Pull-Up"
    assert {s["weight"] for s in weighted["sets"]} == {45.0}


def test_logged_session_shows_up_in_workouts_in_kg_and_user_units(auth_client):
    response = auth_client.post(LOG, {"transcript": "bench press 3 sets of 8 at 185 pounds"})
    assert response.status_code == 201
    body = response.json()
    session_id = body["session"]["id"]
    assert body["session"]["source"] == "voice"
    assert len(body["session"]["sets"]) == 3
    assert body["new_personal_records"]
    listing = auth_client.get("/api/workouts/").json()
    assert [w["id"] for w in listing["results"]] == [session_id]
    sets = listing["results"][0]["sets"]
    assert {s["exercise_name"] for s in sets} == {"Barbell Bench Press"}
    assert {s["reps"] for s in sets} == {8}
    assert {s["weight_kg"] for s in sets} == {83.91}
    assert {s["weight"] for s in sets} == {185.0}
    assert {s["unit"] for s in sets} == {"lb"}


def test_metric_user_logs_in_kg(metric_client):
    response = metric_client.post(LOG, {"transcript": "deadlift 5 reps at 140"})
    assert response.status_code == 201
    (row,) = response.json()["session"]["sets"]
    assert Decimal(row["weight_kg"]) == Decimal("140.00")
    assert row["weight"] == 140.0
    assert row["unit"] == "kg"


def test_bodyweight_sets_are_logged_without_weight(auth_client):
    response = auth_client.post(LOG, {"transcript": "pull ups 3 sets of 10"})
    assert response.status_code == 201
    sets = SetLog.objects.filter(session_id=response.json()["session"]["id"])
    assert [(s.reps, s.weight_kg, s.is_bodyweight) for s in sets] == [(10, None, True)] * 3


def test_cardio_is_logged_as_a_run(auth_client, user):
    response = auth_client.post(LOG, {"transcript": "ran 5k in 25 minutes"})
    assert response.status_code == 201
    body = response.json()
    assert body["session"] is None
    (run,) = body["runs"]
    assert run["distance_m"] == 5000.0
    assert run["duration_s"] == 1500
    assert RunSession.objects.get(user=user).source == "voice"


def test_erg_calories_are_logged_on_the_run_and_read_back(auth_client, user):
    response = auth_client.post(LOG, {"transcript": "rowed 20 minutes, 250 calories"})
    assert response.status_code == 201
    (run,) = response.json()["runs"]
    assert (run["activity"], run["duration_s"], run["calories"]) == ("row", 1200, 250)
    assert RunSession.objects.get(user=user).calories == 250
    listed = auth_client.get("/api/runs/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["calories"] for r in rows] == [250]


def test_calorie_intervals_log_their_total(auth_client, user):
    transcript = "assault bike 8 x 15 cals in 40 seconds with 1 minute rest"
    response = auth_client.post(LOG, {"transcript": transcript})
    assert response.status_code == 201
    (run,) = response.json()["runs"]
    assert (run["activity"], run["duration_s"], run["calories"]) == ("bike", 320, 120)
    stored = RunSession.objects.get(user=user)
    assert (stored.calories, len(stored.splits)) == (120, 8)


def test_calorie_intervals_without_a_time_ask_how_long(auth_client):
    response = auth_client.post(LOG, {"transcript": "echo bike 10 x 10 calories"})
    assert response.status_code == 422
    (entry,) = response.json()["entries"]
    assert entry["calories"] == 100
    assert "missing_duration" in [r["code"] for r in entry["reasons"]]
    assert RunSession.objects.count() == 0


def test_a_run_without_calories_stores_none(auth_client, user):
    response = auth_client.post(LOG, {"transcript": "ran 5k in 25 minutes"})
    assert response.status_code == 201
    assert RunSession.objects.get(user=user).calories is None


def test_entries_needing_confirmation_log_nothing(auth_client):
    response = auth_client.post(
        LOG, {"transcript": "bench press 3x5 at 225, then sumo bench 3x8 at 100"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"]["code"] == "needs_confirmation"
    confident, unsure = body["entries"]
    assert confident["needs_confirmation"] is False
    assert unsure["needs_confirmation"] is True
    assert unsure["reasons"][0]["code"] == "low_confidence"
    assert 1 <= len(unsure["candidates"]) <= 3
    assert WorkoutSession.objects.count() == 0


@pytest.mark.parametrize(
    ("transcript", "reason"),
    [
        ("squat 5 reps at 99999 pounds", "weight_out_of_range"),
        ("bench press 500 reps at 100", "reps_out_of_range"),
        ("curls 25 sets of 10 at 30", "too_many_sets"),
        ("ran 400 km in 30 hours", "distance_out_of_range"),
        ("ran 10k in 20 minutes", "faster_than_world_record"),
        ("ran 5k", "missing_duration"),
        ("rowed 30 minutes, 20000 calories", "calories_out_of_range"),
        ("curls 3 12 at 30", "ambiguous_count"),
    ],
)
def test_absurd_values_need_confirmation_and_are_never_logged(auth_client, transcript, reason):
    parsed = auth_client.post(PARSE, {"transcript": transcript})
    assert parsed.status_code == 200
    (entry,) = parsed.json()["entries"]
    assert entry["needs_confirmation"] is True
    assert reason in [r["code"] for r in entry["reasons"]]
    logged = auth_client.post(LOG, {"transcript": transcript})
    assert logged.status_code == 422
    assert logged.json()["error"]["code"] == "needs_confirmation"
    assert WorkoutSession.objects.count() == 0
    assert RunSession.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"transcript": ""}, "transcript"),
        ({"transcript": "   \n\t "}, "transcript"),
        ({"transcript": "bench " * 2000}, "transcript"),
        ({}, "transcript"),
        ({"transcript": "bench 5 at 100", "unit": "stone"}, "unit"),
        ({"transcript": ["bench"]}, "transcript"),
    ],
)
@pytest.mark.parametrize("path", [PARSE, LOG])
def test_invalid_input_is_a_400_field_error(auth_client, path, payload, field):
    response = auth_client.post(path, payload)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"]


@pytest.mark.parametrize(
    "transcript",
    [
        "\U0001f3cb\ufe0f \U0001f4aa\U0001f525",
        "'; DROP TABLE training_setlog; --",
        "SELECT * FROM accounts_user WHERE 1=1",
        "<script>alert(1)</script>",
        "\x00\x01 null bytes",
        "the weather is nice today",
    ],
)
def test_hostile_transcripts_are_a_4xx_and_log_nothing(auth_client, transcript):
    parsed = auth_client.post(PARSE, {"transcript": transcript})
    assert parsed.status_code in (200, 400)
    if parsed.status_code == 200:
        assert all(e["needs_confirmation"] for e in parsed.json()["entries"])
    logged = auth_client.post(LOG, {"transcript": transcript})
    assert logged.status_code in (400, 422)
    if logged.status_code == 422:
        code = logged.json()["error"]["code"]
        expected = "needs_confirmation" if parsed.json()["entries"] else "no_training_found"
        assert code == expected
    assert WorkoutSession.objects.count() == 0


def test_anonymous_requests_are_refused(api_client):
    assert api_client.post(PARSE, {"transcript": "bench 5 at 100"}).status_code == 401
    assert api_client.post(LOG, {"transcript": "bench 5 at 100"}).status_code == 401


def _log(client, transcript, **extra):
    response = client.post(LOG, {"transcript": transcript, **extra})
    assert response.status_code in (200, 201), response.json()
    return response.json()


@pytest.mark.parametrize(
    ("correction", "reps", "weight_kg"),
    [
        ("actually the last set was 195", 8, Decimal("88.45")),
        ("make that 5 reps", 5, Decimal("83.91")),
        ("the last set was 6 reps at 100 kg", 6, Decimal("100.00")),
        ("no, make it one ninety five", 8, Decimal("88.45")),
    ],
)
def test_follow_up_corrects_the_last_set(auth_client, correction, reps, weight_kg):
    session_id = _log(auth_client, "bench press 3 sets of 8 at 185")["session"]["id"]
    amended = _log(auth_client, correction, session_id=session_id)
    assert amended["session"]["id"] == session_id
    sets = list(SetLog.objects.filter(session_id=session_id).order_by("order"))
    assert len(sets) == 3
    assert (sets[-1].reps, sets[-1].weight_kg) == (reps, weight_kg)
    assert amended["amended_set_id"] == sets[-1].id
    assert [(s.reps, s.weight_kg) for s in sets[:2]] == [(8, Decimal("83.91"))] * 2


def test_correction_with_absurd_value_is_refused(auth_client):
    session_id = _log(auth_client, "bench press 3 sets of 8 at 185")["session"]["id"]
    response = auth_client.post(
        LOG, {"transcript": "actually the last set was 9999 kg", "session_id": session_id}
    )
    assert response.status_code == 422
    assert SetLog.objects.filter(session_id=session_id, weight_kg__gt=600).count() == 0


def test_new_training_with_session_id_is_added_to_that_session(auth_client):
    session_id = _log(auth_client, "bench press 3 sets of 8 at 185")["session"]["id"]
    body = _log(auth_client, "barbell rows 2 sets of 10 at 135", session_id=session_id)
    assert body["session"]["id"] == session_id
    names = [s["exercise_name"] for s in body["session"]["sets"]]
    assert names == ["Barbell Bench Press"] * 3 + ["Barbell Row"] * 2
    assert WorkoutSession.objects.count() == 1


def test_another_users_session_id_is_404(auth_client, other_client):
    session_id = _log(auth_client, "bench press 3 sets of 8 at 185")["session"]["id"]
    for transcript in ["actually the last set was 195", "squat 5 reps at 100"]:
        response = other_client.post(LOG, {"transcript": transcript, "session_id": session_id})
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert set(SetLog.objects.values_list("weight_kg", flat=True)) == {Decimal("83.91")}


def test_corrections_through_the_workouts_api(auth_client):
    session = _log(auth_client, "bench press 2 sets of 8 at 185")["session"]
    first, second = session["sets"]
    response = auth_client.patch(
        f"/api/workouts/{session['id']}/",
        {
            "sets": [
                {"id": first["id"], "exercise": first["exercise"], "reps": 8, "weight_kg": 83.91},
                {"id": second["id"], "exercise": second["exercise"], "reps": 6, "weight_kg": 90},
            ]
        },
    )
    assert response.status_code == 200
    assert [s["reps"] for s in response.json()["sets"]] == [8, 6]


def test_llm_fills_segments_the_rules_left_and_is_validated(user, remote_llm):
    llm_server = remote_llm
    llm_server.push(
        ok('{"entries": [{"kind": "strength", "spoken_name": "chin ups", "sets": [{"reps": 2}]}]}'),
        ok('{"entries": [{"kind": "strength", "spoken_name": "x", "sets": []}]}'),
    )
    result = TranscriptInterpreter("lb").interpret(
        "bench 5 at 100. a couple of chin ups. blah blah"
    )
    asked = [request["messages"] for request in llm_server.requests]
    assert [messages[-1]["content"] for messages in asked] == ["a couple of chin ups", "blah blah"]
    assert asked[0][0] == {"role": "system", "content": LLM_SYSTEM_PROMPT}
    sources = [(e["source"], e.get("exercise", {}).get("name")) for e in result.entries]
    assert ("rules", "Barbell Bench Press") in sources
    assert ("llm", "Chin-Up") in sources
    assert result.source == "llm"
    assert result.unparsed == ["blah blah"]


def test_without_an_llm_the_rules_result_stands(auth_client):
    body = auth_client.post(PARSE, {"transcript": "bench 5 at 100. a couple of chin ups"}).json()
    assert body["source"] == "rules"
    assert body["unparsed"] == ["a couple of chin ups"]
