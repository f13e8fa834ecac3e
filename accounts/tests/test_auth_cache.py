"""The bearer token's user row kept in Redis: every write retires it before the next request."""

from __future__ import annotations

import socket
from typing import cast

import pytest
from django.conf import settings as django_settings

from accounts.auth_cache import AuthUserCache, auth_user_get, auth_users
from accounts.models import User
from accounts.services import user_tokens_revoke
from accounts.tests.factories import TEST_PASSWORD
from conftest import client_for
from core import metrics
from core.redis import get_redis, redis_key
from ratelimit.resilience import limiter

pytestmark = pytest.mark.django_db

ME = "/api/me"


@pytest.fixture(autouse=True)
def closed_breaker():  # type: ignore[no-untyped-def]
    auth_users.breaker.reset()
    auth_users.clear_pending()
    yield
    auth_users.breaker.reset()
    auth_users.clear_pending()
    limiter.reset()  # per process: a test with Redis unreachable leaves them closed and empty
    metrics.recorder.reset()


def _stored_row(user: User) -> bytes | None:
    return cast(bytes | None, get_redis().hget(redis_key("auth", "user", user.pk), "r"))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_row_is_read_from_redis_between_writes_without_the_password(
    user, django_assert_num_queries
):
    with django_assert_num_queries(1):
        first = auth_user_get(user.pk)
    with django_assert_num_queries(0):
        again = auth_user_get(user.pk)
    assert first is not None
    assert again is not None
    assert (again.pk, again.email, again.tier, again.token_version, again.is_active) == (
        user.pk,
        user.email,
        user.tier,
        user.token_version,
        True,
    )
    assert again.date_joined == user.date_joined  # microseconds kept
    stored = _stored_row(user)
    assert stored is not None
    assert user.password.encode() not in stored
    assert b"password" not in stored
    assert again.check_password(TEST_PASSWORD)  # the hash is loaded from the database on use


def test_a_revoked_token_is_refused_on_the_very_next_request(user):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    assert _stored_row(user) is not None  # the next request would be answered from Redis

    user_tokens_revoke(user=user)

    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_revoked"


def test_a_password_change_refuses_the_old_token_at_once_and_accepts_the_new_one(user):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    changed = client.post(
        "/api/auth/password/change",
        {"old_password": TEST_PASSWORD, "new_password": "a-brand-new-passphrase-42"},
    )
    assert changed.status_code == 200, changed.json()
    assert client.get(ME).status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {changed.json()['tokens']['access']}")
    assert client.get(ME).status_code == 200


def test_a_deactivated_user_is_refused_on_the_very_next_request(user):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    assert client.get(ME).status_code == 200  # answered from the stored row

    user.is_active = False
    user.save()

    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_inactive"


def test_a_deleted_user_is_refused_on_the_very_next_request(user):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    User.objects.filter(pk=user.pk).delete()
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_not_found"


def test_a_tier_change_is_seen_on_the_next_request(user):
    client = client_for(user)
    assert client.get(ME).json()["tier"] == "free"
    user.tier = "premium"
    user.save()
    assert auth_user_get(user.pk).tier == "premium"  # type: ignore[union-attr]


class WriteDuringTheQuery(AuthUserCache):
    """A miss whose database read is overtaken by a committed write before it stores the row."""

    def _from_db(self, user_id: int) -> User | None:  # type: ignore[override]
        before = super()._from_db(user_id)
        User.objects.filter(pk=user_id).update(is_active=False)
        self.retire(user_id)
        return before


def test_a_write_during_a_miss_is_never_covered_up_by_the_older_row(user):
    overtaken = WriteDuringTheQuery().get(user.pk)
    assert overtaken is not None
    assert overtaken.is_active
    assert _stored_row(user) is None  # the generation moved: the older row was not stored
    after = AuthUserCache().get(user.pk)
    assert after is not None
    assert not after.is_active


def test_redis_unreachable_reads_the_database_and_a_missed_retirement_is_sent_first(user, settings):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    assert _stored_row(user) is not None
    live = django_settings.REDIS_URL

    settings.REDIS_URL = f"redis://127.0.0.1:{_closed_port()}"
    user.is_active = False
    user.save()  # its retirement cannot reach Redis
    response = client.get(ME)
    assert response.status_code == 401  # the database answered: never the old row
    assert response.json()["error"]["code"] == "user_inactive"

    settings.REDIS_URL = live  # Redis is back, still holding the row from before the write
    auth_users.breaker.reset()
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_inactive"
    assert _stored_row(user) is not None  # stored again, as it is now
    assert not AuthUserCache().get(user.pk).is_active  # type: ignore[union-attr]


def test_a_lifetime_of_zero_reads_the_database_every_time(
    user, settings, django_assert_num_queries
):
    settings.AUTH_USER_CACHE_SECONDS = 0
    auth_user_get(user.pk)
    with django_assert_num_queries(1):
        assert auth_user_get(user.pk) is not None
