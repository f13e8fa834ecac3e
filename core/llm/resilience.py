"""Bounded retries with exponential backoff and jitter, under a per-provider circuit breaker."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import openai

from core.breaker import CircuitBreaker
from core.llm.base import CircuitOpen, LLMError, LLMRequestError, LLMUnavailable

logger = logging.getLogger(__name__)
T = TypeVar("T")

RETRYABLE_STATUS = {408, 409, 429}


def breaker_failure(breaker: CircuitBreaker) -> None:
    """Count a failure against the provider's breaker; say so once when that opens it."""
    if breaker.record_failure():
        logger.warning("LLM provider %s: circuit breaker open", breaker.name)


def retry_after_s(exc: BaseException) -> float | None:
    """The wait a 429/503 response asked for (``retry-after-ms`` or ``Retry-After``)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def is_retryable(exc: BaseException) -> bool:
    """Timeouts, connection errors, 408/409/429 and 5xx; other 4xx are the request's fault."""
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


def counts_against_provider(exc: BaseException) -> bool:
    """Failures that say the provider is unhealthy (or our key is bad), for the breaker."""
    if is_retryable(exc):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in {401, 403}


def reason_of(exc: BaseException) -> str:
    """A short label for metrics and logs."""
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429:
            return "rate_limited"
        if exc.status_code in {401, 403}:
            return "auth"
        return "server_error" if is_retryable(exc) else "bad_request"
    return "unavailable"


def describe(exc: BaseException) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__


def as_llm_error(exc: BaseException, provider: str, wait: float | None = None) -> LLMError:
    if isinstance(exc, LLMError):
        return exc
    message = f"LLM provider {provider} {describe(exc)}"
    if is_retryable(exc) or counts_against_provider(exc):
        return LLMUnavailable(message, provider=provider, reason=reason_of(exc), wait=wait)
    return LLMRequestError(message, provider=provider, reason=reason_of(exc))


class RetryPolicy:
    """Attempt up to ``max_retries + 1`` times; wait ``base * 2**n`` scaled by jitter in [0.5, 1].

    A ``Retry-After`` up to ``retry_after_cap_s`` is honoured; a longer one ends the retries at
    once (a user is waiting) and travels on the error as ``wait``. ``sleep``/``asleep``/``random``
    are test seams.
    """

    sleep: Callable[[float], None] = staticmethod(time.sleep)
    asleep: Callable[[float], Awaitable[None]] = staticmethod(asyncio.sleep)
    random: Callable[[], float] = staticmethod(random.random)

    def __init__(
        self, max_retries: int = 2, base_s: float = 0.5, retry_after_cap_s: float = 8.0
    ) -> None:
        self.max_retries = max(0, max_retries)
        self.base_s = base_s
        self.retry_after_cap_s = retry_after_cap_s

    def backoff(self, attempt: int) -> float:
        return self.base_s * (2**attempt) * (0.5 + self.random() / 2)

    def delay(self, attempt: int, exc: BaseException) -> float | None:
        """Seconds to wait before the next attempt, or None to stop retrying."""
        if attempt >= self.max_retries or not is_retryable(exc):
            return None
        asked = retry_after_s(exc)
        if asked is not None:
            return asked if asked <= self.retry_after_cap_s else None
        return self.backoff(attempt)


class Guard:
    """Runs one provider call under the retry policy and the provider's breaker."""

    def __init__(self, provider: str, policy: RetryPolicy, breaker: CircuitBreaker) -> None:
        self.provider = provider
        self.policy = policy
        self.breaker = breaker

    def _admit(self) -> None:
        if not self.breaker.allow():
            raise CircuitOpen(
                f"LLM provider {self.provider} is failing; not calling it for a while",
                provider=self.provider,
                wait=self.breaker.retry_in() or None,
            )

    def _failed(self, exc: BaseException, attempt: int) -> float:
        """Record the failure; return the wait before retrying, or raise the layer's error."""
        if counts_against_provider(exc):
            breaker_failure(self.breaker)
        else:
            self.breaker.record_success()  # the provider answered; the request was at fault
        wait = self.policy.delay(attempt, exc)
        logger.warning(
            "LLM provider %s attempt %d %s%s",
            self.provider,
            attempt + 1,
            describe(exc),
            f"; retrying in {wait:.2f}s" if wait is not None else "",
        )
        if wait is None:
            raise as_llm_error(exc, self.provider, retry_after_s(exc)) from exc
        return wait

    def call(self, fn: Callable[[], T]) -> T:
        attempt = 0
        while True:
            self._admit()
            try:
                result = fn()
            except openai.OpenAIError as exc:
                self.policy.sleep(self._failed(exc, attempt))
                attempt += 1
            except BaseException:
                self.breaker.release_probe()
                raise
            else:
                self.breaker.record_success()
                return result

    async def acall(self, fn: Callable[[], Awaitable[T]]) -> T:
        attempt = 0
        while True:
            self._admit()
            try:
                result = await fn()
            except openai.OpenAIError as exc:
                await self.policy.asleep(self._failed(exc, attempt))
                attempt += 1
            except BaseException:  # e.g. the request was cancelled mid-probe
                self.breaker.release_probe()
                raise
            else:
                self.breaker.record_success()
                return result
