"""The corpus generation that keys RAG caches, and a cached context in one round trip.

The generation is a random integer kept in the cache (stored as plain digits, so a server-side
script can read it). Bumping the corpus version deletes it at once and again when the bump
commits; the next reader stores a new one. A generation is never reused, so nothing built
before a bump (or under a bump that was rolled back, or while the cache was away) is ever read
as the live generation's, and a cached context costs no database query: one script reads (or
creates) the generation and the context under it, and on a miss takes the build lock; the
builder stores the context and releases the lock in one pipeline. A miss whose lock another
caller holds goes through ``core.cache.cached_build`` (it waits for that build).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core import metrics
from core.cache import (
    RELEASE_LOCK,
    build_lock_key,
    decode_cached,
    encode_cached,
    raw_cache_key,
    shares_server,
)
from core.redis import get_redis

logger = logging.getLogger(__name__)

GENERATION_KEY = "rag:corpus_generation"
GENERATION_DIGITS = 15
MARKER = "\x00generation\x00"
LOCK_TIMEOUT_S = 30.0

# KEYS[1]: the generation. ARGV: the context's raw key and its lock's key, each split around
# the generation; a new generation (stored when there is none) and its TTL; the lock's token
# and TTL (ms). Reply: {generation, context} or {generation, false, 1 if the lock was taken}.
# The context and lock keys are built here from the generation just read (one server, never a
# cluster).
_READ_OR_LOCK = """
local g = redis.call('GET', KEYS[1])
if not g then
  redis.call('SET', KEYS[1], ARGV[5], 'NX', 'PX', ARGV[6])
  g = redis.call('GET', KEYS[1])
end
local v = redis.call('GET', ARGV[1] .. g .. ARGV[2])
if v then return {g, v} end
if redis.call('SET', ARGV[3] .. g .. ARGV[4], ARGV[7], 'NX', 'PX', ARGV[8]) then
  return {g, false, 1}
end
return {g, false, 0}
"""


def new_generation() -> int:
    return secrets.randbelow(10**GENERATION_DIGITS)


def corpus_generation() -> int:
    """The live generation, created when there is none. It expires with the RAG cache TTL, so
    a deletion lost while the cache was unreachable retires it within one TTL at the latest."""
    found = cache.get(GENERATION_KEY)
    if isinstance(found, int):
        return found
    if found is not None:  # not a generation (written by something else): replaced
        cache.delete(GENERATION_KEY)
    created = new_generation()
    if cache.add(GENERATION_KEY, created, timeout=settings.RAG_CACHE_TTL):
        return created
    found = cache.get(GENERATION_KEY)
    return found if isinstance(found, int) else created


_versions: dict[int, int] = {}


def corpus_version(generation: int) -> int:
    """The corpus version under ``generation``, read from the database once per generation
    per process (a generation is never reused, so it never goes stale)."""
    version = _versions.get(generation)
    if version is None:
        from rag.models import CorpusState

        version = CorpusState.current_version()
        _versions.clear()  # only the live generation is asked for again
        _versions[generation] = version
    return version


def retire_generation() -> None:
    """Delete the live generation now and again when the surrounding transaction commits (a
    reader between the two saw the old rows and keyed them under a generation that dies here)."""
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def _split(key: str) -> tuple[str, str] | None:
    """A key around the generation's place (None if a key function hid it)."""
    before, marker, after = key.partition(MARKER)
    return (before, after) if marker and MARKER not in after else None


@dataclass
class Lookup:
    """What one round trip found: the generation, the value (None on a miss) and, on a miss,
    the token of the build lock this caller took (None when another caller holds it)."""

    generation: int
    value: Any = None
    token: str | None = None


def read_or_lock(key_for: Callable[[object], str]) -> Lookup | None:
    """The cache entry ``key_for(generation)`` under the live generation, or the lock to build
    it, in one round trip; None when the script cannot run (the caller uses ``cached_build``)."""
    template = key_for(MARKER)
    raw_parts, lock_parts = _split(raw_cache_key(template)), _split(build_lock_key(template))
    if raw_parts is None or lock_parts is None or not shares_server():
        return None
    token = secrets.token_hex(8)
    try:
        reply = get_redis().eval(
            _READ_OR_LOCK,
            1,
            raw_cache_key(GENERATION_KEY),
            *raw_parts,
            *lock_parts,
            new_generation(),
            settings.RAG_CACHE_TTL * 1000,
            token,
            int(LOCK_TIMEOUT_S * 1000),
        )
    except Exception as exc:
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        return None
    if not reply[0].isdigit():  # not a generation (written by something else)
        cache.delete(GENERATION_KEY)
        return None
    generation = int(reply[0])
    if reply[1] is not None:
        return Lookup(generation, decode_cached(reply[1]))
    return Lookup(generation, None, token if reply[2] else None)


def store_and_release(key: str, value: Any, ttl: int, token: str) -> None:
    """Store a value built under the lock ``token`` and release the lock, in one pipeline."""
    pipe = get_redis().pipeline(transaction=False)
    pipe.set(raw_cache_key(key), encode_cached(value), px=int(ttl * 1000))
    pipe.eval(RELEASE_LOCK, 1, build_lock_key(key), token)
    try:
        pipe.execute()
    except Exception as exc:  # returned uncached; the lock expires by itself
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        return
    metrics.incr("cache_sets", cache="rag")
