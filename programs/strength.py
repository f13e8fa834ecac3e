"""The strength generator: a split by training days, a template by goal and experience, exercises
from the athlete's catalog and injuries, loads from e1RMs, deloads every 4-6 weeks."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from programs import limits
from programs.catalog import Catalog, Choice
from programs.loads import (
    CYCLE_INCREMENT_PLATES,
    TRAINING_MAX,
    WENDLER_DELOAD,
    deload_ceiling,
    round_to_plate,
    start_load,
    training_max,
    wendler_sets,
)
from programs.plan import (
    STRENGTH,
    ExerciseOption,
    ExercisePrescription,
    InjuryConstraint,
    PlanConstraints,
    ProgramPlan,
    SessionPlan,
    WeekPlan,
)
from programs.splits import ACCESSORY, MAIN, SECONDARY, SPLITS, TRAINING_DAYS, Slot
from training.science.rpe import load_for

VERSION = "1"
LOWER_BODY = frozenset({"squat", "hinge", "lunge", "isolation_lower"})
WENDLER_PATTERNS = frozenset({"squat", "hinge", "horizontal_push", "vertical_push"})
FILLER_PATTERNS = ("isolation_upper", "core", "isolation_lower", "lunge")
MIN_EXERCISES_PER_SESSION = 2
WAVE_NAMES = ("5s", "3s", "5/3/1")
# Novices add about 1.5 % to their e1RM a week; linear loads never outrun RPE 9 of that.
NOVICE_WEEKLY_GAIN = 0.015


class ProgramInfeasible(ValueError):
    """No runnable plan exists for this questionnaire (the message says why)."""


@dataclass(frozen=True)
class StrengthQuestionnaire:
    goal: str
    experience_level: str
    days_per_week: int
    session_minutes: int
    equipment: frozenset[str]
    weeks: int
    start_date: date
    one_rep_max_kg: dict[int, float] = field(default_factory=dict)
    plate_kg: float = limits.PLATE_KG


@dataclass
class SlotSpec:
    """One exercise of a session, before the week's numbers: trimmed to fit the minutes."""

    slot: Slot
    option: ExerciseOption
    sets: int
    rest_s: int
    note: str = ""

    @property
    def role(self) -> str:
        return self.slot.role


@dataclass
class SessionSpec:
    title: str
    slots: list[SlotSpec]


@dataclass(frozen=True)
class WeekShape:
    """Where a week sits: deload or not, which cycle, which week of the cycle, hard weeks so far."""

    deload: bool
    cycle: int
    cycle_week: int
    hard_index: int


# --- templates --------------------------------------------------------------------------------


class Template:
    """A progression scheme: how many hard weeks before a deload, and each hard week's rows."""

    name = ""
    accumulation_weeks = 4
    sets = {MAIN: 3, SECONDARY: 3, ACCESSORY: 2}
    rest = {MAIN: 180, SECONDARY: 120, ACCESSORY: 75}

    def __init__(self, q: StrengthQuestionnaire, e1rms: dict[int, float]) -> None:
        self.q = q
        self.e1rms = e1rms

    def accumulation(self, weeks: int) -> int:
        return min(self.accumulation_weeks, 3) if weeks <= 4 else self.accumulation_weeks

    def shapes(self, weeks: int) -> list[WeekShape]:
        acc = self.accumulation(weeks)
        shapes, hard = [], 0
        for index in range(weeks):
            cycle, position = divmod(index, acc + 1)
            deload = position == acc
            hard += 0 if deload else 1
            shapes.append(WeekShape(deload, cycle + 1, position + 1, hard))
        return shapes

    def focus(self, shape: WeekShape) -> str:
        raise NotImplementedError

    def rows(self, spec: SlotSpec, shape: WeekShape) -> list[ExercisePrescription]:
        raise NotImplementedError

    def deload_rows(self, spec: SlotSpec, shape: WeekShape, before: list[ExercisePrescription]):
        """Last week's rows at 90 % load, 2 more reps in reserve, 2 RPE easier."""
        return [self.deload_row(row) for row in before]

    def deload_row(self, row: ExercisePrescription) -> ExercisePrescription:
        """One row of a deload: 90 % of its load rounded down to the plate, or, when that is no
        lighter (the load is already the smallest plate step), an effort target instead."""
        ratio, easier = limits.DELOAD_LOAD_RATIO, limits.DELOAD_RIR_INCREASE
        changes: dict[str, Any] = {
            "percent_1rm": None if row.percent_1rm is None else round(row.percent_1rm * ratio, 3),
            "rir": None if row.rir is None else min(row.rir + easier, limits.MAX_RIR),
            "rpe": None if row.rpe is None else max(row.rpe - easier, limits.MIN_RPE),
            "note": "Deload: same movements, lighter and fewer sets.",
        }
        if row.load_kg is not None:
            lighter = round_to_plate(row.load_kg * ratio, self.q.plate_kg, down=True)
            if lighter <= deload_ceiling(row.load_kg):
                changes["load_kg"] = lighter
            else:
                changes.update(load_kg=None, rir=limits.DELOAD_EFFORT_RIR)
                changes["note"] = (
                    "Deload: the lightest load already, so stop "
                    f"{limits.DELOAD_EFFORT_RIR} reps short of failure, with fewer sets."
                )
        return row.copy(**changes)

    def row(self, spec: SlotSpec, **values: Any) -> ExercisePrescription:
        values.setdefault("sets", spec.sets)
        values.setdefault("rest_s", spec.rest_s)
        values.setdefault("note", spec.note)
        return ExercisePrescription(
            exercise_id=spec.option.id,
            exercise_name=spec.option.name,
            order=0,
            role=spec.role,
            **values,
        )

    def increment(self, spec: SlotSpec) -> float:
        plates = CYCLE_INCREMENT_PLATES["lower" if spec.option.pattern in LOWER_BODY else "upper"]
        return plates * self.q.plate_kg

    def loadable(self, spec: SlotSpec) -> float | None:
        """The e1RM when the lift is loaded in plates (a bodyweight move gets an effort target)."""
        if spec.option.bodyweight:
            return None
        return self.e1rms.get(spec.option.id)

    def accessory(self, spec: SlotSpec, rir: int) -> ExercisePrescription:
        low, high = (8, 10) if spec.role == SECONDARY else (10, 15)
        return self.row(spec, reps_min=low, reps_max=high, rir=rir)


class LinearTemplate(Template):
    """Novice linear progression: the same sets every week, a little more on the bar each week."""

    name = "linear"

    def reps(self) -> int:
        return 5 if self.q.goal == "strength" else 8

    def focus(self, shape: WeekShape) -> str:
        return "deload" if shape.deload else f"linear progression, week {shape.hard_index}"

    def rows(self, spec: SlotSpec, shape: WeekShape) -> list[ExercisePrescription]:
        if spec.role != MAIN:
            return [self.accessory(spec, rir=2)]
        reps, step = self.reps(), shape.hard_index - 1
        e1rm = self.loadable(spec)
        if e1rm is None:
            return [self.row(spec, reps=reps, rpe=min(7.0 + 0.5 * step, 9.0))]
        first = start_load(e1rm, reps, 6.5, self.q.plate_kg)
        ceiling = load_for(e1rm * (1 + NOVICE_WEEKLY_GAIN * step), reps, 9.0)
        load = min(first + step * self.increment(spec), ceiling)
        return [self.row(spec, reps=reps, load_kg=round_to_plate(load, self.q.plate_kg, down=True))]


class WendlerTemplate(Template):
    """5/3/1 with "first set last" supplemental work: three-week waves, the fourth a deload."""

    name = "5/3/1"
    accumulation_weeks = 3
    sets = {MAIN: 5, SECONDARY: 3, ACCESSORY: 3}
    # Without a known 1RM the waves run on effort: the same rising shape, a conservative start.
    fallback_rpe = ((6.5, 7.0, 8.0), (7.0, 7.5, 8.5), (7.0, 8.0, 9.0))

    def accumulation(self, weeks: int) -> int:
        return 3

    def focus(self, shape: WeekShape) -> str:
        if shape.deload:
            return "deload (40/50/60 % of training max)"
        wave = WAVE_NAMES[shape.cycle_week - 1]
        return f"5/3/1 cycle {shape.cycle}, week {shape.cycle_week} ({wave})"

    def one_rm(self, spec: SlotSpec, cycle: int) -> float | None:
        e1rm = self.loadable(spec)
        if e1rm is None:
            return None
        # The training max rises by one increment per cycle; 1RM = TM / 0.9.
        return e1rm + (cycle - 1) * self.increment(spec) / TRAINING_MAX

    def is_wendler(self, spec: SlotSpec) -> bool:
        return spec.role == MAIN and spec.option.pattern in WENDLER_PATTERNS

    def main_rows(
        self, spec: SlotSpec, sets: Sequence[tuple[float, int]], *, plus: bool
    ) -> list[ExercisePrescription]:
        """One single-set row per work set: a load from the training max, or an RPE."""
        rows = []
        for n, (value, reps) in enumerate(sets):
            last = plus and n == len(sets) - 1
            reps_values = {"reps_min": reps, "reps_max": reps + 5} if last else {"reps": reps}
            note = "The '+' set: as many clean reps as you can within the range." if last else ""
            loaded = spec.option.id in self.e1rms and not spec.option.bodyweight
            target = (
                {"load_kg": round_to_plate(value, self.q.plate_kg)} if loaded else {"rpe": value}
            )
            rows.append(self.row(spec, sets=1, note=note or spec.note, **reps_values, **target))
        return rows

    def rows(self, spec: SlotSpec, shape: WeekShape) -> list[ExercisePrescription]:
        if not self.is_wendler(spec):
            if spec.role == MAIN:
                return [self.row(spec, reps_min=6, reps_max=8, rir=2)]
            return [self.accessory(spec, rir=2)]
        one_rm = self.one_rm(spec, shape.cycle)
        week = shape.cycle_week
        if one_rm is None:
            reps = [reps for _, reps in wendler_sets(100.0, week)]
            work = list(zip(self.fallback_rpe[week - 1], reps, strict=True))
            supplemental: dict[str, Any] = {"rpe": 7.0}
        else:
            work = wendler_sets(one_rm, week)
            supplemental = {"load_kg": round_to_plate(work[0][0], self.q.plate_kg)}
        rows = self.main_rows(spec, work, plus=True)
        fsl = self.row(
            spec, reps=5, note="First set last: the first work set's load for 5s.", **supplemental
        )
        return [*rows, fsl]

    def deload_rows(self, spec: SlotSpec, shape: WeekShape, before: list[ExercisePrescription]):
        rows = super().deload_rows(spec, shape, before)
        one_rm = self.one_rm(spec, shape.cycle)
        if not self.is_wendler(spec) or one_rm is None:
            return rows
        tm = training_max(one_rm)
        work = [(tm * fraction, reps) for fraction, reps in WENDLER_DELOAD]
        # Wendler's deload week is the three sets alone: no supplemental "first set last" work.
        wave = self.main_rows(spec, work, plus=False)
        heaviest = max((row.load_kg for row in before if row.load_kg is not None), default=None)
        if heaviest is not None and any(
            row.load_kg is not None and row.load_kg > deload_ceiling(heaviest) for row in wave
        ):
            return rows  # loads too light for the wave's percentages in plates: by effort
        return wave


class RirHypertrophyTemplate(Template):
    """An RIR-based hypertrophy block: RIR 3 -> 2 -> 1 -> 0 over the accumulation weeks."""

    name = "rir_hypertrophy"
    sets = {MAIN: 3, SECONDARY: 3, ACCESSORY: 3}
    rest = {MAIN: 150, SECONDARY: 120, ACCESSORY: 75}

    def rir(self, shape: WeekShape) -> int:
        return max(3 - (shape.cycle_week - 1), 0)

    def focus(self, shape: WeekShape) -> str:
        return "deload" if shape.deload else f"accumulation, RIR {self.rir(shape)}"

    def rows(self, spec: SlotSpec, shape: WeekShape) -> list[ExercisePrescription]:
        rir = self.rir(shape)
        if spec.role != MAIN:
            return [self.accessory(spec, rir=rir)]
        low, high = (6, 10) if self.q.goal == "hypertrophy" else (8, 12)
        note = spec.note
        e1rm = self.loadable(spec)
        if e1rm is not None:
            kg = round_to_plate(load_for(e1rm, high, 10 - rir), self.q.plate_kg, down=True)
            note = " ".join(filter(None, [note, f"Start near {kg:g} kg."]))
        return [self.row(spec, reps_min=low, reps_max=high, rir=rir, note=note)]


def pick_template(q: StrengthQuestionnaire, e1rms: dict[int, float]) -> Template:
    if q.experience_level == "beginner":
        return LinearTemplate(q, e1rms)
    if q.goal == "strength":
        return WendlerTemplate(q, e1rms)
    return RirHypertrophyTemplate(q, e1rms)


# --- exercises and injuries -------------------------------------------------------------------


def _adjustment(choice: Choice, slot: Slot) -> dict[str, Any] | None:
    injury = choice.injury
    if injury is None:
        return None
    base = {"region": injury.region, "severity": injury.severity, "action": choice.action}
    if choice.action == "kept" and choice.option:
        return {
            **base,
            "exercise": choice.option.name,
            "message": f"{choice.option.name} stays: the {injury.region} is mildly sore "
            f"(severity {injury.severity}); work pain-free and stop if pain passes 3/10.",
        }
    if choice.action == "replaced" and choice.option and choice.replaced:
        return {
            **base,
            "exercise": choice.replaced.name,
            "replacement": choice.option.name,
            "message": f"{choice.option.name} replaces {choice.replaced.name}, which loads the "
            f"injured {injury.region} (severity {injury.severity}).",
        }
    name = choice.replaced.name if choice.replaced else slot.pattern
    referral = (
        f" See a physiotherapist or doctor about the {injury.region} before loading it again."
        if injury.severity >= 7
        else " No exercise of its kind spares it with the equipment available."
    )
    return {
        **base,
        "exercise": name,
        "message": f"{name} is left out: it loads the {injury.region} "
        f"(severity {injury.severity}).{referral}",
    }


def _note(choice: Choice) -> str:
    if choice.action == "kept" and choice.injury:
        return f"Mind the {choice.injury.region}: pain-free range, stop if pain passes 3/10."
    return ""


def build_sessions(
    template: Template, catalog: Catalog, days: int
) -> tuple[str, list[SessionSpec], list[dict[str, Any]]]:
    split, sessions = SPLITS[days]
    specs, adjustments = [], []
    for title, slots in sessions:
        chosen: list[SlotSpec] = []
        used: frozenset[int] = frozenset()
        for slot in slots:
            choice = catalog.choose(slot.pattern, slot.variant, used)
            adjustment = _adjustment(choice, slot)
            if adjustment and adjustment not in adjustments:
                adjustments.append(adjustment)
            if choice.option is None:
                continue
            used |= {choice.option.id}
            chosen.append(
                SlotSpec(
                    slot,
                    choice.option,
                    template.sets[slot.role],
                    template.rest[slot.role],
                    _note(choice),
                )
            )
        # Slots the injuries emptied are refilled with safe accessory work, so a session keeps
        # its length ("upper day" with an injured shoulder: arms, core, a lower-body accessory).
        while len(chosen) < len(slots):
            counts = Counter(spec.option.pattern for spec in chosen)
            patterns = sorted(FILLER_PATTERNS, key=lambda pattern: counts[pattern])
            option = catalog.filler(patterns, used)
            if option is None:
                break
            used |= {option.id}
            slot = Slot(option.pattern, ACCESSORY)
            note = _note(Choice(option, "kept", catalog.worst(option)))
            chosen.append(
                SlotSpec(slot, option, template.sets[ACCESSORY], template.rest[ACCESSORY], note)
            )
        if len(chosen) < MIN_EXERCISES_PER_SESSION:
            raise ProgramInfeasible(
                f"{title}: no exercise is safe for the injuries with the equipment available."
            )
        specs.append(SessionSpec(title, chosen))
    return split, specs, adjustments


# --- fitting the minutes ----------------------------------------------------------------------


def _session_seconds(template: Template, spec: SessionSpec, shapes: Sequence[WeekShape]) -> int:
    return max(
        sum(row.estimated_s for slot in spec.slots for row in template.rows(slot, shape))
        for shape in shapes
    )


def _trim_once(spec: SessionSpec) -> bool:
    """One step of cutting a session to its minutes, cheapest for the training effect first."""
    by_role = {
        role: [s for s in spec.slots if s.role == role] for role in (MAIN, SECONDARY, ACCESSORY)
    }
    steps = [
        (by_role[ACCESSORY], lambda s: s.rest_s > 60, lambda s: setattr(s, "rest_s", 60)),
        (by_role[SECONDARY], lambda s: s.rest_s > 90, lambda s: setattr(s, "rest_s", 90)),
        (by_role[MAIN], lambda s: s.sets > 3, lambda s: setattr(s, "sets", s.sets - 1)),
        (
            by_role[SECONDARY] + by_role[ACCESSORY],
            lambda s: s.sets > 2,
            lambda s: setattr(s, "sets", s.sets - 1),
        ),
        (by_role[MAIN], lambda s: s.rest_s > 120, lambda s: setattr(s, "rest_s", s.rest_s - 30)),
    ]
    for rows, wanted, change in steps:
        for slot in reversed(rows):
            if wanted(slot):
                change(slot)
                return True
    if len(spec.slots) > MIN_EXERCISES_PER_SESSION:
        spec.slots.pop()
        return True
    return False


def fit_minutes(
    template: Template, specs: list[SessionSpec], shapes: list[WeekShape], minutes: int
) -> None:
    hard = [shape for shape in shapes if not shape.deload][: template.accumulation_weeks]
    for spec in specs:
        while _session_seconds(template, spec, hard) > minutes * 60:
            if not _trim_once(spec):
                raise ProgramInfeasible(f"{spec.title} cannot fit in {minutes} minutes.")


# --- weeks ------------------------------------------------------------------------------------


def reduce_sets(sessions: list[list[ExercisePrescription]], before_total: int) -> None:
    """Cut whole sets, most-set rows first, until the week keeps 50-60 % of its hard sets; a
    single-set row goes entirely when nothing else is left to cut (the session keeps one row)."""
    target = math.floor(before_total * limits.DELOAD_SETS_MAX_RATIO)
    total = sum(row.sets for rows in sessions for row in rows)
    while total > target:
        candidates = [row for rows in sessions for row in rows if row.sets > 1]
        if candidates:
            max(reversed(candidates), key=lambda r: r.sets).sets -= 1
        else:
            longest = max(sessions, key=len)
            if len(longest) <= 1:
                return
            longest.pop()
        total -= 1


def build_weeks(
    template: Template, specs: list[SessionSpec], shapes: list[WeekShape], start: date, days: int
) -> list[WeekPlan]:
    weeks: list[WeekPlan] = []
    previous: list[list[list[ExercisePrescription]]] = []
    for index, shape in enumerate(shapes, start=1):
        week_start = start + timedelta(days=7 * (index - 1))
        current: list[list[list[ExercisePrescription]]] = []
        for s, spec in enumerate(specs):
            if shape.deload and previous:
                current.append(
                    [
                        template.deload_rows(slot, shape, previous[s][n])
                        for n, slot in enumerate(spec.slots)
                    ]
                )
            else:
                current.append([template.rows(slot, shape) for slot in spec.slots])
        flats = [[row for slot in rows for row in slot] for rows in current]
        if shape.deload and previous:
            before = sum(row.sets for session in previous for slot in session for row in slot)
            reduce_sets(flats, before)
        sessions = []
        for spec, offset, flat in zip(specs, TRAINING_DAYS[days], flats, strict=True):
            for order, row in enumerate(flat, start=1):
                row.order = order
            day = week_start + timedelta(days=offset)
            sessions.append(SessionPlan(day.isoweekday(), day, spec.title, exercises=flat))
        weeks.append(WeekPlan(index, template.focus(shape), shape.deload, sessions))
        previous = current
    return weeks


def generate_strength(
    q: StrengthQuestionnaire,
    options: Sequence[ExerciseOption],
    injuries: Sequence[InjuryConstraint],
    e1rms: dict[int, float],
) -> ProgramPlan:
    """The whole plan as data; the caller validates it before saving."""
    known = {**e1rms, **q.one_rep_max_kg}
    template = pick_template(q, known)
    catalog = Catalog(options, q.equipment, injuries)
    split, specs, adjustments = build_sessions(template, catalog, q.days_per_week)
    shapes = template.shapes(q.weeks)
    fit_minutes(template, specs, shapes, q.session_minutes)
    weeks = build_weeks(template, specs, shapes, q.start_date, q.days_per_week)
    used = {row.exercise_id for week in weeks for s in week.sessions for row in s.exercises}
    constraints = PlanConstraints(
        equipment=q.equipment,
        exercise_equipment={o.id: tuple(o.equipment) for o in options if o.id in used},
        injuries=tuple(injuries),
        session_minutes=q.session_minutes,
        days_per_week=q.days_per_week,
        plate_kg=q.plate_kg,
    )
    return ProgramPlan(
        kind=STRENGTH,
        goal=q.goal,
        start_date=q.start_date,
        generator=f"strength/{template.name}",
        generator_version=VERSION,
        weeks=weeks,
        constraints=constraints,
        adjustments=adjustments,
        facts={
            "template": template.name,
            "split": split,
            "e1rm_kg": {str(k): round(v, 1) for k, v in known.items() if k in used},
            "deload_weeks": [w.index for w in weeks if w.deload],
        },
    )
