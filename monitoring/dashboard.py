"""The staff dashboard in the Django admin: charts drawn from the same shared metrics."""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from core import metrics
from monitoring.alerts import build_alerts
from monitoring.charts import Line, line_chart
from monitoring.store import MetricStore, quantile
from monitoring.summary import cache_rates, http_rates, ratelimit_rates

RANGES = {"hour": (60, 5), "day": (1440, 60)}
# The busiest routes get a latency line each (more would not be readable in one chart).
ROUTE_LINES_MAX = 6


def _charts(store: MetricStore, minutes: int, step: int) -> list[str]:
    points = store.series(minutes, step)
    fmt = "%H:%M"
    labels = [time.strftime(fmt, time.localtime(start)) for start, _ in points]
    snapshots = [snapshot for _, snapshot in points]

    rates = [cache_rates(s) for s in snapshots]
    cache_types = sorted({t for rate in rates for t in rate})
    hit_lines = [Line(t, [rate.get(t, {}).get("hit_rate") for rate in rates]) for t in cache_types]
    tiers = sorted({t for s in snapshots for t in ratelimit_rates(s)})
    request_lines = []
    for tier in tiers:
        rows = [ratelimit_rates(s).get(tier, {}) for s in snapshots]
        request_lines.append(Line(f"{tier} requests", [r.get("requests", 0) for r in rows]))
        request_lines.append(Line(f"{tier} 429", [r.get("throttled", 0) for r in rows]))
    latency_lines = []
    for name, label in (("cache_build_ms", "build"), ("llm_latency_ms", "llm")):
        hists = [s.histogram(name) for s in snapshots]
        latency_lines.append(Line(f"{label} p50", [quantile(h, 0.5) for h in hists]))
        latency_lines.append(Line(f"{label} p95", [quantile(h, 0.95) for h in hists]))
    http = [http_rates(s) for s in snapshots]
    traffic = [
        Line("requests", [sum(r["requests"] for r in rows.values()) for rows in http]),
        Line("5xx", [sum(r["errors_5xx"] for r in rows.values()) for rows in http]),
    ]
    busiest = sorted(
        {route for rows in http for route in rows},
        key=lambda route: -sum(rows.get(route, {}).get("requests", 0) for rows in http),
    )[:ROUTE_LINES_MAX]
    route_lines = [
        Line(f"{route} p95", [rows.get(route, {}).get("p95_ms") for rows in http])
        for route in busiest
    ]
    return [
        line_chart("HTTP requests and 5xx per interval", labels, traffic),
        line_chart("HTTP p95 latency by route", labels, route_lines, unit=" ms"),
        line_chart("Cache hit rate by type", labels, hit_lines, y_max=1.0),
        line_chart("Requests and 429s by tier", labels, request_lines),
        line_chart("Latency percentiles", labels, latency_lines, unit=" ms"),
    ]


def dashboard_view(request: HttpRequest) -> HttpResponse:
    """``/admin/monitoring/dashboard/?range=hour|day`` (staff only, via ``admin_view``)."""
    from django.contrib import admin

    chosen = request.GET.get("range", "hour")
    minutes, step = RANGES.get(chosen, RANGES["hour"])
    context: dict[str, Any] = {**admin.site.each_context(request), "title": "Monitoring"}
    context.update({"range": chosen if chosen in RANGES else "hour", "ranges": list(RANGES)})
    try:
        metrics.flush()
        store = MetricStore()
        context["charts"] = [mark_safe(svg) for svg in _charts(store, minutes, step)]  # noqa: S308 - built and escaped by monitoring.charts
        context["error"] = ""
    except Exception as exc:
        context["charts"] = []
        context["error"] = f"Metrics store unreachable: {type(exc).__name__}: {exc}"
    context["alerts"] = build_alerts()
    return TemplateResponse(request, "admin/monitoring/dashboard.html", context)
