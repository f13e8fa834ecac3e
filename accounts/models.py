"""Users (email login, a tier set by staff or billing) and their athlete profiles."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from core.timezones import time_zone_names

# Heart rates an athlete can have, beats per minute: a resting rate under 25 or a maximum under
# 100 is a typo (the bounds of heart rates during a session are in training.limits)
MIN_RESTING_HR = 25
MAX_RESTING_HR = 120
MIN_MAX_HR = 100
MAX_MAX_HR = 240
DEFAULT_TIMEZONE = "UTC"


def validate_timezone(value: str) -> None:
    """An IANA time zone name that the zone database knows ("Europe/Paris")."""
    if value not in time_zone_names():
        raise ValidationError(
            f"{value!r} is not an IANA time zone name (e.g. Europe/Paris).",
            code="invalid_timezone",
        )


class Tier(models.TextChoices):
    FREE = "free", "Free"
    PREMIUM = "premium", "Premium"
    ADMIN = "admin", "Admin"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("tier", Tier.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.FREE)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Every token carries the version it was issued under; bumping it (password change, reset)
    # makes every token issued before unusable at once.
    token_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci")]

    def __str__(self) -> str:
        return self.email


class UnitSystem(models.TextChoices):
    IMPERIAL = "imperial", "Imperial (lb, mi)"
    METRIC = "metric", "Metric (kg, km)"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNSPECIFIED = "unspecified", "Prefer not to say"


class ExperienceLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner (< 1 year)"
    INTERMEDIATE = "intermediate", "Intermediate (1-3 years)"
    ADVANCED = "advanced", "Advanced (3+ years)"


class Goal(models.TextChoices):
    STRENGTH = "strength", "Strength"
    HYPERTROPHY = "hypertrophy", "Muscle gain"
    FAT_LOSS = "fat_loss", "Fat loss"
    ENDURANCE = "endurance", "Endurance"
    RACE = "race", "Race preparation"
    GENERAL_FITNESS = "general_fitness", "General fitness"
    MOBILITY = "mobility", "Mobility"


class Equipment(models.TextChoices):
    BARBELL = "barbell", "Barbell"
    DUMBBELL = "dumbbell", "Dumbbells"
    KETTLEBELL = "kettlebell", "Kettlebells"
    CABLE = "cable", "Cable station"
    MACHINE = "machine", "Machines"
    BODYWEIGHT = "bodyweight", "Bodyweight"
    BAND = "band", "Bands"
    BENCH = "bench", "Bench"
    PULLUP_BAR = "pullup_bar", "Pull-up bar"
    EZ_BAR = "ez_bar", "EZ bar"
    TRAP_BAR = "trap_bar", "Trap bar"
    SMITH_MACHINE = "smith_machine", "Smith machine"
    LANDMINE = "landmine", "Landmine"
    SLED = "sled", "Sled"
    MEDICINE_BALL = "medicine_ball", "Medicine ball"
    PLATE = "plate", "Plates"
    RINGS = "rings", "Rings"
    BOX = "box", "Plyo box"
    CARDIO_MACHINE = "cardio_machine", "Cardio machines"
    DIP_STATION = "dip_station", "Dip station"


class RunningBackground(models.TextChoices):
    NONE = "none", "Not running"
    BEGINNER = "beginner", "New runner"
    RECREATIONAL = "recreational", "Recreational"
    COMPETITIVE = "competitive", "Competitive"


# What the athlete tells about themselves: the fields a client edits and the coach reads.
ATHLETE_FIELDS = (
    "unit_system",
    "sex",
    "birth_year",
    "bodyweight_kg",
    "height_cm",
    "experience_level",
    "goals",
    "training_days_per_week",
    "session_length_min",
    "equipment_available",
    "running_background",
    "weekly_running_km",
    "resting_hr",
    "max_hr",
    "timezone",
)


class Profile(models.Model):
    """Everything the coach needs to know about an athlete, in SI units."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    unit_system = models.CharField(
        max_length=8, choices=UnitSystem.choices, default=UnitSystem.IMPERIAL
    )
    sex = models.CharField(max_length=12, choices=Sex.choices, default=Sex.UNSPECIFIED)
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    bodyweight_kg = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(20), MaxValueValidator(400)],
    )
    height_cm = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(90), MaxValueValidator(250)],
    )
    experience_level = models.CharField(
        max_length=12, choices=ExperienceLevel.choices, default=ExperienceLevel.BEGINNER
    )
    goals = ArrayField(
        models.CharField(max_length=20, choices=Goal.choices), default=list, blank=True
    )
    training_days_per_week = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    session_length_min = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )
    equipment_available = ArrayField(
        models.CharField(max_length=20, choices=Equipment.choices), default=list, blank=True
    )
    running_background = models.CharField(
        max_length=12, choices=RunningBackground.choices, default=RunningBackground.NONE
    )
    weekly_running_km = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    resting_hr = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_RESTING_HR), MaxValueValidator(MAX_RESTING_HR)],
    )
    max_hr = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_MAX_HR), MaxValueValidator(MAX_MAX_HR)],
    )
    timezone = models.CharField(
        max_length=64, default=DEFAULT_TIMEZONE, validators=[validate_timezone]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resting_hr__isnull=True)
                | models.Q(resting_hr__gte=MIN_RESTING_HR, resting_hr__lte=MAX_RESTING_HR),
                name="profile_resting_hr_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_hr__isnull=True)
                | models.Q(max_hr__gte=MIN_MAX_HR, max_hr__lte=MAX_MAX_HR),
                name="profile_max_hr_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def weight_unit(self) -> str:
        return "kg" if self.unit_system == UnitSystem.METRIC else "lb"

    @property
    def distance_unit(self) -> str:
        return "km" if self.unit_system == UnitSystem.METRIC else "mi"
