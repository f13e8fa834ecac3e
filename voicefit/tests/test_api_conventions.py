"""The error shape everywhere, and the offline schema and docs."""

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_api_url_is_404_in_error_shape(auth_client):
    response = auth_client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_method_not_allowed_is_405_in_error_shape(auth_client):
    response = auth_client.post("/api/exercises/", {})
    assert response.status_code == 405
    assert response.data["error"]["code"] == "method_not_allowed"


def test_unsupported_media_type_is_415(auth_client):
    response = auth_client.generic("POST", "/api/runs/", "a=b", content_type="text/plain")
    assert response.status_code == 415
    assert response.data["error"]["code"] == "unsupported_media_type"


def test_schema_documents_the_endpoints(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/auth/register", "/api/auth/token", "/api/me", "/api/workouts/"]:
        assert path in paths
    create = paths["/api/workouts/"]["post"]
    assert "201" in create["responses"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"]


def test_swagger_ui_is_served_without_a_cdn(api_client):
    response = api_client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html
    assert "/static/drf_spectacular_sidecar/" in html
