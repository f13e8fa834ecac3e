"""Exercise swaps: the whole catalog's alternatives obey equipment, injuries and relatedness."""

from __future__ import annotations

import pytest

from accounts.models import Equipment
from coach.swap.catalog import catalog_snapshot
from coach.swap.scorer import MAX_ALTERNATIVES, SwapRequest, rank_alternatives, swap_score
from training.services import exercise_catalog_load
from training.tests.factories import InjuryFactory

pytestmark = pytest.mark.django_db
SWAP_URL = "/api/chat/swap-exercise-enhanced"
HOME_GYM = frozenset({"dumbbell", "bench", "band", "pullup_bar", "kettlebell"})


@pytest.fixture
def catalog(db):  # type: ignore[no-untyped-def]
    exercise_catalog_load()
    return catalog_snapshot()


def _compatible(request, catalog):
    return [c for c in catalog.exercises if request.allows(c)]


@pytest.mark.parametrize(
    ("available", "restricted"),
    [
        (None, frozenset()),
        (HOME_GYM, frozenset()),
        (None, frozenset({"knee"})),
        (HOME_GYM, frozenset({"shoulder", "lower_back"})),
    ],
)
def test_every_alternative_in_the_catalog_is_safe_and_related(catalog, available, restricted):
    for original in catalog.exercises:
        request = SwapRequest(original, available, restricted_regions=restricted)
        alternatives = rank_alternatives(request, catalog.exercises)
        compatible = _compatible(request, catalog)
        assert len(alternatives) == min(MAX_ALTERNATIVES, len(compatible))
        if len(compatible) >= 4:
            assert len(alternatives) >= 4
        for alternative in alternatives:
            exercise = alternative.exercise
            assert exercise.id != original.id
            if available is not None:
                assert exercise.equipment <= available | {"bodyweight"}
            assert not any(exercise.loads_region(region) for region in restricted)
            assert exercise.primary & original.primary or exercise.pattern == original.pattern
        scores = [a.score for a in alternatives]
        assert scores == sorted(scores, reverse=True)


def test_score_reference_values(catalog):
    by_name = {e.name: e for e in catalog.exercises}
    bench = by_name["Barbell Bench Press"]
    assert swap_score(bench, bench) == 1.0
    db_bench = by_name["Dumbbell Bench Press"]
    # same primary (chest), same pattern, same sidedness and loading; secondary overlap by hand
    secondary = len(bench.secondary & db_bench.secondary) / len(
        bench.secondary | db_bench.secondary
    )
    expected = round(0.45 + 0.25 + 0.10 * secondary + 0.10 + 0.10, 3)
    assert swap_score(bench, db_bench) == expected


def test_busy_machine_is_left_out(catalog, llm_settings, auth_client):
    response = auth_client.post(
        SWAP_URL, {"exercise": "hack squat", "reason": "the machine is busy"}, format="json"
    )
    assert response.status_code == 200, response.data
    body = response.data
    assert body["original"]["name"] == "Hack Squat"
    assert len(body["alternatives"]) >= 4
    by_id = {e.id: e for e in catalog.exercises}
    for alternative in body["alternatives"]:
        assert "machine" not in by_id[alternative["exercise"]["id"]].equipment
        assert alternative["reasons"]
        assert 0 < alternative["score"] <= 1
    assert body["metrics"]["constraints"]["excluded_equipment"] == ["machine"]
    assert body["provider"] == "offline"
    assert body["narrative"]


def test_a_wrist_reason_restricts_the_wrist_for_this_answer(catalog, llm_settings, auth_client):
    response = auth_client.post(
        SWAP_URL, {"exercise": "barbell curl", "reason": "it bothers my wrist"}, format="json"
    )
    assert response.status_code == 200, response.data
    by_id = {e.id: e for e in catalog.exercises}
    assert response.data["alternatives"]
    for alternative in response.data["alternatives"]:
        assert not by_id[alternative["exercise"]["id"]].loads_region("wrist")


def test_severe_knee_injury_removes_every_knee_loading_alternative(
    catalog, llm_settings, user, auth_client
):
    InjuryFactory(user=user, body_region="knee", severity=8)
    by_id = {e.id: e for e in catalog.exercises}
    for name in ("barbell back squat", "leg press", "walking lunge", "leg extension"):
        response = auth_client.post(SWAP_URL, {"exercise": name}, format="json")
        assert response.status_code == 200, (name, response.data)
        assert response.data["metrics"]["constraints"]["injured_regions"] == ["knee"]
        for alternative in response.data["alternatives"]:
            assert not by_id[alternative["exercise"]["id"]].loads_region("knee"), name


def test_profile_equipment_is_respected_and_can_be_overridden(
    catalog, llm_settings, user, auth_client
):
    user.profile.equipment_available = [Equipment.DUMBBELL, Equipment.BENCH]
    user.profile.save()
    by_id = {e.id: e for e in catalog.exercises}
    home = auth_client.post(SWAP_URL, {"exercise": "bench press"}, format="json").data
    assert home["alternatives"]
    for alternative in home["alternatives"]:
        assert by_id[alternative["exercise"]["id"]].equipment <= {"dumbbell", "bench", "bodyweight"}
    override = auth_client.post(
        SWAP_URL, {"exercise": "bench press", "equipment": ["cable"]}, format="json"
    ).data
    for alternative in override["alternatives"]:
        assert by_id[alternative["exercise"]["id"]].equipment <= {"cable", "bodyweight"}


def test_by_catalog_id(catalog, llm_settings, auth_client):
    squat = next(e for e in catalog.exercises if e.name == "Barbell Back Squat")
    response = auth_client.post(SWAP_URL, {"exercise": str(squat.id)}, format="json")
    assert response.status_code == 200
    assert response.data["original"] == {"id": squat.id, "name": "Barbell Back Squat"}


def test_unknown_exercise_is_a_404_with_the_closest_names(catalog, llm_settings, auth_client):
    response = auth_client.post(SWAP_URL, {"exercise": "zorbulator flips"}, format="json")
    assert response.status_code == 404
    error = response.data["error"]
    assert error["code"] == "exercise_not_found"
    assert len(error["fields"]["closest"]) >= 1


@pytest.mark.parametrize("exercise", ["", "x" * 10_000])
def test_bad_input_is_a_400_with_field_errors(catalog, llm_settings, auth_client, exercise):
    response = auth_client.post(SWAP_URL, {"exercise": exercise}, format="json")
    assert response.status_code == 400
    assert "exercise" in response.data["error"]["fields"]


def test_needs_authentication(catalog, api_client):
    assert api_client.post(SWAP_URL, {"exercise": "squat"}, format="json").status_code == 401
