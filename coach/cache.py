"""Versioned per-user cache keys and the AI response cache.

Keys are versioned, not deleted (docs/architecture.md, "Cache keys"): a write bumps the user's
generation and readers build keys from it, so a slow reader can only ever cache stale data under
a key that is already dead. Expensive misses go through ``core.cache.cached_build`` (built once
under a Redis lock).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache

from core import metrics
from core.cache import cached_build, decode_cached, raw_cache_key, shares_server
from core.redis import PendingWrites, get_redis, redis_key

if TYPE_CHECKING:
    from django_redis.cache import RedisCache


T = TypeVar("T")


# --- generations --------------------------------------------------------------------------------
def _generation_key(user_id: int) -> str:
    return redis_key("gen", "user", user_id)


# Bumps that could not reach Redis, sent before this process reads a generation again.
_unsent = PendingWrites()


def _bump_all(user_ids: list[int]) -> None:
    pipe = get_redis().pipeline(transaction=False)
    for user_id in user_ids:
        pipe.incr(_generation_key(user_id))
    pipe.execute()


def _send_unsent() -> None:
    try:
        sent = _unsent.send(_bump_all)
    except Exception:
        return  # still down: kept for the next read
    if sent:
        metrics.incr("cache_invalidations", sent, cache="user_context")


def user_generation(user_id: int) -> int | None:
    """The user's current cache generation; None when Redis cannot say (then do not cache)."""
    _send_unsent()
    try:
        raw = get_redis().get(_generation_key(user_id))
    except Exception as exc:
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        return None
    return int(raw) if raw else 0


def context_invalidate(user_id: int) -> int | None:
    """Bump the user's generation: every per-user key built before now becomes unreachable.

    Signals call this on commit; code paths that write with ``update()`` or ``bulk_create()``
    (which send no signals) call it themselves.
    """
    _send_unsent()
    try:
        generation = int(get_redis().incr(_generation_key(user_id)))
    except Exception as exc:
        # core.redis_availability logs the outage once; each bump missed is counted and kept
        _unsent.add(user_id)
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        metrics.incr("cache_invalidation_error", cache="user_context")
        return None
    metrics.incr("cache_invalidations", cache="user_context")
    return generation


def user_context_key(user_id: int, generation: int) -> str:
    return f"user_context:{user_id}:g{generation}"


_GENERATION_AND_GET = """
local g = redis.call('GET', KEYS[1]) or '0'
return {g, redis.call('GET', ARGV[1] .. g)}
"""


def user_context_lookup(user_id: int) -> tuple[int, Any] | None:
    """The live generation and the cached context under it, in one round trip.

    None when Redis cannot answer (the caller builds without caching). Falls back to two reads
    when the cache and the raw client point at different servers.
    """
    _send_unsent()
    try:
        if settings.CACHES["default"]["LOCATION"] != settings.REDIS_URL:
            generation = user_generation(user_id)
            if generation is None:
                return None
            return generation, cache.get(user_context_key(user_id, generation))
        prefix = cache.make_key(f"user_context:{user_id}:g")
        raw_generation, raw = get_redis().eval(
            _GENERATION_AND_GET, 1, _generation_key(user_id), prefix
        )
    except Exception as exc:
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        return None
    value = cast("RedisCache", cache).client.decode(raw) if raw is not None else None
    return int(raw_generation), value


# --- AI responses -------------------------------------------------------------------------------
@dataclass(frozen=True)
class AIRequest:
    """Everything that decides an AI answer; its hash is the cache key (exact match only)."""

    prompt: str
    model: str
    provider: str
    template_version: str
    user_id: int | None = None  # set for personalised prompts

    def digest(self) -> str:
        payload = json.dumps(
            [self.prompt, self.model, self.provider, self.template_version], ensure_ascii=False
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def key(self) -> str | None:
        """``ai:general:{hash}`` or ``ai:user:{id}:g{generation}:{hash}``; None if unknowable."""
        if self.user_id is None:
            return f"ai:general:{self.digest()}"
        generation = user_generation(self.user_id)
        if generation is None:
            return None
        return f"ai:user:{self.user_id}:g{generation}:{self.digest()}"

    def ttl(self) -> int:
        if self.user_id is None:
            return settings.AI_CACHE_TTL_GENERAL
        return settings.AI_CACHE_TTL_PERSONAL

    @property
    def cache_type(self) -> str:
        return "ai_general" if self.user_id is None else "ai_personal"


def ai_cache_get(request: AIRequest) -> dict[str, Any] | None:
    """The cached answer for exactly this request, or None."""
    key = request.key()
    value = cache.get(key) if key else None
    metrics.incr("cache_hits" if value is not None else "cache_misses", cache=request.cache_type)
    return value


def ai_cache_set(request: AIRequest, response: dict[str, Any], *, complete: bool) -> bool:
    """Store a finished answer; errors, truncated or abandoned streams are refused (False)."""
    if not complete or not response or response.get("error"):
        metrics.incr("cache_refused", cache=request.cache_type)
        return False
    key = request.key()
    if key is None:
        return False
    cache.set(key, response, request.ttl())
    metrics.incr("cache_sets", cache=request.cache_type)
    return True


@dataclass(frozen=True)
class AIResult:
    response: Any  # the body; for AI endpoints, its rendered JSON bytes (coach.pipeline)
    complete: bool


def ai_cached_build(request: AIRequest, build: Callable[[], AIResult]) -> tuple[dict, bool]:
    """The answer (cached or built once under the stampede lock) and whether it came from cache."""
    key = request.key()
    if key is None:
        return build().response, False
    return _build_once(request, key, build, known_miss=False)


def _build_once(
    request: AIRequest, key: str, build: Callable[[], AIResult], *, known_miss: bool
) -> tuple[Any, bool]:  # a dict body, or an AI endpoint's rendered bytes
    built: list[AIResult] = []

    def run() -> dict[str, Any]:
        result = build()
        built.append(result)
        return result.response

    def cacheable(response: Any) -> bool:  # a body, or its rendered bytes (AI endpoints)
        complete = built[-1].complete if built else False
        failed = isinstance(response, dict) and response.get("error")
        return complete and bool(response) and not failed

    response = cached_build(
        key,
        request.ttl(),
        run,
        cache_type=request.cache_type,
        cacheable=cacheable,
        known_miss=known_miss,
    )
    if built and not cacheable(response):
        metrics.incr("cache_refused", cache=request.cache_type)
    return response, not built


# --- the personal answer and the context it is built from, in one round trip -----------------
_GENERATION_ANSWER_CONTEXT = """
local g = redis.call('GET', KEYS[1]) or '0'
local answer = redis.call('GET', ARGV[1] .. g .. ARGV[2])
if answer then return {g, answer} end
return {g, false, redis.call('GET', ARGV[3] .. g)}
"""


@dataclass(frozen=True)
class ContextFound:
    """The user's live generation and the context cached under it (None: not cached)."""

    generation: int
    value: Any


@dataclass(frozen=True)
class AILookup:
    answer: dict[str, Any] | None
    context: ContextFound  # read only when the answer is missing (value None otherwise)
    key: str


def ai_lookup(request: AIRequest) -> AILookup | None:
    """The live generation, the personal answer under it and, when the answer is missing, the
    cached user context under the same generation: one round trip (two reads, or three, when
    the cache and the raw client point at different servers). None when Redis cannot say."""
    user_id = request.user_id
    if user_id is None:
        raise ValueError("ai_lookup is for personal answers")
    digest = request.digest()
    _send_unsent()
    if not shares_server():
        generation = user_generation(user_id)
        if generation is None:
            return None
        key = f"ai:user:{user_id}:g{generation}:{digest}"
        answer = cache.get(key)
        value = None if answer is not None else cache.get(user_context_key(user_id, generation))
        return AILookup(answer, ContextFound(generation, value), key)
    try:
        reply = get_redis().eval(
            _GENERATION_ANSWER_CONTEXT,
            1,
            _generation_key(user_id),
            raw_cache_key(f"ai:user:{user_id}:g"),
            f":{digest}",
            raw_cache_key(f"user_context:{user_id}:g"),
        )
    except Exception as exc:
        metrics.flag("redis_unreachable", True, f"{type(exc).__name__}: {exc}")
        return None
    generation = int(reply[0])
    answer = decode_cached(reply[1]) if reply[1] is not None else None
    raw_context = reply[2] if len(reply) > 2 else None
    value = decode_cached(raw_context) if raw_context is not None else None
    key = f"ai:user:{user_id}:g{generation}:{digest}"
    return AILookup(answer, ContextFound(generation, value), key)


def ai_cached_build_with_context(
    request: AIRequest, build: Callable[[ContextFound | None], AIResult]
) -> tuple[Any, bool]:
    """:func:`ai_cached_build` for a personal answer built from the user context: the answer,
    the generation and the context are read in one round trip, and ``build`` receives what was
    found (None when Redis could not say: build without caching)."""
    found = ai_lookup(request)
    if found is None:
        return build(None).response, False
    if found.answer is not None:
        metrics.incr("cache_hits", cache=request.cache_type)
        return found.answer, True
    metrics.incr("cache_misses", cache=request.cache_type)
    return _build_once(request, found.key, lambda: build(found.context), known_miss=True)
