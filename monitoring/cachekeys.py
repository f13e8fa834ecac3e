"""The cache types and their key patterns in Redis, and SCAN-based counting and deletion.

Django's cache stores ``{KEY_PREFIX}:{VERSION}:{key}`` (django-redis), so patterns are built
from the cache settings; nothing here uses KEYS.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings

from core.redis import get_redis

CACHE_TYPES: dict[str, str] = {
    "user_context": "user_context:",
    "rag": "rag:",
    "ai": "ai:",
    "exercise_match": "exercise_match:",
}
USER_PATTERNS: dict[str, str] = {
    "user_context": "user_context:{user}:*",
    "ai": "ai:user:{user}:*",
}
SCAN_COUNT = 1000


def _stored(key: str) -> str:
    config = settings.CACHES["default"]
    return f"{config.get('KEY_PREFIX', '')}:{config.get('VERSION', 1)}:{key}"


def patterns(scope: str, user_id: int | None = None) -> dict[str, str]:
    """SCAN patterns per cache type for a scope (``all`` or one type), optionally one user's."""
    types = list(CACHE_TYPES) if scope == "all" else [scope]
    out = {}
    for cache_type in types:
        if user_id is None:
            out[cache_type] = _stored(CACHE_TYPES[cache_type] + "*")
        elif cache_type in USER_PATTERNS:
            out[cache_type] = _stored(USER_PATTERNS[cache_type].format(user=int(user_id)))
    return out


def scan(pattern: str) -> Iterator[bytes]:
    yield from get_redis().scan_iter(match=pattern, count=SCAN_COUNT)


@dataclass
class TypeStats:
    keys: int = 0
    memory_bytes: int = 0


def stats(pattern: str, sample_memory: bool = True) -> TypeStats:
    """Key count and (summed ``MEMORY USAGE``) bytes for a pattern, pipelined per batch."""
    client = get_redis()
    result = TypeStats()
    batch: list[bytes] = []

    def drain() -> None:
        if not batch:
            return
        result.keys += len(batch)
        if sample_memory:
            pipe = client.pipeline(transaction=False)
            for key in batch:
                pipe.memory_usage(key)
            result.memory_bytes += sum(v or 0 for v in pipe.execute())
        batch.clear()

    for key in scan(pattern):
        batch.append(key)
        if len(batch) >= SCAN_COUNT:
            drain()
    drain()
    return result


def delete(pattern: str, dry_run: bool = False) -> int:
    """Remove every key matching ``pattern`` (UNLINK in batches); returns how many matched."""
    client = get_redis()
    removed, batch = 0, []
    for key in scan(pattern):
        batch.append(key)
        if len(batch) >= SCAN_COUNT:
            removed += len(batch)
            if not dry_run:
                client.unlink(*batch)
            batch = []
    if batch:
        removed += len(batch)
        if not dry_run:
            client.unlink(*batch)
    return removed
