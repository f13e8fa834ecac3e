"""Celery tasks: read an import, run it after confirmation, build an export."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from portability import services
from portability.models import ExportJob, ImportJob


@shared_task(name="portability.import_read")
def import_read(job_id: int) -> str:
    job = services.import_job_read(job=ImportJob.objects.get(pk=job_id))
    return job.status


@shared_task(name="portability.import_run")
def import_run(job_id: int) -> str:
    job = services.import_job_run(job=ImportJob.objects.get(pk=job_id))
    return job.status


@shared_task(name="portability.export_build")
def export_build(export_id: int) -> str:
    services.exports_expire()
    job = services.export_job_build(
        job=ExportJob.objects.get(pk=export_id), ttl_hours=settings.EXPORT_TTL_HOURS
    )
    return job.status
