"""Adds the monitoring dashboard to the admin site at ``/admin/monitoring/dashboard/``."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path

from monitoring.dashboard import dashboard_view

_site_urls = admin.site.get_urls


def _get_urls() -> list[URLPattern | URLResolver]:
    return [
        path(
            "monitoring/dashboard/",
            admin.site.admin_view(dashboard_view),
            name="monitoring-dashboard",
        ),
        *_site_urls(),
    ]


admin.site.get_urls = _get_urls  # type: ignore[method-assign]
