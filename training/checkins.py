"""Daily check-ins: how ready and sore an athlete feels and how long they slept, one per day."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from training.models import Timestamped

MIN_SCORE = 1
MAX_SCORE = 5
MAX_SLEEP_HOURS = 24
MAX_NOTE_CHARS = 2000


# The unique constraint that keeps one check-in per user and day.
ONE_PER_DAY = "checkin_one_per_user_day"


class CheckIn(Timestamped):
    """Readiness and soreness on a 1-5 scale (5 = very ready / very sore); sleep in hours."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    date = models.DateField()
    readiness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )
    soreness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )
    sleep_hours = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_SLEEP_HOURS)],
    )
    note = models.TextField(blank=True, default="", max_length=MAX_NOTE_CHARS)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name=ONE_PER_DAY),
            models.CheckConstraint(
                condition=Q(readiness__gte=MIN_SCORE) & Q(readiness__lte=MAX_SCORE),
                name="checkin_readiness_range",
            ),
            models.CheckConstraint(
                condition=Q(soreness__gte=MIN_SCORE) & Q(soreness__lte=MAX_SCORE),
                name="checkin_soreness_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.date} of {self.user_id}"
