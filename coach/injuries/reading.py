"""An injury request read into model fields: structured values first, the words for the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rest_framework import status
from rest_framework.exceptions import APIException

from coach.injuries.extract import InjuryReport, extract_injury
from training.models import Side

REQUIRED = ("body_region", "severity")
QUESTIONS = {
    "body_region": "Where is the injury (for example knee, lower back, shoulder)?",
    "severity": "How bad is it, from 1 (barely there) to 10 (the worst pain imaginable)?",
}


class NeedsConfirmation(APIException):
    """The words left the region or the severity unclear: ask, save nothing (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "needs_confirmation"

    def __init__(self, missing: list[str], extracted: dict[str, Any] | None) -> None:
        super().__init__(" ".join(QUESTIONS[name] for name in missing))
        self.missing = missing
        self.extracted = extracted


@dataclass(frozen=True)
class ReadInjury:
    data: dict[str, Any]  # the Injury fields to save
    report: InjuryReport | None
    source: str

    @property
    def red_flags(self) -> list[str]:
        return list(self.report.red_flags) if self.report else []


def read_injury(validated: dict[str, Any], today: date) -> ReadInjury:
    """Model fields from the request; ``NeedsConfirmation`` when region or severity is missing."""
    text = validated.get("text") or ""
    report = extract_injury(text, today) if text else None
    fields: dict[str, Any] = {}
    if report is not None:
        fields = {
            "body_region": report.body_region,
            "side": report.side,
            "severity": report.severity,
            "onset_date": report.onset_date(today),
        }
    keys = ("body_region", "side", "severity", "onset_date")
    structured = {k: validated[k] for k in keys if validated.get(k) is not None}
    fields.update(structured)
    missing = [name for name in REQUIRED if fields.get(name) is None]
    if missing:
        raise NeedsConfirmation(missing, report.as_dict(today) if report else None)
    data = {
        "body_region": fields["body_region"],
        "side": fields.get("side") or Side.NONE,
        "severity": fields["severity"],
        "onset_date": fields.get("onset_date") or today,
        "notes": validated.get("notes") or text,
    }
    source = "rules" if report and not structured.keys() & set(REQUIRED) else "structured"
    return ReadInjury(data, report, source)
