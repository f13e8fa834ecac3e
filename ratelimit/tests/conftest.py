"""Fixtures: a clean limiter per test, the test routes, and private Valkeys that can die."""

from __future__ import annotations

import pytest
from django.conf import settings

from core import metrics
from core.embedded import start_valkey, stop_valkey_at
from core.redis import get_redis
from ratelimit.models import ExemptPath, ExpensiveEndpoint
from ratelimit.policy import policy_store
from ratelimit.resilience import limiter


@pytest.fixture(autouse=True)
def fresh_limiter():  # type: ignore[no-untyped-def]
    policy_store.clear()
    limiter.reset()
    metrics.recorder.reset()
    yield
    policy_store.clear()
    limiter.reset()


@pytest.fixture
def test_routes(db):  # type: ignore[no-untyped-def]
    """Make ``/api/rltest/expensive`` expensive and ``/api/rltest/exempt`` exempt."""
    ExpensiveEndpoint.objects.create(pattern="/api/rltest/expensive")
    ExemptPath.objects.create(pattern="/api/rltest/exempt")
    policy_store.clear()


@pytest.fixture
def rl_keys():  # type: ignore[no-untyped-def]
    """The rate-limit keys currently in Redis (under this test session's prefix)."""

    def keys(identity: str = "*") -> list[bytes]:
        pattern = f"{settings.REDIS_KEY_PREFIX}:rl:{{{identity}}}*"
        return list(get_redis().scan_iter(match=pattern, count=1000))

    return keys


class PrivateValkey:
    def __init__(self, directory) -> None:  # type: ignore[no-untyped-def]
        self.directory = directory
        self.port = start_valkey(directory)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop_valkey_at(self.port)

    def start(self) -> None:
        start_valkey(self.directory, port=self.port)


@pytest.fixture
def private_valkey(tmp_path, settings):  # type: ignore[no-untyped-def]
    """A Valkey of this test's own, which ``settings.REDIS_URL`` points at."""
    server = PrivateValkey(tmp_path / "valkey")
    settings.REDIS_URL = server.url
    yield server
    server.stop()
