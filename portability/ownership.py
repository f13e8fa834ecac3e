"""Which rows belong to an athlete: every model with a ``user`` key, and what hangs off them.

Found from the models themselves, so a model added later (programs, check-ins) is exported and
counted without touching this module. Bookkeeping that is no part of the athlete's data (import
jobs, their natural keys, idempotency records) is left out of exports; deletion removes it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

BOOKKEEPING = frozenset(
    {
        "portability.importjob",
        "portability.importeditem",
        "portability.exportjob",
        "voice.idempotencyrecord",
    }
)


@dataclass(frozen=True)
class Child:
    """Rows reached through a cascading key from an owned row (a workout's sets)."""

    accessor: str
    model: type[models.Model]
    field: str


def _user_model() -> type[models.Model]:
    return apps.get_model(settings.AUTH_USER_MODEL)


def owned_models() -> list[type[models.Model]]:
    """Every model with a foreign or one-to-one key named ``user`` to the user model."""
    user_model = _user_model()
    found = []
    for model in apps.get_models():
        try:
            field = model._meta.get_field("user")
        except Exception:  # noqa: S112 - a model without a user key is not owned
            continue
        if isinstance(field, models.ForeignKey) and field.related_model is user_model:
            found.append(model)  # one-to-one keys are foreign keys too
    return sorted(found, key=lambda model: model._meta.label_lower)


def exported_models() -> list[type[models.Model]]:
    return [m for m in owned_models() if m._meta.label_lower not in BOOKKEEPING]


def children(model: type[models.Model]) -> Iterator[Child]:
    """Cascading reverse relations of ``model`` to models that are not owned themselves."""
    owned = set(owned_models())
    for relation in model._meta.related_objects:
        related = relation.related_model
        if (
            relation.one_to_many
            and related not in owned
            and getattr(relation, "on_delete", None) is models.CASCADE
        ):
            yield Child(relation.get_accessor_name() or "", related, relation.field.name)
