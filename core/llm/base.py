"""The provider interface: request and result types, the error types, the Provider base class."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Generator
from dataclasses import dataclass, field, replace
from typing import Any

from rest_framework import status
from rest_framework.exceptions import APIException


class LLMError(APIException):
    """Base of the layer's errors; uncaught in a view it becomes a 503 in the API's error shape."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The coach's language model is unavailable; try again shortly."
    default_code = "llm_unavailable"

    reason = "unavailable"

    def __init__(
        self, detail: str | None = None, *, provider: str = "", reason: str | None = None
    ) -> None:
        super().__init__(detail)
        self.provider = provider
        if reason:
            self.reason = reason


class LLMUnavailable(LLMError):
    """Timeouts, connection errors, 429/5xx after the retries, or an open circuit breaker.

    ``wait`` (seconds, or None) is what the provider asked us to wait; DRF turns it into the
    response's ``Retry-After`` header.
    """

    def __init__(
        self,
        detail: str | None = None,
        *,
        provider: str = "",
        reason: str | None = None,
        wait: float | None = None,
    ) -> None:
        super().__init__(detail, provider=provider, reason=reason)
        self.wait = wait


class CircuitOpen(LLMUnavailable):
    """The provider failed repeatedly and is not being called until its cool-down ends."""

    reason = "circuit_open"


class LLMRequestError(LLMError):
    """The provider refused the request itself (4xx other than 408/409/429): not worth retrying."""

    status_code = status.HTTP_502_BAD_GATEWAY
    default_detail = "The coach's language model refused the request."
    default_code = "llm_bad_request"
    reason = "bad_request"


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def as_dict(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
        }


@dataclass
class ChatRequest:
    """One question to the coach, with everything the model may ground its answer in.

    ``context_blocks`` are retrieved chunks as numbered citations:
    ``[{"n": 1, "chunk_id": ..., "title": ..., "namespace": ..., "text": ...}]``.
    ``history`` is the last turns as ``[{"role": "user"|"assistant", "content": ...}]``.
    ``facts`` are the endpoint's computed results (numbers the model must not recompute).
    ``system_text``, when given, replaces the ``prompt_id`` template.
    """

    message: str
    prompt_id: str = "coach"
    system_text: str | None = None
    context_blocks: list[dict[str, Any]] = field(default_factory=list)
    user_context: dict[str, Any] = field(default_factory=dict)
    history: list[dict[str, str]] = field(default_factory=list)
    facts: dict[str, Any] | list[Any] | None = None
    max_tokens: int = 700
    temperature: float = 0.3


@dataclass(frozen=True)
class ChatResult:
    text: str
    provider: str
    model: str
    usage: Usage
    latency_ms: float
    finish_reason: str | None
    complete: bool
    cost_microusd: int = 0
    fallback_from: str = ""

    def with_fallback_from(self, provider: str) -> ChatResult:
        return replace(self, fallback_from=provider)


@dataclass(frozen=True)
class Delta:
    """A piece of a streamed answer; the last one has empty ``text`` and carries ``result``."""

    text: str
    provider: str
    result: ChatResult | None = None


class Provider:
    """A chat model behind one interface. Subclasses implement ``complete`` and ``stream``.

    The async variants default to running the sync ones in a worker thread; providers with a
    native async client override them.
    """

    name: str = ""
    model: str = ""

    def complete(self, request: ChatRequest) -> ChatResult:
        raise NotImplementedError

    def stream(self, request: ChatRequest) -> Generator[Delta, None, None]:
        raise NotImplementedError

    async def acomplete(self, request: ChatRequest) -> ChatResult:
        return await asyncio.to_thread(self.complete, request)

    async def astream(self, request: ChatRequest) -> AsyncGenerator[Delta, None]:
        for delta in self.stream(request):
            yield delta

    def describe(self) -> dict[str, str]:
        """What health checks and responses may say about this provider (never the key)."""
        return {"provider": self.name, "model": self.model}
