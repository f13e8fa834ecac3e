"""Any committed change to the policy tables bumps the version every process checks."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ratelimit.models import ExemptPath, ExpensiveEndpoint, TierLimit
from ratelimit.policy import bump_version


@receiver(post_save, sender=TierLimit)
@receiver(post_delete, sender=TierLimit)
@receiver(post_save, sender=ExpensiveEndpoint)
@receiver(post_delete, sender=ExpensiveEndpoint)
@receiver(post_save, sender=ExemptPath)
@receiver(post_delete, sender=ExemptPath)
def policy_changed(**kwargs: Any) -> None:
    transaction.on_commit(bump_version, using=kwargs.get("using"))
