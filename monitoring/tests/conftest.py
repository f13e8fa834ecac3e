"""Every monitoring test starts with no recorded metrics, in this process or in Redis."""

import pytest

from core import metrics
from core.redis import get_redis, redis_key


@pytest.fixture(autouse=True)
def _fresh_metrics():  # type: ignore[no-untyped-def]
    metrics.flush()
    metrics.recorder.reset()
    client = get_redis()
    keys = list(client.scan_iter(match=redis_key("metrics", "*")))
    if keys:
        client.delete(*keys)
    yield
    metrics.recorder.reset()
