"""Adds the monitoring dashboard to the admin site at ``/admin/monitoring/dashboard/`` (linked
from the admin index by templates/admin/index.html) and gives the admin the product's name."""

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
admin.site.site_header = "VoiceFit administration"
admin.site.site_title = "VoiceFit admin"
admin.site.index_title = "VoiceFit"
