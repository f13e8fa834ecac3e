"""Exports: the zip's JSON and Strong CSV, the round trip into a new athlete, expiry."""

import csv
import io
import json
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from coach.models import Conversation, Turn
from conftest import client_for
from portability import services
from portability.models import ExportJob
from portability.tests.conftest import upload
from training.models import Exercise, SetLog
from training.services import run_log_create, workout_log_create
from training.tests.factories import InjuryFactory

pytestmark = pytest.mark.django_db


def _history(user):
    """Two sessions (warm-up, working sets, a plank hold), a run, an injury, a conversation."""
    squat = Exercise.objects.get(name="Barbell Back Squat")
    bench = Exercise.objects.get(name="Barbell Bench Press")
    plank = Exercise.objects.get(name="Plank")
    day = timezone.now().replace(microsecond=0) - timedelta(days=10)
    workout_log_create(
        user=user,
        data={
            "started_at": day,
            "ended_at": day + timedelta(minutes=70),
            "notes": "Legs\nfelt good",
        },
        sets=[
            {"exercise": squat, "reps": 5, "weight_kg": Decimal("60.00"), "is_warmup": True},
            {"exercise": squat, "reps": 5, "weight_kg": Decimal("142.50"), "rpe": Decimal("8.5")},
            {"exercise": squat, "reps": 3, "weight_kg": Decimal("150.00")},
            {"exercise": plank, "duration_s": 75},
        ],
    )
    workout_log_create(
        user=user,
        data={"started_at": day + timedelta(days=2), "notes": "Push"},
        sets=[{"exercise": bench, "reps": 8, "weight_kg": Decimal("102.06")}],
    )
    run_log_create(
        user=user,
        data={
            "started_at": day + timedelta(days=3),
            "distance_m": 5000.0,
            "duration_s": 1500,
            "splits": [{"distance_m": 1000, "duration_s": 300}],
        },
    )
    InjuryFactory(user=user)
    conversation = Conversation.objects.create(user=user, title="Knee")
    Turn.objects.create(conversation=conversation, role="user", content="Can I squat?")


def _build(user):
    job = services.export_job_create(user=user)
    return services.export_job_build(job=job, ttl_hours=24)


def _zip(job):
    with job.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _sets(user):
    return sorted(
        SetLog.objects.filter(session__user=user).values_list(
            "session__started_at",
            "exercise__name",
            "reps",
            "weight_kg",
            "duration_s",
            "is_warmup",
            "rpe",
        )
    )


def test_export_holds_json_of_everything_owned_and_the_strong_csv(catalog, user):
    _history(user)
    job = _build(user)
    assert job.status == "done"
    assert job.expires_at - job.finished_at == timedelta(hours=24)
    archive = _zip(job)
    assert set(archive.namelist()) == {"voicefit.json", "strong_sets.csv", "README.txt"}
    data = json.loads(archive.read("voicefit.json"))
    assert data["user"]["email"] == user.email
    assert "password" not in json.dumps(data["user"])
    assert len(data["training.workoutsession"]) == 2
    assert len(data["training.workoutsession"][0]["sets"]) == 4
    assert data["training.runsession"][0]["splits"] == [{"distance_m": 1000, "duration_s": 300}]
    assert len(data["training.injury"]) == 1
    assert len(data["training.personalrecord"]) >= 2
    assert data["coach.conversation"][0]["turns"][0]["content"] == "Can I squat?"
    assert data["accounts.profile"][0]["unit_system"] == user.profile.unit_system
    assert not any(key.startswith("portability.") for key in data)
    rows = list(csv.DictReader(io.StringIO(archive.read("strong_sets.csv").decode())))
    assert len(rows) == 5
    assert [row["Set Order"] for row in rows[:4]] == ["W", "1", "2", "3"]
    assert rows[0]["Workout Name"] == "Legs"
    assert rows[0]["Workout Notes"] == "felt good"
    assert rows[0]["Duration"] == "1h 10m"
    assert rows[3]["Seconds"] == "75"
    assert job.counts["strong_csv_rows"] == 5


@pytest.mark.parametrize("unit_system", ["imperial", "metric"])
def test_round_trip_through_the_strong_csv_keeps_sets_reps_loads_and_dates(catalog, unit_system):
    original = UserFactory()
    original.profile.unit_system = unit_system
    original.profile.save()
    _history(original)
    table = _zip(_build(original)).read("strong_sets.csv")

    newcomer = UserFactory()
    newcomer.profile.unit_system = unit_system
    newcomer.profile.save()
    client = client_for(newcomer)
    response = upload(client, [("strong_sets.csv", table)], "strong", timezone="UTC")
    assert response.status_code == 202, response.json()
    job = services.import_job_read(job=services.ImportJob.objects.get(pk=response.json()["id"]))
    assert job.status == "done", job.mapping
    assert _sets(newcomer) == _sets(original)


def test_download_is_the_zip_for_its_owner_until_it_expires(catalog, user, auth_client):
    _history(user)
    job = _build(user)
    shown = auth_client.get(f"/api/me/export/{job.pk}").json()
    assert shown["status"] == "done"
    assert shown["download_url"].endswith(f"/api/me/export/{job.pk}/download")
    response = auth_client.get(f"/api/me/export/{job.pk}/download")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()

    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    gone = auth_client.get(f"/api/me/export/{job.pk}/download")
    assert gone.status_code == 410
    assert gone.json()["error"]["code"] == "export_expired"
    job.refresh_from_db()
    assert (job.status, job.file.name) == ("expired", "")


def test_post_queues_an_export_and_an_unfinished_one_cannot_be_downloaded(user, auth_client):
    response = auth_client.post("/api/me/export")
    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["download_url"]) == ("queued", None)
    early = auth_client.get(f"/api/me/export/{body['id']}/download")
    assert early.status_code == 409
