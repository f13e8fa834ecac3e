"""POST /api/chat/classify: intents from rules and the embedding model, never the LLM."""

from __future__ import annotations

import pytest

from coach.classify.classifier import classify_message
from coach.classify.intents import INTENTS

pytestmark = pytest.mark.django_db
URL = "/api/chat/classify"

# Written for this test, apart from the labelled files the model is trained on.
MESSAGES = [
    ("squatted 5 sets of 5 at 120 kilos this morning", "log_workout"),
    ("just got back from a 7 km jog, 38 minutes", "log_run"),
    ("how many rest days a week do i need", "ask_question"),
    ("the leg press is busy, what can i do instead", "swap_exercise"),
    ("i think i sprained my wrist yesterday", "report_injury"),
    ("write me a 10 week powerlifting program", "program_request"),
    ("i'm 41 and can train three mornings a week", "onboarding"),
    ("thanks, talk tomorrow", "other"),
]


@pytest.mark.parametrize(("message", "intent"), MESSAGES)
def test_messages_get_their_intent(message, intent):
    result = classify_message(message)
    assert result.intent == intent
    assert 0 < result.confidence <= 1


def test_the_endpoint_answers_the_contract_shape(llm_settings, remote_llm, auth_client):
    response = auth_client.post(URL, {"message": "swap hack squats, the machine is busy"})
    assert response.status_code == 200
    body = response.data
    assert body["intent"] == "swap_exercise"
    assert set(body) == {"intent", "confidence", "alternatives"}
    assert all(alt["intent"] in INTENTS for alt in body["alternatives"])
    confidences = [body["confidence"], *(alt["confidence"] for alt in body["alternatives"])]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) <= 1.0001
    assert remote_llm.request_count == 0  # no LLM on this path, even when one is configured


def test_a_long_ramble_within_the_limit_is_classified(auth_client):
    message = ("so um " * 150 + "i ran 5k in 25 minutes")[:1000]
    response = auth_client.post(URL, {"message": message})
    assert response.status_code == 200
    assert response.data["intent"] in INTENTS


@pytest.mark.parametrize("message", ["", "   ", "x" * 10_000])
def test_bad_messages_are_a_400_with_field_errors(auth_client, message):
    response = auth_client.post(URL, {"message": message})
    assert response.status_code == 400
    assert "message" in response.data["error"]["fields"]


def test_needs_authentication(api_client):
    assert api_client.post(URL, {"message": "hi"}).status_code == 401
