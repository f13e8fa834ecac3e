"""One error shape for the whole API: ``{"error": {"code", "message", "fields"}}``."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.dbavailability import drop_broken_connections, is_database_unavailable


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body is too large."
    default_code = "payload_too_large"


class DatabaseUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database cannot be reached; try again shortly."
    default_code = "database_unavailable"


_DEFAULT_MESSAGES = {
    "validation_error": "The request has invalid fields.",
}


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON body every 4xx/5xx of the API carries."""
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _first_message(detail: Any) -> str:
    if isinstance(detail, list | tuple) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict) and detail:
        return _first_message(next(iter(detail.values())))
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped. Unexpected exceptions still propagate (logged as 500s)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, DjangoValidationError):  # a model rule a service function enforces
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif is_database_unavailable(exc):
        return database_unavailable_response()
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response

    if isinstance(exc, exceptions.ValidationError):
        code = "validation_error"
        detail = exc.detail
        if isinstance(detail, dict):
            non_field = detail.get("non_field_errors")
            fields = {k: v for k, v in detail.items() if k != "non_field_errors"}
            message = _first_message(non_field) if non_field else _DEFAULT_MESSAGES[code]
        else:
            fields, message = {}, _first_message(detail)
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        fields, message = {}, _first_message(exc.detail)
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            fields = {"retry_after": int(exc.wait) if exc.wait >= 1 else 1}
    response.data = error_body(str(code), message, fields)
    return response


def json_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(
        error_body("not_found", "No such resource."), status=status.HTTP_404_NOT_FOUND
    )


def database_unavailable_response() -> JsonResponse:
    """503 ``database_unavailable`` with ``Retry-After``; broken connections are dropped."""
    drop_broken_connections()
    retry_after = settings.DATABASE_RETRY_AFTER_S
    response = JsonResponse(
        error_body(
            DatabaseUnavailable.default_code,
            str(DatabaseUnavailable.default_detail),
            {"retry_after": retry_after},
        ),
        status=DatabaseUnavailable.status_code,
    )
    response["Retry-After"] = str(retry_after)
    return response


def json_server_error(request: HttpRequest) -> JsonResponse:
    """Django's handler500 (non-DRF views, middleware): runs inside the ``except`` of the error."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response()
    return JsonResponse(
        error_body("server_error", "An unexpected error occurred."),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
