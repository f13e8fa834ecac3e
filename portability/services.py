"""Writes on portability: import jobs created, read, confirmed and run; exports requested."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from portability.archive import Upload
from portability.mapping import final_mapping, mapping_build, mapping_needs_confirmation
from portability.models import ExportJob, ExportStatus, ImportJob, ImportStatus
from portability.progress import ProgressReporter
from portability.reading import ACTIVITY, Limits, content_hash, expand, parse_uploads
from portability.records import ParseResult, Skipped
from portability.rejections import FileRejected
from portability.writer import Progress, import_write

logger = logging.getLogger(__name__)

MAX_SKIPPED_LISTED = 500
STORED_UPLOADS_NAME = "uploads.zip"


class JobStateError(Exception):
    """The job is not in a state that allows this step (e.g. confirming a finished import)."""


def _stored(uploads: Sequence[Upload]) -> Upload:
    """One file keeps the upload as it came; several are stored together in one zip."""
    if len(uploads) == 1:
        return uploads[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for upload in uploads:
            archive.writestr(upload.name, upload.data)
    return Upload(STORED_UPLOADS_NAME, buffer.getvalue())


def import_job_create(
    *,
    user: Any,
    uploads: Sequence[Upload],
    format: str,
    weight_unit: str,
    timezone_name: str,
    queue: bool = True,
) -> tuple[ImportJob, bool]:
    """Check the files (FileRejected: nothing is kept), then queue the job; False when the
    same files were imported before (that job is returned, nothing new is queued).

    ``queue=False``: the caller runs the steps itself (the management command).
    """
    limits = Limits.from_settings()
    files = expand(uploads, limits)
    digest = content_hash(files)
    previous = _previous(user, digest)
    if previous is not None:
        return previous, False
    zone = ZoneInfo(timezone_name)
    parse_uploads(files, format=format, weight_unit=weight_unit, zone=zone, limits=limits)
    stored = _stored(uploads)
    job = ImportJob(
        user=user,
        format=format,
        weight_unit=weight_unit,
        timezone=timezone_name,
        file_name=stored.name[:255],
        size_bytes=sum(len(upload.data) for upload in uploads),
        content_hash=digest,
    )
    try:
        with transaction.atomic():
            job.file.save(stored.name, ContentFile(stored.data), save=False)
            job.save()
    except IntegrityError:
        job.file.delete(save=False)
        found = _previous(user, digest)
        if found is None:
            raise
        return found, False
    if queue:
        transaction.on_commit(lambda: _enqueue("import_read", job.pk))
    return job, True


def _previous(user: Any, digest: str) -> ImportJob | None:
    return (
        ImportJob.objects.filter(user=user, content_hash=digest)
        .exclude(status=ImportStatus.FAILED)
        .first()
    )


def _enqueue(task_name: str, *args: Any) -> None:
    """Hand the step to a worker (the tasks module imports this one, so it is looked up late)."""
    from portability import tasks

    getattr(tasks, task_name).delay(*args)


def _parsed(job: ImportJob) -> ParseResult:
    with job.file.open("rb") as handle:
        upload = Upload(job.file_name, handle.read())
    return parse_uploads(
        [upload],
        format=job.format,
        weight_unit=job.weight_unit,
        zone=ZoneInfo(job.timezone),
        limits=Limits.from_settings(),
    )


def _status(job: ImportJob | ExportJob, status: str, **fields: Any) -> None:
    job.status = status
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()


def import_job_read(*, job: ImportJob, progress: Progress | None = None) -> ImportJob:
    """Read the files and map their exercise names; run the import unless a name is unsure."""
    report = progress or ProgressReporter(job.user_id, job.pk)
    _status(job, ImportStatus.READING)
    try:
        parsed = _parsed(job)
    except FileRejected as exc:
        return _failed(job, exc.as_dict())
    report("reading", parsed.rows_read, parsed.rows_read)
    mapping = [entry.as_dict() for entry in mapping_build(parsed)]
    _status(job, ImportStatus.READING, rows_read=parsed.rows_read, mapping=mapping)
    if job.format != ACTIVITY and mapping_needs_confirmation(mapping):
        _status(job, ImportStatus.NEEDS_CONFIRMATION)
        return job
    return import_job_run(job=job, progress=report, parsed=parsed)


def import_job_confirm(
    *, job: ImportJob, overrides: dict[str, int | None], queue: bool = True
) -> ImportJob:
    """Accept the mapping with the athlete's corrections and queue the import itself."""
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.NEEDS_CONFIRMATION).update(
        status=ImportStatus.QUEUED, overrides=overrides
    )
    if not updated:
        raise JobStateError(f"This import is {job.status}; only one awaiting confirmation can be.")
    job.refresh_from_db()
    if queue:
        transaction.on_commit(lambda: _enqueue("import_run", job.pk))
    return job


def import_job_run(
    *, job: ImportJob, progress: Progress | None = None, parsed: ParseResult | None = None
) -> ImportJob:
    """Write the import (all or nothing) and record what it made and what it skipped."""
    report = progress or ProgressReporter(job.user_id, job.pk)
    _status(job, ImportStatus.IMPORTING)
    try:
        parsed = parsed or _parsed(job)
        written = import_write(
            job=job,
            parsed=parsed,
            mapping=final_mapping(job.mapping, job.overrides),
            progress=report,
        )
    except FileRejected as exc:
        return _failed(job, exc.as_dict())
    except Exception:
        logger.exception("import %s failed", job.pk)
        _failed(job, {"code": "import_failed", "message": "The import failed; nothing was saved."})
        raise
    _status(
        job,
        ImportStatus.DONE,
        rows_read=parsed.rows_read,
        sessions_created=written.sessions,
        sets_created=written.sets,
        runs_created=written.runs,
        rows_skipped=len(written.skipped),
        skipped=_listed(written.skipped),
        finished_at=timezone.now(),
    )
    report("done", 1, 1)
    job.file.delete(save=True)
    return job


def _listed(skipped: list[Skipped]) -> list[dict[str, object]]:
    return [entry.as_dict() for entry in skipped[:MAX_SKIPPED_LISTED]]


def _failed(job: ImportJob, error: dict[str, Any]) -> ImportJob:
    _status(job, ImportStatus.FAILED, error=error, finished_at=timezone.now())
    return job


def export_job_create(*, user: Any) -> ExportJob:
    """Queue an export of everything the athlete owns."""
    job = ExportJob.objects.create(user=user)
    transaction.on_commit(lambda: _enqueue("export_build", job.pk))
    return job


def export_job_build(*, job: ExportJob, ttl_hours: int) -> ExportJob:
    from portability.exporting import export_archive

    _status(job, ExportStatus.RUNNING)
    data, counts = export_archive(job.user)
    job.file.save(f"voicefit-export-{job.user_id}-{job.pk}.zip", ContentFile(data), save=False)
    now = timezone.now()
    _status(
        job,
        ExportStatus.DONE,
        size_bytes=len(data),
        counts=counts,
        finished_at=now,
        expires_at=now + timedelta(hours=ttl_hours),
    )
    return job


def exports_expire() -> int:
    """Delete the files of every export past its expiry; returns how many."""
    expired = ExportJob.objects.filter(status=ExportStatus.DONE, expires_at__lte=timezone.now())
    count = 0
    for job in expired:
        job.file.delete(save=False)
        _status(job, ExportStatus.EXPIRED, size_bytes=0)
        count += 1
    return count
