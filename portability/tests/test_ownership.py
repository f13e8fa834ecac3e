"""Another athlete can never read, confirm, list or download someone's import or export."""

import pytest

from portability import services
from portability.models import ExportJob, ImportJob
from portability.tests.conftest import STRONG, fixture_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def their_import(catalog, user, auth_client):
    job_id = upload(auth_client, [(STRONG, fixture_bytes(STRONG))], "strong", unit="lb").json()[
        "id"
    ]
    return services.import_job_read(job=ImportJob.objects.get(pk=job_id))


@pytest.fixture
def their_export(user):
    return services.export_job_build(job=services.export_job_create(user=user), ttl_hours=24)


def _not_found(response):
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_owner_sees_their_import_and_export(their_import, their_export, auth_client):
    assert auth_client.get(f"/api/imports/{their_import.pk}").status_code == 200
    assert [row["id"] for row in auth_client.get("/api/imports/").json()["results"]] == [
        their_import.pk
    ]
    assert auth_client.get(f"/api/me/export/{their_export.pk}").status_code == 200
    assert auth_client.get(f"/api/me/export/{their_export.pk}/download").status_code == 200


def test_another_user_cannot_read_or_list_an_import(their_import, other_client):
    _not_found(other_client.get(f"/api/imports/{their_import.pk}"))
    assert other_client.get("/api/imports/").json()["count"] == 0


def test_another_user_cannot_confirm_an_import(their_import, other_client):
    _not_found(other_client.post(f"/api/imports/{their_import.pk}/confirm", {}))
    their_import.refresh_from_db()
    assert their_import.status == "needs_confirmation"


def test_another_user_cannot_change_or_delete_an_import(their_import, other_client):
    for method in ("put", "patch", "delete"):
        response = getattr(other_client, method)(f"/api/imports/{their_import.pk}", {})
        assert response.status_code in {404, 405}
    assert ImportJob.objects.filter(pk=their_import.pk).exists()


def test_another_user_cannot_read_or_download_an_export(their_export, other_client):
    _not_found(other_client.get(f"/api/me/export/{their_export.pk}"))
    _not_found(other_client.get(f"/api/me/export/{their_export.pk}/download"))
    for method in ("put", "patch", "delete"):
        response = getattr(other_client, method)(f"/api/me/export/{their_export.pk}", {})
        assert response.status_code in {404, 405}
    assert ExportJob.objects.get(pk=their_export.pk).status == "done"


def test_anonymous_gets_401_everywhere(their_import, their_export, api_client):
    for path in (
        "/api/imports/",
        f"/api/imports/{their_import.pk}",
        f"/api/me/export/{their_export.pk}",
        f"/api/me/export/{their_export.pk}/download",
    ):
        response = api_client.get(path)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
    assert api_client.post(f"/api/imports/{their_import.pk}/confirm", {}).status_code == 401
    assert api_client.post("/api/me/export").status_code == 401
