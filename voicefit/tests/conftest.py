"""Fixtures for the shared plumbing: LLM settings aimed at no provider, or at the test server."""

from __future__ import annotations

import pytest

from voicefit.llm import reset_providers

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
