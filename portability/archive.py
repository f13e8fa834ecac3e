"""Zip uploads opened with care: sizes, member count and compression ratio checked first.

A zip bomb (a few kilobytes that inflate to gigabytes) is refused from its central directory,
before anything is inflated; members are then read with a cap, so a lying header cannot
inflate past the declared size either.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from portability.rejections import FileRejected, FileTooLarge


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def is_zip(upload: Upload) -> bool:
    return upload.data[:4] == b"PK\x03\x04"


def members(upload: Upload, *, max_bytes: int, max_ratio: int, max_files: int) -> list[Upload]:
    """The zip's files (folders and macOS ``__MACOSX`` litter left out), each fully checked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.data))
        infos = [
            info
            for info in archive.infolist()
            if not info.is_dir() and not info.filename.startswith("__MACOSX/")
        ]
    except zipfile.BadZipFile as exc:
        raise FileRejected("corrupt_file", f"{upload.name} is not a readable zip: {exc}") from exc
    if len(infos) > max_files:
        raise FileRejected(
            "too_many_files", f"{upload.name} holds {len(infos)} files; at most {max_files}."
        )
    total = sum(info.file_size for info in infos)
    if total > max_bytes:
        raise FileTooLarge(
            "file_too_large",
            f"{upload.name} unpacks to {total / 2**20:.0f} MB; at most {max_bytes // 2**20} MB.",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > max_ratio:
            raise FileRejected(
                "zip_ratio_exceeded",
                f"{info.filename} in {upload.name} inflates {ratio:.0f} times; at most "
                f"{max_ratio} times (is it a zip bomb?).",
                {"file": info.filename, "ratio": round(ratio), "max_ratio": max_ratio},
            )
    return [Upload(info.filename, _read(archive, info, upload.name)) for info in infos]


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FileRejected("corrupt_file", f"{info.filename} in {name}: {exc}") from exc
    if len(data) > info.file_size:
        raise FileRejected("corrupt_file", f"{info.filename} in {name} is larger than it says.")
    return data
