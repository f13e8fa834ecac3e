"""A program as plain data: what the generators build, the validator checks and services save."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from programs.limits import SECONDS_PER_REP

STRENGTH = "strength"
RUNNING = "running"


@dataclass(frozen=True)
class ExerciseOption:
    """A catalog entry as the generators see it."""

    id: int
    slug: str
    name: str
    pattern: str
    equipment: tuple[str, ...]
    primary_muscles: tuple[str, ...] = ()
    category: str = "strength"
    bodyweight: bool = False


@dataclass(frozen=True)
class InjuryConstraint:
    """An open injury and the catalog ids of the exercises that load its region."""

    region: str
    severity: int
    loading_ids: frozenset[int] = frozenset()


@dataclass
class ExercisePrescription:
    exercise_id: int
    exercise_name: str
    order: int
    sets: int
    rest_s: int
    reps: int | None = None
    reps_min: int | None = None
    reps_max: int | None = None
    percent_1rm: float | None = None
    load_kg: float | None = None
    rpe: float | None = None
    rir: int | None = None
    note: str = ""
    role: str = "accessory"

    @property
    def top_reps(self) -> int:
        """The most reps a set asks for: what the time estimate counts."""
        return self.reps or self.reps_max or self.reps_min or 0

    @property
    def work_s(self) -> int:
        return self.top_reps * SECONDS_PER_REP

    @property
    def estimated_s(self) -> int:
        """sets x (work + rest): the issue's session-time formula."""
        return self.sets * (self.work_s + self.rest_s)

    def copy(self, **changes: Any) -> ExercisePrescription:
        return replace(self, **changes)


@dataclass
class RunPrescription:
    type: str
    distance_m: float
    duration_s: int
    pace_min_s_per_km: float
    pace_max_s_per_km: float
    hr_zone: int
    quality_m: float = 0.0
    reps: int | None = None
    rep_distance_m: float | None = None
    recovery_s: int | None = None
    note: str = ""


@dataclass
class SessionPlan:
    weekday: int
    planned_date: date
    title: str
    exercises: list[ExercisePrescription] = field(default_factory=list)
    runs: list[RunPrescription] = field(default_factory=list)

    @property
    def estimated_s(self) -> int:
        return sum(item.estimated_s for item in self.exercises)

    @property
    def distance_m(self) -> float:
        return sum(run.distance_m for run in self.runs)


@dataclass
class WeekPlan:
    index: int
    focus: str
    deload: bool
    sessions: list[SessionPlan] = field(default_factory=list)

    @property
    def hard_sets(self) -> int:
        return sum(item.sets for session in self.sessions for item in session.exercises)

    def runs(self, *, include_race: bool = False) -> list[RunPrescription]:
        return [
            run
            for session in self.sessions
            for run in session.runs
            if include_race or run.type != "race"
        ]

    @property
    def training_m(self) -> float:
        """The week's distance without the race: the race is a test, not training load."""
        return sum(run.distance_m for run in self.runs())

    @property
    def is_taper(self) -> bool:
        return self.focus.startswith("taper")


@dataclass
class PlanConstraints:
    """What the program was built for; the validator checks the plan against it."""

    equipment: frozenset[str] = frozenset()
    exercise_equipment: dict[int, tuple[str, ...]] = field(default_factory=dict)
    injuries: tuple[InjuryConstraint, ...] = ()
    session_minutes: int | None = None
    days_per_week: int | None = None
    plate_kg: float = 2.5
    runs_per_week: int | None = None
    current_weekly_km: float | None = None
    race_distance_m: float | None = None
    race_date: date | None = None
    taper_weeks: tuple[int, int] = (0, 0)

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe, stored with the program so its validation can be recomputed on read."""
        return {
            "equipment": sorted(self.equipment),
            "exercise_equipment": {str(k): list(v) for k, v in self.exercise_equipment.items()},
            "injuries": [
                {"region": i.region, "severity": i.severity, "loading_ids": sorted(i.loading_ids)}
                for i in self.injuries
            ],
            "session_minutes": self.session_minutes,
            "days_per_week": self.days_per_week,
            "plate_kg": self.plate_kg,
            "runs_per_week": self.runs_per_week,
            "current_weekly_km": self.current_weekly_km,
            "race_distance_m": self.race_distance_m,
            "race_date": self.race_date.isoformat() if self.race_date else None,
            "taper_weeks": list(self.taper_weeks),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanConstraints:
        race_date = data.get("race_date")
        return cls(
            equipment=frozenset(data.get("equipment", ())),
            exercise_equipment={
                int(k): tuple(v) for k, v in data.get("exercise_equipment", {}).items()
            },
            injuries=tuple(
                InjuryConstraint(i["region"], i["severity"], frozenset(i["loading_ids"]))
                for i in data.get("injuries", ())
            ),
            session_minutes=data.get("session_minutes"),
            days_per_week=data.get("days_per_week"),
            plate_kg=data.get("plate_kg", 2.5),
            runs_per_week=data.get("runs_per_week"),
            current_weekly_km=data.get("current_weekly_km"),
            race_distance_m=data.get("race_distance_m"),
            race_date=date.fromisoformat(race_date) if race_date else None,
            taper_weeks=tuple(data.get("taper_weeks", (0, 0))),  # type: ignore[arg-type]
        )


@dataclass
class ProgramPlan:
    kind: str
    goal: str
    start_date: date
    generator: str
    generator_version: str
    weeks: list[WeekPlan] = field(default_factory=list)
    constraints: PlanConstraints = field(default_factory=PlanConstraints)
    race_date: date | None = None
    race_distance_m: float | None = None
    adjustments: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def sessions(self) -> list[tuple[WeekPlan, SessionPlan]]:
        return [(week, session) for week in self.weeks for session in week.sessions]
