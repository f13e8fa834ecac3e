"""Uploads to a ParseResult: zips opened, each file read by its format, limits applied."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

from portability.archive import Upload, is_zip, members
from portability.formats import activities, hevy, strong
from portability.records import ParseResult
from portability.rejections import FileRejected, FileTooLarge

STRONG, HEVY, ACTIVITY = "strong", "hevy", "activity"
FORMATS = (STRONG, HEVY, ACTIVITY)


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_zip_ratio: int
    max_files: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=settings.IMPORT_MAX_BYTES,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_zip_ratio=settings.IMPORT_MAX_ZIP_RATIO,
            max_files=settings.IMPORT_MAX_FILES,
        )


def detect_format(upload: Upload) -> str:
    """The format a file's name or header shows (for the command; the API is told)."""
    if upload.name.lower().endswith((*activities.EXTENSIONS, ".zip")):
        return ACTIVITY
    header = upload.data[:2048].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    return HEVY if "exercise_title" in header else STRONG


def content_hash(uploads: Sequence[Upload]) -> str:
    """The same files give the same hash, however they were named, ordered or zipped."""
    digests = sorted(hashlib.sha256(upload.data).hexdigest() for upload in uploads)
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def expand(uploads: Sequence[Upload], limits: Limits) -> list[Upload]:
    """Every file to read, zips replaced by their members (one level: a zip in a zip is not)."""
    total = sum(len(upload.data) for upload in uploads)
    if total > limits.max_bytes:
        raise FileTooLarge(
            "file_too_large",
            f"The upload is {total / 2**20:.1f} MB; at most {limits.max_bytes // 2**20} MB.",
            {"max_bytes": limits.max_bytes},
        )
    files: list[Upload] = []
    for upload in uploads:
        if is_zip(upload):
            files += members(
                upload,
                max_bytes=limits.max_bytes,
                max_ratio=limits.max_zip_ratio,
                max_files=limits.max_files,
            )
        else:
            files.append(upload)
    if not files:
        raise FileRejected("empty_file", "The upload holds no files.")
    if len(files) > limits.max_files:
        raise FileRejected("too_many_files", f"{len(files)} files; at most {limits.max_files}.")
    return files


def parse_uploads(
    uploads: Sequence[Upload],
    *,
    format: str,
    weight_unit: str,
    zone: ZoneInfo,
    limits: Limits,
) -> ParseResult:
    """All of it or a FileRejected naming the file and the reason."""
    result = ParseResult()
    for upload in expand(uploads, limits):
        remaining = limits.max_rows - result.rows_read
        result.extend(_parse_one(upload, format, weight_unit, zone, remaining, limits.max_rows))
    return result


def _parse_one(
    upload: Upload, format: str, weight_unit: str, zone: ZoneInfo, remaining: int, max_rows: int
) -> ParseResult:
    if is_zip(upload):
        raise FileRejected("unsupported_file", f"{upload.name}: a zip inside a zip is not read.")
    if format == ACTIVITY:
        return activities.parse(upload.data, upload.name)
    if upload.name.lower().endswith(activities.EXTENSIONS):
        raise FileRejected(
            "unsupported_file",
            f"{upload.name} is a recording; upload it with format 'activity'.",
            {"file": upload.name},
        )
    try:
        if format == STRONG:
            return strong.parse(
                upload.data, upload.name, weight_unit=weight_unit, zone=zone, max_rows=remaining
            )
        return hevy.parse(upload.data, upload.name, zone=zone, max_rows=remaining)
    except FileRejected as exc:
        if exc.code == "too_many_rows":
            exc.message = f"The upload has more than {max_rows:,} rows; split it and upload parts."
        raise
