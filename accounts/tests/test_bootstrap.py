"""The operator's staff user is created, or brought back to staff + admin tier, idempotently."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Tier, User
from accounts.services import staff_user_ensure
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_user_is_created_then_updated():
    user, created = staff_user_ensure(email="Ops@Example.com", password="first-pass-123")
    assert created
    assert (user.email, user.tier, user.is_staff, user.is_superuser) == (
        "ops@example.com",
        Tier.ADMIN,
        True,
        True,
    )
    again, created = staff_user_ensure(email="ops@example.com", password="second-pass-456")
    assert not created
    assert again.pk == user.pk
    assert again.check_password("second-pass-456")


def test_existing_user_is_promoted():
    athlete = UserFactory(email="coach@example.com")
    staff_user_ensure(email="coach@example.com", password="pw-for-coach-789")
    athlete.refresh_from_db()
    assert (athlete.tier, athlete.is_staff) == (Tier.ADMIN, True)


def test_bootstrap_uses_the_configured_admin(settings, tmp_path):
    settings.VOICEFIT_ADMIN_EMAIL = "boss@example.com"
    settings.VOICEFIT_ADMIN_PASSWORD = "boss-pass-4242"
    settings.STATIC_ROOT = tmp_path / "static"
    out = io.StringIO()
    call_command("bootstrap", skip_knowledge=True, stdout=out)
    assert "boss@example.com" in out.getvalue()
    boss = User.objects.get(email="boss@example.com")
    assert boss.tier == Tier.ADMIN
    assert boss.check_password("boss-pass-4242")
