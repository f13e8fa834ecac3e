"""Deeply nested JSON bodies are refused with a 400 in the error shape, never a RecursionError."""

import pytest

from conftest import client_for
from core.parsers import nesting_depth


@pytest.mark.parametrize(
    ("value", "depth"),
    [(1, 0), ([], 1), ({"a": [1, {"b": 2}]}, 3), ([[[[]]]], 4), ({"a": 1, "b": [[2]]}, 3)],
)
def test_nesting_depth(value, depth):
    assert nesting_depth(value) == depth


@pytest.mark.django_db
@pytest.mark.parametrize("levels", [33, 950, 5000])
def test_deep_bodies_are_a_400(user, levels):
    body = "[" * levels + "]" * levels
    response = client_for(user).post("/api/workouts/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert "nested deeper than 32" in response.json()["error"]["message"]


@pytest.mark.django_db
def test_bodies_within_the_limit_still_parse(user):
    response = client_for(user).post(
        "/api/workouts/",
        data={"started_at": "2026-01-05T10:00:00Z", "sets": []},
        format="json",
    )
    assert response.status_code == 201
