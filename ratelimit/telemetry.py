"""What the limiter tells monitoring: decisions, errors and the Redis-unreachable flag."""

from __future__ import annotations

from core import metrics


def decision(tier: str, endpoint_class: str, outcome: str) -> None:
    metrics.incr("ratelimit_decisions", tier=tier, endpoint_class=endpoint_class, outcome=outcome)


def error(kind: str) -> None:
    metrics.incr("ratelimit_errors", kind=kind)


def redis_unreachable(active: bool, detail: str = "") -> None:
    metrics.flag("redis_unreachable", active, detail)
