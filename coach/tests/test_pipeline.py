"""AIEndpointView: the shared pipeline, through a minimal endpoint built on it."""

import pytest
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.test import APIRequestFactory, force_authenticate

from coach.cache import context_invalidate
from coach.pipeline import AIEndpointView
from core.llm import reset_providers
from core.llm.testserver import error, ok

pytestmark = pytest.mark.django_db


class DemoInput(serializers.Serializer):
    lift = serializers.CharField(max_length=40)


class DemoView(AIEndpointView):
    """A demonstration endpoint: one number per lift."""

    endpoint = "/api/demo/pipeline"
    method = "get"
    input_serializer_class = DemoInput
    prompt_id = "insights"
    calls: list[str] = []

    def compute(self, *, user, validated, context):
        self.calls.append(validated["lift"])
        return {"lift": validated["lift"], "e1rm_kg": 123.4, "sessions": len(self.calls)}

    def rag_request(self, validated, metrics):
        return {"question": f"how to progress the {validated['lift']}"}

    def offline_narrative(self, *, metrics, chunks, context):
        cite = f" [{chunks[0]['n']}]" if chunks else ""
        return f"Your {metrics['lift']} e1RM is {metrics['e1rm_kg']} kg{cite}."

    def finalise_narrative(self, text, *, metrics, chunks, context):
        return text + " Always appended."


@pytest.fixture(autouse=True)
def _reset_calls():
    DemoView.calls = []


def _get(user, **params):
    request = APIRequestFactory().get("/api/demo/pipeline", params)
    force_authenticate(request, user=user)
    return DemoView.as_view()(request)


def test_offline_answer_has_the_contract_and_is_cached_per_generation(
    knowledge, llm_settings, user
):
    first = _get(user, lift="squat")
    assert first.status_code == 200, first.data
    body = first.data
    assert set(body) == {
        "metrics",
        "narrative",
        "citations",
        "provider",
        "model",
        "cached",
        "usage",
    }
    assert body["metrics"] == {"lift": "squat", "e1rm_kg": 123.4, "sessions": 1}
    assert body["provider"] == "offline"
    assert body["cached"] is False
    assert body["narrative"].startswith("Your squat e1RM is 123.4 kg")
    assert body["narrative"].endswith("Always appended.")
    assert body["citations"]
    assert {"n", "chunk_id", "title", "namespace"} == set(body["citations"][0])
    assert body["usage"]["total_tokens"] > 0

    again = _get(user, lift="squat")
    assert again.data["cached"] is True
    assert again.data["metrics"] == body["metrics"]
    assert DemoView.calls == ["squat"]

    assert _get(user, lift="bench").data["cached"] is False  # another input, another entry
    context_invalidate(user.pk)
    rebuilt = _get(user, lift="squat")
    assert rebuilt.data["cached"] is False
    assert DemoView.calls == ["squat", "bench", "squat"]


def test_cache_is_per_user(knowledge, llm_settings, user, other_user):
    _get(user, lift="squat")
    assert _get(other_user, lift="squat").data["cached"] is False


def test_remote_narrative_leaves_metrics_identical(knowledge, llm_settings, remote_llm, user):
    remote_llm.push(ok("Your squat e1RM is 999 kg, a record [1]."))
    remote = _get(user, lift="squat")
    assert remote.status_code == 200, remote.data
    assert remote.data["provider"] != "offline"
    assert "999" in remote.data["narrative"]
    assert remote.data["narrative"].endswith("Always appended.")
    messages = remote_llm.requests[-1]["messages"]
    prompt = "\n".join(m["content"] for m in messages)
    assert "<<<COMPUTED RESULTS>>>" in prompt
    assert "123.4" in prompt

    llm_settings.LLM_BASE_URL = ""
    reset_providers()
    context_invalidate(user.pk)
    offline = _get(user, lift="squat")
    assert offline.data["provider"] == "offline"
    remote_metrics = dict(remote.data["metrics"], sessions=None)
    assert dict(offline.data["metrics"], sessions=None) == remote_metrics


def test_provider_failure_still_answers_with_the_numbers(knowledge, llm_settings, remote_llm, user):
    remote_llm.push(error(500), error(500), error(500))
    response = _get(user, lift="deadlift")
    assert response.status_code == 200, response.data
    assert response.data["provider"] == "offline"
    assert response.data["metrics"]["e1rm_kg"] == 123.4
    assert response.data["narrative"].startswith("Your deadlift e1RM")
    # a degraded answer is not cached
    remote_llm.push(ok("Fine now [1]."))
    assert _get(user, lift="deadlift").data["cached"] is False


def test_bad_input_is_400_in_the_error_shape(llm_settings, user):
    response = _get(user)
    assert response.status_code == 400
    assert response.data["error"]["code"] == "validation_error"
    assert "lift" in response.data["error"]["fields"]


def test_schema_documents_metrics_and_errors():
    generator = SchemaGenerator(patterns=[path("api/demo/pipeline", DemoView.as_view())])
    schema = generator.get_schema(request=None, public=True)
    operation = schema["paths"]["/api/demo/pipeline"]["get"]
    assert {"200", "400", "401", "429"} <= set(operation["responses"])
    assert [p["name"] for p in operation["parameters"]] == ["lift"]
    assert "DemoResponse" in schema["components"]["schemas"]
