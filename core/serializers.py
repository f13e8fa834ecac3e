"""Serializer bases that take JSON bodies at the types the schema states: no "12" for a number.

DRF coerces on input: ``"12"`` becomes 12 for an IntegerField, ``12`` becomes ``"12"`` for a
CharField, ``"true"`` a boolean. For a form or a query string that is right (everything arrives as
text); for a JSON body it accepts what the OpenAPI schema calls invalid, so clients written from
the schema and the API disagree. These bases check each value's JSON type before DRF coerces it,
and only for JSON objects (query parameters still coerce from text, but none may be blank
unless the field allows it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from django.http import QueryDict
from rest_framework import serializers
from rest_framework.fields import Field, empty

# Most specific first: BooleanField is no IntegerField in DRF, but ChoiceField takes any scalar.
_JSON_TYPES: tuple[tuple[type[Field], tuple[type, ...], str], ...] = (
    (serializers.BooleanField, (bool,), "a boolean"),
    (serializers.ChoiceField, (str, int), "one of the choices"),
    (serializers.IntegerField, (int,), "an integer"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.DecimalField, (int, float), "a number"),
    (serializers.DateTimeField, (str, datetime), "a date-time string"),
    (serializers.DateField, (str, date), "a date string"),
    (serializers.TimeField, (str, time), "a time string"),
    (serializers.DurationField, (str,), "a duration string"),
    (serializers.CharField, (str,), "a string"),
    (serializers.ListField, (list, tuple), "a list"),
    (serializers.ListSerializer, (list, tuple), "a list"),
    (serializers.DictField, (Mapping,), "an object"),
    (serializers.BaseSerializer, (Mapping,), "an object"),
)


def json_type_error(field: Field, value: Any) -> str | None:
    """Why ``value`` is not of ``field``'s JSON type, or None when it is (or null is asked)."""
    if value is None or value is empty:
        return None
    for field_class, accepted, described in _JSON_TYPES:
        if isinstance(field, field_class):
            wrong = not isinstance(value, accepted)
            # bool is an int in Python, never in JSON
            if isinstance(value, bool) and bool not in accepted:
                wrong = True
            return f"Must be {described}." if wrong else None
    return None


_NUMBERS = (serializers.IntegerField, serializers.FloatField, serializers.DecimalField)


def query_value_error(field: Field, value: Any) -> str | None:
    """Why a query value is refused before DRF reads it: ``?as_of=`` is no date (DRF takes an
    empty optional value for an absent one), and ``?exercise=١٢`` no id (Python's ``int()``
    reads any script's digits; clients and the schema mean ASCII)."""
    if value == "" and not getattr(field, "allow_blank", False):
        return "May not be blank."
    if isinstance(field, _NUMBERS) and isinstance(value, str) and not value.isascii():
        return "Must be a number in ASCII digits."
    return None


class StrictJSONTypes:
    """Refuses JSON values of the wrong type and blank query values with a field error, before
    DRF coerces them."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            check = query_value_error if isinstance(data, QueryDict) else json_type_error
            errors = {
                name: [message]
                for name, field in self.fields.items()  # type: ignore[attr-defined]
                if not field.read_only and name in data
                for message in [check(field, data[name])]
                if message
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)  # type: ignore[misc]


class Serializer(StrictJSONTypes, serializers.Serializer):
    """``serializers.Serializer`` with JSON types checked."""


class ModelSerializer(StrictJSONTypes, serializers.ModelSerializer):
    """``serializers.ModelSerializer`` with JSON types checked."""
