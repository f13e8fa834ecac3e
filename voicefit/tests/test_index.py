"""``GET /api/`` lists the API's sections from the URL map, with the docs and schema links."""

import pytest


@pytest.mark.django_db
def test_index_lists_sections_and_docs(api_client):
    response = api_client.get("/api/")
    assert response.status_code == 200
    body = response.json()
    assert body["docs"] == "/api/docs/"
    assert body["schema"] == "/api/schema/"
    sections = body["sections"]
    assert "/api/auth/token" in sections["auth"]
    assert "/api/voice/log" in sections["voice"]
    assert "/api/coach/ask" in sections["coach"]
    assert "/api/workouts/{id}/" in sections["workouts"]
    assert "" not in sections


@pytest.mark.django_db
def test_every_indexed_path_is_in_the_schema(api_client, user):
    from conftest import client_for

    schema = client_for(user).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    documented = set(schema.json()["paths"])
    indexed = {
        path for paths in api_client.get("/api/").json()["sections"].values() for path in paths
    }
    # The schema and docs routes describe the API and are not operations of it.
    assert indexed - {"/api/schema/", "/api/docs/"} <= documented
