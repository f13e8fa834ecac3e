"""Account deletion: every row, file, cache key and rate-limit key of the athlete, at once.

Rows go by the database's cascades from the user row (every owned model cascades, see
``portability.ownership``); stored files go with their jobs (``portability.signals``); Redis
keys are found by the user id inside each key family the project writes per user.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from core.redis import get_redis

# Every per-user key family, as a glob with {id}: the context generation, cached contexts and
# AI answers (coach.cache), import progress (portability.progress), rate-limit windows
# (ratelimit.limiter: "rl:{u:ID}:window"), onboarding state and any other "...:user:ID" key.
USER_KEY_PATTERNS = (
    "*gen:user:{id}",
    "*user_context:{id}:*",
    "*ai:user:{id}:*",
    "*import_progress:{id}:*",
    "*rl:{{u:{id}}}:*",
    "*:user:{id}:*",
    "*:user:{id}",
)
SCAN_COUNT = 1000


def user_redis_keys(user_id: int) -> list[bytes]:
    """Every key under this project's prefix that belongs to the user."""
    client = get_redis()
    prefix = settings.REDIS_KEY_PREFIX
    found: set[bytes] = set()
    for pattern in USER_KEY_PATTERNS:
        glob = f"{prefix}{pattern.format(id=user_id)}"
        found.update(client.scan_iter(match=glob, count=SCAN_COUNT))
    return sorted(found)


def user_redis_keys_delete(user_id: int) -> int:
    keys = user_redis_keys(user_id)
    if keys:
        get_redis().delete(*keys)
    return len(keys)


@transaction.atomic
def account_delete(*, user: Any) -> int:
    """Delete the athlete and all they own; their Redis keys go once the rows are gone."""
    user_id = user.pk
    user.delete()
    transaction.on_commit(lambda: user_redis_keys_delete(user_id))
    return user_id
