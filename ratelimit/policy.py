"""The policy in force: read from the database, cached per process, re-validated via Redis.

Every process keeps the policy in memory and, at most every ``RATELIMIT_POLICY_CHECK_SECONDS``,
compares a version counter in Redis with the one it loaded; admin saves bump the counter (see
``ratelimit.signals``), so a change reaches every process within a couple of seconds. While Redis
is unreachable the policy is reloaded from the database every ``RATELIMIT_POLICY_MAX_AGE_SECONDS``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

from ratelimit.defaults import TIER_LIMITS
from ratelimit.limiter import Window

logger = logging.getLogger(__name__)

HOUR, MINUTE, EXPENSIVE_MINUTE = "hour", "minute", "ai-minute"
AUTH_MINUTE, AUTH_HOUR = "auth-minute", "auth-hour"


@dataclass(frozen=True)
class TierPolicy:
    hourly: int | None = None
    minute: int | None = None
    expensive_minute: int | None = None


class PathMatcher:
    """Exact paths (a trailing slash ignored) and prefixes (patterns ending in ``*`` or ``/``)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(sorted(patterns))
        self._exact = frozenset(p.rstrip("/") for p in self.patterns if not p.endswith(("*", "/")))
        self._prefixes = tuple(p.rstrip("*") for p in self.patterns if p.endswith(("*", "/")))

    def matches(self, path: str) -> bool:
        return path.rstrip("/") in self._exact or path.startswith(self._prefixes)


@dataclass(frozen=True)
class Policy:
    tiers: dict[str, TierPolicy]
    expensive: PathMatcher = field(default_factory=lambda: PathMatcher(()))
    exempt: PathMatcher = field(default_factory=lambda: PathMatcher(()))
    version: int = 0

    window_seconds = {
        HOUR: 3600,
        MINUTE: 60,
        EXPENSIVE_MINUTE: 60,
        AUTH_MINUTE: 60,
        AUTH_HOUR: 3600,
    }

    def windows_for(self, tier: str, expensive: bool) -> tuple[Window, ...]:
        """The windows a request of ``tier`` counts against; empty means unlimited."""
        limits = self.tiers.get(tier) or self.tiers.get("free") or TierPolicy()
        candidates = [(HOUR, limits.hourly), (MINUTE, limits.minute)]
        if expensive:
            candidates.append((EXPENSIVE_MINUTE, limits.expensive_minute))
        return tuple(
            Window(name, limit, self.window_seconds[name])
            for name, limit in candidates
            if limit is not None
        )

    def auth_windows(self) -> tuple[Window, ...]:
        """Per-IP windows on the sign-in and sign-up endpoints."""
        candidates = [
            (AUTH_MINUTE, settings.RATELIMIT_AUTH_PER_MINUTE),
            (AUTH_HOUR, settings.RATELIMIT_AUTH_PER_HOUR),
        ]
        return tuple(
            Window(name, int(limit), self.window_seconds[name])
            for name, limit in candidates
            if limit
        )


def load_policy(version: int = 0) -> Policy:
    """The policy as the database holds it now."""
    from ratelimit.models import ExemptPath, ExpensiveEndpoint, TierLimit

    # A tier without a row gets the seed limits: "unlimited" is said with nulls, never by absence.
    tiers = {
        tier: TierPolicy(
            limits["hourly_limit"], limits["minute_limit"], limits["expensive_minute_limit"]
        )
        for tier, limits in TIER_LIMITS.items()
    }
    tiers.update(
        (row.tier, TierPolicy(row.hourly_limit, row.minute_limit, row.expensive_minute_limit))
        for row in TierLimit.objects.all()
    )
    return Policy(
        tiers=tiers,
        expensive=PathMatcher(ExpensiveEndpoint.objects.values_list("pattern", flat=True)),
        exempt=PathMatcher(ExemptPath.objects.values_list("pattern", flat=True)),
        version=version,
    )


def version_key() -> str:
    from core.redis import redis_key

    return redis_key("rl", "policy-version")


def bump_version() -> None:
    """Tell every process to reload the policy (called after a policy row is committed)."""
    from core.redis import get_redis

    try:
        get_redis().incr(version_key())
    except Exception:
        logger.warning("could not bump the rate-limit policy version", exc_info=True)


class PolicyStore:
    """This process's copy of the policy."""

    timer = staticmethod(time.monotonic)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._policy: Policy | None = None
        self._checked_at = 0.0
        self._loaded_at = 0.0

    def clear(self) -> None:
        with self._lock:
            self._policy = None

    def get(self) -> Policy:
        now = self.timer()
        policy = self._policy
        if policy is not None and now - self._checked_at < settings.RATELIMIT_POLICY_CHECK_SECONDS:
            return policy
        with self._lock:
            if self._policy is not policy:
                return self._policy or self._refresh(now)
            return self._refresh(now)

    def _refresh(self, now: float) -> Policy:
        self._checked_at = now
        version = self._remote_version()
        policy = self._policy
        stale = now - self._loaded_at >= settings.RATELIMIT_POLICY_MAX_AGE_SECONDS
        if (
            policy is None
            or (version is None and stale)
            or (version is not None and version != policy.version)
        ):
            policy = load_policy(version if version is not None else -1)
            self._policy, self._loaded_at = policy, now
        return policy

    def _remote_version(self) -> int | None:
        from ratelimit.resilience import limiter

        if not limiter.breaker.closed():
            return None
        from core.redis import get_redis

        try:
            return int(get_redis().get(version_key()) or 0)
        except Exception:
            return None


policy_store = PolicyStore()
