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


def _embedding_forbidden(message: str):  # type: ignore[no-untyped-def]
    raise AssertionError(f"embedded {message!r}, which a decisive rule settles")


def test_a_decisive_rule_answers_without_the_embedding(monkeypatch):
    from coach.classify.classifier import IntentClassifier
    from coach.classify.model import intent_model

    monkeypatch.setattr(IntentClassifier, "embed", staticmethod(_embedding_forbidden))
    # swap verb (3.0) and a busy machine (1.5), no other intent's cue
    result = classify_message("swap hack squats, the machine is busy")
    assert (result.intent, result.alternatives) == ("swap_exercise", [])
    assert result.confidence == intent_model().decisive["swap_exercise"]


def test_cues_for_two_intents_go_to_the_model(monkeypatch):
    from coach.classify.classifier import IntentClassifier
    from coach.classify.rules import decisive_intent, rule_evidence

    message = "is 3x5 at 225 a good squat for a beginner"  # a logged set's shape, asked about
    assert decisive_intent(rule_evidence(message)) is None
    embedded: list[str] = []
    real = IntentClassifier.embed

    def spy(text: str):  # type: ignore[no-untyped-def]
        embedded.append(text)
        return real(text)

    monkeypatch.setattr(IntentClassifier, "embed", staticmethod(spy))
    classify_message(message)
    assert embedded == [message]


def test_rule_precision_is_laplace_smoothed_and_only_for_rules_never_wrong():
    from coach.classify.model import rule_precision

    swaps = [f"swap the {n} machine, it is busy" for n in range(10)]
    lifts = [f"bench {n}x5 at 100" for n in range(3, 13)]
    messages = [*swaps, *lifts, "squat 5x5 at 100"]
    labels = ["swap_exercise"] * 10 + ["log_workout"] * 10 + ["ask_question"]
    # swap: right 10 of 10 -> (10 + 1) / (10 + 2); log_workout was wrong once: not decisive
    assert rule_precision(messages, labels) == {"swap_exercise": 11 / 12}
    assert rule_precision(messages[:9], labels[:9]) == {}  # 9 examples: too few to trust
