"""The intents a chat message can have (the contract's names)."""

from __future__ import annotations

from django.db import models


class Intent(models.TextChoices):
    LOG_WORKOUT = "log_workout"
    LOG_RUN = "log_run"
    ASK_QUESTION = "ask_question"
    SWAP_EXERCISE = "swap_exercise"
    REPORT_INJURY = "report_injury"
    PROGRAM_REQUEST = "program_request"
    ONBOARDING = "onboarding"
    OTHER = "other"


INTENTS: tuple[str, ...] = tuple(Intent.values)
