"""``GET /api/``: an index of the API's routes, read from the URL map so it cannot drift."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

_API_PREFIX = "api/"
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    """Every route of the URL map as a path template (``api/workouts/<pk>/``), in map order."""
    found: list[str] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found.extend(_routes(pattern.url_patterns, route))
        else:
            found.append(route)
    return found


def _display(route: str) -> str:
    """``api/workouts/^(?P<pk>[^/.]+)/$`` or ``api/programs/<int:pk>/`` -> ``/api/.../{id}/``."""
    path = route.replace("^", "").replace("$", "").replace("\\.", ".")
    path = _REGEX_GROUP.sub(r"{\1}", path)
    path = _CONVERTER.sub(r"{\1}", path)
    # The schema names a router's ``pk`` after the model's primary key, ``id``.
    return "/" + path.replace("{pk}", "{id}")


def api_sections() -> dict[str, list[str]]:
    """The API's paths grouped by their first segment (``auth``, ``workouts``, ``voice`` ...)."""
    sections: dict[str, list[str]] = defaultdict(list)
    for route in _routes(get_resolver().url_patterns):
        if not route.startswith(_API_PREFIX) or route == _API_PREFIX:
            continue
        path = _display(route)
        if "{format}" in path or path.endswith(".{format}"):
            continue  # DRF's format-suffix twins of the routes listed anyway
        section = path.removeprefix("/api/").split("/", 1)[0]
        if path not in sections[section]:
            sections[section].append(path)
    return dict(sections)


class ApiIndexView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        summary="Index of the API",
        responses=inline_serializer(
            "ApiIndex",
            {
                "name": serializers.CharField(),
                "version": serializers.CharField(),
                "docs": serializers.CharField(),
                "schema": serializers.CharField(),
                "sections": serializers.DictField(child=serializers.ListField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "name": settings.SPECTACULAR_SETTINGS["TITLE"],
                "version": settings.SPECTACULAR_SETTINGS["VERSION"],
                "docs": "/api/docs/",
                "schema": "/api/schema/",
                "sections": api_sections(),
            }
        )
