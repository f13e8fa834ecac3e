"""Prometheus exposition of the Redis-aggregated metrics through a custom collector.

Every process reads the same all-time totals from Redis, so the numbers are multi-process safe
by construction (no prometheus-client multiprocess directory involved).
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import CollectorRegistry

from core import metrics
from core.metrics import BUCKETS_MS
from monitoring.store import MetricStore

NAMESPACE = "voicefit"


def _metric_name(name: str) -> str:
    clean = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name)
    return f"{NAMESPACE}_{clean}"


class RedisMetricsCollector:
    """Yields counters, histograms and active flags read from Redis at scrape time."""

    store_class = MetricStore

    def collect(self) -> Iterator[Metric]:
        metrics.flush()
        store = self.store_class()
        totals = store.totals()
        counters: dict[str, CounterMetricFamily] = {}
        for (name, labels), value in sorted(totals.counters.items()):
            keys = [k for k, _ in labels]
            family = counters.get(name)
            if family is None:
                family = counters[name] = CounterMetricFamily(
                    _metric_name(name), f"{name} (all processes)", labels=keys
                )
            family.add_metric([v for _, v in labels], value)
        yield from counters.values()

        hists: dict[str, HistogramMetricFamily] = {}
        for (name, labels), hist in sorted(totals.hists.items()):
            hist_family = hists.get(name)
            if hist_family is None:
                hist_family = hists[name] = HistogramMetricFamily(
                    _metric_name(name), f"{name} (all processes)", labels=[k for k, _ in labels]
                )
            cumulative, buckets = 0.0, []
            for index, bound in enumerate([*BUCKETS_MS, float("inf")]):
                cumulative += hist[index]
                buckets.append(("+Inf" if bound == float("inf") else repr(bound), cumulative))
            hist_family.add_metric([v for _, v in labels], buckets, hist[-2])
        yield from hists.values()

        flags = GaugeMetricFamily(
            f"{NAMESPACE}_flag_active", "Raised conditions (1 = active)", labels=["name"]
        )
        shared = store.flags()
        for name, data in {**shared, **metrics.recorder.local_flags()}.items():
            flags.add_metric([name], 1.0 if data.get("active") else 0.0)
        yield flags


def registry() -> CollectorRegistry:
    """A fresh registry holding only the Redis collector (built per scrape, cheap)."""
    reg = CollectorRegistry(auto_describe=False)
    reg.register(RedisMetricsCollector())
    return reg
