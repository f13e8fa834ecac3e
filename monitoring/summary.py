"""The summary and the alerts: rates, shares and percentiles computed from the shared metrics.

Metric names recorded across the project (``core.metrics``):
``cache_hits`` / ``cache_misses`` / ``cache_sets`` / ``cache_invalidations`` {cache},
``cache_build_ms`` {cache}; ``ratelimit_decisions`` {tier, endpoint_class, outcome},
``ratelimit_errors`` {kind}; ``llm_calls`` / ``llm_errors`` {provider}, ``llm_tokens``
{provider, kind}, ``llm_latency_ms`` {provider}; ``retrieval_latency_ms`` {endpoint}.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings

from core import metrics
from core.health import run_checks
from monitoring.store import MetricStore, Snapshot, quantile

WINDOWS = {"hour": 60, "day": 1440}
LATENCIES = {
    "cache_build_ms": "cache",
    "llm_latency_ms": "provider",
    "retrieval_latency_ms": "endpoint",
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
        }
    return out


def _threshold(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def build_alerts(store: MetricStore | None = None) -> list[dict[str, Any]]:
    """Active alerts with severity, since-when and the number behind each."""
    store = store or MetricStore()
    alerts: list[dict[str, Any]] = []
    flags = dict(metrics.recorder.local_flags())
    redis_ok = True
    try:
        metrics.flush()
        shared = store.flags()
        for name, data in shared.items():
            flags.setdefault(name, data)
        snapshot = store.window(int(_threshold("MONITORING_ALERT_WINDOW_MIN", 15)))
    except Exception as exc:
        redis_ok = False
        flags["redis_unreachable"] = {
            "name": "redis_unreachable",
            "active": True,
            "detail": f"{type(exc).__name__}: {exc}",
            "since": flags.get("redis_unreachable", {}).get("since") or time.time(),
        }
        snapshot = Snapshot()

    for name, data in sorted(flags.items()):
        if not data.get("active") or name.startswith("health_"):
            continue
        alerts.append(
            {
                "name": name,
                "severity": "critical" if name == "redis_unreachable" else "warning",
                "since": data.get("since"),
                "value": 1,
                "detail": data.get("detail", ""),
            }
        )

    now = time.time()
    min_traffic = int(_threshold("MONITORING_CACHE_MIN_REQUESTS", 50))
    hit_floor = _threshold("MONITORING_CACHE_HIT_RATE_MIN", 0.30)
    for cache_type, row in cache_rates(snapshot).items():
        lookups = row["hits"] + row["misses"]
        if lookups >= min_traffic and row["hit_rate"] is not None and row["hit_rate"] < hit_floor:
            alerts.append(
                {
                    "name": "cache_hit_rate_low",
                    "severity": "warning",
                    "since": now,
                    "value": row["hit_rate"],
                    "threshold": hit_floor,
                    "detail": f"{cache_type}: {row['hits']}/{lookups} hits",
                    "cache": cache_type,
                }
            )
    spike = _threshold("MONITORING_THROTTLE_SHARE_MAX", 0.20)
    min_requests = int(_threshold("MONITORING_THROTTLE_MIN_REQUESTS", 50))
    for tier, row in ratelimit_rates(snapshot).items():
        share = row["throttled_share"]
        if row["requests"] >= min_requests and share is not None and share > spike:
            alerts.append(
                {
                    "name": "throttle_spike",
                    "severity": "warning",
                    "since": now,
                    "value": share,
                    "threshold": spike,
                    "detail": f"{tier}: {row['throttled']}/{row['requests']} throttled",
                    "tier": tier,
                }
            )
    error_max = _threshold("MONITORING_LLM_ERROR_RATE_MAX", 0.10)
    for provider, row in llm_usage(snapshot).items():
        rate = row["error_rate"]
        if row["calls"] >= 5 and rate is not None and rate > error_max:
            alerts.append(
                {
                    "name": "llm_error_rate",
                    "severity": "critical" if rate > 0.5 else "warning",
                    "since": now,
                    "value": rate,
                    "threshold": error_max,
                    "detail": f"{provider}: {row['errors']}/{row['calls']} failed",
                    "provider": provider,
                }
            )

    health = run_checks()
    for name, component in health["components"].items():
        if component["status"] in {"down", "error"}:
            if name == "redis" and not redis_ok:
                continue
            flag = flags.get(f"health_{name}_down") or {}
            alerts.append(
                {
                    "name": "component_down",
                    "severity": "critical" if component["required"] else "warning",
                    "since": flag.get("since") or now,
                    "value": 1,
                    "detail": f"{name}: {component.get('detail', '')}",
                    "component": name,
                }
            )
    return alerts
