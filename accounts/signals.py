"""A user saved or deleted retires the row bearer tokens are checked against."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from accounts.auth_cache import auth_user_retire
from accounts.models import User


def _user_changed(sender: type[User], instance: User, **kwargs: Any) -> None:
    auth_user_retire(instance.pk)


def connect() -> None:
    post_save.connect(_user_changed, sender=User, dispatch_uid="auth-user-save")
    post_delete.connect(_user_changed, sender=User, dispatch_uid="auth-user-delete")
