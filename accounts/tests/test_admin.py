"""Staff change a user's tier in the admin, and the next refreshed token shows it."""

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import Tier
from accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_changes_tier_in_admin_and_refresh_shows_it(client, api_client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    athlete = UserFactory()
    pair = api_client.post(
        "/api/auth/token", {"email": athlete.email, "password": TEST_PASSWORD}
    ).data

    client.force_login(staff)
    page = client.get(f"/admin/accounts/user/{athlete.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "email": athlete.email,
            "tier": Tier.PREMIUM,
            "is_active": "on",
            "groups": [],
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": athlete.profile.pk,
            "profile-0-user": athlete.pk,
            "profile-0-unit_system": "imperial",
            "profile-0-sex": "unspecified",
            "profile-0-experience_level": "beginner",
            "profile-0-training_days_per_week": "3",
            "profile-0-session_length_min": "60",
            "profile-0-running_background": "none",
            "profile-0-weekly_running_km": "0",
            "profile-0-timezone": "UTC",
            "date_joined_0": athlete.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": athlete.date_joined.strftime("%H:%M:%S"),
        }
    )
    data.pop("password", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    response = client.post(f"/admin/accounts/user/{athlete.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    athlete.refresh_from_db()
    assert athlete.tier == Tier.PREMIUM

    refreshed = api_client.post("/api/auth/token/refresh", {"refresh": pair["refresh"]})
    assert AccessToken(refreshed.data["access"])["tier"] == "premium"


def test_every_model_is_registered_in_admin(client):
    from django.apps import apps
    from django.contrib import admin

    project_apps = {"accounts", "training"}
    for model in apps.get_models():
        if model._meta.app_label in project_apps:
            assert admin.site.is_registered(model), model
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    for url in ["/admin/accounts/user/", "/admin/training/exercise/", "/admin/training/injury/"]:
        assert client.get(url).status_code == 200
