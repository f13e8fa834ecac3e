"""The background job that generates a program (202 + a job id from the generate endpoints)."""

from __future__ import annotations

from celery import shared_task

from programs.services import generation_job_run


@shared_task(name="programs.generate")
def generate_program(job_id: str) -> str:
    """Run one generation job; its outcome is on the job row (``done`` or ``failed``)."""
    return str(generation_job_run(job_id=job_id).status)
