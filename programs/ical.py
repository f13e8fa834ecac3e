"""A program's planned sessions as an iCalendar feed (RFC 5545, written by ``icalendar``)."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event

from programs.models import Program

PRODID = "-//VoiceFit//Programs//EN"


def _describe(session) -> str:  # type: ignore[no-untyped-def]
    lines = []
    for row in session.exercises.all():
        reps = row.reps if row.reps is not None else f"{row.reps_min}-{row.reps_max}"
        target = (
            f"{float(row.load_kg):g} kg" if row.load_kg is not None
            else f"RPE {float(row.rpe):g}" if row.rpe is not None
            else f"RIR {row.rir}" if row.rir is not None
            else f"{row.percent_1rm:.0%} 1RM"
        )  # fmt: skip
        lines.append(f"{row.exercise.name}: {row.sets} x {reps} @ {target}")
    for run in session.runs.all():
        lines.append(
            f"{run.type} {run.distance_m / 1000:.1f} km at "
            f"{int(run.pace_min_s_per_km // 60)}:{int(run.pace_min_s_per_km % 60):02d}-"
            f"{int(run.pace_max_s_per_km // 60)}:{int(run.pace_max_s_per_km % 60):02d} /km"
        )
    return "\n".join(lines)


def program_calendar(program: Program) -> bytes:
    """One all-day event per planned session, stable UIDs so re-imports update in place."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"VoiceFit {program.kind} program ({program.goal})")
    for week in program.weeks.all():
        for session in week.sessions.all():
            event = Event()
            event.add("uid", f"program-{program.pk}-session-{session.pk}@voicefit")
            event.add("summary", f"{session.title} (week {week.index})")
            event.add("dtstart", session.planned_date)
            event.add("dtend", session.planned_date + timedelta(days=1))
            event.add("dtstamp", program.updated_at)
            event.add("description", _describe(session))
            calendar.add_component(event)
    return calendar.to_ical()
