"""The one DRF throttle: every window of a request checked and recorded in one Redis call."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from ratelimit import telemetry
from ratelimit.clients import ip_client, request_client
from ratelimit.limiter import Decision
from ratelimit.policy import policy_store
from ratelimit.resilience import limiter


@dataclass(frozen=True)
class RateLimitResult:
    """What the headers middleware needs: the tier, the endpoint class and the decision."""

    tier: str
    endpoint_class: str
    decision: Decision


class TierRateThrottle(BaseThrottle):
    """Limits by tier (from the verified token) and endpoint class, per ``ratelimit.models``."""

    auth_paths = frozenset(
        {
            "/api/auth/token",
            "/api/auth/register",
            "/api/auth/password/change",
            "/api/auth/password/reset",
            "/api/auth/password/reset/confirm",
        }
    )
    policy_source = policy_store
    limiter = limiter

    def __init__(self) -> None:
        self.decision: Decision | None = None

    def allow_request(self, request: Any, view: Any) -> bool:
        if request.method == "OPTIONS":
            return True
        path = request.path
        policy = self.policy_source.get()
        if policy.exempt.matches(path):
            return True
        if path.rstrip("/") in self.auth_paths:
            client, endpoint_class = ip_client(request.META), "auth"
            windows = policy.auth_windows()
        else:
            client = request_client(request)
            expensive = policy.expensive.matches(path)
            endpoint_class = "expensive" if expensive else "general"
            windows = () if client.tier == "admin" else policy.windows_for(client.tier, expensive)
        if not windows:
            self._stash(
                request, RateLimitResult(client.tier, endpoint_class, Decision(True, source="none"))
            )
            return True
        fail_closed = endpoint_class == "expensive" and settings.RATELIMIT_FAIL_CLOSED_EXPENSIVE
        decision = self.limiter.hit(client.identity, windows, fail_closed=fail_closed)
        self.decision = decision
        self._stash(request, RateLimitResult(client.tier, endpoint_class, decision))
        telemetry.decision(client.tier, endpoint_class, _outcome(decision))
        return decision.allowed

    def wait(self) -> float | None:
        """Whole seconds (rounded up, at least 1) until every full window admits again."""
        if self.decision is None or self.decision.allowed:
            return None
        return max(1, math.ceil(self.decision.retry_after))

    @staticmethod
    def _stash(request: Any, result: RateLimitResult) -> None:
        request._request.ratelimit = result


def _outcome(decision: Decision) -> str:
    if not decision.allowed:
        return "throttled"
    return {"redis": "allowed", "fallback": "fallback", "fail_open": "fail_open"}.get(
        decision.source, "allowed"
    )
