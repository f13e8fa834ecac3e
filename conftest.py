"""Test session plumbing: real PostgreSQL (pgvector) and Redis, isolated by a key prefix."""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from core.llm.resilience import RetryPolicy
from core.llm.testserver import LLMTestServer
from voicefit.celery import app as celery_app

# Property tests check what holds, not how fast: hypothesis's per-example deadline turns a busy
# machine into a failure, so it is off (speed is measured by the benchmarks under bench/).
# The suite's examples are derandomized, so `make test` gives the same verdict on every run and
# machine; HYPOTHESIS_PROFILE=explore draws new examples on each run to look for bugs (1,000 per
# test where the test sets no number of its own).
hypothesis_settings.register_profile("voicefit", deadline=None, derandomize=True, database=None)
hypothesis_settings.register_profile(
    "explore", deadline=None, max_examples=1000, database=None, print_blob=True
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "voicefit"))


def pytest_configure(config: pytest.Config) -> None:
    """Every Redis key this session writes lives under its own prefix, removed at the end."""
    prefix = f"vftest-{uuid.uuid4().hex[:8]}"
    settings.REDIS_KEY_PREFIX = prefix
    settings.CACHES["default"]["KEY_PREFIX"] = prefix
    celery_app.conf.task_default_queue = prefix
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_unconfigure(config: pytest.Config) -> None:
    from core.redis import get_redis

    try:
        client = get_redis()
        keys = list(client.scan_iter(match=f"*{settings.REDIS_KEY_PREFIX}*", count=1000))
        if keys:
            client.delete(*keys)
    except Exception:  # noqa: S110 - cleanup must not mask the session's result
        pass


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous client with its own address, so per-IP auth limits never leak across tests."""
    return APIClient(REMOTE_ADDR=f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}")


@pytest.fixture
def user(db):  # type: ignore[no-untyped-def]
    return UserFactory()


@pytest.fixture
def other_user(db):  # type: ignore[no-untyped-def]
    return UserFactory()


def client_for(user) -> APIClient:  # type: ignore[no-untyped-def]
    """An API client authenticated with a real access token for ``user``."""
    from accounts.tokens import TierTokenObtainPairSerializer

    token = TierTokenObtainPairSerializer.get_token(user).access_token
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def auth_client(user) -> APIClient:  # type: ignore[no-untyped-def]
    return client_for(user)


@pytest.fixture
def other_client(other_user) -> APIClient:  # type: ignore[no-untyped-def]
    return client_for(other_user)


@pytest.fixture
def llm_server() -> Iterator[LLMTestServer]:
    """A local OpenAI-compatible chat server, scripted reply by reply."""
    server = LLMTestServer().start()
    yield server
    server.close()


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
    """The layer configured for the local server, as LLM_BASE_URL + LLM_MODEL would (backoff
    waits recorded, not slept)."""
    llm_settings.LLM_BASE_URL = llm_server.url
    llm_settings.LLM_MODEL = "test-model"
    return llm_server


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
    """No provider configured (whatever the environment says): the offline coach answers."""
    from core.llm import reset_providers

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
