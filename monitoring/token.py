"""The monitoring token: scrapers and pagers authenticate with it, without a database lookup."""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, permissions
from rest_framework.request import Request
from rest_framework.views import APIView

# ``request.auth`` of a request that presented the monitoring token.
MONITORING_TOKEN_AUTH = "monitoring-token"  # noqa: S105 - a marker, not a secret


def has_monitoring_token(request: HttpRequest | Request) -> bool:
    """Whether ``Authorization: Bearer <MONITORING_METRICS_TOKEN>`` is presented (token set)."""
    token = settings.MONITORING_METRICS_TOKEN
    presented = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(presented.encode(), f"Bearer {token}".encode())


class MonitoringTokenAuthentication(authentication.BaseAuthentication):
    """Accepts the monitoring token before the JWT check (which would refuse it as malformed)."""

    def authenticate(self, request: Request) -> tuple[Any, str] | None:
        if not has_monitoring_token(request):
            return None
        return AnonymousUser(), MONITORING_TOKEN_AUTH

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'  # so a missing token is a 401, as with the JWT check


class IsStaffOrMonitoringToken(permissions.BasePermission):
    """Staff users, or the monitoring token: alerts answer while the user table cannot be read."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.auth == MONITORING_TOKEN_AUTH:
            return True
        return bool(request.user and request.user.is_staff)


class MonitoringTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The monitoring token in the OpenAPI schema: a bearer token."""

    target_class = MonitoringTokenAuthentication
    name = "monitoringToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "MONITORING_METRICS_TOKEN"}
