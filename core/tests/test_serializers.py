"""JSON bodies are taken at the schema's types; query strings still coerce."""

from decimal import Decimal

import pytest
from django.http import QueryDict
from rest_framework import serializers

from core.serializers import RoundedDecimalField, Serializer, TimeZoneField


class _Child(Serializer):
    reps = serializers.IntegerField()


class _Body(Serializer):
    name = serializers.CharField(required=False)
    reps = serializers.IntegerField(required=False)
    weight = serializers.FloatField(required=False, allow_null=True)
    done = serializers.BooleanField(required=False)
    side = serializers.ChoiceField(choices=["left", "right"], required=False)
    at = serializers.DateTimeField(required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    sets = _Child(many=True, required=False)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": 12}, "name"),
        ({"reps": "12"}, "reps"),
        ({"reps": 12.5}, "reps"),
        ({"reps": True}, "reps"),
        ({"weight": "80"}, "weight"),
        ({"weight": False}, "weight"),
        ({"done": "true"}, "done"),
        ({"done": 1}, "done"),
        ({"at": 20260101}, "at"),
        ({"tags": "a,b"}, "tags"),
        ({"sets": {"reps": 1}}, "sets"),
    ],
)
def test_wrong_json_types_are_field_errors(body, field):
    serializer = _Body(data=body)
    assert not serializer.is_valid()
    assert list(serializer.errors) == [field]


class _Note(Serializer):
    note = serializers.CharField(max_length=5)


def test_a_text_is_as_long_as_it_was_sent():
    # DRF counts max_length after trimming; the schema's maxLength counts what was sent
    serializer = _Note(data={"note": "abc" + " " * 10})
    assert not serializer.is_valid()
    assert serializer.errors["note"] == ["Ensure this field has no more than 5 characters."]
    kept = _Note(data={"note": " abc "})
    assert kept.is_valid(), kept.errors
    assert kept.validated_data["note"] == "abc"


def test_nested_objects_are_checked_too():
    serializer = _Body(data={"sets": [{"reps": "5"}]})
    assert not serializer.is_valid()
    assert serializer.errors["sets"][0]["reps"] == ["Must be an integer."]


def test_right_types_and_nulls_pass():
    body = {
        "name": "bench",
        "reps": 5,
        "weight": 80,
        "done": True,
        "side": "left",
        "at": "2026-01-01T10:00:00Z",
        "tags": ["a"],
        "sets": [{"reps": 3}],
    }
    serializer = _Body(data={**body, "weight": None})
    assert serializer.is_valid(), serializer.errors
    assert _Body(data=body).is_valid()


def test_query_strings_still_coerce():
    serializer = _Body(data=QueryDict("reps=12&done=true&weight=80.5"))
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"reps": 12, "done": True, "weight": 80.5}


class _Measured(Serializer):
    sleep_hours = RoundedDecimalField(max_digits=3, decimal_places=1, required=False)
    timezone = TimeZoneField(required=False)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        (7.300000000000001, Decimal("7.3")),  # 7.1 + 0.2 as a JSON float
        (7.25, Decimal("7.2")),  # half-even
        (7.35, Decimal("7.4")),
        (8, Decimal("8.0")),
        (1e-300, Decimal("0.0")),
    ],
)
def test_decimals_are_rounded_to_their_stored_places(sent, stored):
    serializer = _Measured(data={"sleep_hours": sent})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["sleep_hours"] == stored


@pytest.mark.parametrize("sent", [100.0, 99.96, 1e300])
def test_decimals_with_too_many_whole_digits_are_field_errors(sent):
    serializer = _Measured(data={"sleep_hours": sent})
    assert not serializer.is_valid()
    assert list(serializer.errors) == ["sleep_hours"]


def test_time_zones_are_iana_names():
    assert _Measured(data={"timezone": "Europe/Paris"}).is_valid()
    refused = _Measured(data={"timezone": "Mars/Olympus_Mons"})
    assert not refused.is_valid()
    assert refused.errors["timezone"][0].code == "invalid_timezone"
