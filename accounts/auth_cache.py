"""The row a bearer token's user is checked against, shared in Redis and retired by every write.

Every API request authenticates its user (active, token version current). The row is read
from Redis in one ``HMGET`` instead of a database query; the password hash is never stored
(the instance has it deferred: reading it loads it, and ``save()`` writes only loaded fields).

Each user has one hash ``{prefix}:auth:user:{id}`` with ``g`` (a generation) and ``r`` (the
row, tagged with the generation it was read under). A write bumps ``g`` and drops ``r`` in one
script, at once and again on commit, so the very next request reads the database. A reader that
missed stores the row it read only if ``g`` is still what it was before its query: a write
that committed in between is never covered up by an older row.

Redis unreachable: the database answers (never the row, never "allowed"); a breaker keeps a
dead Redis from costing every request its timeout, and a retirement that could not be sent is
sent again before this process next reads a row. A row lives ``AUTH_USER_CACHE_SECONDS`` at most;
0 turns the cache off.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from redis.exceptions import RedisError

from accounts.models import User
from core import metrics
from core.breaker import CircuitBreaker
from core.redis import PendingWrites, lua_script

logger = logging.getLogger(__name__)

BREAKER_FAILURES = 3
BREAKER_COOLDOWN_S = 5.0

# KEYS[1] the user's hash; ARGV[1] the generation read before the query, ARGV[2] the row, ARGV[3]
# its lifetime (s). A generation that moved means a write committed meanwhile: nothing stored.
_STORE = lua_script(
    b"""
local generation = redis.call('HGET', KEYS[1], 'g') or '0'
if generation ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'g', generation, 'r', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
""",
)
# KEYS[1] the user's hash; ARGV[1] the lifetime (s), so that the bumped generation outlives any
# reader still holding the one before.
_RETIRE = lua_script(
    b"""
redis.call('HINCRBY', KEYS[1], 'g', 1)
redis.call('HDEL', KEYS[1], 'r')
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
""",
)  # redis-py's Script: EVALSHA, loading the body when the server lacks it

_CACHED_FIELDS = tuple(f for f in User._meta.concrete_fields if f.attname != "password")
_FIELD_NAMES = tuple(f.attname for f in _CACHED_FIELDS)


def _key(user_id: int) -> str:
    from core.redis import redis_key

    return redis_key("auth", "user", user_id)


def _encode(user: User, generation: int) -> bytes:
    row: dict[str, Any] = {}
    for name in _FIELD_NAMES:
        value = getattr(user, name)
        row[name] = value.isoformat() if isinstance(value, datetime) else value
    return json.dumps({"g": generation, "row": row}, separators=(",", ":")).encode()


def _decode(raw: bytes, generation: int) -> User | None:
    """The user the stored row describes, or None when it is of another generation or shape."""
    try:
        stored = json.loads(raw)
        row = stored["row"]
        if stored["g"] != generation or tuple(row) != _FIELD_NAMES:
            return None
        values = [field.to_python(row[field.attname]) for field in _CACHED_FIELDS]
    except (ValueError, KeyError, TypeError):
        return None
    return User.from_db("default", list(_FIELD_NAMES), values)


def _generation(raw: bytes | None) -> int:
    return int(raw) if raw else 0


class AuthUserCache:
    """Reads go to Redis first and the database on a miss; writes retire the stored row."""

    breaker_failures = BREAKER_FAILURES
    breaker_cooldown_s = BREAKER_COOLDOWN_S

    def __init__(self) -> None:
        self.breaker = CircuitBreaker(
            "redis-auth-cache",
            threshold=lambda: self.breaker_failures,
            cooldown_s=lambda: self.breaker_cooldown_s,
        )
        self._pending = PendingWrites()

    # --- reading ---------------------------------------------------------------------------
    def get(self, user_id: int) -> User | None:
        """The user with this id (None if there is none), from Redis when it holds the row."""
        ttl = settings.AUTH_USER_CACHE_SECONDS
        if ttl <= 0 or not self.breaker.allow():
            return self._from_db(user_id)
        try:
            client = self._client()
            if self._pending:
                self._pending.send(lambda user_ids: self._retire_all(user_ids, client))
            generation_raw, row_raw = client.hmget(_key(user_id), ["g", "r"])
            generation = _generation(generation_raw)
            if row_raw is not None:
                user = _decode(row_raw, generation)
                if user is not None:
                    self.breaker.record_success()
                    metrics.incr("cache_hits", cache="auth_user")
                    return user
            metrics.incr("cache_misses", cache="auth_user")
            user = self._from_db(user_id)
            if user is not None:
                _STORE(
                    keys=[_key(user_id)],
                    args=[generation, _encode(user, generation), ttl],
                    client=client,
                )
            self.breaker.record_success()
            return user
        except (RedisError, OSError) as exc:
            self._failed(exc)
            return self._from_db(user_id)
        except BaseException:  # the database failed, not Redis: no verdict on the probe
            self.breaker.release_probe()
            raise

    @staticmethod
    def _from_db(user_id: int) -> User | None:
        return User.objects.filter(pk=user_id).defer("password").first()

    # --- retiring --------------------------------------------------------------------------
    def retire(self, user_id: int) -> None:
        """The user's row changed: retire the stored one now and again once the write commits."""
        self._retire(user_id)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: self._retire(user_id))

    def _retire(self, user_id: int) -> None:
        try:
            _RETIRE(keys=[_key(user_id)], args=[self._lifetime()], client=self._client())
        except (RedisError, OSError) as exc:
            self._pending.add(user_id)
            self._failed(exc)

    def _retire_all(self, user_ids: list[int], client: Any) -> None:
        """Retirements that failed, sent before any row is trusted again (kept if still failing)."""
        for user_id in user_ids:
            _RETIRE(keys=[_key(user_id)], args=[self._lifetime()], client=client)

    # --- plumbing --------------------------------------------------------------------------
    @staticmethod
    def _lifetime() -> int:
        return max(1, int(settings.AUTH_USER_CACHE_SECONDS))

    @staticmethod
    def _client() -> Any:
        from core.redis import get_redis

        return get_redis()

    def _failed(self, exc: BaseException) -> None:
        from core.redis_availability import error_kind

        metrics.incr("auth_cache_errors", kind=error_kind(exc))
        if self.breaker.record_failure():
            logger.error(
                "Redis unreachable for the authenticated-user cache (%s: %s); reading users "
                "from the database",
                type(exc).__name__,
                exc,
            )

    def clear_pending(self) -> None:
        self._pending.clear()


auth_users = AuthUserCache()


def auth_user_get(user_id: int) -> User | None:
    return auth_users.get(user_id)


def auth_user_retire(user_id: int) -> None:
    auth_users.retire(user_id)
