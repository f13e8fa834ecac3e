"""The import and export tasks run on a real Celery worker, through the broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection

from accounts.tests.factories import UserFactory
from conftest import client_for
from portability.models import ExportJob, ImportJob
from portability.tests.conftest import fixture_bytes, upload
from training.models import RunSession
from voicefit.celery import app

WAIT_S = 60


@pytest.fixture
def committed_user(django_db_setup, django_db_blocker):
    """A user committed for real (the worker thread has its own connection); removed after."""
    with django_db_blocker.unblock():
        user = UserFactory()
        try:
            yield user
        finally:
            user.delete()
            connection.close()


def _settled(model, pk, pending):
    """Poll until the job leaves its pending states (a wait, not an assertion on time)."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        job = model.objects.get(pk=pk)
        if job.status not in pending:
            return job
        time.sleep(0.2)
    return model.objects.get(pk=pk)


def test_an_upload_is_imported_and_exported_by_the_worker(committed_user, django_db_blocker):
    client = client_for(committed_user)
    with (
        django_db_blocker.unblock(),
        start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10),
    ):
        response = upload(client, [("run_5k.fit", fixture_bytes("run_5k.fit"))], "fit")
        assert response.status_code == 202, response.json()
        job = _settled(ImportJob, response.json()["id"], {"queued", "reading", "importing"})
        assert job.status == "done", job.error
        assert job.runs_created == 1
        assert RunSession.objects.filter(user=committed_user).count() == 1
        assert client.get(f"/api/imports/{job.pk}").json()["progress"]["stage"] == "done"

        export = client.post("/api/me/export").json()
        done = _settled(ExportJob, export["id"], {"queued", "running"})
        assert done.status == "done"
        assert done.counts["training.runsession"] == 1
