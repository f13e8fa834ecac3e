"""Programs as stored (Program -> week -> session -> prescribed exercise / run) and the
background generation jobs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from programs import limits
from training.models import Exercise, Timestamped


class Kind(models.TextChoices):
    STRENGTH = "strength"
    RUNNING = "running"


class Status(models.TextChoices):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class RunType(models.TextChoices):
    EASY = "easy"
    LONG = "long"
    TEMPO = "tempo"
    THRESHOLD = "threshold"
    INTERVAL = "interval"
    REPETITION = "repetition"
    RECOVERY = "recovery"
    RACE = "race"


class Program(Timestamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programs"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    goal = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField()
    week_count = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(limits.MAX_WEEKS)]
    )
    generator = models.CharField(max_length=40)
    generator_version = models.CharField(max_length=10)
    questionnaire = models.JSONField(default=dict)
    constraints = models.JSONField(default=dict)
    facts = models.JSONField(default=dict)
    adjustments = models.JSONField(default=list, blank=True)
    narrative = models.TextField(blank=True, default="")
    citations = models.JSONField(default=list, blank=True)
    provider = models.CharField(max_length=20, blank=True, default="")
    race_date = models.DateField(null=True, blank=True)
    race_distance_m = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "kind", "status"], name="program_user_kind_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(status="active"),
                name="program_one_active_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} program {self.pk} ({self.goal}, {self.status})"


class ProgramWeek(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="weeks")
    index = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    focus = models.CharField(max_length=80, blank=True, default="")
    deload = models.BooleanField(default=False)

    class Meta:
        ordering = ["program_id", "index"]
        constraints = [
            models.UniqueConstraint(fields=["program", "index"], name="program_week_unique_index")
        ]

    def __str__(self) -> str:
        return f"Week {self.index} of program {self.program_id}"


class ProgramSession(models.Model):
    week = models.ForeignKey(ProgramWeek, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    planned_date = models.DateField()
    title = models.CharField(max_length=80)

    class Meta:
        ordering = ["week_id", "planned_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=1) & Q(weekday__lte=7), name="program_session_weekday"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} on {self.planned_date}"


class PrescribedExercise(models.Model):
    session = models.ForeignKey(ProgramSession, on_delete=models.CASCADE, related_name="exercises")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=1)
    sets = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(limits.MAX_SETS_PER_EXERCISE)]
    )
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_min = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_max = models.PositiveSmallIntegerField(null=True, blank=True)
    percent_1rm = models.FloatField(null=True, blank=True)
    load_kg = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    rpe = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    rir = models.PositiveSmallIntegerField(null=True, blank=True)
    rest_s = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["session_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        percent_1rm__isnull=False,
                        load_kg__isnull=True,
                        rpe__isnull=True,
                        rir__isnull=True,
                    )
                    | Q(
                        percent_1rm__isnull=True,
                        load_kg__isnull=False,
                        rpe__isnull=True,
                        rir__isnull=True,
                    )
                    | Q(
                        percent_1rm__isnull=True,
                        load_kg__isnull=True,
                        rpe__isnull=False,
                        rir__isnull=True,
                    )
                    | Q(
                        percent_1rm__isnull=True,
                        load_kg__isnull=True,
                        rpe__isnull=True,
                        rir__isnull=False,
                    )
                ),
                name="prescribed_exercise_one_intensity",
            ),
            models.CheckConstraint(
                condition=Q(reps__isnull=False, reps_min__isnull=True, reps_max__isnull=True)
                | Q(reps__isnull=True, reps_min__isnull=False, reps_max__isnull=False),
                name="prescribed_exercise_reps_or_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id}: {self.sets} sets"


class PrescribedRun(models.Model):
    session = models.ForeignKey(ProgramSession, on_delete=models.CASCADE, related_name="runs")
    order = models.PositiveSmallIntegerField(default=1)
    type = models.CharField(max_length=12, choices=RunType.choices)
    distance_m = models.FloatField(validators=[MinValueValidator(0)])
    duration_s = models.PositiveIntegerField()
    quality_m = models.FloatField(default=0, validators=[MinValueValidator(0)])
    pace_min_s_per_km = models.FloatField()
    pace_max_s_per_km = models.FloatField()
    hr_zone = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    rep_distance_m = models.FloatField(null=True, blank=True)
    recovery_s = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["session_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pace_min_s_per_km__lte=models.F("pace_max_s_per_km")),
                name="prescribed_run_pace_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.distance_m:.0f} m"


class JobStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class GenerationJob(Timestamped):
    """A program being generated in the background; ``program`` is set when it is done."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_jobs"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    questionnaire = models.JSONField(default=dict)
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    errors = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.status})"
