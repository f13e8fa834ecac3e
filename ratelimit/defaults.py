"""The seed policy: the limits and path lists a fresh database starts with."""

from __future__ import annotations

from typing import Any

TIER_LIMITS: dict[str, dict[str, int | None]] = {
    "anonymous": {"hourly_limit": 60, "minute_limit": None, "expensive_minute_limit": 10},
    "free": {"hourly_limit": 60, "minute_limit": None, "expensive_minute_limit": 10},
    "premium": {"hourly_limit": 300, "minute_limit": None, "expensive_minute_limit": 50},
    "admin": {"hourly_limit": None, "minute_limit": None, "expensive_minute_limit": None},
}

EXPENSIVE_ENDPOINTS: tuple[str, ...] = (
    "/api/coach/ask",
    "/api/program/generate/*",
    "/api/injury/analyze",
    "/api/running/analyze",
    "/api/workout/insights",
    "/api/chat/classify",
    "/api/chat/swap-exercise-enhanced",
    "/api/onboarding/extract",
    "/api/onboarding/conversational",
    "/api/analytics/fatigue",
    "/api/analytics/deload",
    "/api/adherence/report",
)

EXEMPT_PATHS: tuple[str, ...] = (
    "/api/monitoring/health",
    "/api/schema/",
    "/api/docs/",
    "/admin/",
    "/static/",
    "/metrics",
)


def seed_policy(tier_limit: Any, expensive_endpoint: Any, exempt_path: Any) -> None:
    """Create the default rows that are missing (works on historical models in migrations)."""
    for tier, limits in TIER_LIMITS.items():
        tier_limit.objects.get_or_create(tier=tier, defaults=limits)
    for pattern in EXPENSIVE_ENDPOINTS:
        expensive_endpoint.objects.get_or_create(pattern=pattern)
    for pattern in EXEMPT_PATHS:
        exempt_path.objects.get_or_create(pattern=pattern)
