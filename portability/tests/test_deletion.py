"""DELETE /api/me: every row, file, cache key and rate-limit key of the athlete goes at once."""

import pytest
from django.core.files.storage import default_storage

from coach.cache import AIRequest, ai_cache_set, context_invalidate
from coach.context import build_context
from conftest import client_for
from portability import services
from portability.deletion import user_redis_keys
from portability.models import ImportJob
from portability.ownership import children, owned_models
from portability.tests.conftest import fixture_bytes, upload
from portability.tests.test_exports import _history

pytestmark = pytest.mark.django_db


def _remaining_rows(user_id, parent_ids):
    """(model, count) for every owned model and every child model that still has rows."""
    left = []
    for model in owned_models():
        count = model._default_manager.filter(user_id=user_id).count()
        if count:
            left.append((model._meta.label, count))
        for child in children(model):
            ids = parent_ids.get(model, [])
            count = child.model._default_manager.filter(**{f"{child.field}_id__in": ids}).count()
            if count:
                left.append((child.model._meta.label, count))
    return left


def test_deleting_the_account_leaves_no_row_file_or_key(
    catalog, user, django_capture_on_commit_callbacks
):
    _history(user)
    client = client_for(user)
    assert client.get("/api/me").status_code == 200  # leaves rate-limit windows behind
    gpx = upload(client, [("run_5k.gpx", fixture_bytes("run_5k.gpx"))], "gpx").json()
    services.import_job_read(job=ImportJob.objects.get(pk=gpx["id"]))  # progress key
    queued = upload(client, [("run_5k.fit", fixture_bytes("run_5k.fit"))], "fit").json()
    import_file = ImportJob.objects.get(pk=queued["id"]).file.name
    export_file = services.export_job_build(
        job=services.export_job_create(user=user), ttl_hours=24
    ).file.name
    context_invalidate(user.pk)
    build_context(user)
    ai_cache_set(
        AIRequest("q", "m", "offline", "v1", user_id=user.pk), {"answer": "a"}, complete=True
    )

    keys_before = user_redis_keys(user.pk)
    assert len(keys_before) >= 5, keys_before
    assert any(b"rl:{u:" in key for key in keys_before)
    assert any(b"user_context:" in key for key in keys_before)
    assert any(b"ai:user:" in key for key in keys_before)
    assert any(b"gen:user:" in key for key in keys_before)
    assert any(b"import_progress:" in key for key in keys_before)
    assert default_storage.exists(import_file)
    assert default_storage.exists(export_file)
    parent_ids = {
        model: list(model._default_manager.filter(user_id=user.pk).values_list("pk", flat=True))
        for model in owned_models()
    }
    assert _remaining_rows(user.pk, parent_ids)  # the check below can fail

    wrong = client.delete("/api/me", {"password": "not-it"})
    assert wrong.status_code == 400
    assert "password" in wrong.json()["error"]["fields"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete("/api/me", {"password": "correct-horse-battery-9"})
    assert response.status_code == 204
    assert _remaining_rows(user.pk, parent_ids) == []
    assert user_redis_keys(user.pk) == []
    assert not default_storage.exists(import_file)
    assert not default_storage.exists(export_file)

    old_token = client.get("/api/me")
    assert old_token.status_code == 401
    assert old_token.json()["error"]["code"] in {"user_not_found", "authentication_failed"}


def test_deleting_needs_a_signed_in_user(api_client):
    assert api_client.delete("/api/me", {"password": "x"}).status_code == 401
