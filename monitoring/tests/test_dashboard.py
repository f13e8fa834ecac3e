"""The admin dashboard: staff only, inline SVG charts from the shared metrics, no external asset."""

from __future__ import annotations

import pytest
from django.test import Client

from core import metrics
from monitoring.charts import Line, line_chart

pytestmark = pytest.mark.django_db

URL = "/admin/monitoring/dashboard/"


@pytest.fixture
def staff(user):
    user.is_staff = True
    user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_non_staff_is_sent_to_login(other_user):
    client = Client()
    client.force_login(other_user)
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("range_", ["hour", "day", "nonsense"])
def test_dashboard_renders_inline_svg(staff, range_):
    metrics.incr("cache_hits", 9, cache="user_context")
    metrics.incr("cache_misses", 1, cache="user_context")
    metrics.incr(
        "ratelimit_decisions", 4, tier="free", endpoint_class="general", outcome="throttled"
    )
    metrics.observe("cache_build_ms", 8.0, cache="user_context")
    response = staff.get(URL, {"range": range_})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.count('role="img"') == 5
    )  # HTTP traffic, HTTP latency by route, cache, requests by tier, latency
    assert "Cache hit rate by type" in html
    assert "user_context" in html
    assert "free 429" in html
    assert "http://" not in html.split("<svg", 1)[1].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_chart_escapes_labels_and_breaks_on_gaps():
    svg = line_chart("t<x>", ["a", "b", "c"], [Line("<s>", [1.0, None, 2.0])])
    assert "<s>" not in svg
    assert "&lt;s&gt;" in svg
    assert svg.count("<circle") == 2
