"""Login guessing: django-axes counts failed sign-ins per IP and per account and locks both out.

The admin's form and ``POST /api/auth/token`` both go through ``authenticate`` with the request,
so axes sees every attempt; the lockout is answered in the API's error shape with Retry-After.
Staff clear a lockout in the admin (Axes > Access attempts: delete the rows).

With ``LOGIN_FAILURE_LIMIT`` (11) the first ten failures are answered as such, and the eleventh
attempt and every one after it are refused before any password is checked, the right one too
(``LoginLockHandler``), until the cool-off ends.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.http import HttpRequest, JsonResponse
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt.views import TokenObtainPairView

from core.errors import error_body
from ratelimit.clients import client_ip

LOCKED_OUT_CODE = "login_locked_out"


def login_client_ip(request: HttpRequest) -> str | None:
    """The address axes counts: the limiter's, which believes X-Forwarded-For only from a
    trusted proxy (an IPv6 client as its /64's first address: axes stores a plain address)."""
    address = client_ip(request.META).removesuffix("/64")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:  # "unknown" (no REMOTE_ADDR, as with force_login) or "invalid"
        return None


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account tried: ``email`` from the token endpoint, ``username`` from the admin form."""
    credentials = credentials or {}
    name = credentials.get("email") or credentials.get("username")
    if name is None:
        name = request.POST.get("username") or request.POST.get("email")
    return str(name).strip().lower() if name else None


class LoginLockHandler(AxesDatabaseHandler):
    """axes' database handler, locked from the limit-th attempt on, whatever its password.

    Stock axes refuses an attempt unchecked only once ``limit`` failures are recorded, so the
    limit-th attempt still has its password checked, and with the right one it signs in. Here an
    attempt is refused once ``limit - 1`` failures precede it; axes records the refused attempt as
    one more failure, which reaches the limit and is answered with the lockout.
    """

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        limit = get_failure_limit(request, credentials)
        return bool(self.get_failures(request, credentials) >= limit - 1)


def _retry_after_seconds(request: HttpRequest) -> int:
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds())) if cool_off else 1


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> JsonResponse:
    """429 ``login_locked_out`` with Retry-After (the cool-off), for the admin and the API."""
    retry_after = _retry_after_seconds(request)
    response = JsonResponse(
        error_body(
            LOCKED_OUT_CODE,
            "Too many failed sign-ins; try again later.",
            {"retry_after": retry_after},
        ),
        status=status.HTTP_429_TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(retry_after)
    return response


class LockedOutTokenObtainPairView(TokenObtainPairView):
    """simplejwt's token view; a locked-out IP or account gets the lockout, not a plain 401.

    axes marks the request it was handed (DRF's wrapper), which the axes middleware never sees.
    """

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().post(request, *args, **kwargs)
        finally:
            if getattr(request, "axes_locked_out", False):
                request._request.axes_locked_out = True  # the middleware answers the lockout
