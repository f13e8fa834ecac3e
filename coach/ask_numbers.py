"""The athlete's computed numbers that a personal coach question is about, as sentences.

"How has my bench progressed?" gets the bench's e1RM trend, "am I overreaching?" the load ratio
and its zone, "how was my last run?" that run's pace and load, "how am I recovering?" the
latest check-ins. The numbers come from analytics (never the model) and reach every provider as
computed results, which the offline coach lists first.
"""

from __future__ import annotations

import re
from typing import Any

from analytics.athlete import Athlete, athlete_for
from analytics.fatigue import fatigue_metrics
from analytics.insights import insights_metrics
from analytics.running import RunData, run_metrics
from coach.wording import clock, distance, pace, signed_pct, weight
from training.checkins import CheckIn
from training.models import RunSession

LIFT_WEEKS = 26
CHECKINS_SHOWN = 3
MAX_LIFTS = 3

TOPICS = {
    "lift": re.compile(
        r"\b(1\s?rm|e1rm|one[- ]rep max|max(es)?|progress\w*|stronger|strength|stall\w*|"
        r"plateau\w*|pr|prs|personal (best|record)s?|lift(s|ing)?|improv\w*)\b",
        re.I,
    ),
    "fatigue": re.compile(
        r"\b(fatigue\w*|tired|overreach\w*|overtrain\w*|load|acwr|workload|deload\w*|burn(ed|t)? "
        r"out|exhaust\w*|too much|recover\w*|fresh)\b",
        re.I,
    ),
    "run": re.compile(r"\b(run|runs|ran|running|pace|jog\w*|5k|10k|marathon|mile\w*)\b", re.I),
    "readiness": re.compile(r"\b(ready|readiness|sore\w*|sleep\w*|check[- ]?ins?)\b", re.I),
    "volume": re.compile(r"\b(volume|sets? per|how many sets|tonnage)\b", re.I),
}
WORD = re.compile(r"[a-z0-9]+")
# Words that name no particular lift ("press" alone would match every press).
GENERIC_LIFT_WORDS = frozenset({"press", "barbell", "dumbbell", "machine", "cable", "the", "row"})


def topics_of(question: str) -> set[str]:
    return {name for name, pattern in TOPICS.items() if pattern.search(question)}


def _named_lifts(question: str, lifts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lifts whose distinctive name words the question uses ("bench" -> Barbell Bench Press)."""
    words = set(WORD.findall(question.lower()))
    named = []
    for lift in lifts:
        name_words = set(WORD.findall(lift["name"].lower())) - GENERIC_LIFT_WORDS
        if name_words & words:
            named.append(lift)
    return named


def lift_lines(athlete: Athlete, question: str, context: dict[str, Any]) -> list[str]:
    metrics = insights_metrics(athlete, LIFT_WEEKS, athlete.today)
    lifts = metrics["lifts"]
    chosen = _named_lifts(question, lifts) or lifts[:MAX_LIFTS]
    if not chosen:
        return ["No weighted sets are logged yet, so there is no estimated one-rep max to report."]
    stalled = {lift["exercise_id"] for lift in metrics["stalled_lifts"]}
    lines = []
    for lift in chosen[:MAX_LIFTS]:
        first, last = lift["points"][0], lift["points"][-1]
        if len(lift["points"]) > 1:
            trend = (
                f"went from {weight(first['e1rm_epley'], context)} on {first['date']} to "
                f"{weight(last['e1rm_epley'], context)} on {last['date']} "
                f"({signed_pct(lift['change_pct'])}) over {len(lift['points'])} sessions"
            )
        else:
            trend = f"is {weight(last['e1rm_epley'], context)} from your session on {last['date']}"
        lines.append(
            f"Your {lift['name']} estimated one-rep max (Epley, best set of each session) "
            f"{trend}; Brzycki gives {weight(last['e1rm_brzycki'], context)} and the "
            f"RPE-adjusted estimate {weight(last['e1rm_adjusted'], context)}."
            + (
                " It has stalled over its last three sessions."
                if lift["exercise_id"] in stalled
                else ""
            )
        )
    return lines


def fatigue_lines(athlete: Athlete) -> list[str]:
    metrics = fatigue_metrics(athlete, athlete.today)
    if metrics["acwr_rolling"] is None:
        return [
            "There is no acute:chronic load ratio yet: rate workouts with a session RPE and give "
            "runs an RPE for four weeks."
        ]
    zone = str(metrics["zone"]).replace("_", " ")
    return [
        f"Your acute:chronic load ratio is {metrics['acwr_rolling']:.2f} ({zone} zone; "
        f"acute load {metrics['acute_load']:.0f} AU over 7 days, chronic "
        f"{metrics['chronic_load']:.0f} AU a week over 28), monotony "
        + (f"{metrics['monotony']:.2f}" if metrics["monotony"] is not None else "not defined")
        + f", form (TSB) {metrics['tsb']:.1f}. ACWR is a monitoring flag, not an injury "
        "probability."
    ]


def run_lines(athlete: Athlete, context: dict[str, Any]) -> list[str]:
    latest = RunSession.objects.filter(user_id=athlete.user_id).order_by("-started_at").first()
    if latest is None:
        return ["No runs are logged yet."]
    metrics = run_metrics(
        athlete,
        RunData(
            distance_m=latest.distance_m,
            duration_s=latest.duration_s,
            started_at=latest.started_at,
            avg_hr=latest.avg_hr,
            max_hr=latest.max_hr,
            rpe=latest.rpe,
            splits=list(latest.splits or []),
            run_id=latest.pk,
        ),
    )
    text = (
        f"Your last run, on {metrics['date']}: {distance(metrics['distance_m'], context)} in "
        f"{clock(metrics['duration_s'])}"
        + (f" at {pace(metrics['pace_s_per_km'], context)}" if metrics["pace_s_per_km"] else "")
        + (f", average heart rate {metrics['avg_hr']:.0f}" if metrics["avg_hr"] else "")
        + (f", session load {metrics['session_load']:.0f} AU" if metrics["session_load"] else "")
        + "."
    )
    recent = metrics["compared_to_recent"]
    if recent and recent["runs"] and recent["pace_diff_pct"] is not None:
        text += (
            f" Against {recent['runs']} similar runs of the last 4 weeks it was "
            f"{signed_pct(recent['pace_diff_pct'])} in pace."
        )
    return [text]


def readiness_lines(athlete: Athlete) -> list[str]:
    rows = list(
        CheckIn.objects.filter(user_id=athlete.user_id)
        .order_by("-date")
        .values_list("date", "readiness", "soreness", "sleep_hours")[:CHECKINS_SHOWN]
    )
    if not rows:
        return ["No check-ins yet: a daily readiness, soreness and sleep check-in helps here."]
    items = [
        f"{day}: readiness {ready}/5, soreness {sore}/5"
        + (f", {float(sleep):g} h sleep" if sleep is not None else "")
        for day, ready, sore, sleep in rows
    ]
    return [f"Your latest check-ins: {'; '.join(items)}."]


def volume_lines(athlete: Athlete) -> list[str]:
    metrics = insights_metrics(athlete, 1, athlete.today)
    week = {row["muscle"]: row["sets"] for row in metrics["hard_sets_by_muscle"]}
    if not week:
        return ["No hard sets logged this week yet."]
    listed = ", ".join(f"{m.replace('_', ' ')} {s:g}" for m, s in sorted(week.items()))
    return [f"Hard sets per muscle this week: {listed}."]


def numbers_for(question: str, user: Any, context: dict[str, Any]) -> list[str]:
    """The sentences of computed numbers a personal question needs (empty when none apply)."""
    topics = topics_of(question)
    if _mentions_a_lift(question, context):
        topics.add("lift")
    if not topics:
        return []
    athlete = athlete_for(user, context)
    lines: list[str] = []
    if "lift" in topics:
        lines += lift_lines(athlete, question, context)
    if "fatigue" in topics:
        lines += fatigue_lines(athlete)
    if "run" in topics:
        lines += run_lines(athlete, context)
    if "readiness" in topics:
        lines += readiness_lines(athlete)
    if "volume" in topics:
        lines += volume_lines(athlete)
    return lines


def _mentions_a_lift(question: str, context: dict[str, Any]) -> bool:
    names = [
        row.get("exercise", "")
        for row in ((context.get("strength") or {}).get("estimated_1rm") or {}).values()
    ]
    return bool(_named_lifts(question, [{"name": name} for name in names if name]))
