"""Live progress of a running import, in the cache (the import's own transaction hides its rows)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

PROGRESS_TTL_S = 24 * 3600


def progress_key(user_id: int, job_id: int) -> str:
    return f"import_progress:{user_id}:{job_id}"


class ProgressReporter:
    """Called with (stage, done, total) by the reading and writing steps."""

    def __init__(self, user_id: int, job_id: int) -> None:
        self.key = progress_key(user_id, job_id)

    def __call__(self, stage: str, done: int, total: int) -> None:
        cache.set(self.key, {"stage": stage, "done": done, "total": total}, PROGRESS_TTL_S)


def progress_get(user_id: int, job_id: int) -> dict[str, Any] | None:
    return cache.get(progress_key(user_id, job_id))
