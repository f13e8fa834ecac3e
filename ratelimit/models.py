"""The rate-limit policy staff edit in admin: limits per tier and the paths they apply to."""

from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

path_pattern_validator = RegexValidator(
    r"^/[^\s*]*\*?$",
    "A path pattern starts with '/', has no spaces, and may end with a single '*'.",
)


def _limit_field(verbose_name: str, help_text: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=f"{help_text} Empty means unlimited.",
    )


class LimitTier(models.TextChoices):
    """Tiers as the JWT ``tier`` claim names them, plus unauthenticated clients (keyed by IP)."""

    ANONYMOUS = "anonymous", "Anonymous (per IP)"
    FREE = "free", "Free"
    PREMIUM = "premium", "Premium"
    ADMIN = "admin", "Admin"


class TierLimit(models.Model):
    tier = models.CharField(max_length=16, choices=LimitTier.choices, unique=True)
    hourly_limit = _limit_field("requests per hour", "All limited endpoints.")
    minute_limit = _limit_field("requests per minute", "All limited endpoints.")
    expensive_minute_limit = _limit_field(
        "expensive requests per minute", "Only the expensive (LLM-backed) endpoints."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["tier"]

    def __str__(self) -> str:
        return f"{self.tier}: {self.hourly_limit or '∞'}/h"


class PathPattern(models.Model):
    """A path or, ending in ``*`` or ``/``, a path prefix."""

    pattern = models.CharField(max_length=200, unique=True, validators=[path_pattern_validator])
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["pattern"]

    def __str__(self) -> str:
        return self.pattern


class ExpensiveEndpoint(PathPattern):
    """Endpoints that also count against the tier's expensive per-minute limit."""

    class Meta(PathPattern.Meta):
        pass


class ExemptPath(PathPattern):
    """Paths never limited (no Redis call at all)."""

    class Meta(PathPattern.Meta):
        pass
