"""The embedded servers are reused when running and can be started and stopped on their own."""

import pytest
import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

from core import embedded


def test_ensure_functions_reuse_the_running_servers():
    if settings.DATABASE_URL:
        pytest.skip("the tests run against an external database")
    assert embedded.ensure_postgres() == embedded.ensure_postgres()


def test_private_valkey_starts_answers_and_stops(tmp_path):
    port = embedded.start_valkey(tmp_path / "valkey")
    client = redis.Redis(port=port, socket_timeout=1, retry=Retry(NoBackoff(), 0))
    try:
        assert client.ping()
        assert client.config_get("save") == {"save": ""}
    finally:
        assert embedded.stop_valkey_at(port)
    with pytest.raises(redis.ConnectionError):
        client.ping()
