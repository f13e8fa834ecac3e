"""The training domain: exercise catalog, workout sessions and sets, runs, records, injuries.

Stored values are SI: kilograms, metres, seconds. Responses convert to the user's units.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When

from training import limits
from training.regions import loading_condition
from training.science.running import pace_s_per_km
from training.validators import validate_not_before_earliest, validate_run_distance
from training.vocabulary import BodyRegion, Category, Equipment, InjuryRegion, Muscle, Pattern

__all__ = [
    "Activity",
    "BodyRegion",
    "Category",
    "Equipment",
    "Exercise",
    "Injury",
    "InjuryRegion",
    "InjuryStatus",
    "Muscle",
    "Pattern",
    "PersonalRecord",
    "RecordKind",
    "RunSession",
    "SetLog",
    "Side",
    "Source",
    "WorkoutSession",
]

SET_MEASURE_MESSAGE = "A set has reps, or a duration, or a distance."


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def search(self, text: str) -> ExerciseQuerySet:
        """Exercises holding every word, most relevant first: the exact name or an alias, then
        a name starting with the text, then PostgreSQL's full-text rank ("bench" is the Barbell
        Bench Press, not the alphabetically first Back Extension)."""
        phrase = " ".join(text.lower().split())
        query = Q()
        for word in phrase.split():
            query &= Q(search_text__contains=word)
        tier = Case(
            When(Q(name__iexact=phrase) | Q(aliases__contains=[phrase]), then=Value(0)),
            When(name__istartswith=phrase, then=Value(1)),
            default=Value(2),
        )
        rank = SearchRank(
            SearchVector("search_text", config="simple"),
            SearchQuery(phrase, config="simple", search_type="plain"),
        )
        return (
            self.filter(query)
            .annotate(match_tier=tier, match_rank=rank)
            .order_by("match_tier", "-match_rank", "name")
        )

    def loading(self, *regions: str) -> ExerciseQuerySet:
        """Exercises that load any of these injury regions (``training.regions`` has the map)."""
        return self.filter(loading_condition(regions))

    def sparing(self, *regions: str) -> ExerciseQuerySet:
        """Exercises that load none of these injury regions: what is left to train around them."""
        return self.exclude(loading_condition(regions))

    def for_muscle(self, muscle: str) -> ExerciseQuerySet:
        return self.filter(
            Q(primary_muscles__contains=[muscle]) | Q(secondary_muscles__contains=[muscle])
        )


class Exercise(Timestamped):
    """One catalog entry; variants that a lifter names differently are separate entries."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    aliases = ArrayField(models.CharField(max_length=120), default=list, blank=True)
    primary_muscles = ArrayField(
        models.CharField(max_length=20, choices=Muscle.choices), default=list, blank=True
    )
    secondary_muscles = ArrayField(
        models.CharField(max_length=20, choices=Muscle.choices), default=list, blank=True
    )
    equipment = ArrayField(
        models.CharField(max_length=20, choices=Equipment.choices), default=list, blank=True
    )
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


def _moment_in_range(field: str) -> Q:
    return Q(**{f"{field}__gte": limits.EARLIEST_MOMENT, f"{field}__lt": limits.LATEST_MOMENT})


def _optional_range(field: str, low: float, high: float) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})


RPE_VALIDATORS = [MinValueValidator(limits.MIN_RPE), MaxValueValidator(limits.MAX_RPE)]
HEART_RATE_VALIDATORS = [
    MinValueValidator(limits.MIN_HEART_RATE),
    MaxValueValidator(limits.MAX_HEART_RATE),
]


class WorkoutSession(Timestamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workouts"
    )
    started_at = models.DateTimeField(validators=[validate_not_before_earliest])
    ended_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, default="", max_length=limits.MAX_NOTES_LENGTH)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    session_rpe = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=RPE_VALIDATORS, help_text="Session RPE (Foster), 1-10."
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "-started_at"], name="workout_user_started")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="workout_ends_after_start",
            ),
            models.CheckConstraint(
                condition=_moment_in_range("started_at"), name="workout_started_in_range"
            ),
            models.CheckConstraint(
                condition=_optional_range("session_rpe", limits.MIN_RPE, limits.MAX_RPE),
                name="workout_session_rpe_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Workout {self.pk} of {self.user_id} at {self.started_at:%Y-%m-%d}"


class SetLog(Timestamped):
    """One set: reps, a duration (a timed hold) or a distance (a carry), with an optional load."""

    session = models.ForeignKey(WorkoutSession, on_delete=models.CASCADE, related_name="sets")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    reps = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(limits.MIN_REPS), MaxValueValidator(limits.MAX_REPS)],
    )
    weight_kg = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(limits.MAX_WEIGHT_KG)],
    )
    rpe = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=RPE_VALIDATORS,
    )
    rir = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(limits.MAX_RIR)]
    )
    is_bodyweight = models.BooleanField(default=False)
    is_warmup = models.BooleanField(default=False)
    duration_s = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(limits.MIN_SET_DURATION_S),
            MaxValueValidator(limits.MAX_SET_DURATION_S),
        ],
    )
    distance_m = models.FloatField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(limits.MIN_SET_DISTANCE_M),
            MaxValueValidator(limits.MAX_SET_DISTANCE_M),
        ],
    )
    # the reps, time or distance were done on each side ("3 x 10 each leg")
    per_side = models.BooleanField(default=False)

    class Meta:
        ordering = ["session_id", "order", "id"]
        indexes = [models.Index(fields=["exercise", "session"], name="setlog_exercise_session")]
        constraints = [
            models.CheckConstraint(
                condition=_optional_range("reps", limits.MIN_REPS, limits.MAX_REPS),
                name="setlog_reps_range",
            ),
            models.CheckConstraint(
                condition=_optional_range("weight_kg", 0, limits.MAX_WEIGHT_KG),
                name="setlog_weight_range",
            ),
            models.CheckConstraint(
                condition=_optional_range(
                    "duration_s", limits.MIN_SET_DURATION_S, limits.MAX_SET_DURATION_S
                ),
                name="setlog_duration_range",
            ),
            models.CheckConstraint(
                condition=_optional_range(
                    "distance_m", limits.MIN_SET_DISTANCE_M, limits.MAX_SET_DISTANCE_M
                ),
                name="setlog_distance_range",
            ),
            models.CheckConstraint(
                condition=Q(reps__isnull=False)
                | Q(duration_s__isnull=False)
                | Q(distance_m__isnull=False),
                name="setlog_has_measure",
                violation_error_message=SET_MEASURE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id}: {self.reps} x {self.weight_kg}"

    def clean(self) -> None:
        if self.reps is None and self.duration_s is None and self.distance_m is None:
            raise ValidationError({"reps": [SET_MEASURE_MESSAGE]}, code="no_measure")


class RecordKind(models.TextChoices):
    ESTIMATED_1RM = "e1rm", "Estimated 1RM"
    REP_MAX = "rep_max", "Rep max"
    LONGEST_HOLD = "hold", "Longest hold"  # timed holds: the longest duration
    HEAVIEST_CARRY = "carry", "Heaviest carry"  # carries: the heaviest load over a distance


class PersonalRecord(Timestamped):
    """A best at the time it was set; history is kept, the newest row per key is current."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_records"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=RecordKind.choices)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    value_kg = models.DecimalField(max_digits=6, decimal_places=2)  # the load (0: none)
    duration_s = models.PositiveIntegerField(null=True, blank=True)  # a hold's record
    distance_m = models.FloatField(null=True, blank=True)  # the distance of a carry's record
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
    SKI = "ski"  # ski erg


class RunSession(Timestamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runs"
    )
    activity = models.CharField(max_length=8, choices=Activity.choices, default=Activity.RUN)
    started_at = models.DateTimeField(validators=[validate_not_before_earliest])
    distance_m = models.FloatField(null=True, blank=True, validators=[validate_run_distance])
    duration_s = models.PositiveIntegerField(
        validators=[
            MinValueValidator(limits.MIN_RUN_DURATION_S),
            MaxValueValidator(limits.MAX_RUN_DURATION_S),
        ]
    )
    avg_hr = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=HEART_RATE_VALIDATORS
    )
    max_hr = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=HEART_RATE_VALIDATORS
    )
    elevation_gain_m = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(limits.MAX_ELEVATION_GAIN_M)],
    )
    splits = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True, default="", max_length=limits.MAX_NOTES_LENGTH)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    rpe = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=RPE_VALIDATORS, help_text="Session RPE (Foster), 1-10."
    )
    calories = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(limits.MIN_RUN_CALORIES),
            MaxValueValidator(limits.MAX_RUN_CALORIES),
        ],
        help_text="Calories the erg, bike or watch counted.",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "-started_at"], name="run_user_started")]
        constraints = [
            models.CheckConstraint(
                condition=_moment_in_range("started_at"), name="run_started_in_range"
            ),
            models.CheckConstraint(
                condition=Q(distance_m__isnull=True)
                | Q(distance_m=0)
                | Q(
                    distance_m__gte=limits.MIN_RUN_DISTANCE_M,
                    distance_m__lte=limits.MAX_RUN_DISTANCE_M,
                ),
                name="run_distance_zero_or_real",
            ),
            models.CheckConstraint(
                condition=Q(
                    duration_s__gte=limits.MIN_RUN_DURATION_S,
                    duration_s__lte=limits.MAX_RUN_DURATION_S,
                ),
                name="run_duration_range",
            ),
            models.CheckConstraint(
                condition=_optional_range("avg_hr", limits.MIN_HEART_RATE, limits.MAX_HEART_RATE)
                & _optional_range("max_hr", limits.MIN_HEART_RATE, limits.MAX_HEART_RATE),
                name="run_heart_rate_range",
            ),
            models.CheckConstraint(
                condition=_optional_range("rpe", limits.MIN_RPE, limits.MAX_RPE),
                name="run_rpe_range",
            ),
            models.CheckConstraint(
                condition=_optional_range(
                    "calories", limits.MIN_RUN_CALORIES, limits.MAX_RUN_CALORIES
                ),
                name="run_calories_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.distance_m} m in {self.duration_s} s"

    def clean(self) -> None:
        if self.avg_hr and self.max_hr and self.avg_hr > self.max_hr:
            raise ValidationError({"avg_hr": ["Must not exceed max_hr."]}, code="invalid_range")

    @property
    def pace_s_per_km(self) -> float | None:
        """Seconds per kilometre; None when the distance was not measured (or is not a distance)."""
        if self.distance_m is None or self.distance_m < limits.MIN_RUN_DISTANCE_M:
            return None  # "1e-310 m" stored before the bounds reads as unmeasured
        return pace_s_per_km(self.distance_m, self.duration_s)


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
        validators=[MinValueValidator(limits.MIN_SEVERITY), MaxValueValidator(limits.MAX_SEVERITY)]
    )
    status = models.CharField(
        max_length=12, choices=InjuryStatus.choices, default=InjuryStatus.ACTIVE
    )
    onset_date = models.DateField(validators=[validate_not_before_earliest])
    resolved_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, default="", max_length=limits.MAX_NOTES_LENGTH)

    class Meta:
        ordering = ["-onset_date", "-id"]
        verbose_name_plural = "injuries"
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=limits.MIN_SEVERITY)
                & Q(severity__lte=limits.MAX_SEVERITY),
                name="injury_severity_range",
            ),
            models.CheckConstraint(
                condition=Q(onset_date__gte=limits.EARLIEST_DATE)
                & Q(onset_date__lt=limits.LATEST_DATE),
                name="injury_onset_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.body_region} ({self.status})"

    def clean(self) -> None:
        if self.resolved_date and self.onset_date and self.resolved_date < self.onset_date:
            raise ValidationError(
                {"resolved_date": ["Must not be before onset."]}, code="invalid_range"
            )


# Check-ins live in their own module; importing them here registers the model with the app.
from training.checkins import CheckIn  # noqa: E402, F401
