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


def test_a_cached_answer_costs_one_redis_round_trip(
    knowledge, llm_settings, user, redis_round_trips
):
    from core.llm import get_provider

    view = DemoView()
    body, cached = view.respond(user, {"lift": "bench"})
    assert cached is False
    redis_round_trips.clear()
    again, cached = view.respond(user, {"lift": "bench"})
    assert cached is True
    assert again == body
    assert len(redis_round_trips) == 1  # the generation and the answer, read by one script
    assert get_provider().name == "offline"


def test_a_miss_reads_the_context_with_the_answer_and_builds_it_once(
    knowledge, llm_settings, user, redis_round_trips
):
    from coach.cache import AIRequest, ai_lookup
    from coach.context import build_context

    context = build_context(user)  # cached under the live generation
    view = DemoView()
    redis_round_trips.clear()
    view.respond(user, {"lift": "deadlift"})
    # one read (generation, answer, context), then the answer's lock, then store and release;
    # retrieval adds its own (read-or-lock, store and release); the context is not read again
    assert len(redis_round_trips) == 5
    request = AIRequest(prompt="x", model="m", provider="p", template_version="t", user_id=user.pk)
    found = ai_lookup(request)
    assert found is not None
    assert found.answer is None
    assert found.context.value == context
    context_invalidate(user.pk)
    after = ai_lookup(request)
    assert after is not None
    assert after.context.generation == found.context.generation + 1
    assert after.context.value is None  # the old generation's context is not served


class UncitedView(DemoView):
    """An endpoint whose offline narrative never uses the chunks."""

    endpoint = "/api/demo/uncited"
    offline_uses_chunks = False


def _get_uncited(user, **params):
    request = APIRequestFactory().get("/api/demo/uncited", params)
    force_authenticate(request, user=user)
    return UncitedView.as_view()(request)


def test_offline_skips_retrieval_when_the_narrative_cites_nothing(
    knowledge, llm_settings, user, remote_llm
):
    from django.core.cache import cache

    llm_settings.LLM_BASE_URL = ""
    reset_providers()
    offline = _get_uncited(user, lift="squat")
    assert offline.status_code == 200, offline.data
    assert offline.data["provider"] == "offline"
    assert offline.data["citations"] == []
    assert cache.keys("rag:*") == []  # nothing was retrieved
    cited = _get(user, lift="squat")  # the same hooks with chunks used: retrieved and cited
    assert cited.data["citations"]

    llm_settings.LLM_BASE_URL = remote_llm.url
    reset_providers()
    remote_llm.push(ok("Squat well [1]."))
    remote = _get_uncited(user, lift="squat")
    assert remote.data["provider"] != "offline"
    assert remote.data["citations"]  # a remote model is given the chunks and may cite them
    prompt = "\n".join(m["content"] for m in remote_llm.requests[-1]["messages"])
    assert remote.data["citations"][0]["title"] in prompt


def _get_with(user, accept, **params):
    request = APIRequestFactory().get("/api/demo/pipeline", params, HTTP_ACCEPT=accept)
    force_authenticate(request, user=user)
    return DemoView.as_view()(request)


def test_a_hit_sends_the_bytes_stored_with_the_answer(knowledge, llm_settings, user):
    import json

    first = _get(user, lift="row")
    first.render()
    hit = _get(user, lift="row")
    hit.render()
    assert hit["Content-Type"] == first["Content-Type"] == "application/json"
    assert json.loads(hit.content) == {**json.loads(first.content), "cached": True}
    assert hit.content == first.content.replace(b'"cached":false}', b'"cached":true}')
    assert hit.data == {**first.data, "cached": True}
    indented = _get_with(user, "application/json; indent=2", lift="row")
    indented.render()
    assert indented.content.startswith(b'{\n  "metrics"')  # rendered afresh from the bytes
    assert json.loads(indented.content) == json.loads(hit.content)
    assert DemoView.calls == ["row"]
