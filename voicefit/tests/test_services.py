"""The embedded services are real: PostgreSQL with pgvector, Redis, and a Celery broker."""

import pytest
from django.db import connection

from core.redis import get_redis, redis_key
from voicefit.celery import app, ping


@pytest.mark.django_db
def test_test_database_is_postgres_with_pgvector():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        (version,) = cursor.fetchone()
        cursor.execute("SELECT '[1,2,3]'::vector <=> '[1,2,4]'::vector")
        (distance,) = cursor.fetchone()
    assert tuple(int(part) for part in version.split(".")[:2]) >= (0, 6)
    assert 0 < distance < 0.05


def test_redis_is_real():
    client = get_redis()
    key = redis_key("selftest")
    client.set(key, "1", ex=10)
    assert client.get(key) == b"1"
    assert client.ttl(key) > 0


def test_a_real_worker_runs_a_task_through_the_broker():
    from celery.contrib.testing.worker import start_worker

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = ping.delay()
        assert result.get(timeout=20) == "pong"
