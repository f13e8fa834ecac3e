"""The training domain: exercise catalog, workout sessions and sets, runs, records, injuries.

Stored values are SI: kilograms, metres, seconds. Responses convert to the user's units.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

MAX_WEIGHT_KG = 600
MAX_REPS = 1000
MAX_DISTANCE_M = 1_000_000
MAX_DURATION_S = 7 * 24 * 3600


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Pattern(models.TextChoices):
    SQUAT = "squat"
    HINGE = "hinge"
    LUNGE = "lunge"
    HORIZONTAL_PUSH = "horizontal_push"
    VERTICAL_PUSH = "vertical_push"
    HORIZONTAL_PULL = "horizontal_pull"
    VERTICAL_PULL = "vertical_pull"
    CARRY = "carry"
    CORE = "core"
    ISOLATION_UPPER = "isolation_upper"
    ISOLATION_LOWER = "isolation_lower"
    PLYOMETRIC = "plyometric"
    OLYMPIC = "olympic"
    CARDIO = "cardio"


class Category(models.TextChoices):
    STRENGTH = "strength"
    CARDIO = "cardio"
    MOBILITY = "mobility"
    PLYOMETRIC = "plyometric"


class BodyRegion(models.TextChoices):
    NECK = "neck"
    SHOULDER = "shoulder"
    ELBOW = "elbow"
    WRIST = "wrist"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    HIP = "hip"
    KNEE = "knee"
    ANKLE = "ankle"


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def search(self, text: str) -> ExerciseQuerySet:
        words = text.lower().split()
        query = Q()
        for word in words:
            query &= Q(search_text__contains=word)
        return self.filter(query)

    def for_muscle(self, muscle: str) -> ExerciseQuerySet:
        return self.filter(
            Q(primary_muscles__contains=[muscle]) | Q(secondary_muscles__contains=[muscle])
        )


class Exercise(Timestamped):
    """One catalog entry; variants that a lifter names differently are separate entries."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    aliases = ArrayField(models.CharField(max_length=120), default=list, blank=True)
    primary_muscles = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    secondary_muscles = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    equipment = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    pattern = models.CharField(max_length=20, choices=Pattern.choices)
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.STRENGTH)
    unilateral = models.BooleanField(default=False)
    bodyweight = models.BooleanField(default=False)
    loads_regions = ArrayField(
        models.CharField(max_length=12, choices=BodyRegion.choices), default=list, blank=True
    )
    search_text = models.TextField(editable=False, default="")

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["primary_muscles"], name="exercise_primary_gin"),
            GinIndex(fields=["equipment"], name="exercise_equipment_gin"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = " ".join([self.name.lower(), *self.aliases])
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Source(models.TextChoices):
    MANUAL = "manual"
    VOICE = "voice"


class WorkoutSession(Timestamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workouts"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, default="", max_length=5000)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "-started_at"], name="workout_user_started")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="workout_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Workout {self.pk} of {self.user_id} at {self.started_at:%Y-%m-%d}"


class SetLog(Timestamped):
    session = models.ForeignKey(WorkoutSession, on_delete=models.CASCADE, related_name="sets")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    reps = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPS)]
    )
    weight_kg = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WEIGHT_KG)],
    )
    rpe = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    rir = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    is_bodyweight = models.BooleanField(default=False)

    class Meta:
        ordering = ["session_id", "order", "id"]
        indexes = [models.Index(fields=["exercise", "session"], name="setlog_exercise_session")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reps__gte=1) & Q(reps__lte=MAX_REPS), name="setlog_reps_range"
            ),
            models.CheckConstraint(
                condition=Q(weight_kg__isnull=True)
                | (Q(weight_kg__gte=0) & Q(weight_kg__lte=MAX_WEIGHT_KG)),
                name="setlog_weight_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id}: {self.reps} x {self.weight_kg}"


class RecordKind(models.TextChoices):
    ESTIMATED_1RM = "e1rm", "Estimated 1RM"
    REP_MAX = "rep_max", "Rep max"


class PersonalRecord(Timestamped):
    """A best at the time it was set; history is kept, the newest row per key is current."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_records"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=RecordKind.choices)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    value_kg = models.DecimalField(max_digits=6, decimal_places=2)
    achieved_at = models.DateTimeField()
    set_log = models.ForeignKey(
        SetLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-achieved_at", "-id"]
        indexes = [models.Index(fields=["user", "exercise", "kind"], name="pr_user_exercise")]

    def __str__(self) -> str:
        return f"{self.kind} {self.value_kg} kg on {self.exercise_id}"


class Activity(models.TextChoices):
    RUN = "run"
    BIKE = "bike"
    ROW = "row"
    SWIM = "swim"
    WALK = "walk"


class RunSession(Timestamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runs"
    )
    activity = models.CharField(max_length=8, choices=Activity.choices, default=Activity.RUN)
    started_at = models.DateTimeField()
    distance_m = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(MAX_DISTANCE_M)]
    )
    duration_s = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_S)]
    )
    avg_hr = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(30), MaxValueValidator(250)]
    )
    max_hr = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(30), MaxValueValidator(250)]
    )
    elevation_gain_m = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(20000)]
    )
    splits = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True, default="", max_length=5000)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "-started_at"], name="run_user_started")]

    def __str__(self) -> str:
        return f"{self.activity} {self.distance_m} m in {self.duration_s} s"

    @property
    def pace_s_per_km(self) -> float | None:
        if not self.distance_m:
            return None
        return self.duration_s / (self.distance_m / 1000)


class InjuryRegion(models.TextChoices):
    NECK = "neck"
    SHOULDER = "shoulder"
    ELBOW = "elbow"
    WRIST = "wrist"
    HAND = "hand"
    CHEST = "chest"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    ABDOMEN = "abdomen"
    HIP = "hip"
    GROIN = "groin"
    HAMSTRING = "hamstring"
    QUAD = "quad"
    KNEE = "knee"
    SHIN = "shin"
    CALF = "calf"
    ACHILLES = "achilles"
    ANKLE = "ankle"
    FOOT = "foot"


class Side(models.TextChoices):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    NONE = "none"


class InjuryStatus(models.TextChoices):
    ACTIVE = "active"
    RECOVERING = "recovering"
    RESOLVED = "resolved"


class Injury(Timestamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="injuries"
    )
    body_region = models.CharField(max_length=12, choices=InjuryRegion.choices)
    side = models.CharField(max_length=6, choices=Side.choices, default=Side.NONE)
    severity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    status = models.CharField(
        max_length=12, choices=InjuryStatus.choices, default=InjuryStatus.ACTIVE
    )
    onset_date = models.DateField()
    resolved_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, default="", max_length=5000)

    class Meta:
        ordering = ["-onset_date", "-id"]
        verbose_name_plural = "injuries"
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=1) & Q(severity__lte=10), name="injury_severity_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.body_region} ({self.status})"
