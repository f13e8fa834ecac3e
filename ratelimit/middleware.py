"""Writes the rate-limit headers (and the window hit, on a 429) the throttle decided."""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ratelimit.throttling import RateLimitResult

EXPOSED = (
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Tier",
    "RateLimit-Policy",
    "RateLimit",
    "Retry-After",
)


def _seconds(value: float) -> int:
    return math.ceil(value - 1e-9)


def rate_limit_headers(result: RateLimitResult) -> dict[str, str]:
    """The legacy ``X-RateLimit-*`` fields (tightest window) and the IETF draft's lists."""
    headers = {"X-RateLimit-Tier": result.tier}
    decision = result.decision
    tightest = decision.tightest
    if tightest is None:
        return headers
    headers["X-RateLimit-Limit"] = str(tightest.window.limit)
    headers["X-RateLimit-Remaining"] = str(tightest.remaining)
    headers["X-RateLimit-Reset"] = str(_seconds(tightest.reset))
    headers["RateLimit-Policy"] = ", ".join(
        f'"{s.window.name}";q={s.window.limit};w={_seconds(s.window.seconds)}'
        for s in decision.states
    )
    headers["RateLimit"] = ", ".join(
        f'"{s.window.name}";r={s.remaining};t={_seconds(s.reset)}' for s in decision.states
    )
    return headers


def _add_window_to_error(response: HttpResponse, result: RateLimitResult) -> None:
    blocked = result.decision.blocked
    if blocked is None or response.get("Content-Type", "") != "application/json":
        return
    try:
        body = json.loads(response.content)
        fields = body["error"]["fields"]
    except (ValueError, KeyError, TypeError):
        return
    fields["window"] = blocked.window.name
    fields["limit"] = blocked.window.limit
    fields["window_seconds"] = _seconds(blocked.window.seconds)
    response.content = json.dumps(body).encode()


class RateLimitHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        result: RateLimitResult | None = getattr(request, "ratelimit", None)
        if result is None:
            return response
        for name, value in rate_limit_headers(result).items():
            response[name] = value
        if response.status_code == 429:
            _add_window_to_error(response, result)
        exposed = [h.strip() for h in response.get("Access-Control-Expose-Headers", "").split(",")]
        merged = [h for h in exposed if h] + [h for h in EXPOSED if h not in exposed]
        response["Access-Control-Expose-Headers"] = ", ".join(merged)
        return response
