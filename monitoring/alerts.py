"""The active alerts: raised flags, thresholds crossed over the recent window, components down.

Each kind of alert is one function from what it reads to a list of alerts; ``build_alerts``
gathers them. An alert is ``{"name", "severity", "since", "value", "detail", ...}`` plus the
threshold and the label it is about where it has them.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from core import metrics
from core.health import run_checks
from core.redis_availability import UNREACHABLE_FLAG
from monitoring.store import MetricStore, Snapshot
from monitoring.summary import cache_rates, http_rates, llm_usage, ratelimit_rates

Alert = dict[str, Any]
Flags = Mapping[str, Mapping[str, Any]]

# The alert a database that cannot be reached raises (instead of a generic ``component_down``).
DATABASE_UNREACHABLE = "database_unreachable"

# An LLM error rate means something only after this many calls in the window.
LLM_MIN_CALLS = 5
# Above this error rate the LLM alert is critical rather than a warning.
LLM_CRITICAL_ERROR_RATE = 0.5


@dataclass(frozen=True)
class Readings:
    """What the alerts are computed from: every known flag and the recent window's metrics."""

    flags: Flags
    snapshot: Snapshot
    redis_ok: bool


def read(store: MetricStore) -> Readings:
    """This process's flags plus the shared ones, and the alert window; with Redis down, this
    process's flags and an empty window, with ``redis_unreachable`` raised."""
    flags: dict[str, Mapping[str, Any]] = dict(metrics.recorder.local_flags())
    try:
        metrics.flush()
        for name, data in store.flags().items():
            flags.setdefault(name, data)
        snapshot = store.window(settings.MONITORING_ALERT_WINDOW_MIN)
    except Exception as exc:
        flags[UNREACHABLE_FLAG] = {
            "name": UNREACHABLE_FLAG,
            "active": True,
            "detail": f"{type(exc).__name__}: {exc}",
            "since": flags.get(UNREACHABLE_FLAG, {}).get("since") or time.time(),
        }
        return Readings(flags, Snapshot(), redis_ok=False)
    return Readings(flags, snapshot, redis_ok=True)


def flag_alerts(flags: Flags) -> list[Alert]:
    """One alert per raised flag (component flags are reported by ``component_alerts``)."""
    return [
        {
            "name": name,
            "severity": "critical" if name == UNREACHABLE_FLAG else "warning",
            "since": data.get("since"),
            "value": 1,
            "detail": data.get("detail", ""),
        }
        for name, data in sorted(flags.items())
        if data.get("active") and not name.startswith("health_")
    ]


def cache_alerts(snapshot: Snapshot, now: float) -> list[Alert]:
    """A cache type whose hit rate fell under ``MONITORING_CACHE_HIT_RATE_MIN`` with traffic."""
    floor = settings.MONITORING_CACHE_HIT_RATE_MIN
    alerts = []
    for cache_type, row in cache_rates(snapshot).items():
        lookups = row["hits"] + row["misses"]
        rate = row["hit_rate"]
        if lookups < settings.MONITORING_CACHE_MIN_REQUESTS or rate is None or rate >= floor:
            continue
        alerts.append(
            {
                "name": "cache_hit_rate_low",
                "severity": "warning",
                "since": now,
                "value": rate,
                "threshold": floor,
                "detail": f"{cache_type}: {row['hits']}/{lookups} hits",
                "cache": cache_type,
            }
        )
    return alerts


def throttle_alerts(snapshot: Snapshot, now: float) -> list[Alert]:
    """A tier whose share of 429s rose above ``MONITORING_THROTTLE_SHARE_MAX`` with traffic."""
    spike = settings.MONITORING_THROTTLE_SHARE_MAX
    alerts = []
    for tier, row in ratelimit_rates(snapshot).items():
        share = row["throttled_share"]
        if row["requests"] < settings.MONITORING_THROTTLE_MIN_REQUESTS or share is None:
            continue
        if share <= spike:
            continue
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
    return alerts


def llm_alerts(snapshot: Snapshot, now: float) -> list[Alert]:
    """A provider failing more than ``MONITORING_LLM_ERROR_RATE_MAX`` of its calls."""
    error_max = settings.MONITORING_LLM_ERROR_RATE_MAX
    alerts = []
    for provider, row in llm_usage(snapshot).items():
        rate = row["error_rate"]
        if row["calls"] < LLM_MIN_CALLS or rate is None or rate <= error_max:
            continue
        alerts.append(
            {
                "name": "llm_error_rate",
                "severity": "critical" if rate > LLM_CRITICAL_ERROR_RATE else "warning",
                "since": now,
                "value": rate,
                "threshold": error_max,
                "detail": f"{provider}: {row['errors']}/{row['calls']} failed",
                "provider": provider,
            }
        )
    return alerts


def http_alerts(snapshot: Snapshot, now: float) -> list[Alert]:
    """A route answering more than ``MONITORING_HTTP_5XX_RATE_MAX`` of its requests with 5xx,
    or slower than ``MONITORING_HTTP_P95_MS_MAX`` at the 95th percentile, with traffic."""
    error_max = settings.MONITORING_HTTP_5XX_RATE_MAX
    p95_max = settings.MONITORING_HTTP_P95_MS_MAX
    alerts: list[Alert] = []
    for route, row in http_rates(snapshot).items():
        if row["requests"] < settings.MONITORING_HTTP_MIN_REQUESTS:
            continue
        if row["error_rate"] is not None and row["error_rate"] > error_max:
            alerts.append(
                {
                    "name": "http_5xx_rate",
                    "severity": "critical",
                    "since": now,
                    "value": row["error_rate"],
                    "threshold": error_max,
                    "detail": f"{route}: {row['errors_5xx']}/{row['requests']} answered 5xx",
                    "route": route,
                }
            )
        if row["p95_ms"] is not None and row["p95_ms"] > p95_max:
            alerts.append(
                {
                    "name": "http_p95_latency",
                    "severity": "warning",
                    "since": now,
                    "value": row["p95_ms"],
                    "threshold": p95_max,
                    "detail": f"{route}: p95 {row['p95_ms']} ms over {row['requests']} requests",
                    "route": route,
                }
            )
    return alerts


def component_alerts(flags: Flags, now: float, *, redis_ok: bool) -> list[Alert]:
    """A health-checked component that is down (Redis only if the flags do not say so already)."""
    alerts = []
    for name, component in run_checks()["components"].items():
        if component["status"] not in {"down", "error"}:
            continue
        if name == "redis" and not redis_ok:
            continue
        flag = flags.get(f"health_{name}_down") or {}
        alerts.append(
            {
                "name": DATABASE_UNREACHABLE if name == "database" else "component_down",
                "severity": "critical" if component["required"] else "warning",
                "since": flag.get("since") or now,
                "value": 1,
                "detail": f"{name}: {component.get('detail', '')}",
                "component": name,
            }
        )
    return alerts


def build_alerts(store: MetricStore | None = None) -> list[Alert]:
    """Active alerts with severity, since-when and the number behind each."""
    readings = read(store or MetricStore())
    now = time.time()
    return [
        *flag_alerts(readings.flags),
        *cache_alerts(readings.snapshot, now),
        *throttle_alerts(readings.snapshot, now),
        *llm_alerts(readings.snapshot, now),
        *http_alerts(readings.snapshot, now),
        *component_alerts(readings.flags, now, redis_ok=readings.redis_ok),
    ]
