"""Staff edit the policy in admin: bad values are refused there, good ones reach every process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from accounts.tests.factories import UserFactory
from ratelimit.models import ExpensiveEndpoint, TierLimit
from ratelimit.policy import bump_version


@pytest.fixture
def staff_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(is_staff=True, is_superuser=True, tier="admin"))
    return client


@pytest.mark.django_db
def test_defaults_are_seeded():  # also after the transactional test below restored them
    limits = {row.tier: row for row in TierLimit.objects.all()}
    assert (limits["free"].hourly_limit, limits["free"].expensive_minute_limit) == (60, 10)
    assert (limits["premium"].hourly_limit, limits["premium"].expensive_minute_limit) == (300, 50)
    assert limits["admin"].hourly_limit is None
    patterns = set(ExpensiveEndpoint.objects.values_list("pattern", flat=True))
    assert {"/api/coach/ask", "/api/program/generate/*", "/api/onboarding/extract"} <= patterns
    assert "/api/voice/parse" not in patterns


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "-5", "abc"])
def test_admin_refuses_a_bad_limit(staff_client, value):
    row = TierLimit.objects.get(tier="free")
    response = staff_client.post(
        f"/admin/ratelimit/tierlimit/{row.pk}/change/",
        {"tier": "free", "hourly_limit": value, "minute_limit": "", "expensive_minute_limit": "10"},
    )
    assert response.status_code == 200
    assert "hourly_limit" in response.context["adminform"].form.errors
    row.refresh_from_db()
    assert row.hourly_limit == 60


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", ["api/coach/ask", "/api/with space", "/api/*/x"])
def test_admin_refuses_a_bad_pattern(staff_client, pattern):
    response = staff_client.post("/admin/ratelimit/expensiveendpoint/add/", {"pattern": pattern})
    assert response.status_code == 200
    assert "pattern" in response.context["adminform"].form.errors
    assert not ExpensiveEndpoint.objects.filter(pattern=pattern).exists()


PROBE = """
import sys, django
django.setup()
from django.db import connections
connections["default"].settings_dict["NAME"] = sys.argv[1]
from ratelimit.policy import policy_store
for line in sys.stdin:
    print(policy_store.get().tiers["free"].hourly, flush=True)
"""


def _commit_free_hourly_limit(value: int) -> None:
    """Change the row on a connection of its own, committed (as an admin save in another
    process would be), then bump the version as the on-commit signal does."""
    with psycopg.connect(**_conninfo(), autocommit=True) as conn:
        conn.execute(
            "UPDATE ratelimit_tierlimit SET hourly_limit = %s WHERE tier = 'free'", [value]
        )
    bump_version()


def _conninfo() -> dict[str, Any]:
    params = connection.get_connection_params()
    return {k: v for k, v in params.items() if k in {"dbname", "user", "host", "port", "password"}}


@pytest.mark.django_db
def test_a_committed_change_reaches_another_process_within_five_seconds():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "voicefit.settings",
        "REDIS_URL": settings.REDIS_URL,
        "REDIS_KEY_PREFIX": settings.REDIS_KEY_PREFIX,
    }
    probe = subprocess.Popen(
        [sys.executable, "-c", PROBE, connection.settings_dict["NAME"]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )

    def ask() -> str:
        probe.stdin.write("?\n")
        probe.stdin.flush()
        return probe.stdout.readline().strip()

    try:
        assert ask() == "60"
        _commit_free_hourly_limit(25)
        changed_at = time.monotonic()
        seen = ask()
        while seen != "25" and time.monotonic() - changed_at < 5:
            time.sleep(0.05)
            seen = ask()
        assert seen == "25"
    finally:
        _commit_free_hourly_limit(60)
        probe.stdin.close()
        probe.wait(timeout=10)
