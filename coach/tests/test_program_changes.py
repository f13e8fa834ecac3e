"""Swaps and injury substitutions applied to the active program, validated like a generated one."""

from __future__ import annotations

import pytest

from coach.cache import user_generation
from coach.tests.test_programs import STRENGTH
from programs.models import PrescribedExercise, Program
from programs.services import program_activate
from training.models import Exercise
from training.regions import loading_condition
from training.services import exercise_catalog_load

pytestmark = pytest.mark.django_db
SWAP_URL = "/api/chat/swap-exercise-enhanced"


@pytest.fixture
def catalog(db):  # type: ignore[no-untyped-def]
    exercise_catalog_load()
    return {e.slug: e for e in Exercise.objects.all()}


@pytest.fixture
def program(catalog, llm_settings, user, auth_client):  # type: ignore[no-untyped-def]
    body = {**STRENGTH, "one_rep_max_kg": {str(catalog["barbell-back-squat"].pk): 140}}
    response = auth_client.post("/api/program/generate/strength?sync=1", body, format="json")
    assert response.status_code == 201, response.json()
    return program_activate(user=user, program=Program.objects.get(pk=response.json()["id"]))


def _rows(program):
    return PrescribedExercise.objects.filter(session__week__program=program)


def test_swap_apply_replaces_the_exercise_in_that_session(
    program, user, auth_client, django_capture_on_commit_callbacks
):
    row = _rows(program).select_related("exercise").first()
    before = user_generation(user.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(
            SWAP_URL,
            {"exercise": str(row.exercise_id), "apply": row.session_id},
            format="json",
        )
    assert response.status_code == 200, response.data
    applied = response.data["metrics"]["applied"]
    best = response.data["alternatives"][0]["exercise"]["id"]
    assert applied == {"session_id": row.session_id, "replaced": row.exercise_id, "by": best,
                       "changed": applied["changed"]}  # fmt: skip
    assert applied["changed"] >= 1
    in_session = set(
        _rows(program).filter(session_id=row.session_id).values_list("exercise_id", flat=True)
    )
    assert best in in_session
    assert row.exercise_id not in in_session
    assert user_generation(user.pk) != before
    again = auth_client.post(SWAP_URL, {"exercise": str(row.exercise_id)}, format="json").data
    assert "applied" not in again["metrics"]  # the write was neither cached nor replayed


def test_swap_apply_on_another_users_session_is_a_404(program, other_client):
    row = _rows(program).first()
    response = other_client.post(
        SWAP_URL, {"exercise": str(row.exercise_id), "apply": row.session_id}, format="json"
    )
    assert response.status_code == 404
    assert _rows(program).filter(pk=row.pk, exercise_id=row.exercise_id).exists()


def test_injury_apply_substitutes_every_knee_loader_in_the_program(program, user, auth_client):
    knee_rows = _rows(program).filter(
        exercise__in=Exercise.objects.filter(loading_condition("knee"))
    )
    assert knee_rows.exists()
    response = auth_client.post(
        "/api/injury/analyze?apply=1", {"body_region": "knee", "severity": 5}, format="json"
    )
    assert response.status_code == 200, response.data
    applied = response.data["metrics"]["applied"]
    assert applied["program_id"] == program.pk
    assert applied["changed"] >= 1
    substituted = {e["exercise"]["id"] for e in response.data["metrics"]["exercises"]["substitute"]
                   if e["substitute"]}  # fmt: skip
    remaining = set(_rows(program).values_list("exercise_id", flat=True))
    assert not substituted & remaining
    from programs.selectors import program_validation

    assert program_validation(Program.objects.get(pk=program.pk)) == {"violations": []}


def test_injury_apply_without_an_active_program_is_a_400(catalog, llm_settings, auth_client):
    response = auth_client.post(
        "/api/injury/analyze?apply=1", {"body_region": "knee", "severity": 5}, format="json"
    )
    assert response.status_code == 400
    assert "apply" in response.data["error"]["fields"]
