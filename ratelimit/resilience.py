"""The limiter requests use: Redis when it answers, a bounded per-process limiter when not."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework import status
from rest_framework.exceptions import APIException

from core.breaker import CircuitBreaker
from core.redis_availability import error_kind
from ratelimit import telemetry
from ratelimit.limiter import Decision, LocalLimiter, RedisLimiter, Window

logger = logging.getLogger(__name__)


class LimiterUnavailable(APIException):
    """Expensive endpoints under ``RATELIMIT_FAIL_CLOSED_EXPENSIVE`` while Redis is down."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Rate limiting is temporarily unavailable; try again shortly."
    default_code = "rate_limiter_unavailable"

    def __init__(self, wait: int) -> None:
        super().__init__()
        self.wait = wait


class ResilientLimiter:
    """Redis first; on failure, the breaker, the alert and the in-process fallback."""

    def __init__(self) -> None:
        self.redis = RedisLimiter()
        self.local = LocalLimiter()
        self.breaker = CircuitBreaker(
            "redis-ratelimit",
            threshold=lambda: settings.RATELIMIT_BREAKER_FAILURES,
            cooldown_s=lambda: settings.RATELIMIT_BREAKER_SECONDS,
        )

    def hit(
        self, identity: str, windows: Sequence[Window], *, fail_closed: bool = False
    ) -> Decision:
        if self.breaker.allow():
            try:
                decision = self.redis.hit(identity, windows)
            except (RedisError, OSError) as exc:
                self._failed(exc)
            else:
                if self.breaker.record_success():
                    logger.warning("Redis answers again; rate limiting is shared again")
                    telemetry.redis_unreachable(False)
                return decision
        if fail_closed:
            raise LimiterUnavailable(wait=max(1, math.ceil(self.breaker.retry_in())))
        if not settings.RATELIMIT_FALLBACK_ENABLED:
            return Decision(True, source="fail_open")
        return self.local.hit(identity, windows)

    def _failed(self, exc: BaseException) -> None:
        kind = error_kind(exc)
        telemetry.error(kind)
        if self.breaker.record_failure():
            detail = f"{type(exc).__name__}: {exc}"
            logger.error("Redis unreachable for rate limiting (%s); using the fallback", detail)
            telemetry.redis_unreachable(True, detail)

    def reset(self) -> None:
        self.breaker.reset()
        self.local.clear()


limiter = ResilientLimiter()
