"""The JSON request parser: DRF's, with a nesting limit (a deep body is a 400, not a crash)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def nesting_depth(value: Any) -> int:
    """How many arrays/objects deep ``value`` goes (a scalar is 0), computed without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        else:
            deepest = max(deepest, depth)
            continue
        deepest = max(deepest, depth + 1)
    return deepest


class JSONParser(parsers.JSONParser):
    """Refuses bodies nested deeper than ``settings.JSON_MAX_DEPTH`` with a ``parse_error``."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(self._too_deep()) from None
        if nesting_depth(data) > settings.JSON_MAX_DEPTH:
            raise ParseError(self._too_deep())
        return data

    @staticmethod
    def _too_deep() -> str:
        return f"JSON nested deeper than {settings.JSON_MAX_DEPTH} levels."
