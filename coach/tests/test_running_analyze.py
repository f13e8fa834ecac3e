"""POST /api/running/analyze: stored runs, raw runs and GPX/TCX/FIT uploads, and bad input."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from training.models import RunSession
from training.tests.activity_fixtures import (
    START,
    fit_bytes,
    gpx_bytes,
    synthetic_run,
    tcx_bytes,
)
from training.tests.factories import RunFactory

pytestmark = pytest.mark.django_db

URL = "/api/running/analyze"
# 15.5 minutes: 5:00/km fading to 5:30/km, heart rate 140 -> 170, a point every 5 s
POINTS = synthetic_run(
    930, pace_s_per_km=300, fade_s_per_km=30, hr_start=140, hr_end=170, every_s=5
)
WRITERS = {"gpx": gpx_bytes, "tcx": tcx_bytes, "fit": fit_bytes}


@pytest.fixture
def athlete(user):
    profile = user.profile
    profile.resting_hr, profile.max_hr, profile.unit_system = 50, 190, "metric"
    profile.save()
    return user


def _upload(client, name, data, **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **extra}, format="multipart")


@pytest.mark.parametrize("kind", ["gpx", "tcx", "fit"])
def test_uploaded_file_is_analysed(llm_settings, athlete, auth_client, kind):
    response = _upload(auth_client, f"run.{kind}", WRITERS[kind](POINTS))
    assert response.status_code == 200, response.data
    metrics = response.data["metrics"]
    assert metrics["duration_s"] == 930
    assert metrics["distance_m"] == pytest.approx(POINTS[-1].distance_m, rel=0.01)
    splits = metrics["splits"]
    assert [s["km"] for s in splits] == [1, 2, 3]  # two whole kilometres and the rest
    assert splits[0]["distance_m"] == 1000
    assert splits[0]["pace_s_per_km"] < splits[1]["pace_s_per_km"]  # the pace fades
    assert metrics["pace_drift_pct"] > 0
    assert metrics["hr_drift_pct"] > 0  # slower and a higher heart rate: decoupled
    zones = metrics["time_in_zones_s"]
    assert sum(zones.values()) == pytest.approx(930, abs=1)
    # zones at rest 50 / max 190: 120-134-148-162-176-190; HR 140 -> 170 touches Z2 to Z4
    assert (zones["z1"], zones["z5"]) == (0, 0)
    assert min(zones["z2"], zones["z3"], zones["z4"]) > 0
    assert metrics["trimp"] > 0
    assert metrics["vdot"] is None  # not a race-like effort
    assert "rpe: rate the run" in " ".join(metrics["missing_inputs"])
    assert not RunSession.objects.exists()  # nothing saved without save


def test_saving_an_upload_stores_the_run_and_its_splits(llm_settings, athlete, auth_client):
    response = _upload(auth_client, "run.gpx", gpx_bytes(POINTS), save="true", rpe="6")
    assert response.status_code == 200, response.data
    run = RunSession.objects.get(user=athlete)
    assert response.data["metrics"]["run_id"] == run.pk
    assert run.rpe == 6
    assert run.duration_s == 930
    assert len(run.splits) == 3
    assert response.data["metrics"]["session_load"] == pytest.approx(6 * 930 / 60)


def test_a_retried_save_of_the_same_file_stores_the_run_once(
    llm_settings, athlete, auth_client, django_capture_on_commit_callbacks
):
    data = fit_bytes(POINTS)
    with django_capture_on_commit_callbacks(execute=True):  # the save bumps the generation
        first = _upload(auth_client, "run.fit", data, save="true", rpe="6")
    with django_capture_on_commit_callbacks(execute=True):
        again = _upload(auth_client, "run.fit", data, save="true", rpe="6")
    assert (first.status_code, again.status_code) == (200, 200), again.data
    assert again.data["cached"] is False  # built again, not the first answer replayed
    run = RunSession.objects.get(user=athlete)
    assert first.data["metrics"]["run_id"] == again.data["metrics"]["run_id"] == run.pk
    # a different run (another start) is a new one
    later = synthetic_run(600, every_s=5)
    other = _upload(
        auth_client, "later.gpx", gpx_bytes(later, start=START + timedelta(days=1)), save="true"
    )
    assert other.status_code == 200, other.data
    assert other.data["metrics"]["run_id"] != run.pk
    assert RunSession.objects.filter(user=athlete).count() == 2


def test_the_same_file_saved_by_another_athlete_is_theirs(
    llm_settings, athlete, other_user, auth_client, other_client
):
    data = gpx_bytes(POINTS)
    mine = _upload(auth_client, "run.gpx", data, save="true")
    theirs = _upload(other_client, "run.gpx", data, save="true")
    assert (mine.status_code, theirs.status_code) == (200, 200), theirs.data
    assert mine.data["metrics"]["run_id"] != theirs.data["metrics"]["run_id"]
    assert RunSession.objects.get(pk=theirs.data["metrics"]["run_id"]).user == other_user


def test_a_race_gives_vdot_and_paces(llm_settings, athlete, auth_client):
    body = {"run": {"distance_m": 5000, "duration_s": 1200}, "race": True}
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 200, response.data
    metrics = response.data["metrics"]
    assert metrics["vdot"] == pytest.approx(49.8, abs=0.1)
    assert set(metrics["training_paces"]) == {"E", "M", "T", "I", "R"}
    assert "VDOT of 49.8" in response.data["narrative"]


def test_stored_run_compared_to_recent_runs(llm_settings, athlete, auth_client):
    for duration in (1500, 1560, 1440):
        RunFactory(user=athlete, distance_m=5000, duration_s=duration)
    RunFactory(user=athlete, distance_m=21097, duration_s=6600)  # not a similar distance
    run = RunFactory(user=athlete, distance_m=5000, duration_s=1350, rpe=8)
    response = auth_client.post(URL, {"run_id": run.pk}, format="json")
    assert response.status_code == 200, response.data
    recent = response.data["metrics"]["compared_to_recent"]
    assert recent["runs"] == 3
    assert recent["avg_pace_s_per_km"] == 300
    assert recent["pace_diff_pct"] == pytest.approx((270 - 300) / 300 * 100)
    assert response.data["metrics"]["vdot"] is not None  # RPE 8 counts as race-like


def test_unknown_or_someone_elses_run_is_404(llm_settings, athlete, other_user, auth_client):
    theirs = RunFactory(user=other_user)
    for run_id in (theirs.pk, theirs.pk + 1000):
        response = auth_client.post(URL, {"run_id": run_id}, format="json")
        assert response.status_code == 404
        assert response.data["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("name", "data", "complaint"),
    [
        ("run.gpx", b"<?xml version='1.0'?><gpx><trk><trkseg><trkpt lat=", "GPX"),
        ("run.fit", fit_bytes(POINTS[:20])[:-40] + b"\x00" * 40, "FIT"),
        ("run.tcx", b"<TrainingCenterDatabase><Activities>", "TCX"),
        ("notes.txt", b"just some words", "not a GPX, TCX or FIT file"),
    ],
)
def test_a_corrupt_file_is_400_naming_the_parser_complaint(
    llm_settings, athlete, auth_client, name, data, complaint
):
    response = _upload(auth_client, name, data)
    assert response.status_code == 400, response.data
    message = response.data["error"]["fields"]["file"][0]
    assert complaint in message


BOMB_ENTITIES = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{n} "{("&lol;" if n == 1 else f"&lol{n - 1};") * 10}">' for n in range(1, 10)
)
TRACK = (
    '<trk><name>{name}</name><trkseg><trkpt lat="51.5" lon="-0.12">'
    "<time>2026-11-02T07:00:00Z</time></trkpt>"
    '<trkpt lat="51.51" lon="-0.12"><time>2026-11-02T07:05:00Z</time></trkpt></trkseg></trk>'
)


def _gpx_with_doctype(entities: str, name: str) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE gpx [{entities}]>'
        f'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"{TRACK.format(name=name)}</gpx>"
    ).encode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laughs.gpx", _gpx_with_doctype(BOMB_ENTITIES, "&lol9;")),
        ("external.gpx", _gpx_with_doctype('<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;")),
        (
            "laughs.tcx",
            b'<?xml version="1.0"?><!DOCTYPE TrainingCenterDatabase ['
            + BOMB_ENTITIES.encode()
            + b"]><TrainingCenterDatabase><Activities><Activity Sport='Running'>"
            b"<Notes>&lol9;</Notes></Activity></Activities></TrainingCenterDatabase>",
        ),
    ],
)
def test_entity_bombs_and_external_entities_are_400(llm_settings, athlete, auth_client, name, data):
    response = _upload(auth_client, name, data, save="true")
    assert response.status_code == 400, response.data
    assert "DOCTYPE" in response.data["error"]["fields"]["file"][0]
    assert not RunSession.objects.exists()


def test_the_same_track_without_a_doctype_is_read(llm_settings, athlete, auth_client):
    data = (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"{TRACK.format(name='Morning run')}</gpx>"
    ).encode()
    response = _upload(auth_client, "plain.gpx", data)
    assert response.status_code == 200, response.data
    assert response.data["metrics"]["duration_s"] == 300
    assert response.data["metrics"]["distance_m"] == pytest.approx(1112, abs=2)


def test_an_oversized_file_is_413(llm_settings, settings, athlete, auth_client):
    settings.RUN_FILE_MAX_BYTES = 1024
    response = _upload(auth_client, "run.gpx", gpx_bytes(POINTS))
    assert response.status_code == 413
    assert response.data["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"run_id": 1, "run": {"distance_m": 5000, "duration_s": 1500}},
        {"run_id": 1, "save": True},
        {"run": {"distance_m": -5, "duration_s": 1500}},
        {"run": {"distance_m": 5000, "duration_s": 0}},
    ],
)
def test_bad_bodies_are_400(llm_settings, athlete, auth_client, body):
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 400, response.data
    assert response.data["error"]["fields"]
