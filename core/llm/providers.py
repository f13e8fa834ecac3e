"""Remote OpenAI-compatible providers (sync and async), the fallback wrapper, get_provider()."""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Generator
from typing import Any

import openai

from core.breaker import CircuitBreaker
from core.llm import accounting, config
from core.llm.base import ChatRequest, ChatResult, Delta, LLMError, Provider, Usage
from core.llm.offline import OfflineProvider
from core.llm.prompts import build_messages
from core.llm.resilience import Guard, RetryPolicy, as_llm_error, breaker_failure


def _usage(raw: Any) -> Usage:
    if raw is None:
        return Usage()
    return Usage(int(raw.prompt_tokens or 0), int(raw.completion_tokens or 0))


class _StreamState:
    """What a stream has produced so far, for the final result."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.usage = Usage()
        self.finish_reason: str | None = None

    def feed(self, chunk: Any) -> str:
        if getattr(chunk, "usage", None):
            self.usage = _usage(chunk.usage)
        text = ""
        for choice in chunk.choices or ():
            if choice.delta and choice.delta.content:
                text += choice.delta.content
            if choice.finish_reason:
                self.finish_reason = choice.finish_reason
        if text:
            self.parts.append(text)
        return text


class OpenAICompatibleProvider(Provider):
    """xAI, Moonshot (Kimi), OpenAI or any OpenAI-compatible server, through the openai SDK.

    The SDK's own retries are off (``max_retries=0``): ``Guard`` retries with backoff and keeps
    the circuit breaker. ``timer`` is the test seam for latency.
    """

    timer = staticmethod(time.perf_counter)

    def __init__(self, cfg: config.ProviderConfig, *, has_fallback: bool = False) -> None:
        self.config = cfg
        self.name = cfg.name
        self.model = cfg.model
        self.has_fallback = has_fallback
        self.breaker = CircuitBreaker(
            cfg.name, threshold=cfg.breaker_threshold, cooldown_s=cfg.breaker_cooldown_s
        )
        self.guard = Guard(
            cfg.name,
            RetryPolicy(cfg.max_retries, cfg.retry_base_s, cfg.retry_after_cap_s),
            self.breaker,
        )
        self._client: openai.OpenAI | None = None
        self._client_lock = threading.Lock()
        # httpx async connection pools belong to one event loop.
        self._async_clients: weakref.WeakKeyDictionary[Any, openai.AsyncOpenAI] = (
            weakref.WeakKeyDictionary()
        )

    def _client_options(self) -> dict[str, Any]:
        return {
            "base_url": self.config.base_url,
            "api_key": self.config.api_key,
            "timeout": self.config.timeout_s,
            "max_retries": 0,
        }

    @property
    def client(self) -> openai.OpenAI:
        with self._client_lock:
            if self._client is None:
                self._client = openai.OpenAI(**self._client_options())
            return self._client

    @property
    def async_client(self) -> openai.AsyncOpenAI:
        loop = asyncio.get_running_loop()
        client = self._async_clients.get(loop)
        if client is None:
            client = openai.AsyncOpenAI(**self._client_options())
            self._async_clients[loop] = client
        return client

    def _params(self, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "messages": build_messages(request),
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
        }
        if stream:
            params["stream"] = True
            params["stream_options"] = {"include_usage": True}
        return params

    def _result(
        self, text: str, usage: Usage, finish_reason: str | None, started: float
    ) -> ChatResult:
        latency_ms = (self.timer() - started) * 1000
        cost = accounting.record_success(self.name, self.model, usage, latency_ms)
        return ChatResult(
            text=text,
            provider=self.name,
            model=self.model,
            usage=usage,
            latency_ms=latency_ms,
            finish_reason=finish_reason,
            complete=finish_reason == "stop",
            cost_microusd=cost,
        )

    def _failed(self, started: float, exc: LLMError, *, answered: bool = False) -> None:
        latency_ms = (self.timer() - started) * 1000
        fallback = self.has_fallback and not answered
        accounting.record_failure(
            self.name, self.model, latency_ms, reason=exc.reason, fallback=fallback
        )

    def _from_response(self, response: Any, started: float) -> ChatResult:
        choice = response.choices[0] if response.choices else None
        text = (choice.message.content or "") if choice else ""
        finish_reason = choice.finish_reason if choice else None
        return self._result(text, _usage(response.usage), finish_reason, started)

    # --- sync -------------------------------------------------------------------------------
    def complete(self, request: ChatRequest) -> ChatResult:
        started = self.timer()
        params = self._params(request, stream=False)
        try:
            response = self.guard.call(lambda: self.client.chat.completions.create(**params))
        except LLMError as exc:
            self._failed(started, exc)
            raise
        return self._from_response(response, started)

    def stream(self, request: ChatRequest) -> Generator[Delta, None, None]:
        started = self.timer()
        params = self._params(request, stream=True)
        try:
            upstream = self.guard.call(lambda: self.client.chat.completions.create(**params))
        except LLMError as exc:
            self._failed(started, exc)
            raise
        state = _StreamState()
        try:
            for chunk in upstream:
                text = state.feed(chunk)
                if text:
                    yield Delta(text=text, provider=self.name)
        except openai.OpenAIError as exc:
            raise self._stream_failed(exc, started, state) from exc
        finally:
            upstream.close()  # a consumer that stops early closes the HTTP stream here
        result = self._result("".join(state.parts), state.usage, state.finish_reason, started)
        yield Delta(text="", provider=self.name, result=result)

    def _stream_failed(self, exc: Exception, started: float, state: _StreamState) -> LLMError:
        """A stream that broke after it started: counted against the breaker, recorded."""
        breaker_failure(self.breaker)
        failure = as_llm_error(exc, self.name)
        self._failed(started, failure, answered=bool(state.parts))
        return failure

    # --- async ------------------------------------------------------------------------------
    async def acomplete(self, request: ChatRequest) -> ChatResult:
        started = self.timer()
        params = self._params(request, stream=False)
        client = self.async_client
        try:
            response = await self.guard.acall(lambda: client.chat.completions.create(**params))
        except LLMError as exc:
            self._failed(started, exc)
            raise
        return self._from_response(response, started)

    async def astream(self, request: ChatRequest) -> AsyncGenerator[Delta, None]:
        started = self.timer()
        params = self._params(request, stream=True)
        client = self.async_client
        try:
            upstream = await self.guard.acall(lambda: client.chat.completions.create(**params))
        except LLMError as exc:
            self._failed(started, exc)
            raise
        state = _StreamState()
        try:
            async for chunk in upstream:
                text = state.feed(chunk)
                if text:
                    yield Delta(text=text, provider=self.name)
        except openai.OpenAIError as exc:
            raise self._stream_failed(exc, started, state) from exc
        finally:
            await upstream.close()  # cancellation or aclose() closes the HTTP stream here
        result = self._result("".join(state.parts), state.usage, state.finish_reason, started)
        yield Delta(text="", provider=self.name, result=result)


class FallbackProvider(Provider):
    """The primary provider, and when it fails before answering, the fallback's answer."""

    def __init__(self, primary: Provider, fallback: Provider) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self.model = primary.model

    def _mark(self, delta: Delta) -> Delta:
        if delta.result is None:
            return delta
        return Delta("", delta.provider, delta.result.with_fallback_from(self.primary.name))

    def complete(self, request: ChatRequest) -> ChatResult:
        try:
            return self.primary.complete(request)
        except LLMError:
            return self.fallback.complete(request).with_fallback_from(self.primary.name)

    def stream(self, request: ChatRequest) -> Generator[Delta, None, None]:
        upstream, fell_back = self.primary.stream(request), False
        try:
            first = next(upstream)
        except LLMError:
            upstream, fell_back = self.fallback.stream(request), True
            first = next(upstream)
        try:
            yield self._mark(first) if fell_back else first
            for delta in upstream:
                yield self._mark(delta) if fell_back else delta
        finally:
            upstream.close()

    async def acomplete(self, request: ChatRequest) -> ChatResult:
        try:
            return await self.primary.acomplete(request)
        except LLMError:
            result = await self.fallback.acomplete(request)
            return result.with_fallback_from(self.primary.name)

    async def astream(self, request: ChatRequest) -> AsyncGenerator[Delta, None]:
        upstream, fell_back = self.primary.astream(request), False
        try:
            first = await anext(upstream)
        except LLMError:
            await upstream.aclose()
            upstream, fell_back = self.fallback.astream(request), True
            first = await anext(upstream)
        try:
            yield self._mark(first) if fell_back else first
            async for delta in upstream:
                yield self._mark(delta) if fell_back else delta
        finally:
            await upstream.aclose()

    def describe(self) -> dict[str, str]:
        return {**self.primary.describe(), "fallback": self.fallback.name}


_built: dict[tuple[config.ProviderConfig, config.ProviderConfig | None], Provider] = {}
_built_lock = threading.Lock()


def _build(cfg: config.ProviderConfig, *, has_fallback: bool = False) -> Provider:
    if cfg.name == config.OFFLINE:
        return OfflineProvider()
    return OpenAICompatibleProvider(cfg, has_fallback=has_fallback)


def get_provider() -> Provider:
    """The configured provider (settings are read on every call; built providers are reused,
    so each keeps its HTTP connections and its circuit breaker)."""
    primary = config.provider_config(config.configured_name())
    fallback_name = config.fallback_name()
    fallback = (
        config.provider_config(fallback_name)
        if fallback_name and fallback_name != primary.name
        else None
    )
    key = (primary, fallback)
    with _built_lock:
        provider = _built.get(key)
        if provider is None:
            provider = _build(primary, has_fallback=fallback is not None)
            if fallback is not None:
                provider = FallbackProvider(provider, _build(fallback))
            _built[key] = provider
        return provider


def reset_providers() -> None:
    """Forget built providers (and their breakers); for tests and settings reloads."""
    with _built_lock:
        _built.clear()
