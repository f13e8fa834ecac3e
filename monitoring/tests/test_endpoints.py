"""Health (503 when Redis or the database is down), staff summary and alerts, /metrics."""

from __future__ import annotations

import copy

import pytest
from django.db import connections
from rest_framework.test import APIClient

from conftest import client_for
from core import health, metrics
from core.embedded import start_valkey, stop_valkey_at

pytestmark = pytest.mark.django_db

HEALTH = "/api/monitoring/health"


@pytest.fixture
def staff_client(other_user):
    other_user.is_staff = True
    other_user.save()
    return client_for(other_user)


@pytest.fixture
def private_redis(tmp_path, settings):
    port = start_valkey(tmp_path / "valkey")
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    yield port
    stop_valkey_at(port)


def test_health_ok_lists_every_component():
    response = APIClient().get(HEALTH)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] in {"ok", "degraded"}
    components = body["components"]
    for name in ("database", "pgvector", "redis", "celery_broker"):
        assert "latency_ms" in components[name]
    assert components["database"]["status"] == "ok"
    assert components["pgvector"]["version"]
    assert components["redis"]["status"] == "ok"


def test_health_turns_503_when_redis_stops(private_redis):
    assert APIClient().get(HEALTH).status_code == 200
    stop_valkey_at(private_redis)
    response = APIClient().get(HEALTH)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["components"]["redis"]["status"] == "down"
    assert body["components"]["database"]["status"] == "ok"


def test_health_turns_503_when_the_database_is_unreachable(monkeypatch):
    down = copy.deepcopy(connections.settings["default"])
    down.update({"HOST": "127.0.0.1", "PORT": "1", "CONN_MAX_AGE": 0})
    connections.settings["monitoring_down"] = down
    monkeypatch.setattr(health.DatabaseCheck, "alias", "monitoring_down")
    try:
        response = APIClient().get(HEALTH)
    finally:
        connections["monitoring_down"].close()
        del connections.settings["monitoring_down"]
    assert response.status_code == 503
    assert response.json()["components"]["database"]["status"] == "down"
    assert response.json()["components"]["redis"]["status"] == "ok"


def test_registered_optional_check_degrades_but_stays_200():
    health.register_check("embedding_model", lambda: {"status": "not_loaded", "dimension": 384})
    health.register_check("llm_provider", lambda: (_ for _ in ()).throw(RuntimeError("no key")))
    try:
        response = APIClient().get(HEALTH)
    finally:
        health.unregister_check("embedding_model")
        health.unregister_check("llm_provider")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["components"]["embedding_model"] == {
        "status": "not_loaded",
        "dimension": 384,
        "required": False,
        "latency_ms": body["components"]["embedding_model"]["latency_ms"],
    }
    assert body["components"]["llm_provider"]["detail"] == "RuntimeError: no key"


@pytest.mark.parametrize("path", ["/api/monitoring/summary", "/api/monitoring/alerts"])
def test_staff_only(path, auth_client):
    assert APIClient().get(path).status_code == 401
    response = auth_client.get(path)
    assert response.status_code == 403
    assert response.json()["error"]["code"]


def test_summary_rates(staff_client):
    for _ in range(3):
        metrics.incr("cache_hits", cache="user_context")
    metrics.incr("cache_misses", cache="user_context")
    for outcome, count in (("allowed", 8), ("throttled", 2)):
        metrics.incr(
            "ratelimit_decisions", count, tier="gold", endpoint_class="general", outcome=outcome
        )
    metrics.incr("llm_calls", 4, provider="offline")
    metrics.incr("llm_errors", 1, provider="offline")
    metrics.incr("llm_tokens", 120, provider="offline", kind="completion")
    for value in (1, 2, 3, 4, 100):
        metrics.observe("llm_latency_ms", value, provider="offline")
    response = staff_client.get("/api/monitoring/summary")
    assert response.status_code == 200
    hour = response.json()["windows"]["hour"]
    assert hour["cache"]["user_context"]["hit_rate"] == 0.75
    assert hour["ratelimit"]["gold"]["throttled_share"] == 0.2
    assert hour["llm"]["offline"] == {
        "calls": 4,
        "errors": 1,
        "error_rate": 0.25,
        "tokens": {"completion": 120},
    }
    latency = hour["latency"]["llm_latency_ms"]["offline"]
    assert latency["count"] == 5
    assert 2.5 <= latency["p50_ms"] <= 5
    assert latency["p95_ms"] >= 50
    day = response.json()["windows"]["day"]
    assert day["cache"]["user_context"]["hits"] == 3


def test_alerts_report_low_hit_rate_spike_llm_errors_and_flags(staff_client, settings):
    settings.MONITORING_CACHE_MIN_REQUESTS = 10
    settings.MONITORING_THROTTLE_MIN_REQUESTS = 10
    metrics.incr("cache_hits", 2, cache="rag")
    metrics.incr("cache_misses", 18, cache="rag")
    metrics.incr("cache_hits", 19, cache="user_context")
    metrics.incr("cache_misses", 1, cache="user_context")
    metrics.incr("ratelimit_decisions", 5, tier="gold", endpoint_class="general", outcome="allowed")
    metrics.incr(
        "ratelimit_decisions", 15, tier="gold", endpoint_class="expensive", outcome="throttled"
    )
    metrics.incr("llm_calls", 10, provider="xai")
    metrics.incr("llm_errors", 6, provider="xai")
    metrics.flag("limiter_fallback", True, "per-process limiter in use")
    body = staff_client.get("/api/monitoring/alerts").json()
    by_name = {
        (a["name"], a.get("cache") or a.get("tier") or a.get("provider")): a for a in body["alerts"]
    }
    assert by_name[("cache_hit_rate_low", "rag")]["value"] == 0.1
    assert ("cache_hit_rate_low", "user_context") not in by_name
    assert by_name[("throttle_spike", "gold")]["value"] == 0.75
    assert by_name[("llm_error_rate", "xai")]["severity"] == "critical"
    assert by_name[("limiter_fallback", None)]["detail"] == "per-process limiter in use"
    assert body["count"] == len(body["alerts"])


def test_alerts_report_redis_down_from_process_state(staff_client, private_redis):
    stop_valkey_at(private_redis)
    body = staff_client.get("/api/monitoring/alerts").json()
    names = {a["name"] for a in body["alerts"]}
    assert "redis_unreachable" in names
    redis_alert = next(a for a in body["alerts"] if a["name"] == "redis_unreachable")
    assert redis_alert["severity"] == "critical"
    assert redis_alert["since"]


def test_prometheus_exposition(settings):
    settings.MONITORING_METRICS_PUBLIC = True
    metrics.incr("cache_hits", 3, cache="user_context")
    metrics.observe("cache_build_ms", 12.0, cache="user_context")
    metrics.flag("limiter_fallback", True, "x")
    response = APIClient().get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'voicefit_cache_hits_total{cache="user_context"} 3.0' in text
    assert 'voicefit_cache_build_ms_bucket{cache="user_context",le="25.0"} 1.0' in text
    assert 'voicefit_cache_build_ms_count{cache="user_context"} 1.0' in text
    assert 'voicefit_flag_active{name="limiter_fallback"} 1.0' in text


def test_prometheus_token(settings):
    settings.MONITORING_METRICS_TOKEN = "s3cret"
    assert APIClient().get("/metrics").status_code == 401
    assert APIClient().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert APIClient().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret").status_code == 200


def test_prometheus_needs_the_token_unless_public_or_debug(settings):
    settings.MONITORING_METRICS_TOKEN = ""
    settings.MONITORING_METRICS_PUBLIC = False
    settings.DEBUG = False
    assert APIClient().get("/metrics").status_code == 401
    settings.DEBUG = True
    assert APIClient().get("/metrics").status_code == 200
    settings.DEBUG = False
    settings.MONITORING_METRICS_PUBLIC = True
    assert APIClient().get("/metrics").status_code == 200


def test_alerts_accept_the_monitoring_token_only_when_it_is_set(settings):
    settings.MONITORING_METRICS_TOKEN = ""
    assert APIClient().get("/api/monitoring/alerts").status_code == 401
    settings.MONITORING_METRICS_TOKEN = "s3cret"
    wrong = APIClient().get("/api/monitoring/alerts", HTTP_AUTHORIZATION="Bearer wrong")
    assert wrong.status_code == 401
    right = APIClient().get("/api/monitoring/alerts", HTTP_AUTHORIZATION="Bearer s3cret")
    assert right.status_code == 200
