"""The summary: rates, shares and percentiles computed from the shared metrics (alerts: alerts.py).

Metric names recorded across the project (``core.metrics``):
``cache_hits`` / ``cache_misses`` / ``cache_sets`` / ``cache_invalidations`` {cache},
``cache_build_ms`` {cache}; ``ratelimit_decisions`` {tier, endpoint_class, outcome},
``redis_errors`` {kind} (failed Redis connections, core.redis_availability),
``ratelimit_errors`` {kind}; ``llm_calls`` / ``llm_errors`` {provider}, ``llm_tokens``
{provider, kind}, ``llm_latency_ms`` {provider}; ``retrieval_latency_ms`` {endpoint};
``http_requests`` {route, method, status} and ``http_request_ms`` {route} (monitoring.http).
"""

from __future__ import annotations

import time
from typing import Any

from core import metrics
from monitoring.store import MetricStore, Snapshot, quantile

WINDOWS = {"hour": 60, "day": 1440}
LATENCIES = {
    "cache_build_ms": "cache",
    "llm_latency_ms": "provider",
    "retrieval_latency_ms": "endpoint",
    "http_request_ms": "route",
}


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def cache_rates(snapshot: Snapshot) -> dict[str, Any]:
    types = set(snapshot.by_label("cache_hits", "cache")) | set(
        snapshot.by_label("cache_misses", "cache")
    )
    out = {}
    for cache_type in sorted(types):
        hits = snapshot.total("cache_hits", cache=cache_type)
        misses = snapshot.total("cache_misses", cache=cache_type)
        out[cache_type] = {
            "hits": hits,
            "misses": misses,
            "sets": snapshot.total("cache_sets", cache=cache_type),
            "invalidations": snapshot.total("cache_invalidations", cache=cache_type),
            "hit_rate": _rate(hits, hits + misses),
        }
    return out


def ratelimit_rates(snapshot: Snapshot) -> dict[str, Any]:
    out = {}
    for tier in sorted(snapshot.by_label("ratelimit_decisions", "tier")):
        outcomes = snapshot.by_label("ratelimit_decisions", "outcome", tier=tier)
        total = sum(outcomes.values())
        out[tier] = {
            "requests": total,
            "throttled": outcomes.get("throttled", 0),
            "throttled_share": _rate(outcomes.get("throttled", 0), total),
            "outcomes": outcomes,
        }
    return out


def llm_usage(snapshot: Snapshot) -> dict[str, Any]:
    providers = set(snapshot.by_label("llm_calls", "provider")) | set(
        snapshot.by_label("llm_errors", "provider")
    )
    out = {}
    for provider in sorted(providers):
        calls = snapshot.total("llm_calls", provider=provider)
        errors = snapshot.total("llm_errors", provider=provider)
        out[provider] = {
            "calls": calls,
            "errors": errors,
            "error_rate": _rate(errors, calls),
            "tokens": snapshot.by_label("llm_tokens", "kind", provider=provider),
        }
    return out


def http_rates(snapshot: Snapshot) -> dict[str, Any]:
    """Per route template: requests, 5xx answers, their share, and the p95 latency."""
    out = {}
    for route in sorted(snapshot.by_label("http_requests", "route")):
        statuses = snapshot.by_label("http_requests", "status", route=route)
        total = sum(statuses.values())
        errors = statuses.get("5xx", 0)
        out[route] = {
            "requests": total,
            "errors_5xx": errors,
            "error_rate": _rate(errors, total),
            "p95_ms": quantile(snapshot.histogram("http_request_ms", route=route), 0.95),
        }
    return out


def latencies(snapshot: Snapshot) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, label in LATENCIES.items():
        for value in snapshot.label_values(name, label):
            hist = snapshot.histogram(name, **{label: value})
            out.setdefault(name, {})[value] = {
                "count": int(hist[-1]),
                "p50_ms": quantile(hist, 0.5),
                "p95_ms": quantile(hist, 0.95),
                "mean_ms": round(hist[-2] / hist[-1], 3) if hist[-1] else None,
            }
    return out


def build_summary(store: MetricStore | None = None) -> dict[str, Any]:
    """Rates over the last hour and day."""
    metrics.flush()
    store = store or MetricStore()
    out: dict[str, Any] = {"generated_at": time.time(), "windows": {}}
    for label, minutes in WINDOWS.items():
        snapshot = store.window(minutes)
        out["windows"][label] = {
            "minutes": minutes,
            "cache": cache_rates(snapshot),
            "ratelimit": ratelimit_rates(snapshot),
            "ratelimit_errors": snapshot.by_label("ratelimit_errors", "kind"),
            "llm": llm_usage(snapshot),
            "latency": latencies(snapshot),
            "http": http_rates(snapshot),
        }
    return out
