"""Spoken training transcripts to structured strength and cardio entries (rules, no model)."""

from voice.parsing.entries import (
    Activity,
    CardioEntry,
    Entry,
    ParseResult,
    SetSpec,
    StrengthEntry,
    Unit,
)
from voice.parsing.transcript import parse_transcript

__all__ = [
    "Activity",
    "CardioEntry",
    "Entry",
    "ParseResult",
    "SetSpec",
    "StrengthEntry",
    "Unit",
    "parse_transcript",
]
