"""UserContextBuilder: the compact, cached picture of an athlete that every AI endpoint uses.

The context is a JSON-safe dict assembled from *sections*, each a small class that runs a fixed
number of queries and returns its part. Other apps add theirs with :func:`register_section`
(programs will replace ``active_program`` this way), so the builder never grows a branch per
feature. The result is cached for an hour under ``user_context:{user_id}:g{generation}``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import ATHLETE_FIELDS, Profile
from coach.cache import ContextFound, context_invalidate, user_context_key, user_context_lookup
from core import metrics
from core.cache import cached_build
from core.db.batch import fetch_together
from core.db.prepared import Arg, BoundQuery, PreparedQuery
from training.localtime import day_start, local_date, zone_named
from training.models import (
    Injury,
    InjuryStatus,
    Pattern,
    PersonalRecord,
    RecordKind,
    RunSession,
    SetLog,
    WorkoutSession,
)
from training.science.running import pace_s_per_km

SCHEMA_VERSION = 1
RECENT_DAYS = 14
HISTORY_WEEKS = 4
MAIN_LIFT_PATTERNS = {
    Pattern.SQUAT.value: "squat",
    Pattern.HINGE.value: "hinge",
    Pattern.HORIZONTAL_PUSH.value: "horizontal_push",
    Pattern.VERTICAL_PUSH.value: "vertical_push",
    Pattern.VERTICAL_PULL.value: "vertical_pull",
    Pattern.HORIZONTAL_PULL.value: "horizontal_pull",
}


def _whole_seconds(value: float | None) -> int | None:
    return None if value is None else round(value)


def _num(value: Any, places: int = 1) -> float | None:
    return None if value is None else round(float(value), places)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def context_zone(parts: dict[str, Any]) -> ZoneInfo:
    """The athlete's time zone, from the profile section (UTC without a profile): every date in
    the context is a calendar day where the athlete lives, as the analytics date them."""
    return zone_named((parts.get("profile") or {}).get("timezone"))


# A part one section reads for a later one (private: left out of the context)
ADHERENCE_STARTS = "_adherence_starts"


def adherence_first_week(now: datetime, parts: dict[str, Any]) -> date:
    """The Monday of the first of the adherence weeks (the current one is the last)."""
    return _week_start(local_date(now, context_zone(parts))) - timedelta(weeks=HISTORY_WEEKS - 1)


SectionQuery = QuerySet[Any, Any] | BoundQuery | None
_USER = Arg("user_id", IntegerField())
_SINCE = Arg("since", DateTimeField())


class ContextSection:
    """One part of the context: ``name`` is its key, ``build`` returns JSON-safe data.

    ``build`` receives the user, ``now`` and the parts built so far (sections run in order),
    and must run a fixed number of queries whatever the athlete's history.

    A *batched* section reads with one ``values_list`` queryset from ``query`` instead (None:
    nothing to read), and the builder sends the batched sections' queries together, in one
    round trip; ``from_rows`` then turns its rows (None without a query) into the part. A
    ``query`` sees the parts of the unbatched sections before the first batched one (the
    profile: every date is a day in the athlete's zone) and what earlier ``query`` calls left
    in ``parts``; a ``from_rows`` sees every part before it, as ``build`` would.
    """

    name: str = ""
    batched: bool = False

    def build(self, user: Any, now: datetime, parts: dict[str, Any]) -> Any:
        if not self.batched:
            raise NotImplementedError
        query = self.query(user, now, parts)
        if query is None:
            return self.from_rows(None, user, now, parts)
        return self.from_rows(fetch_together(query)[0], user, now, parts)

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> SectionQuery:
        """The section's read: a ``values_list`` queryset or a bound prepared query."""
        raise NotImplementedError

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        raise NotImplementedError


class ProfileSection(ContextSection):
    name = "profile"
    fields = ATHLETE_FIELDS
    read = PreparedQuery(
        lambda: Profile.objects.filter(user_id=_USER).values_list(*ProfileSection.fields)[:1]
    )

    def build(self, user: Any, now: datetime, parts: dict[str, Any]) -> Any:
        rows = self.read.bind({"user_id": user.pk}).rows()
        if not rows:
            return None
        profile = dict(zip(self.fields, rows[0], strict=True))
        birth_year = profile["birth_year"]
        return {
            "unit_system": profile["unit_system"],
            "sex": profile["sex"],
            "age": now.year - birth_year if birth_year else None,
            "bodyweight_kg": _num(profile["bodyweight_kg"]),
            "height_cm": _num(profile["height_cm"]),
            "experience_level": profile["experience_level"],
            "goals": list(profile["goals"]),
            "training_days_per_week": profile["training_days_per_week"],
            "session_length_min": profile["session_length_min"],
            "equipment_available": list(profile["equipment_available"]),
            "running_background": profile["running_background"],
            "weekly_running_km": _num(profile["weekly_running_km"]),
            "birth_year": birth_year,
            "timezone": profile["timezone"],
            "resting_hr": profile["resting_hr"],
            "max_hr": profile["max_hr"],
        }


class TrainingAgeSection(ContextSection):
    name = "training_age"
    batched = True

    read = PreparedQuery(
        lambda: (
            WorkoutSession.objects.filter(user_id=_USER)
            .order_by()
            .values("user_id")
            .annotate(
                first=Min("started_at"),
                sessions=Count("id"),
                recent=ArrayAgg("started_at", filter=Q(started_at__gte=_SINCE), default=Value([])),
            )
            .values_list("first", "sessions", "recent")
        )
    )

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> SectionQuery:
        # the start times adherence counts come with the same aggregate (one read)
        since = day_start(adherence_first_week(now, parts), context_zone(parts))
        parts[ADHERENCE_STARTS] = (since, None)  # read here: adherence reads nothing itself
        return self.read.bind({"user_id": user.pk, "since": since})

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        first, sessions, recent = rows[0] if rows else (None, 0, [])
        since = day_start(adherence_first_week(now, parts), context_zone(parts))
        parts[ADHERENCE_STARTS] = (since, recent)
        return {
            "first_session": local_date(first, context_zone(parts)).isoformat() if first else None,
            "weeks": (now - first).days // 7 if first else 0,
            "total_sessions": sessions,
        }


@dataclass(frozen=True)
class _SetRow:
    session_id: int
    day: date  # the session's local day
    this_week: bool  # the session started in the last 7 days
    exercise: str
    primary: list[str]
    secondary: list[str]
    reps: int | None
    weight_kg: Any
    rpe: Any


class _SessionSummary:
    """One session of the recent window: set count, tonnage and each exercise's top set."""

    def __init__(self, day: date) -> None:
        self.date = day.isoformat()
        self.sets = 0
        self.tonnage_kg = 0.0
        self.exercises: dict[str, dict[str, Any]] = {}

    def add(self, row: _SetRow) -> None:
        self.sets += 1
        self.tonnage_kg += float(row.weight_kg or 0) * (row.reps or 0)  # holds, carries: no reps
        best = self.exercises.setdefault(row.exercise, {"sets": 0, "top_kg": None, "top_reps": 0})
        best["sets"] += 1
        if row.weight_kg is not None and (best["top_kg"] is None or row.weight_kg > best["top_kg"]):
            best["top_kg"], best["top_reps"] = row.weight_kg, row.reps
        if row.rpe is not None:
            best["rpe"] = _num(row.rpe)

    @staticmethod
    def _exercise(name: str, ex: dict[str, Any]) -> dict[str, Any]:
        top = (
            f"{ex['top_reps']} x {_num(ex['top_kg'])} kg"
            if ex["top_kg"] is not None
            else "bodyweight"
        )
        return {
            "name": name,
            "sets": ex["sets"],
            "top_set": top,
            **({"rpe": ex["rpe"]} if "rpe" in ex else {}),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "sets": self.sets,
            "tonnage_kg": round(self.tonnage_kg, 1),
            "exercises": [self._exercise(name, ex) for name, ex in self.exercises.items()],
        }


class _MuscleVolume:
    """Sets per muscle in this week and the one before (primary 1, secondary 0.5)."""

    def __init__(self) -> None:
        self.buckets: defaultdict[str, defaultdict[str, float]] = defaultdict(
            lambda: defaultdict(int)
        )

    def add(self, bucket: str, row: _SetRow) -> None:
        for muscle in row.primary:
            self.buckets[bucket][muscle] += 1
        for muscle in row.secondary:
            self.buckets[bucket][muscle] += 0.5

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            bucket: dict(sorted(counts.items(), key=lambda kv: -kv[1]))
            for bucket, counts in self.buckets.items()
        }


class RecentTrainingSection(ContextSection):
    """Last 14 days of sessions summarised, and weekly set volume by muscle (one query).

    The database gives each set its session's local day and whether the session started in the
    last seven days, so no timestamp is parsed per set.
    """

    name = "recent_training"
    fields = (
        "session_id",
        "local_day",
        "this_week",
        "exercise__name",
        "exercise__primary_muscles",
        "exercise__secondary_muscles",
        "reps",
        "weight_kg",
        "rpe",
    )

    batched = True
    read = PreparedQuery(
        lambda zone: (
            SetLog.objects.filter(session__user_id=_USER, session__started_at__gte=_SINCE)
            .annotate(
                local_day=TruncDate("session__started_at", tzinfo=zone),
                this_week=ExpressionWrapper(
                    Q(session__started_at__gte=Arg("week_cut", DateTimeField())),
                    output_field=BooleanField(),
                ),
            )
            .order_by("-session__started_at", "session_id", "order")
            .values_list(*RecentTrainingSection.fields)
        )
    )

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> SectionQuery:
        since, week_cut = now - timedelta(days=RECENT_DAYS), now - timedelta(days=7)
        args = {"user_id": user.pk, "since": since, "week_cut": week_cut}
        return self.read.bind(args, zone=context_zone(parts))

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        sessions: dict[int, _SessionSummary] = {}
        volume = _MuscleVolume()
        for row in (_SetRow(*values) for values in rows or ()):
            summary = sessions.get(row.session_id)
            if summary is None:
                summary = sessions[row.session_id] = _SessionSummary(row.day)
            summary.add(row)
            volume.add("this_week" if row.this_week else "previous_week", row)
        return {
            "days": RECENT_DAYS,
            "sessions": [summary.as_dict() for summary in sessions.values()],
            "weekly_sets_by_muscle": volume.as_dict(),
        }


class StrengthSection(ContextSection):
    """Current estimated 1RMs (best per main movement pattern) and recent records (one query)."""

    name = "strength"
    batched = True
    recent_records = 8

    read = PreparedQuery(
        lambda: (
            PersonalRecord.objects.filter(user_id=_USER)
            .order_by("exercise_id", "kind", "reps", "-value_kg", "-achieved_at")
            .distinct("exercise_id", "kind", "reps")
            .values_list(
                "exercise__name", "exercise__pattern", "kind", "reps", "value_kg", "achieved_at"
            )
        )
    )

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> SectionQuery:
        return self.read.bind({"user_id": user.pk})

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        records = rows or []
        main: dict[str, dict[str, Any]] = {}
        for name, pattern, kind, _reps, value, achieved in records:
            if kind != RecordKind.ESTIMATED_1RM or pattern not in MAIN_LIFT_PATTERNS:
                continue
            label = MAIN_LIFT_PATTERNS[pattern]
            if label not in main or value > main[label]["e1rm_kg"]:
                main[label] = {"exercise": name, "e1rm_kg": value, "date": achieved}
        newest = sorted(records, key=lambda row: row[5], reverse=True)[: self.recent_records]
        zone = context_zone(parts)
        return {
            "estimated_1rm": {
                label: {
                    **row,
                    "e1rm_kg": _num(row["e1rm_kg"]),
                    "date": local_date(row["date"], zone).isoformat(),
                }
                for label, row in sorted(main.items())
            },
            "personal_records": [
                {
                    "exercise": name,
                    "kind": kind,
                    "reps": reps,
                    "value_kg": _num(value),
                    "date": local_date(achieved, zone).isoformat(),
                }
                for name, _pattern, kind, reps, value, achieved in newest
            ],
        }


class RunningSection(ContextSection):
    """Runs of the last four weeks: the recent ones and distance per week (one query)."""

    name = "running"
    batched = True
    recent_runs = 5

    read = PreparedQuery(
        lambda: (
            RunSession.objects.filter(user_id=_USER, started_at__gte=_SINCE)
            .order_by("-started_at")
            .values_list("activity", "started_at", "distance_m", "duration_s", "avg_hr")
        )
    )

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> SectionQuery:
        return self.read.bind({"user_id": user.pk, "since": now - timedelta(weeks=HISTORY_WEEKS)})

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        runs = rows or []
        weekly: defaultdict[str, float] = defaultdict(int)
        zone = context_zone(parts)
        for _activity, started, distance, _duration, _hr in runs:
            if distance:  # a timed walk or a treadmill session may have no distance
                weekly[_week_start(local_date(started, zone)).isoformat()] += distance / 1000
        return {
            "recent": [
                {
                    "activity": activity,
                    "date": local_date(started, zone).isoformat(),
                    "distance_km": round(distance / 1000, 2) if distance else None,
                    "duration_min": round(duration / 60, 1),
                    "pace_s_per_km": _whole_seconds(pace_s_per_km(distance, duration)),
                    "avg_hr": hr,
                }
                for activity, started, distance, duration, hr in runs[: self.recent_runs]
            ],
            "weekly_km": {week: round(km, 2) for week, km in sorted(weekly.items())},
        }


class InjurySection(ContextSection):
    """Open injuries and the body regions to keep load off (one query)."""

    name = "injuries"
    batched = True

    read = PreparedQuery(
        lambda: (
            Injury.objects.filter(user_id=_USER)
            .exclude(status=InjuryStatus.RESOLVED)
            .values_list("body_region", "side", "severity", "status", "onset_date")
        )
    )

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> SectionQuery:
        return self.read.bind({"user_id": user.pk})

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        open_injuries = rows or []
        return {
            "open": [
                {
                    "region": region,
                    "side": side,
                    "severity": severity,
                    "status": status,
                    "since": onset.isoformat(),
                }
                for region, side, severity, status, onset in open_injuries
            ],
            "avoid_regions": sorted({row[0] for row in open_injuries}),
        }


class ActiveProgramSection(ContextSection):
    """Placeholder until programs register a section of the same name."""

    name = "active_program"

    def build(self, user: Any, now: datetime, parts: dict[str, Any]) -> Any:
        return None


class AdherenceSection(ContextSection):
    """Sessions per week over the last four weeks against the profile's target (one query)."""

    name = "adherence"
    batched = True

    read = PreparedQuery(
        lambda: WorkoutSession.objects.filter(user_id=_USER, started_at__gte=_SINCE).values_list(
            "started_at"
        )
    )

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> SectionQuery:
        since = day_start(adherence_first_week(now, parts), context_zone(parts))
        shared = parts.get(ADHERENCE_STARTS)
        if shared is not None and shared[0] == since:  # read with the training age
            return None
        return self.read.bind({"user_id": user.pk, "since": since})

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        target = (parts.get("profile") or {}).get("training_days_per_week") or 3
        zone = context_zone(parts)
        first_week = adherence_first_week(now, parts)
        # None: read with the training age
        started = parts[ADHERENCE_STARTS][1] if rows is None else [row[0] for row in rows]
        days_per_week: dict[date, set[date]] = defaultdict(set)
        for moment in started:
            day = local_date(moment, zone)
            days_per_week[_week_start(day)].add(day)
        weeks = [first_week + timedelta(weeks=i) for i in range(HISTORY_WEEKS)]
        done = [len(days_per_week.get(week, ())) for week in weeks]
        completed = done[:-1]  # the current week is not over yet
        rate = sum(min(d, target) for d in completed) / (target * len(completed))
        return {
            "target_days_per_week": target,
            "weeks": [
                {"week": week.isoformat(), "days_trained": count}
                for week, count in zip(weeks, done, strict=True)
            ],
            "rate_completed_weeks": round(rate, 2),
            "source": "profile",
        }


CONTEXT_SECTIONS: list[type[ContextSection]] = [
    ProfileSection,
    TrainingAgeSection,
    RecentTrainingSection,
    StrengthSection,
    RunningSection,
    InjurySection,
    ActiveProgramSection,
    AdherenceSection,
]


def register_section(section: type[ContextSection]) -> None:
    """Add a section, replacing one of the same name (programs: ``active_program``)."""
    for index, existing in enumerate(CONTEXT_SECTIONS):
        if existing.name == section.name:
            CONTEXT_SECTIONS[index] = section
            return
    CONTEXT_SECTIONS.append(section)


class UserContextBuilder:
    """Builds (and caches) a user's context; ``clock`` and ``sections`` are seams for tests."""

    clock = staticmethod(timezone.now)
    sections: list[type[ContextSection]] | None = None  # None: the registered CONTEXT_SECTIONS

    def build_context(self, user: Any, use_cache: bool = True) -> dict[str, Any]:
        if not use_cache:
            return self._build(user)
        found = user_context_lookup(user.pk)  # one round trip: generation and value
        if found is None:  # Redis cannot tell us the live key: build, do not cache
            return self._build(user)
        return self.context_from(user, ContextFound(*found))

    def context_from(self, user: Any, found: ContextFound) -> dict[str, Any]:
        """The context from what a lookup found under the live generation (built on a miss)."""
        if found.value is not None:
            metrics.incr("cache_hits", cache="user_context")
            return found.value  # type: ignore[no-any-return]
        metrics.incr("cache_misses", cache="user_context")
        return cached_build(
            user_context_key(user.pk, found.generation),
            self.ttl(),
            lambda: self._build(user),
            cache_type="user_context",
            known_miss=True,
        )

    def invalidate(self, user: Any) -> int | None:
        return context_invalidate(user.pk)

    @staticmethod
    def ttl() -> int:
        return settings.USER_CONTEXT_CACHE_TTL

    def _build(self, user: Any) -> dict[str, Any]:
        """The sections in order; the batched ones' queries are read in one round trip (the
        unbatched sections before them first, since those queries may need them)."""
        now = self.clock()
        parts: dict[str, Any] = {}
        pending: list[tuple[ContextSection, SectionQuery]] = []
        for section in (cls() for cls in self.sections or CONTEXT_SECTIONS):
            if section.batched:
                pending.append((section, section.query(user, now, parts)))
            elif pending:
                pending.append((section, None))
            else:
                parts[section.name] = section.build(user, now, parts)
        results = iter(fetch_together(*(query for _s, query in pending if query is not None)))
        for section, query in pending:
            if not section.batched:
                parts[section.name] = section.build(user, now, parts)
                continue
            rows = next(results) if query is not None else None
            parts[section.name] = section.from_rows(rows, user, now, parts)
        return {
            "schema_version": SCHEMA_VERSION,
            "user_id": user.pk,
            "generated_at": now.isoformat(),
            **{name: part for name, part in parts.items() if not name.startswith("_")},
        }


def build_context(
    user: Any, use_cache: bool = True, found: ContextFound | None = None
) -> dict[str, Any]:
    """The user's context (see :class:`UserContextBuilder`); ``found``: what a lookup already
    read under the live generation (``coach.cache.ai_lookup``), so no second read is needed."""
    builder = UserContextBuilder()
    if found is not None and use_cache:
        return builder.context_from(user, found)
    return builder.build_context(user, use_cache=use_cache)
