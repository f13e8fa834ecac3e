"""HTTP metrics by route template, method and status class; X-Request-ID on every response."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from pythonjsonlogger.json import JsonFormatter
from rest_framework.test import APIClient

from conftest import client_for
from core.metrics import BUCKETS_MS
from monitoring.alerts import http_alerts
from monitoring.http import RequestIdFilter
from monitoring.store import Snapshot

pytestmark = pytest.mark.django_db


def _value(text: str, series: str) -> float:
    match = re.search(rf"^{re.escape(series)} ([0-9.e+]+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_metrics_count_and_time_routes_by_template_without_ids(user, settings):
    settings.MONITORING_METRICS_PUBLIC = True
    client = client_for(user)
    scrape = APIClient()
    before = scrape.get("/metrics").content.decode()
    route = "/api/workouts/<pk>/"
    assert client.get("/api/workouts/987654/").status_code == 404
    assert client.get("/api/workouts/987655/").status_code == 404
    assert client.get("/api/workouts/").status_code == 200
    text = scrape.get("/metrics").content.decode()

    counted = f'voicefit_http_requests_total{{method="GET",route="{route}",status="4xx"}}'
    assert _value(text, counted) - _value(before, counted) == 2
    timed = f'voicefit_http_request_ms_count{{route="{route}"}}'
    assert _value(text, timed) - _value(before, timed) == 2
    assert f'voicefit_http_request_ms_bucket{{le="+Inf",route="{route}"}}' in text
    assert "987654" not in text


def test_every_response_has_a_request_id_a_proxys_only_when_trusted(settings):
    first = APIClient().get("/api/monitoring/health")["X-Request-ID"]
    second = APIClient().get("/nowhere")["X-Request-ID"]
    assert first
    assert second
    assert first != second

    spoofed = APIClient().get("/api/monitoring/health", HTTP_X_REQUEST_ID="client-chosen")
    assert spoofed["X-Request-ID"] != "client-chosen"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    proxied = APIClient().get("/api/monitoring/health", HTTP_X_REQUEST_ID="proxy-id-42")
    assert proxied["X-Request-ID"] == "proxy-id-42"
    injected = APIClient().get("/api/monitoring/health", HTTP_X_REQUEST_ID="a b\r\nX: y")
    assert injected["X-Request-ID"] != "a b\r\nX: y"


def test_a_route_failing_or_slow_raises_the_http_alerts(settings):
    snapshot = Snapshot()
    route = (("method", "GET"), ("route", "/api/x/<pk>/"), ("status", "5xx"))
    ok = (("method", "GET"), ("route", "/api/x/<pk>/"), ("status", "2xx"))
    snapshot.counters[("http_requests", route)] = 5
    snapshot.counters[("http_requests", ok)] = 45
    hist = [0.0] * (len(BUCKETS_MS) + 3)  # bucket counts, then the sum and the count
    hist[BUCKETS_MS.index(10.0)] = 50  # every request within 10 ms
    hist[-2], hist[-1] = 400.0, 50
    snapshot.hists[("http_request_ms", (("route", "/api/x/<pk>/"),))] = hist
    alerts = {a["name"]: a for a in http_alerts(snapshot, now=0.0)}
    assert alerts["http_5xx_rate"]["value"] == 0.1  # 5 of 50
    assert alerts["http_5xx_rate"]["route"] == "/api/x/<pk>/"
    assert "http_p95_latency" not in alerts

    hist[BUCKETS_MS.index(10.0)] = 0
    hist[len(BUCKETS_MS)] = 50  # every request slower than the largest bucket
    slow = {a["name"]: a for a in http_alerts(snapshot, now=0.0)}
    assert slow["http_p95_latency"]["value"] > settings.MONITORING_HTTP_P95_MS_MAX


def test_log_lines_carry_the_request_id_as_json(settings):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    formatter = dict(settings.LOGGING["formatters"]["json"])
    handler.setFormatter(
        JsonFormatter(formatter["format"], rename_fields=formatter["rename_fields"])
    )
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = APIClient().get("/api/nowhere-at-all")
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue().splitlines()[0])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "WARNING"
