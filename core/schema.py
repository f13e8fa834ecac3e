"""The OpenAPI schema class: every operation also documents the errors it can answer with.

DRF views raise the same few errors everywhere (a bad field, no token, someone else's object, a
body too large, a limit reached, a service down), all in the one error shape of ``core.errors``.
``AutoSchema`` adds them to each operation, so clients and the fuzz test know every status an
operation can return; an ``extend_schema(responses=...)`` on a view still wins for its codes.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

_BODY_METHODS = {"POST", "PUT", "PATCH"}

# Every text field refuses the NUL character (DRF's ProhibitNullCharactersValidator; PostgreSQL
# cannot store it): said in the schema as a pattern on each string a request sends. One character
# at least: where blank is allowed, drf-spectacular adds the empty string as the other branch of a
# oneOf, which "" must match alone.
NO_NUL_PATTERN = "^[^\\u0000]+$"
# A field that trims whitespace and refuses blank text needs one character that is neither
# whitespace nor NUL: "   " is blank once trimmed. The whitespace is every character
# ``str.strip`` removes, spelled out: ``\s`` means another set in ECMA-262 (the dialect of
# OpenAPI's patterns: no U+001C-U+001F or U+0085, but U+FEFF) than in Python.
STRIPPED_CHARS = (
    "\\u0009-\\u000d\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028-\\u2029"
    "\\u202f\\u205f\\u3000"
)
NON_BLANK_PATTERN = f"^[^\\u0000]*[^\\u0000{STRIPPED_CHARS}][^\\u0000]*$"

ErrorDetail = inline_serializer(
    "ErrorDetail",
    {
        "code": serializers.CharField(help_text="snake_case, e.g. `validation_error`"),
        "message": serializers.CharField(),
        "fields": serializers.DictField(
            child=serializers.JSONField(),
            help_text="Per-field messages on a 400; `retry_after` on a 429.",
        ),
    },
)
ErrorResponse = inline_serializer("ErrorResponse", {"error": ErrorDetail})

_RATE_HEADERS = {
    name: {"schema": {"type": "string"}, "description": description}
    for name, description in {
        "Retry-After": "Seconds until the request would be allowed.",
        "X-RateLimit-Limit": "The limit of the window that refused the request.",
        "X-RateLimit-Remaining": "Requests left in that window (0).",
        "X-RateLimit-Reset": "Seconds until that window frees a request.",
        "X-RateLimit-Tier": "The caller's tier (free, premium, admin, anonymous).",
        "RateLimit-Policy": "The windows that apply (IETF draft field).",
        "RateLimit": "The state of the tightest window (IETF draft field).",
    }.items()
}

ERRORS: dict[str, str] = {
    "400": "Invalid input: `fields` names each bad field.",
    "401": "No valid access token.",
    "403": "Not allowed for this account.",
    "404": "No such resource (or not yours).",
    "405": "Method not allowed.",
    "409": "Conflicts with the resource's current state.",
    "413": "Request body too large.",
    "415": "Unsupported media type.",
    "422": "Well-formed, but breaks a domain rule.",
    "429": "Rate limit reached; see the headers.",
    "503": "A service this operation needs is unavailable; retry later.",
}


def lib_doc_excludes() -> list[type]:
    """Where a component's description stops looking up the classes it inherits from: DRF's own
    classes and this project's serializer bases, whose docstrings describe no one endpoint."""
    from drf_spectacular.plumbing import get_lib_doc_excludes

    from core.serializers import ModelSerializer, Serializer, StrictJSONTypes

    return [*get_lib_doc_excludes(), Serializer, ModelSerializer, StrictJSONTypes]


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema with the error responses of every operation."""

    def _error_codes(self) -> list[str]:
        # 401 and 403 apply to public operations too: a malformed or expired token is refused
        # before the view's permissions are asked.
        codes = ["400", "401", "403", "404", "405", "429", "503"]
        if self.method in _BODY_METHODS:
            codes += ["409", "413", "415", "422"]
        return sorted(codes)

    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        plain_text = not {"format", "enum", "pattern"} & schema.keys()
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and schema.get("type") == "string"
            and plain_text
        ):
            refuses_blank = field.trim_whitespace and not field.allow_blank
            schema["pattern"] = NON_BLANK_PATTERN if refuses_blank else NO_NUL_PATTERN
        return schema

    def _get_serializer_name(
        self, serializer: Any, direction: Any, bypass_extensions: bool = False
    ) -> str:
        # "VoiceLogRequestSerializer" as a request component would be "VoiceLogRequestRequest"
        name: str = super()._get_serializer_name(serializer, direction, bypass_extensions)
        doubled = "RequestRequest"
        return name[: -len("Request")] if name.endswith(doubled) else name

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                response = OpenApiResponse(ErrorResponse, description=ERRORS[code])
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        if "429" in responses:
            responses["429"].setdefault("headers", _RATE_HEADERS)
        return responses
