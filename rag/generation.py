"""The corpus generation that keys RAG caches, and the one-round-trip read of a cached context.

A generation is an integer whose high digits are the corpus version and whose low
``TOKEN_DIGITS`` are random (the cache stores integers as plain digits, so a server-side script
can read it). Bumping the corpus version deletes it at once and again when the bump commits;
the next reader reads the version from the database and stores a new one. A generation is
never reused, so nothing built before a bump (or under a bump that was rolled back, or while
the cache was away) is ever read as the live generation's, and a cached context costs no
database query: the script reads the generation and the context it keys in one round trip.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core.cache import decode_cached, raw_cache_key, shares_server
from core.redis import get_redis

logger = logging.getLogger(__name__)

GENERATION_KEY = "rag:corpus_generation"
TOKEN_DIGITS = 12
MARKER = "\x00generation\x00"

# KEYS[1]: the generation; ARGV: the context's raw key before and after its generation. The
# context key is built here from the generation just read (one server, never a cluster).
_READ_CONTEXT = """
local g = redis.call('GET', KEYS[1])
if not g then return {false, false} end
return {g, redis.call('GET', ARGV[1] .. g .. ARGV[2])}
"""


def corpus_generation() -> int:
    """The live generation, created (from the database's corpus version) when there is none.

    It expires with the RAG cache TTL, so a deletion lost while the cache was unreachable
    retires it within one TTL at the latest."""
    found = cache.get(GENERATION_KEY)
    if isinstance(found, int):
        return found
    if found is not None:  # not a generation (written by something else): replaced
        cache.delete(GENERATION_KEY)
    from rag.models import CorpusState

    created = CorpusState.current_version() * 10**TOKEN_DIGITS + secrets.randbelow(10**TOKEN_DIGITS)
    if cache.add(GENERATION_KEY, created, timeout=settings.RAG_CACHE_TTL):
        return created
    found = cache.get(GENERATION_KEY)
    return found if isinstance(found, int) else created


def generation_version(generation: int) -> int:
    """The corpus version a generation was created at."""
    return generation // 10**TOKEN_DIGITS


def retire_generation() -> None:
    """Delete the live generation now and again when the surrounding transaction commits (a
    reader between the two saw the old rows and keyed them under a generation that dies here)."""
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def read_cached(key_for: Any) -> tuple[int | None, Any]:
    """``(generation, value)`` of the cache entry ``key_for(generation)`` under the live
    generation, in one round trip; ``(generation or None, None)`` when it is not cached (the
    caller then builds, under ``corpus_generation()`` when the generation is None)."""
    raw_key = raw_cache_key(key_for(MARKER))
    before, marker, after = raw_key.partition(MARKER)
    if not marker or MARKER in after or not shares_server():
        return None, None  # a key function that hides the key: the caller reads it itself
    try:
        generation, value = get_redis().eval(
            _READ_CONTEXT, 1, raw_cache_key(GENERATION_KEY), before, after
        )
    except Exception:  # the caller degrades to building (its own cache call records it)
        logger.debug("cached context read failed", exc_info=True)
        return None, None
    if generation is None or not generation.isdigit():
        return None, None
    return int(generation), None if value is None else decode_cached(value)
