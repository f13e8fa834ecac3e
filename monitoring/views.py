"""Monitoring endpoints: public health, staff summary and alerts, and the Prometheus scrape."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import error_body
from core.health import run_checks
from monitoring.alerts import build_alerts
from monitoring.prometheus import registry
from monitoring.serializers import AlertsSerializer, HealthSerializer, SummarySerializer
from monitoring.summary import build_summary
from monitoring.token import (
    IsStaffOrMonitoringToken,
    MonitoringTokenAuthentication,
    has_monitoring_token,
)


class HealthView(APIView):
    """200 when every required component answers, 503 otherwise; no auth, no throttle."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes: list = []

    @extend_schema(
        responses={
            200: HealthSerializer,
            503: OpenApiResponse(HealthSerializer, description="A required component is down."),
        }
    )
    def get(self, request: Request) -> Response:
        report = run_checks()
        code = status.HTTP_503_SERVICE_UNAVAILABLE if report["status"] == "down" else 200
        return Response(report, status=code)


class SummaryView(APIView):
    permission_classes = [permissions.IsAdminUser]

    @extend_schema(responses=SummarySerializer)
    def get(self, request: Request) -> Response:
        try:
            return Response(build_summary())
        except Exception as exc:
            body = error_body("metrics_unavailable", f"Metrics store unreachable: {exc}")
            return Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE)


class AlertsView(APIView):
    """Staff, or the monitoring token (which needs no database: alerts answer in its outage)."""

    permission_classes = [IsStaffOrMonitoringToken]
    throttle_classes: list = []  # the tier limits live in the database, which may be the outage

    def get_authenticators(self) -> list:
        return [MonitoringTokenAuthentication(), *super().get_authenticators()]

    @extend_schema(responses=AlertsSerializer)
    def get(self, request: Request) -> Response:
        alerts = build_alerts()
        return Response({"count": len(alerts), "alerts": alerts})


def prometheus_metrics(request: HttpRequest) -> HttpResponse:
    """``GET /metrics`` behind ``Authorization: Bearer <MONITORING_METRICS_TOKEN>``; open with
    ``MONITORING_METRICS_PUBLIC`` or DEBUG."""
    public = settings.MONITORING_METRICS_PUBLIC or settings.DEBUG
    if not public and not has_monitoring_token(request):
        return HttpResponse(status=401)
    try:
        body = generate_latest(registry())
    except Exception:
        return HttpResponse(b"# metrics store unreachable\n", status=503)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
