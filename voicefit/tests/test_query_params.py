"""Query parameters the fuzzer once turned into 500s are field errors (400) in the error shape."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("param", ["q", "muscle", "equipment", "pattern"])
def test_a_nul_byte_in_an_exercise_filter_is_a_field_error(auth_client, param):
    response = auth_client.get("/api/exercises/", {param: "bench\x00press"})
    assert response.status_code == 400
    assert param in response.json()["error"]["fields"]


@pytest.mark.parametrize("value", ["²", "١٢", "", "1.5"])
def test_a_non_ascii_or_malformed_exercise_id_is_a_field_error(auth_client, value):
    response = auth_client.get("/api/personal-records/", {"exercise": value})
    assert response.status_code == 400
    assert "exercise" in response.json()["error"]["fields"]


@pytest.mark.parametrize("path", ["/api/analytics/fatigue", "/api/workout/insights"])
def test_a_blank_date_is_a_field_error_not_today(auth_client, path):
    response = auth_client.get(path, {"as_of": ""})
    assert response.status_code == 400
    assert "as_of" in response.json()["error"]["fields"]


def test_a_sync_flag_that_is_no_boolean_is_a_field_error(auth_client):
    response = auth_client.post("/api/program/generate/strength?sync=null", {}, format="json")
    assert response.status_code == 400
    assert "sync" in response.json()["error"]["fields"]
