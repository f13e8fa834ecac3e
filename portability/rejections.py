"""Why a whole upload is refused: a code, a sentence for the athlete and the HTTP status."""

from __future__ import annotations

from typing import Any


class FileRejected(Exception):
    """The upload cannot be imported at all; nothing of it is written."""

    status = 400

    def __init__(self, code: str, message: str, fields: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class FileTooLarge(FileRejected):
    status = 413
