"""Stored files go with their rows (a deleted job, or a deleted account's cascade)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete

from portability.models import ExportJob, ImportJob


def _file_removed(sender: Any, instance: ImportJob | ExportJob, **kwargs: Any) -> None:
    if instance.file:
        storage, name = instance.file.storage, instance.file.name or ""
        transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    for model in (ImportJob, ExportJob):
        post_delete.connect(_file_removed, sender=model, dispatch_uid=f"file-{model.__name__}")
