"""Background generation with a real Celery worker: 202 + Location, the job done with its
program, and a job that fails midway left ``failed`` with a reason and no row of the program."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection

from accounts.tests.factories import UserFactory
from conftest import client_for
from programs.models import GenerationJob, JobStatus, Program, ProgramSession, ProgramWeek
from programs.tests.conftest import RUNNING_QUESTIONNAIRE
from training.models import Exercise
from training.services import exercise_catalog_load
from voicefit.celery import app

BODY = {**RUNNING_QUESTIONNAIRE, "start_date": "2027-01-04"}
FAIL_ON_RUN_INSERT = """
CREATE OR REPLACE FUNCTION programs_test_refuse_run() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'disk full (test)'; END $$ LANGUAGE plpgsql;
CREATE TRIGGER programs_test_refuse_run BEFORE INSERT ON programs_prescribedrun
FOR EACH ROW EXECUTE FUNCTION programs_test_refuse_run();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS programs_test_refuse_run ON programs_prescribedrun;
DROP FUNCTION IF EXISTS programs_test_refuse_run();
"""


@pytest.fixture
def committed_user(django_db_setup, django_db_blocker):
    """A user and the catalog committed for real (the worker has its own connection).

    Not ``transactional_db``: its flush would also empty tables that migrations seed for other
    apps. What this fixture commits it deletes again.
    """
    with django_db_blocker.unblock():
        connection.close()  # a connection opened before the test database was named is stale
        existing = set(Exercise.objects.values_list("id", flat=True))
        exercise_catalog_load()
        user = UserFactory()
        try:
            yield user
        finally:
            with connection.cursor() as cursor:
                cursor.execute(DROP_TRIGGER)
            user.delete()
            Exercise.objects.exclude(id__in=existing).delete()
            connection.close()


def _wait(job_id: str, client) -> dict:  # type: ignore[no-untyped-def]
    for _ in range(400):
        body = client.get(f"/api/program/jobs/{job_id}").json()
        if body["status"] in {JobStatus.DONE, JobStatus.FAILED}:
            return body
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {body['status']}")


def test_a_queued_job_is_done_by_the_worker_with_its_program(committed_user):
    client = client_for(committed_user)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.post("/api/program/generate/running", BODY, format="json")
        assert response.status_code == 202, response.json()
        job_id = response.json()["id"]
        assert response["Location"] == f"/api/program/jobs/{job_id}"
        body = _wait(job_id, client)
    assert body["status"] == "done"
    assert body["errors"] == []
    program = body["program"]
    assert program["kind"] == "running"
    assert program["validation"] == {"violations": []}
    assert program["weeks"][-1]["sessions"][-1]["runs"][0]["type"] == "race"
    assert program["narrative"]  # written by the coach once the program was committed
    assert program["provider"] == "offline"


def test_a_job_that_fails_midway_is_failed_with_a_reason_and_saves_nothing(committed_user):
    client = client_for(committed_user)
    with connection.cursor() as cursor:
        cursor.execute(FAIL_ON_RUN_INSERT)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.post("/api/program/generate/running", BODY, format="json")
        assert response.status_code == 202
        body = _wait(response.json()["id"], client)
    assert body["status"] == "failed"
    assert body["program"] is None
    assert "disk full (test)" in body["errors"][0]["message"]
    assert not Program.objects.filter(user=committed_user).exists()
    assert not ProgramWeek.objects.filter(program__user=committed_user).exists()
    assert not ProgramSession.objects.filter(week__program__user=committed_user).exists()
    assert GenerationJob.objects.get(pk=body["id"]).status == JobStatus.FAILED
