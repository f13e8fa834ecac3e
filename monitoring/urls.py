"""URLs under /api/monitoring/."""

from django.urls import path

from monitoring import views

urlpatterns = [
    path("health", views.HealthView.as_view(), name="monitoring-health"),
    path("summary", views.SummaryView.as_view(), name="monitoring-summary"),
    path("alerts", views.AlertsView.as_view(), name="monitoring-alerts"),
]
