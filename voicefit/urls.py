"""The URL map: admin, the API under /api/, and its schema and docs."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.errors import json_not_found, json_server_error
from monitoring.views import prometheus_metrics
from voicefit.index import ApiIndexView

handler404 = json_not_found
handler500 = json_server_error

api_patterns = [
    path("", ApiIndexView.as_view(), name="api-index"),
    path("", include("portability.urls")),  # before accounts: its /me adds DELETE
    path("", include("accounts.urls")),
    path("", include("training.urls")),
    path("voice/", include("voice.urls")),
    path("", include("rag.urls")),
    path("", include("coach.urls")),
    path("", include("programs.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(api_patterns)),
    path("metrics", prometheus_metrics, name="metrics"),
]
