"""Fixtures for the shared plumbing: a local OpenAI-compatible server and settings aimed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from voicefit.llm import reset_providers
from voicefit.llm.resilience import RetryPolicy
from voicefit.tests.llm_server import LLMTestServer

LLM_SETTINGS = (
    "LLM_PROVIDER",
    "LLM_FALLBACK_PROVIDER",
    "LLM_BASE_URL",
    "LLM_MODEL",
    "LLM_API_KEY",
    "XAI_API_KEY",
    "KIMI_API_KEY",
    "OPENAI_API_KEY",
)


@pytest.fixture
def llm_server() -> Iterator[LLMTestServer]:
    server = LLMTestServer().start()
    yield server
    server.close()


@pytest.fixture
def llm_settings(settings):  # type: ignore[no-untyped-def]
    """No provider configured (whatever the environment says); built providers forgotten."""
    for name in LLM_SETTINGS:
        setattr(settings, name, "")
    settings.LLM_TIMEOUT_S = 2.0  # generous: a loaded CI machine must not time out by accident
    settings.LLM_MAX_RETRIES = 2
    settings.LLM_RETRY_BASE_S = 0.1
    settings.LLM_RETRY_AFTER_CAP_S = 5.0
    settings.LLM_BREAKER_THRESHOLD = 3
    settings.LLM_BREAKER_COOLDOWN_S = 30.0
    reset_providers()
    yield settings
    reset_providers()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Backoff waits are recorded instead of slept."""
    waited: list[float] = []

    async def asleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(RetryPolicy, "sleep", staticmethod(waited.append))
    monkeypatch.setattr(RetryPolicy, "asleep", staticmethod(asleep))
    return waited


@pytest.fixture
def remote_llm(llm_settings, llm_server, sleeps):  # type: ignore[no-untyped-def]
    """The layer configured for the local server, as LLM_BASE_URL + LLM_MODEL would."""
    llm_settings.LLM_BASE_URL = llm_server.url
    llm_settings.LLM_MODEL = "test-model"
    return llm_server
