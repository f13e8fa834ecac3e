"""Imports through the API: mapping report, confirmation, idempotence, atomicity, bounds."""

import io
import zipfile
from decimal import Decimal

import pytest

from coach.cache import user_generation
from portability import services
from portability.models import ImportedItem, ImportJob
from portability.tests.conftest import HEVY, STRONG, fixture_bytes, upload
from training.models import Exercise, PersonalRecord, RunSession, SetLog, WorkoutSession

pytestmark = pytest.mark.django_db

ODD_NAME = "Leg Raise Parallel Bars"


def _read(job_id):
    """What the worker's first step does (the API's on-commit hook queues exactly this)."""
    return services.import_job_read(job=ImportJob.objects.get(pk=job_id))


def _run(job_id):
    return services.import_job_run(job=ImportJob.objects.get(pk=job_id))


def _strong(client, **fields):
    return upload(client, [(STRONG, fixture_bytes(STRONG))], "strong", unit="lb", **fields)


def test_strong_import_reports_mapping_and_waits_for_the_unsure_name(catalog, user, auth_client):
    response = _strong(auth_client, timezone="Europe/London")
    assert response.status_code == 202, response.json()
    body = response.json()
    assert (body["status"], body["format"], body["weight_unit"]) == ("queued", "strong", "lb")

    _read(body["id"])
    shown = auth_client.get(f"/api/imports/{body['id']}").json()
    assert shown["status"] == "needs_confirmation"
    assert shown["rows_read"] == 1201
    report = {entry["name"]: entry for entry in shown["mapping"]}
    assert report["Bench Press (Barbell)"]["exercise"]["name"] == "Barbell Bench Press"
    assert report["Squat (Barbell)"]["exercise"]["name"] == "Barbell Back Squat"
    assert not report["Squat (Barbell)"]["needs_confirmation"]
    assert report[ODD_NAME]["needs_confirmation"]
    assert [name for name, e in report.items() if e["needs_confirmation"]] == [ODD_NAME]
    assert WorkoutSession.objects.filter(user=user).count() == 0


def test_confirm_with_an_override_imports_everything_once(
    catalog, user, auth_client, django_capture_on_commit_callbacks
):
    job_id = _strong(auth_client, timezone="Europe/London").json()["id"]
    _read(job_id)
    raise_id = Exercise.objects.get(name="Hanging Leg Raise").pk
    generation = user_generation(user.pk)

    confirmed = auth_client.post(
        f"/api/imports/{job_id}/confirm", {"overrides": {ODD_NAME: raise_id}}
    )
    assert confirmed.status_code == 202, confirmed.json()
    with django_capture_on_commit_callbacks(execute=True):
        _run(job_id)
    done = auth_client.get(f"/api/imports/{job_id}").json()
    assert done["status"] == "done", done["error"]
    assert (done["sessions_created"], done["sets_created"], done["runs_created"]) == (52, 1153, 0)
    assert done["rows_skipped"] == 48
    assert {row["reason"] for row in done["skipped"]} == {"a rest timer, not a set"}
    assert done["progress"]["stage"] == "done"

    sets = SetLog.objects.filter(session__user=user)
    assert sets.count() == 1153
    assert sets.filter(exercise_id=raise_id).count() == 12
    assert sets.filter(is_warmup=True).count() > 100
    first = WorkoutSession.objects.filter(user=user).earliest("started_at")
    assert first.started_at.isoformat() == "2024-01-01T17:23:18+00:00"
    assert first.notes == "Push"
    bench = first.sets.filter(exercise__name="Barbell Bench Press", is_warmup=False).first()
    assert (bench.reps, bench.weight_kg) == (6, Decimal("70.31"))
    assert PersonalRecord.objects.filter(user=user).exists()
    assert user_generation(user.pk) == generation + 1  # bumped once, not per row


def test_a_null_override_leaves_that_names_sets_out(catalog, user, auth_client):
    job_id = _strong(auth_client).json()["id"]
    _read(job_id)
    auth_client.post(f"/api/imports/{job_id}/confirm", {"overrides": {ODD_NAME: None}})
    job = _run(job_id)
    assert job.sets_created == 1153 - 12
    assert sum("not mapped" in row["reason"] for row in job.skipped) == 12


def test_overrides_must_name_the_files_exercises_and_real_ids(catalog, auth_client):
    job_id = _strong(auth_client).json()["id"]
    _read(job_id)
    response = auth_client.post(
        f"/api/imports/{job_id}/confirm", {"overrides": {"Nope": 1, ODD_NAME: 10**9}}
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"Nope", ODD_NAME}
    assert ImportJob.objects.get(pk=job_id).status == "needs_confirmation"


def test_confirming_twice_is_a_conflict(catalog, auth_client):
    job_id = _strong(auth_client).json()["id"]
    _read(job_id)
    assert auth_client.post(f"/api/imports/{job_id}/confirm", {}).status_code == 202
    again = auth_client.post(f"/api/imports/{job_id}/confirm", {})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "import_not_awaiting_confirmation"


def test_the_same_file_twice_creates_nothing_new(catalog, user, auth_client):
    job_id = _strong(auth_client).json()["id"]
    _read(job_id)
    auth_client.post(f"/api/imports/{job_id}/confirm", {})
    _run(job_id)
    before = SetLog.objects.filter(session__user=user).count()

    again = _strong(auth_client)
    assert again.status_code == 200
    assert again.json()["id"] == job_id
    assert ImportJob.objects.filter(user=user).count() == 1

    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("strong_renamed.csv", fixture_bytes(STRONG))
    assert upload(auth_client, [("x.zip", zipped.getvalue())], "strong").json()["id"] == job_id
    assert SetLog.objects.filter(session__user=user).count() == before


def test_an_overlapping_export_adds_only_the_new_sessions(catalog, user, auth_client):
    lines = fixture_bytes(STRONG).split(b"\n")
    early = b"\n".join(lines[:600]) + b"\n"
    first = upload(auth_client, [("early.csv", early)], "strong", unit="lb").json()["id"]
    _read(first)
    auth_client.post(f"/api/imports/{first}/confirm", {})
    early_sessions = _run(first).sessions_created

    second = _strong(auth_client).json()["id"]
    _read(second)
    auth_client.post(f"/api/imports/{second}/confirm", {})
    job = _run(second)
    # the session cut in two by the split keeps its first half; the rest is new
    assert job.sessions_created == 52 - early_sessions
    assert (
        sum(row["reason"].startswith("already imported") for row in job.skipped) == early_sessions
    )
    assert WorkoutSession.objects.filter(user=user).count() == 52
    assert ImportedItem.objects.filter(user=user).count() == 52


def test_hevy_import_is_confident_except_the_odd_name(catalog, user, auth_client):
    response = upload(auth_client, [(HEVY, fixture_bytes(HEVY))], "hevy", timezone="UTC")
    job = _read(response.json()["id"])
    assert job.status == "needs_confirmation"
    auth_client.post(f"/api/imports/{job.pk}/confirm", {})
    job = _run(job.pk)
    assert (job.sessions_created, job.sets_created) == (53, 1179)
    assert SetLog.objects.filter(session__user=user, is_warmup=True).exists()


def test_recordings_import_without_confirmation_as_runs_with_splits(user, auth_client):
    files = [(name, fixture_bytes(name)) for name in ("run_5k.gpx",)]
    response = upload(auth_client, files, "gpx")
    assert response.status_code == 202, response.json()
    job = _read(response.json()["id"])
    assert job.status == "done"
    assert job.runs_created == 1
    run = RunSession.objects.get(user=user)
    assert (run.activity, run.duration_s, run.avg_hr, run.max_hr) == ("run", 1500, 145, 160)
    assert run.distance_m == pytest.approx(5000, abs=5)
    assert len(run.splits) == 5


def test_one_run_in_three_formats_is_one_run(user, auth_client):
    files = [(name, fixture_bytes(name)) for name in ("run_5k.gpx", "run_5k.tcx", "run_5k.fit")]
    job = _read(upload(auth_client, files, "activity").json()["id"])
    assert (job.status, job.runs_created) == ("done", 1)
    assert sum(row["reason"].startswith("already imported") for row in job.skipped) == 2


def test_an_exercise_gone_before_the_run_fails_the_whole_import(catalog, user, auth_client):
    temporary = Exercise.objects.create(slug="temp-raise", name="Temporary Raise", pattern="core")
    job_id = _strong(auth_client).json()["id"]
    _read(job_id)
    auth_client.post(f"/api/imports/{job_id}/confirm", {"overrides": {ODD_NAME: temporary.pk}})
    temporary.delete()
    with pytest.raises(Exception, match="foreign key"):
        _run(job_id)
    job = ImportJob.objects.get(pk=job_id)
    assert job.status == "failed"
    assert job.error["code"] == "import_failed"
    assert WorkoutSession.objects.filter(user=user).count() == 0
    assert PersonalRecord.objects.filter(user=user).count() == 0


@pytest.mark.parametrize(
    ("name", "data", "format", "code"),
    [
        ("short.csv", b"Date,Reps\n2024-01-01,5\n", "strong", "missing_columns"),
        ("semi.csv", fixture_bytes(STRONG).replace(b",", b";"), "strong", "wrong_delimiter"),
        ("photo.csv", fixture_bytes("run_5k.fit"), "strong", "not_text"),
        ("cut.fit", fixture_bytes("run_5k.fit")[:3000], "activity", "corrupt_file"),
        ("run.gpx", fixture_bytes("run_5k.gpx"), "strong", "unsupported_file"),
    ],
)
def test_bad_files_get_a_400_with_the_reason_and_nothing_is_kept(
    user, auth_client, name, data, format, code
):
    response = upload(auth_client, [(name, data)], format)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert ImportJob.objects.filter(user=user).count() == 0


def test_a_zip_bomb_gets_a_400(user, auth_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.gpx", b"\0" * (20 * 2**20))
    response = upload(auth_client, [("bomb.zip", buffer.getvalue())], "activity")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "zip_ratio_exceeded"


def test_uploads_over_the_size_limit_get_a_413(settings, user, auth_client):
    settings.IMPORT_MAX_BYTES = 20_000
    response = _strong(auth_client)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"
    assert "MB" in response.json()["error"]["message"]


def test_rows_over_the_limit_get_a_400(settings, user, auth_client):
    settings.IMPORT_MAX_ROWS = 500
    response = _strong(auth_client)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_rows"


def test_request_fields_are_validated(auth_client):
    files = [(STRONG, fixture_bytes(STRONG))]
    response = upload(auth_client, files, "strava", timezone="Mars/Olympus")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"format", "timezone"}
    assert (
        auth_client.post("/api/imports/", {"format": "strong"}, format="multipart").status_code
        == 400
    )
