"""The user context in words: the one rendering every provider gets (no dicts, no JSON)."""

from __future__ import annotations

from typing import Any

from coach.wording import distance, listing, number, pace, weight

MAX_SESSIONS = 6
MAX_MUSCLES = 8


def _profile(profile: dict[str, Any] | None, context: dict[str, Any]) -> list[str]:
    if not profile:
        return []
    bits = []
    if profile.get("experience_level"):
        bits.append(f"{profile['experience_level']} lifter")
    if profile.get("age"):
        bits.append(f"{profile['age']} years old")
    if profile.get("sex") and profile["sex"] != "unspecified":
        bits.append(str(profile["sex"]))
    if profile.get("bodyweight_kg"):
        bits.append(f"bodyweight {weight(profile['bodyweight_kg'], context)}")
    if profile.get("goals"):
        bits.append(f"goals: {listing([str(g).replace('_', ' ') for g in profile['goals']])}")
    days, minutes = profile.get("training_days_per_week"), profile.get("session_length_min")
    if days:
        bits.append(
            f"trains {days} days a week" + (f", {minutes} min a session" if minutes else "")
        )
    if profile.get("equipment_available"):
        kit = [str(e).replace("_", " ") for e in profile["equipment_available"]]
        bits.append(f"equipment: {listing(kit)}")
    if profile.get("weekly_running_km"):
        bits.append(f"runs about {number(profile['weekly_running_km'], 1)} km a week")
    bits.append(f"{profile.get('unit_system') or 'metric'} units")
    return [f"Athlete: {', '.join(bits)}."]


def _training_age(section: dict[str, Any] | None) -> list[str]:
    if not section or not section.get("total_sessions"):
        return ["No workouts logged yet."]
    return [
        f"Training log: {section['total_sessions']} workouts since {section['first_session']} "
        f"({section['weeks']} weeks)."
    ]


def _recent(section: dict[str, Any] | None, brief: bool) -> list[str]:
    if not section:
        return []
    lines = []
    sessions = section.get("sessions") or []
    if sessions and not brief:
        described = []
        for session in sessions[:MAX_SESSIONS]:
            exercises = [
                f"{ex['name']} {ex['sets']} sets, top set {ex['top_set']}"
                + (f" at RPE {number(ex['rpe'], 1)}" if ex.get("rpe") is not None else "")
                for ex in session["exercises"]
            ]
            described.append(f"{session['date']}: {'; '.join(exercises)}")
        lines.append(f"Workouts in the last {section['days']} days: " + ". ".join(described) + ".")
    elif sessions:
        lines.append(f"{len(sessions)} workouts in the last {section['days']} days.")
    volume = section.get("weekly_sets_by_muscle") or {}
    for bucket, label in (("this_week", "this week"), ("previous_week", "the week before")):
        counts = volume.get(bucket) or {}
        if counts:
            top = list(counts.items())[:MAX_MUSCLES]
            lines.append(
                f"Sets per muscle {label}: "
                + ", ".join(f"{m.replace('_', ' ')} {number(n, 1)}" for m, n in top)
                + "."
            )
    return lines


def _strength(section: dict[str, Any] | None, context: dict[str, Any]) -> list[str]:
    best = (section or {}).get("estimated_1rm") or {}
    if not best:
        return []
    items = [
        f"{row['exercise']} {weight(row['e1rm_kg'], context)} ({row['date']})"
        for row in best.values()
    ]
    return [f"Best estimated one-rep maxes: {'; '.join(items)}."]


def _running(section: dict[str, Any] | None, context: dict[str, Any], brief: bool) -> list[str]:
    if not section:
        return []
    lines = []
    recent = section.get("recent") or []
    for run in recent[: 1 if brief else len(recent)]:
        metres = run["distance_km"] * 1000 if run.get("distance_km") else None
        lines.append(
            f"{run['activity'].capitalize()} on {run['date']}: {distance(metres, context)} in "
            f"{number(run['duration_min'], 1)} min"
            + (f" at {pace(run['pace_s_per_km'], context)}" if run.get("pace_s_per_km") else "")
            + (f", average HR {run['avg_hr']}" if run.get("avg_hr") else "")
            + "."
        )
    weekly = section.get("weekly_km") or {}
    if weekly:
        weeks = [f"{km} km (week of {week})" for week, km in list(weekly.items())[-4:]]
        lines.append(f"Running per week: {', '.join(weeks)}.")
    return lines


def _injuries(section: dict[str, Any] | None) -> list[str]:
    open_injuries = (section or {}).get("open") or []
    if not open_injuries:
        return ["No open injuries on record."]
    items = []
    for injury in open_injuries:
        side = "" if injury.get("side") in (None, "none") else f"{injury['side']} "
        region = str(injury["region"]).replace("_", " ")
        items.append(
            f"{side}{region} (severity {injury['severity']}/10, {injury['status']} since "
            f"{injury['since']})"
        )
    return [f"Open injuries: {'; '.join(items)}; keep load off these regions."]


def _adherence(section: dict[str, Any] | None) -> list[str]:
    if not section or not section.get("weeks"):
        return []
    weeks = ", ".join(
        f"{week['days_trained']} (week of {week['week']})" for week in section["weeks"]
    )
    return [
        f"Training days per week against a target of {section['target_days_per_week']}: {weeks}."
    ]


def _words(value: Any) -> str:
    """Any other section (one another app registered), flattened into words."""
    if isinstance(value, dict):
        return ", ".join(
            f"{str(key).replace('_', ' ')} {_words(item)}"
            for key, item in value.items()
            if item not in (None, "", [], {})
        )
    if isinstance(value, list | tuple):
        return "; ".join(_words(item) for item in value)
    return number(value, 2) if isinstance(value, float) else str(value)


KNOWN = {
    "schema_version",
    "user_id",
    "generated_at",
    "profile",
    "training_age",
    "recent_training",
    "strength",
    "running",
    "injuries",
    "adherence",
}


def context_lines(context: dict[str, Any], brief: bool = False) -> list[str]:
    """The athlete's context as sentences; ``brief`` keeps what a short answer can use."""
    if not context:
        return []
    lines = [
        *_profile(context.get("profile"), context),
        *([] if brief else _training_age(context.get("training_age"))),
        *_recent(context.get("recent_training"), brief),
        *_strength(context.get("strength"), context),
        *_running(context.get("running"), context, brief),
        *_injuries(context.get("injuries")),
    ]
    if not brief:
        lines += _adherence(context.get("adherence"))
        for name, value in context.items():
            if name not in KNOWN and value not in (None, "", [], {}):
                lines.append(f"{name.replace('_', ' ').capitalize()}: {_words(value)}.")
    return lines


def render_context(context: dict[str, Any]) -> str:
    """The whole context as one block of text, for the prompt's user-data section."""
    return "\n".join(context_lines(context))
