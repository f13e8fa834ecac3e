"""AIEndpointView: the one pipeline behind every AI endpoint (context -> retrieval -> numbers ->
narrative -> cache -> metrics), as a DRF ``APIView`` base class with hooks.

A subclass declares data and overrides hooks; it never touches caching, retrieval or providers::

    class FatigueView(AIEndpointView):
        endpoint = "/api/analytics/fatigue"          # the path; also the retrieval key
        method = "get"                               # "get" reads query params, "post" the body
        input_serializer_class = FatigueInputSerializer
        metrics_serializer_class = FatigueMetricsSerializer   # the OpenAPI shape of ``metrics``
        prompt_id = "fatigue"                        # a template in core.llm.prompts
        max_chunks = 4

        def compute(self, *, user, validated, context):        # the numbers, by code
            return fatigue_metrics(user, as_of=validated["as_of"])

        def rag_request(self, validated, metrics):              # what retrieval gets
            return {"zone": metrics["zone"]}

        def offline_narrative(self, *, metrics, chunks, context):  # the offline provider's text
            return f"Your ACWR is {metrics['acwr_rolling']:.2f} ..."

The request flow (``handle``):

1. ``validate(request)``: the input serializer over ``request.query_params`` (GET) or
   ``request.data`` (POST); errors are 400s in the API's error shape.
2. The response cache: ``ai:user:{user_id}:g{generation}:{hash}`` over the endpoint, the
   ``cache_key_data(validated)``, the provider, the model and the prompt template's tag. One
   Redis round trip reads the generation, the answer under it and, when the answer is missing,
   the user context under it (``coach.cache.ai_lookup``). A hit answers at once with
   ``cached: true`` (no context, no queries, no provider call), sent as the JSON bytes stored
   when the answer was built (rendered once, not unpickled and rendered per hit). A write by
   the user bumps the generation (coach.signals), so the next request builds afresh.
   ``cache_responses = False`` for endpoints that write (program generation).
3. On a miss, built once under a lock: the context (as read above, or built and cached), then
   ``compute(user=, validated=, context=)`` -> ``metrics`` (a JSON-safe dict), then
   ``rag_service.get_rag_context(endpoint, rag_request(validated, metrics), context,
   max_chunks)`` -> the chunks, numbered as citations. An endpoint whose offline narrative
   never uses the chunks says ``offline_uses_chunks = False``: on the offline provider it
   retrieves nothing and cites nothing (a remote provider still receives the chunks).
4. The narrative: with the offline provider (the default), ``offline_narrative(metrics=,
   chunks=, context=)`` written from the numbers; with a remote provider, the model is asked
   ``question(validated, metrics)`` with the chunks, the user context in words and the metrics
   as computed results. If the remote provider fails (or its fallback is the offline coach), the
   endpoint's own offline narrative is used and the response is not cached. Then
   ``finalise_narrative(text, metrics=, chunks=, context=)`` (e.g. a safety paragraph that must
   appear whatever the provider wrote).
5. The body ``{metrics, narrative, citations, provider, model, cached, usage}``; the metrics are
   the same whichever provider wrote the narrative. ``ai_endpoint_requests`` (by endpoint and
   cached) and ``ai_endpoint_latency_ms`` are recorded.

Other seams: ``response_status`` (200; 201 for endpoints that create), ``response_headers(body)``,
``extra_body(metrics)`` for top-level keys besides the contract's (``complete`` for onboarding).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coach.cache import AIRequest, AIResult, ContextFound, ai_cached_build_with_context
from coach.context import build_context
from coach.serializers import ai_response_serializer
from core import llm, metrics
from core.llm.offline import OfflineProvider
from rag.service import rag_service

PIPELINE_VERSION = 3  # 3: answers are cached as their rendered JSON bytes


def render_cached(body: dict[str, Any]) -> bytes:
    """The body as a cache hit sends it (``cached: true``), rendered as the JSON renderer
    renders a live answer."""
    return bytes(JSONRenderer().render({**body, "cached": True}))


_HIT_END, _MISS_END = b'"cached":true}', b'"cached":false}'


def as_built_now(rendered: bytes) -> bytes | None:
    """The stored bytes of an answer as its first response sends them (``cached: false``:
    ``cached`` is the last key); None if the renderer wrote them otherwise."""
    if not rendered.endswith(_HIT_END):
        return None
    return rendered[: -len(_HIT_END)] + _MISS_END


@dataclass(frozen=True)
class Answer:
    """An AI endpoint's answer: the body just built, or the bytes a cache hit found."""

    body: dict[str, Any] | None  # built now (without ``cached``)
    rendered: bytes | None  # the JSON of the body with ``cached: true``, as stored
    cached: bool

    def response_bytes(self) -> bytes | None:
        """The JSON this answer goes out as (None: render the body afresh)."""
        if self.rendered is None or self.cached:
            return self.rendered
        return as_built_now(self.rendered)

    def as_dict(self) -> dict[str, Any]:
        """The body without ``cached`` (decoded from the stored bytes for a hit)."""
        if self.body is not None:
            return self.body
        body = json.loads(self.rendered or b"{}")
        body.pop("cached", None)
        return dict(body)


class CachedAnswerResponse(Response):
    """An answer rendered when it was built (and stored so): its JSON bytes go out as they are
    when the client negotiated plain JSON (an indented or browsable rendering decodes them and
    renders afresh); ``data`` is decoded only when read."""

    def __init__(self, rendered: bytes, *, status: int) -> None:
        self._rendered = rendered
        self._decoded: dict[str, Any] | None = None
        super().__init__(None, status=status)

    @property  # type: ignore[override]
    def data(self) -> dict[str, Any] | None:
        if self._decoded is None:
            self._decoded = json.loads(self._rendered)
        return self._decoded

    @data.setter
    def data(self, value: dict[str, Any] | None) -> None:
        if value is not None:
            self._decoded = value

    @property
    def rendered_content(self) -> bytes:
        renderer = getattr(self, "accepted_renderer", None)
        if (
            isinstance(renderer, JSONRenderer)
            and type(renderer) is JSONRenderer
            and renderer.get_indent(self.accepted_media_type, self.renderer_context) is None
        ):
            self["Content-Type"] = renderer.media_type
            return self._rendered
        return bytes(super().rendered_content)


def citation_blocks(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Retrieved chunks as the numbered blocks providers cite: ``{n, chunk_id, title, ...}``."""
    return [
        {
            "n": chunk["citation"],
            "chunk_id": chunk["id"],
            "title": chunk["title"],
            "namespace": chunk["namespace"],
            "text": chunk["text"],
        }
        for chunk in chunks
    ]


class AIEndpointView(APIView):
    """Base class of every AI endpoint; see the module docstring for the hooks."""

    endpoint: ClassVar[str] = ""
    method: ClassVar[str] = "get"
    input_serializer_class: ClassVar[type[serializers.Serializer] | None] = None
    metrics_serializer_class: ClassVar[type[serializers.Serializer] | None] = None
    prompt_id: ClassVar[str] = "analysis"
    max_chunks: ClassVar[int] = 4
    cache_responses: ClassVar[bool] = True
    # False when ``offline_narrative`` never uses the chunks: on the offline provider retrieval
    # is skipped (no citations the text does not cite); a remote model still gets them.
    offline_uses_chunks: ClassVar[bool] = True
    response_status: ClassVar[int] = 200
    extra_responses: ClassVar[dict[int, Any]] = {}
    schema_description: ClassVar[str] = ""
    timer = staticmethod(time.perf_counter)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.endpoint or cls.method in cls.__dict__:
            return

        def handler(self: AIEndpointView, request: Request, *args: Any, **kw: Any) -> Response:
            return self.handle(request)

        handler.__name__ = cls.method
        response = ai_response_serializer(cls.__name__, cls.metrics_serializer_class)
        schema = extend_schema(
            request=cls.input_serializer_class if cls.method != "get" else None,
            parameters=[cls.input_serializer_class]
            if cls.method == "get" and cls.input_serializer_class
            else None,
            responses={cls.response_status: response, **cls.extra_responses},
            description=cls.schema_description or (cls.__doc__ or "").strip(),
        )
        setattr(cls, cls.method, schema(handler))

    # --- hooks -----------------------------------------------------------------------------
    def compute(self, *, user: Any, validated: dict[str, Any], context: dict[str, Any]) -> dict:
        """The endpoint's numbers (JSON-safe), computed by code from the user's data."""
        raise NotImplementedError

    def rag_request(self, validated: dict[str, Any], metrics: dict[str, Any]) -> dict[str, Any]:
        """What the endpoint's questionnaire transformer receives as the request."""
        return dict(validated)

    def offline_narrative(
        self, *, metrics: dict[str, Any], chunks: list[dict[str, Any]], context: dict[str, Any]
    ) -> str:
        """The offline provider's narrative, written from the numbers and the chunks."""
        raise NotImplementedError

    def question(self, validated: dict[str, Any], metrics: dict[str, Any]) -> str:
        """The instruction a remote model receives with the computed results."""
        return (
            "Explain these computed results to the athlete in a short narrative, citing the "
            "sources, and give one to three concrete next steps."
        )

    def finalise_narrative(
        self,
        text: str,
        *,
        metrics: dict[str, Any],
        chunks: list[dict[str, Any]],
        context: dict[str, Any],
    ) -> str:
        """The narrative as sent, whichever provider wrote it (append what must always appear)."""
        return text

    def validate(self, request: Request) -> dict[str, Any]:
        """The validated input (400 in the error shape otherwise)."""
        if self.input_serializer_class is None:
            return {}
        data = request.query_params if self.method == "get" else request.data
        serializer = self.input_serializer_class(data=data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def cache_key_data(self, validated: dict[str, Any]) -> Any:
        """What identifies the request in the response cache (override for uploaded files)."""
        return validated

    def extra_body(self, metrics: dict[str, Any]) -> dict[str, Any]:
        """Top-level response keys besides the contract's."""
        return {}

    def response_headers(self, body: dict[str, Any]) -> dict[str, str]:
        return {}

    # --- the pipeline ----------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        started = self.timer()
        validated = self.validate(request)
        answer = self.answer(request.user, validated)
        name = self.endpoint
        cached = answer.cached
        metrics.incr("ai_endpoint_requests", endpoint=name, cached=str(cached).lower())
        metrics.observe("ai_endpoint_latency_ms", (self.timer() - started) * 1000, endpoint=name)
        rendered = answer.response_bytes()
        if rendered is not None and not self._reads_body_for_headers():
            # JSON bytes rendered once, when the answer was built (a hit: as they were stored)
            return CachedAnswerResponse(rendered, status=self.response_status)
        body = {**answer.as_dict(), "cached": cached}
        return Response(body, status=self.response_status, headers=self.response_headers(body))

    def _reads_body_for_headers(self) -> bool:
        return type(self).response_headers is not AIEndpointView.response_headers

    def respond(self, user: Any, validated: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """The response body without ``cached``, and whether it came from the cache."""
        answer = self.answer(user, validated)
        return answer.as_dict(), answer.cached

    def answer(self, user: Any, validated: dict[str, Any]) -> Answer:
        """The answer built now (its body) or found in the response cache (its stored bytes)."""
        provider = llm.get_provider()
        if not self.cache_responses:
            return Answer(self.build(user, validated, provider).response, None, False)
        described = provider.describe()
        key_data = {"endpoint": self.endpoint, "input": self.cache_key_data(validated)}
        ai_request = AIRequest(
            prompt=json.dumps(key_data, sort_keys=True, default=str),
            model=described["model"],
            provider=described["provider"],
            template_version=f"{llm.TEMPLATES[self.prompt_id].cache_tag}.p{PIPELINE_VERSION}",
            user_id=user.pk,
        )
        built: list[dict[str, Any]] = []

        def build(found: ContextFound | None) -> AIResult:
            result = self.build(user, validated, provider, found)
            built.append(result.response)
            return AIResult(render_cached(result.response), complete=result.complete)

        stored, cached = ai_cached_build_with_context(ai_request, build)
        if built and not cached:
            return Answer(built[0], stored, False)
        return Answer(None, stored, True)

    def build(
        self,
        user: Any,
        validated: dict[str, Any],
        provider: llm.Provider,
        found: ContextFound | None = None,
    ) -> AIResult:
        """The answer afresh; ``found``: the context the response-cache lookup already read."""
        context = build_context(user, found=found)
        numbers = self.compute(user=user, validated=validated, context=context)
        chunks: list[dict[str, Any]] = []
        if self.offline_uses_chunks or not isinstance(provider, OfflineProvider):
            rag = rag_service.get_rag_context(
                self.endpoint, self.rag_request(validated, numbers), context, self.max_chunks
            )
            chunks = rag["chunks"]
        blocks = citation_blocks(chunks)
        result, complete = self.narrate(provider, validated, numbers, blocks, context)
        text = self.finalise_narrative(result.text, metrics=numbers, chunks=blocks, context=context)
        body = {
            "metrics": numbers,
            "narrative": text,
            "citations": [
                {k: b[k] for k in ("n", "chunk_id", "title", "namespace")} for b in blocks
            ],
            "provider": result.provider,
            "model": result.model,
            "usage": result.usage.as_dict(),
            **self.extra_body(numbers),
        }
        return AIResult(body, complete=complete)

    def narrate(
        self,
        provider: llm.Provider,
        validated: dict[str, Any],
        numbers: dict[str, Any],
        blocks: list[dict[str, Any]],
        context: dict[str, Any],
    ) -> tuple[llm.ChatResult, bool]:
        """The provider's narrative and whether it may be cached."""
        request = llm.ChatRequest(
            message=self.question(validated, numbers),
            prompt_id=self.prompt_id,
            context_blocks=blocks,
            user_context=context,
            facts=numbers,
        )

        def offline() -> str:
            return self.offline_narrative(metrics=numbers, chunks=blocks, context=context)

        if isinstance(provider, OfflineProvider):
            return OfflineProvider.narrate(request, offline()), True
        try:
            result = provider.complete(request)
        except llm.LLMError as exc:
            # "the numbers are the answer": a provider outage still returns them, narrated
            # offline, and the degraded response is not cached.
            fallback = OfflineProvider.narrate(request, offline())
            return fallback.with_fallback_from(exc.provider or provider.name), False
        if result.provider == OfflineProvider.name:  # a configured fallback answered
            return OfflineProvider.narrate(request, offline()).with_fallback_from(
                result.fallback_from
            ), False
        return result, result.complete
