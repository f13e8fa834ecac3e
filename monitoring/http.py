"""HTTP metrics and request ids: one middleware, outermost, around every request.

Requests are counted by route template, method and status class and their latency observed per
route in ``core.metrics``, the Redis-backed store the other series use: every gunicorn worker
adds to the same totals, so ``/metrics`` is multi-process safe without prometheus-client's
multiprocess directory (and the dashboard and alerts read the same numbers).

Each response carries ``X-Request-ID``: the request's own when a trusted proxy
(``TRUSTED_PROXIES``) sent one, otherwise a new one; log lines carry it too (``RequestIdFilter``).
"""

from __future__ import annotations

import contextvars
import ipaddress
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from core import metrics

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is taken as is only if it looks like one (no header injection, bounded length).
_REQUEST_ID_SHAPE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Requests no route matched are counted under this one label (never the raw path: no ids).
UNMATCHED_ROUTE = "<unmatched>"

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def _from_trusted_proxy(remote_addr: str) -> bool:
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES
    )


def request_id_for(request: HttpRequest) -> str:
    """The proxy's ``X-Request-ID`` when a trusted proxy sent a well-formed one, else a new id."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    if (
        given
        and _REQUEST_ID_SHAPE.match(given)
        and _from_trusted_proxy(request.META.get("REMOTE_ADDR", ""))
    ):
        return given
    return uuid.uuid4().hex


# A router's regex group, e.g. "(?P<pk>[^/.]+)", shown as its name: "<pk>".
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def route_of(request: HttpRequest) -> str:
    """The matched URL pattern as a template (``/api/workouts/<pk>/``), or ``<unmatched>``."""
    match = getattr(request, "resolver_match", None)
    route = getattr(match, "route", None) if match is not None else None
    if not route:
        return UNMATCHED_ROUTE
    return "/" + _NAMED_GROUP.sub(r"<\1>", route).replace("^", "").replace("$", "")


def status_class(code: int) -> str:
    return f"{code // 100}xx"


class HttpMetricsMiddleware:
    """Counts and times every request and stamps it with its request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed_ms = (time.perf_counter() - started) * 1000
            route = route_of(request)
            metrics.incr(
                "http_requests",
                route=route,
                method=request.method or "",
                status=status_class(response.status_code),
            )
            metrics.observe("http_request_ms", elapsed_ms, route=route)
            response[REQUEST_ID_HEADER] = request_id
            return response
        finally:
            request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (``-`` outside a request) to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs a 4xx/5xx after the middleware returned, with the request attached.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True
