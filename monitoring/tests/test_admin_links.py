"""The admin carries the product's name and its index links the monitoring dashboard."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_admin_index_links_the_dashboard_which_shows_http_charts():
    staff = UserFactory(is_staff=True, is_superuser=True)
    client_for(staff).get("/api/workouts/")  # some traffic for the charts
    admin = Client()
    admin.force_login(staff)
    index = admin.get("/admin/").content.decode()
    assert "VoiceFit administration" in index
    assert 'href="/admin/monitoring/dashboard/"' in index
    dashboard = admin.get("/admin/monitoring/dashboard/")
    assert dashboard.status_code == 200
    page = dashboard.content.decode()
    assert "HTTP requests and 5xx per interval" in page
    assert "HTTP p95 latency by route" in page
