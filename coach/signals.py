"""Model signals that bump a user's context generation once their transaction commits.

One bump per user per atomic block, however many rows it wrote: a pending bump registered at the
same savepoint depth is recognised in the connection's on-commit list. Django drops callbacks of
a rolled-back savepoint from that list, so a bump registered there never hides a later write.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save

from accounts.models import Profile
from coach.cache import context_invalidate
from programs.models import Program
from training.checkins import CheckIn
from training.models import Injury, PersonalRecord, RunSession, SetLog, WorkoutSession


class _Bump:
    """The on-commit callback for one user (a class so a pending one can be recognised)."""

    def __init__(self, user_id: int) -> None:
        self.user_id = user_id

    def __call__(self) -> None:
        context_invalidate(self.user_id)


def invalidate_on_commit(user_id: int | None, using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump ``user_id``'s generation after the current transaction commits (now if none)."""
    if user_id is None:
        return
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        current = set(connection.savepoint_ids)
        for sids, func, _robust in connection.run_on_commit:
            if isinstance(func, _Bump) and func.user_id == user_id and sids == current:
                return
    transaction.on_commit(_Bump(user_id), using=using)


def _owned(sender: Any, instance: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    invalidate_on_commit(instance.user_id, using)


def _set_changed(
    sender: Any, instance: SetLog, using: str = DEFAULT_DB_ALIAS, **kwargs: Any
) -> None:
    cached = instance._state.fields_cache.get("session")
    if cached is not None:
        user_id = cached.user_id
    else:
        user_id = (
            WorkoutSession.objects.using(using)
            .filter(pk=instance.session_id)
            .values_list("user_id", flat=True)
            .first()
        )
    invalidate_on_commit(user_id, using)


OWNED_MODELS = (WorkoutSession, PersonalRecord, RunSession, Injury, Profile, CheckIn, Program)


def connect() -> None:
    """Connect the receivers (called from ``CoachConfig.ready``)."""
    for model in OWNED_MODELS:
        post_save.connect(_owned, sender=model, dispatch_uid=f"ctx-save-{model.__name__}")
        post_delete.connect(_owned, sender=model, dispatch_uid=f"ctx-del-{model.__name__}")
    post_save.connect(_set_changed, sender=SetLog, dispatch_uid="ctx-save-SetLog")
    post_delete.connect(_set_changed, sender=SetLog, dispatch_uid="ctx-del-SetLog")
