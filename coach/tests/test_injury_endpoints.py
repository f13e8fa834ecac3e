"""POST /api/injury/log and /api/injury/analyze through the API, on the offline provider."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.cache import user_generation
from coach.injuries.guidance import PROFESSIONAL_CARE
from core.llm.testserver import ok
from training.models import Exercise, Injury
from training.services import exercise_catalog_load
from training.tests.factories import InjuryFactory, SetLogFactory, WorkoutFactory

pytestmark = pytest.mark.django_db
LOG_URL = "/api/injury/log"
ANALYZE_URL = "/api/injury/analyze"


@pytest.fixture
def catalog(db):  # type: ignore[no-untyped-def]
    exercise_catalog_load()
    return {e.slug: e for e in Exercise.objects.all()}


def _trained(user, catalog, *slugs):
    session = WorkoutFactory(user=user)
    for slug in slugs:
        SetLogFactory(session=session, exercise=catalog[slug])


def test_free_text_is_logged_with_the_onset_in_the_athletes_time_zone(
    catalog, llm_settings, user, auth_client, django_capture_on_commit_callbacks
):
    user.profile.timezone = "Pacific/Kiritimati"
    user.profile.save()
    before = user_generation(user.pk)
    text = "strained my right calf on a hill run two days ago, maybe a 4 out of 10"
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(LOG_URL, {"text": text}, format="json")
    assert response.status_code == 201, response.data
    injury = response.data["injury"]
    local_today = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert injury["body_region"] == "calf"
    assert injury["side"] == "right"
    assert injury["severity"] == 4
    assert injury["status"] == "active"
    assert injury["onset_date"] == (local_today - timedelta(days=2)).isoformat()
    assert injury["notes"] == text
    saved = Injury.objects.get(pk=injury["id"], user=user)
    assert saved.severity == 4
    assert response.data["metrics"]["source"] == "rules"
    assert response.data["metrics"]["mechanism"] == {"kind": "strain", "activity": "a hill run"}
    assert PROFESSIONAL_CARE in response.data["narrative"]
    assert user_generation(user.pk) != before  # the cached context is retired


def test_structured_fields_are_logged(catalog, llm_settings, user, auth_client):
    data = {"body_region": "shoulder", "side": "left", "severity": 3, "onset_date": "2026-11-20"}
    response = auth_client.post(LOG_URL, data, format="json")
    assert response.status_code == 201, response.data
    assert response.data["injury"]["onset_date"] == "2026-11-20"
    assert response.data["metrics"]["source"] == "structured"


def test_unclear_region_or_severity_asks_and_saves_nothing(
    catalog, llm_settings, user, auth_client
):
    response = auth_client.post(LOG_URL, {"text": "my knee hurts"}, format="json")
    assert response.status_code == 422
    error = response.data["error"]
    assert error["code"] == "needs_confirmation"
    assert error["fields"]["missing"] == ["severity"]
    assert error["fields"]["extracted"]["body_region"] == "knee"
    assert not Injury.objects.filter(user=user).exists()
    response = auth_client.post(LOG_URL, {"text": "I'm injured, it's bad"}, format="json")
    assert response.status_code == 422
    assert response.data["error"]["fields"]["missing"] == ["body_region", "severity"]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my left hand goes numb after overhead work, 4/10", "numbness"),
        ("my shoulder wakes me up at night, 6 out of 10", "night_pain"),
        ("fell off my bike and hurt my knee, 5/10", "trauma"),
        ("my ankle is swollen since yesterday, 5/10", "swelling"),
        ("can't put weight on my right foot, 7/10", "loss_of_function"),
    ],
)
def test_red_flags_always_bring_the_clinician_referral(
    catalog, llm_settings, auth_client, text, flag
):
    response = auth_client.post(LOG_URL, {"text": text}, format="json")
    assert response.status_code == 201, response.data
    metrics = response.data["metrics"]
    assert flag in metrics["red_flags"]
    assert metrics["clinician_referral"].startswith("Get medical care now")
    assert metrics["clinician_referral"] in response.data["narrative"]
    analysed = auth_client.post(ANALYZE_URL, {"text": text}, format="json").data
    assert analysed["metrics"]["clinician_referral"] in analysed["narrative"]


def test_a_remote_narrative_still_carries_the_caveat(
    catalog, llm_settings, remote_llm, auth_client
):
    remote_llm.push(ok("Rest it and keep moving."))
    response = auth_client.post(LOG_URL, {"text": "pulled my hamstring, 5/10"}, format="json")
    assert response.status_code == 201, response.data
    assert response.data["narrative"].startswith("Rest it and keep moving.")
    assert PROFESSIONAL_CARE in response.data["narrative"]


def test_severe_knee_injury_sorts_every_knee_loading_exercise_into_avoid(
    catalog, llm_settings, user, auth_client
):
    _trained(user, catalog, "barbell-back-squat", "leg-press", "barbell-bench-press")
    injury = InjuryFactory(user=user, body_region="knee", severity=8)
    response = auth_client.post(ANALYZE_URL, {"injury_id": injury.pk}, format="json")
    assert response.status_code == 200, response.data
    metrics = response.data["metrics"]
    assert metrics["tier"] == "avoid"
    avoided = {e["exercise"]["name"] for e in metrics["exercises"]["avoid"]}
    assert avoided == {"Barbell Back Squat", "Leg Press"}
    assert metrics["exercises"]["modify"] == metrics["exercises"]["substitute"] == []
    assert metrics["run_guidance"].startswith("No running")
    assert metrics["return_to_training"][0]["step"] == 1
    assert "knee" in metrics["affected"]["body_regions"]
    assert "squat" in metrics["affected"]["movement_patterns"]
    assert PROFESSIONAL_CARE in response.data["narrative"]


def test_moderate_injury_offers_substitutes_that_spare_the_region(
    catalog, llm_settings, user, auth_client
):
    _trained(user, catalog, "barbell-back-squat", "walking-lunge", "barbell-bench-press")
    response = auth_client.post(ANALYZE_URL, {"body_region": "knee", "severity": 5}, format="json")
    assert response.status_code == 200, response.data
    substitute = response.data["metrics"]["exercises"]["substitute"]
    assert {e["exercise"]["name"] for e in substitute} >= {"Barbell Back Squat"}
    by_id = {e.pk: e for e in catalog.values()}
    for entry in substitute:
        assert entry["substitute"] is not None
        assert "knee" not in by_id[entry["substitute"]["id"]].loads_regions
    assert not Injury.objects.filter(user=user).exists()  # analyze without an id saves nothing


def test_mild_upper_body_injury_is_modify_without_run_guidance(
    catalog, llm_settings, user, auth_client
):
    _trained(user, catalog, "barbell-curl", "barbell-back-squat")
    response = auth_client.post(ANALYZE_URL, {"text": "my right elbow aches, 2/10"}, format="json")
    metrics = response.data["metrics"]
    assert metrics["tier"] == "modify"
    assert "Barbell Curl" in {e["exercise"]["name"] for e in metrics["exercises"]["modify"]}
    assert metrics["run_guidance"] is None


def test_another_users_injury_is_a_404(catalog, llm_settings, user, other_client):
    injury = InjuryFactory(user=user, body_region="knee", severity=5)
    response = other_client.post(ANALYZE_URL, {"injury_id": injury.pk}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("url", [LOG_URL, ANALYZE_URL])
@pytest.mark.parametrize("text", ["", "x" * 10_000])
def test_bad_text_is_a_400_with_field_errors(catalog, llm_settings, auth_client, url, text):
    response = auth_client.post(url, {"text": text}, format="json")
    assert response.status_code == 400
    assert "text" in response.data["error"]["fields"]


def test_an_empty_request_is_a_400(catalog, llm_settings, auth_client):
    response = auth_client.post(LOG_URL, {}, format="json")
    assert response.status_code == 400
    assert "text" in response.data["error"]["fields"]
