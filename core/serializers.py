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
from contextlib import suppress
from datetime import date, datetime, time
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import Field, empty

from core.timezones import TIME_ZONE_FORMAT, time_zone_names

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


def json_value_error(field: Field, value: Any) -> str | None:
    """``json_type_error``, or a text longer than the field's ``max_length`` as sent: DRF counts
    it after trimming whitespace, the schema's ``maxLength`` (and a client) before."""
    error = json_type_error(field, value)
    limit = getattr(field, "max_length", None) if isinstance(field, serializers.CharField) else None
    if error is None and limit is not None and isinstance(value, str) and len(value) > limit:
        return str(field.error_messages["max_length"]).format(max_length=limit)
    return error


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
    """Refuses JSON values of the wrong type or too long before trimming, and blank query
    values, with a field error, before DRF coerces them."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            check = query_value_error if isinstance(data, QueryDict) else json_value_error
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


class RoundedDecimalField(serializers.DecimalField):
    """A decimal rounded half-even to the places it is stored with, not refused for more: a JSON
    number is a binary float, so 7.1 + 0.2 arrives as 7.300000000000001. Too many whole digits
    are still refused."""

    def validate_precision(self, value: Decimal) -> Decimal:
        if self.decimal_places is not None:
            # more digits than any quantum can hold: DRF's check below names the limit
            with suppress(InvalidOperation):
                value = value.quantize(Decimal(1).scaleb(-self.decimal_places), ROUND_HALF_EVEN)
        result: Decimal = super().validate_precision(value)
        return result


@extend_schema_field(
    {"type": "string", "format": TIME_ZONE_FORMAT, "maxLength": 64, "example": "Europe/Paris"}
)
class TimeZoneField(serializers.CharField):
    """An IANA time zone name the zone database knows."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value: str = super().to_internal_value(data)
        if value not in time_zone_names():
            raise serializers.ValidationError(
                f"{value!r} is not an IANA time zone name (e.g. Europe/Paris).",
                code="invalid_timezone",
            )
        return value


class Serializer(StrictJSONTypes, serializers.Serializer):
    """``serializers.Serializer`` with JSON types checked."""


class ModelSerializer(StrictJSONTypes, serializers.ModelSerializer):
    """``serializers.ModelSerializer`` with JSON types checked and decimals rounded to their
    stored places."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DecimalField: RoundedDecimalField,
    }
