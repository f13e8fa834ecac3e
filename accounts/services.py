"""Writes on accounts: registration, profile updates and the staff bootstrap user."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from accounts.auth_cache import auth_user_retire
from accounts.models import Profile, Tier, User


@transaction.atomic
def user_register(
    *, email: str, password: str | None, profile: dict[str, Any] | None = None
) -> User:
    """Create a free-tier user and their profile. The tier is never taken from the caller.

    ``password`` None leaves the account without one (it cannot sign in with a password; the
    load test's accounts, which are handed tokens): the API's registration always sends one.
    """
    user = User.objects.create_user(email=email, password=password, tier=Tier.FREE)
    Profile.objects.create(user=user, **(profile or {}))
    return user


def profile_update(*, user: User, data: dict[str, Any]) -> Profile:
    """Apply validated profile fields (``save()`` sends the signal that refreshes caches)."""
    profile, _ = Profile.objects.get_or_create(user=user)
    for field, value in data.items():
        setattr(profile, field, value)
    profile.save()
    return profile


@transaction.atomic
def staff_user_ensure(*, email: str, password: str) -> tuple[User, bool]:
    """Create or update the operator's staff superuser (tier admin); True when created."""
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User.objects.create_superuser(email=email, password=password)
    else:
        user.is_staff = user.is_superuser = user.is_active = True
        user.tier = Tier.ADMIN
        user.set_password(password)
        user.save()
    Profile.objects.get_or_create(user=user)
    return user, created


def user_tokens_revoke(*, user: User) -> None:
    """Every access and refresh token issued to ``user`` until now stops working."""
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    auth_user_retire(user.pk)  # update() sends no signal
    user.refresh_from_db(fields=["token_version"])


@transaction.atomic
def user_password_set(*, user: User, password: str) -> User:
    """Set a new (already validated) password and revoke every token issued before."""
    user.set_password(password)
    user.save(update_fields=["password", "updated_at"])
    user_tokens_revoke(user=user)
    return user
