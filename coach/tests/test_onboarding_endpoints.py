"""POST /api/onboarding/extract and the server-kept onboarding conversation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import Profile
from coach.cache import user_generation
from coach.models import OnboardingState

pytestmark = pytest.mark.django_db
EXTRACT_URL = "/api/onboarding/extract"
CHAT_URL = "/api/onboarding/conversational"


def test_extract_answers_fields_and_missing_and_saves_nothing(llm_settings, user, auth_client):
    before = Profile.objects.filter(user=user).values().get()
    text = "I've been lifting for a year and can get to the gym four mornings a week"
    response = auth_client.post(EXTRACT_URL, {"text": text}, format="json")
    assert response.status_code == 200, response.data
    assert response.data["fields"] == {
        "experience_level": {"value": "intermediate", "confidence": 0.8},
        "training_days_per_week": {"value": 4, "confidence": 0.95},
    }
    assert response.data["missing"] == ["goals", "session_length_min", "equipment_available"]
    assert response.data["metrics"]["fields"] == response.data["fields"]
    assert response.data["provider"] == "offline"
    assert Profile.objects.filter(user=user).values().get() == before


def test_from_empty_to_a_complete_profile_in_the_fewest_turns(
    llm_settings, user, auth_client, django_capture_on_commit_callbacks
):
    first = auth_client.post(
        CHAT_URL, {"message": "I'm 34, male, 82 kg, I want to build muscle"}, format="json"
    ).data
    assert first["complete"] is False
    assert first["metrics"]["next_field"] == "experience_level"
    assert first["question"] in first["narrative"]
    answers = {
        "experience_level": "about two years",
        "training_days_per_week": "four",
        "session_length_min": "an hour",
        "equipment_available": "a full commercial gym",
    }
    body, turns = first, 1
    before = user_generation(user.pk)
    while not body["complete"]:
        asked = body["metrics"]["next_field"]
        with django_capture_on_commit_callbacks(execute=True):
            body = auth_client.post(CHAT_URL, {"message": answers[asked]}, format="json").data
        assert asked in body["metrics"]["added"]
        turns += 1
    assert turns == 1 + len(answers)  # one turn per field the first message left out
    profile = Profile.objects.get(user=user)
    assert profile.experience_level == "intermediate"
    assert profile.goals == ["hypertrophy"]
    assert profile.training_days_per_week == 4
    assert profile.session_length_min == 60
    assert profile.bodyweight_kg == Decimal("82.0")
    assert profile.sex == "male"
    assert profile.birth_year is not None
    assert body["profile"]["training_days_per_week"] == 4
    assert user_generation(user.pk) != before


def test_everything_in_one_message_completes_in_one_turn(llm_settings, user, auth_client):
    message = (
        "beginner, I want to lose fat, 3 days a week, 45 minute sessions, dumbbells and a bench"
    )
    body = auth_client.post(CHAT_URL, {"message": message}, format="json").data
    assert body["complete"] is True
    assert body["question"] is None
    assert Profile.objects.get(user=user).equipment_available == ["dumbbell", "bench"]


def test_corrections_replace_never_append(llm_settings, user, auth_client):
    auth_client.post(CHAT_URL, {"message": "I can train 3 days a week"}, format="json")
    body = auth_client.post(CHAT_URL, {"message": "actually four days"}, format="json").data
    assert body["metrics"]["fields"]["training_days_per_week"]["value"] == 4
    auth_client.post(CHAT_URL, {"message": "I have dumbbells and bands"}, format="json")
    body = auth_client.post(CHAT_URL, {"message": "no wait, only kettlebells"}, format="json").data
    assert body["metrics"]["fields"]["equipment_available"]["value"] == ["kettlebell"]
    state = OnboardingState.objects.get(user=user)
    assert state.fields["training_days_per_week"]["value"] == 4


def test_get_shows_the_state_and_delete_restarts(llm_settings, user, auth_client):
    assert auth_client.get(CHAT_URL).data["turns"] == 0
    auth_client.post(CHAT_URL, {"message": "I train 5 days a week"}, format="json")
    state = auth_client.get(CHAT_URL).data
    assert state["fields"]["training_days_per_week"]["value"] == 5
    assert state["question"]
    assert state["complete"] is False
    assert auth_client.delete(CHAT_URL).status_code == 204
    assert auth_client.get(CHAT_URL).data["fields"] == {}


def test_another_users_state_is_never_visible(llm_settings, user, auth_client, other_client):
    auth_client.post(CHAT_URL, {"message": "I'm 29 and train 4 days a week"}, format="json")
    assert other_client.get(CHAT_URL).data["fields"] == {}
    other_client.post(CHAT_URL, {"message": "two days a week"}, format="json")
    other_client.delete(CHAT_URL)
    mine = auth_client.get(CHAT_URL).data["fields"]
    assert mine["training_days_per_week"]["value"] == 4


@pytest.mark.parametrize(("url", "field"), [(EXTRACT_URL, "text"), (CHAT_URL, "message")])
@pytest.mark.parametrize("text", ["", "x" * 10_000])
def test_bad_input_is_a_400_with_field_errors(llm_settings, auth_client, url, field, text):
    response = auth_client.post(url, {field: text}, format="json")
    assert response.status_code == 400
    assert field in response.data["error"]["fields"]


COMPLETE_WITH_INJURIES = (
    "beginner, I want to lose fat, 3 days a week, 45 minute sessions, dumbbells and a bench. "
    "My right knee hurts at 4 out of 10; my lower back is sore"
)


def test_injuries_told_are_logged_once_when_the_profile_completes(llm_settings, user, auth_client):
    from training.models import Injury

    first = auth_client.post(
        CHAT_URL, {"message": "My right knee hurts at 4 out of 10, I train 3 days a week"}
    ).data
    assert first["complete"] is False
    assert not Injury.objects.filter(user=user).exists()  # nothing is logged before completion

    body = auth_client.post(CHAT_URL, {"message": COMPLETE_WITH_INJURIES}, format="json").data
    assert body["complete"] is True
    knee = Injury.objects.get(user=user)  # the lower back was told without a severity
    assert (knee.body_region, knee.side, knee.severity) == ("knee", "right", 4)
    assert knee.status == "active"
    assert body["metrics"]["injuries_logged"] == [
        {"id": knee.pk, "body_region": "knee", "side": "right", "severity": 4}
    ]
    assert body["metrics"]["injuries_unrated"] == ["lower_back"]
    assert "right knee (4/10)" in body["narrative"]
    assert "lower back" in body["narrative"]

    again = auth_client.post(CHAT_URL, {"message": COMPLETE_WITH_INJURIES}, format="json").data
    assert again["complete"] is True
    assert again["metrics"]["injuries_logged"] == []
    assert Injury.objects.filter(user=user).count() == 1  # no duplicate on a repeated completion

    auth_client.delete(CHAT_URL)  # a restarted conversation does not log it twice either
    auth_client.post(CHAT_URL, {"message": COMPLETE_WITH_INJURIES}, format="json")
    assert Injury.objects.filter(user=user).count() == 1


def test_injuries_of_one_user_are_not_logged_for_another(
    llm_settings, user, auth_client, other_user, other_client
):
    from training.models import Injury

    auth_client.post(CHAT_URL, {"message": COMPLETE_WITH_INJURIES}, format="json")
    other_client.post(CHAT_URL, {"message": COMPLETE_WITH_INJURIES}, format="json")
    assert Injury.objects.filter(user=user).count() == 1
    assert Injury.objects.filter(user=other_user).count() == 1
