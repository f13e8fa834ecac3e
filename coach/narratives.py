"""The offline coach's narratives for the analytics endpoints, written from the computed numbers.

Each names the athlete's own values (lifts, loads, zone, reasons), says what is missing and what
to log, and cites one retrieved source sentence where the knowledge base has one.
"""

from __future__ import annotations

from typing import Any

from coach.wording import clock, distance, listing, number, pace, signed_pct, weight
from core.llm.offline import source_sentences

ZONE_WORDS = {
    "low": "low (under 0.8): a lighter week than your recent average",
    "sweet_spot": "in the 0.8-1.3 range where most athletes build safely",
    "caution": "in the 1.3-1.5 caution band: load is rising faster than usual",
    "high": "high (over 1.5): a sharp spike against your recent average",
}
ZONE_ADVICE = {
    "low": "If this was a planned easy week, good; otherwise build back gradually, about 10 % a "
    "week.",
    "sweet_spot": "You can keep building gradually: add no more than about 10 % next week.",
    "caution": "Keep next week's load close to this week's rather than adding more.",
    "high": "Hold or trim next week's load, and keep the hardest sessions apart.",
}
ACWR_CAVEAT = "ACWR is a monitoring flag, not an injury probability."
COUPLED_BELOW_PCT = 5.0


def _source_line(topic: str, chunks: list[dict[str, Any]]) -> str:
    found = source_sentences(topic, chunks)
    if not found:
        return ""
    sentence, n = found[0]
    return f"From the knowledge base: {sentence} [{n}]"


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _missing_line(missing: list[dict[str, Any]]) -> str:
    if not missing:
        return ""
    first = missing[0]
    example = f"the {first['kind']} on {first['date']}: {first['reason']}"
    return (
        f"{len(missing)} session(s) in these 28 days add no load because an input is missing "
        f"(for example {example}); rate them so the numbers reflect all your training."
    )


def fatigue(metrics: dict[str, Any], chunks: list[dict[str, Any]], context: dict) -> str:
    """GET /api/analytics/fatigue."""
    source = _source_line("acute chronic workload ratio monotony strain fatigue", chunks)
    if not any(day["load"] for day in metrics["daily_loads"]):
        return _join(
            f"No training load is logged for the 28 days to {metrics['as_of']}, so there is no "
            "acute:chronic ratio, monotony or strain to report yet.",
            "To see them, give each workout a session RPE (1-10, how hard the whole session "
            "felt) and an end time, and give each run an RPE; after a week the acute load "
            "appears, after four the ratio.",
            _missing_line(metrics["missing_inputs"]),
            source,
        )
    zone = metrics["zone"]
    ratio = (
        f"an acute:chronic ratio of {metrics['acwr_rolling']:.2f} (EWMA "
        f"{metrics['acwr_ewma']:.2f}), {ZONE_WORDS[zone]}"
        if zone
        else "no acute:chronic ratio yet, because there is no chronic load to compare with"
    )
    form = "fresh" if metrics["tsb"] >= 0 else "carrying fatigue"
    flags = [f["message"] for f in metrics["flags"] if f["code"] != "missing_inputs"]
    return _join(
        f"Over the 7 days to {metrics['as_of']} your training load was "
        f"{number(metrics['acute_load'], 0)} AU against a weekly average of "
        f"{number(metrics['chronic_load'], 0)} AU over four weeks: {ratio}.",
        f"Monotony is {number(metrics['monotony'])} and strain {number(metrics['strain'], 0)}; "
        f"fitness (CTL) {number(metrics['ctl'], 1)}, fatigue (ATL) {number(metrics['atl'], 1)}, "
        f"form (TSB) {number(metrics['tsb'], 1)}: you are {form}.",
        " ".join(flags),
        ZONE_ADVICE.get(zone or "", ""),
        _missing_line(metrics["missing_inputs"]),
        source,
        ACWR_CAVEAT if zone else "",
    )


def deload(metrics: dict[str, Any], chunks: list[dict[str, Any]], context: dict) -> str:
    """GET /api/analytics/deload."""
    signals = metrics["signals"]
    source = _source_line("deload reduce volume intensity fatigue recovery week", chunks)
    if signals["weeks_since_deload"] is None and signals["acwr_rolling"] is None:
        return _join(
            "There is not enough logged training to judge a deload yet.",
            "Log your workouts (with a session RPE and RPE or RIR on the sets) and a daily "
            "check-in of readiness and soreness; the recommendation uses your load ratio, stalled "
            "lifts, check-ins and the weeks since your last lighter week.",
            source,
        )
    held = len(metrics["reasons"])
    if not metrics["recommended"]:
        status = [
            f"load ratio {number(signals['acwr_rolling'])}",
            f"{len(signals['stalled_lifts'])} stalled lift(s)",
            f"{signals['low_readiness_streak']} low check-in(s) in a row",
            f"{signals['weeks_since_deload']} week(s) since your last lighter week",
        ]
        return _join(
            f"No deload needed yet: {held} of the four signals hold, and it takes two.",
            f"Where you stand: {listing(status)}.",
            " ".join(metrics["reasons"]),
            source,
        )
    plan = metrics["prescription"]
    examples = [
        f"{lift['name']} {number(lift['working_sets_per_session'], 1)} -> "
        f"{lift['deload_sets_per_session']} hard set(s) per session"
        + (
            f" at {weight(lift['deload_load_kg'], context)} instead of "
            f"{weight(lift['top_load_kg'], context)}"
            if lift["top_load_kg"]
            else ""
        )
        for lift in plan["lifts"][:4]
    ]
    return _join(
        f"A deload is recommended: {held} of the four signals hold.",
        " ".join(metrics["reasons"]),
        f"For about {plan['duration_days']} days keep the same number of sessions, cut hard sets "
        f"by 40-50 %, take 10 % off the loads and stop each set with 2 more reps in reserve.",
        f"For your lifts: {'; '.join(examples)}." if examples else "",
        source,
    )


def insights(metrics: dict[str, Any], chunks: list[dict[str, Any]], context: dict) -> str:
    """GET /api/workout/insights."""
    weeks = metrics["weeks"]
    source = _source_line("weekly sets per muscle volume progression plateau", chunks)
    if not metrics["lifts"] and not metrics["hard_sets_by_muscle"]:
        return _join(
            f"No strength training is logged in the last {weeks} weeks.",
            "Log workouts with each set's exercise, reps and weight (and an RPE or RIR) to see "
            "your estimated one-rep maxes, their trend, and your weekly hard sets per muscle.",
            source,
        )
    trends = []
    for lift in metrics["lifts"][:3]:
        first, last = lift["points"][0], lift["points"][-1]
        change = (
            f"{weight(first['e1rm_epley'], context)} -> {weight(last['e1rm_epley'], context)} "
            f"({signed_pct(lift['change_pct'])}) over {len(lift['points'])} sessions"
            if len(lift["points"]) > 1
            else f"{weight(last['e1rm_epley'], context)} from one session"
        )
        trends.append(f"{lift['name']} e1RM {change}")
    stalled = [lift["name"] for lift in metrics["stalled_lifts"]]
    marks = metrics["landmarks"]
    means = marks["weekly_mean"]
    under = [f"{m} {number(means[m], 1)}" for m in marks["under"]]
    over = [f"{m} {number(means[m], 1)}" for m in marks["over"]]
    last_week = next((w for w in reversed(metrics["weekly"]) if w["sets"]), None)
    return _join(
        f"Your estimated one-rep maxes over the last {weeks} weeks (Epley, best set per "
        f"session): {'; '.join(trends)}."
        if trends
        else "",
        f"Stalled (no gain over the last three sessions): {listing(stalled)}; change the rep "
        "range, the variation or take a lighter week."
        if stalled
        else "",
        f"Weekly hard sets under {marks['low']}: {', '.join(under)}." if under else "",
        f"Over {marks['high']}: {', '.join(over)}; more may not add much." if over else "",
        f"Week of {last_week['week_start']}: {last_week['sets']} working sets, "
        f"{weight(last_week['tonnage_kg'], context)} moved"
        + (f", average RPE {number(last_week['avg_rpe'], 1)}" if last_week["avg_rpe"] else "")
        + "."
        if last_week
        else "",
        source,
    )


def running(metrics: dict[str, Any], chunks: list[dict[str, Any]], context: dict) -> str:
    """POST /api/running/analyze."""
    source = _source_line("easy run pace heart rate zones aerobic recovery", chunks)
    head = (
        f"{distance(metrics['distance_m'], context)} in {clock(metrics['duration_s'])} at "
        f"{pace(metrics['pace_s_per_km'], context)}"
        + (f", average heart rate {number(metrics['avg_hr'], 0)} bpm" if metrics["avg_hr"] else "")
        + "."
    )
    splits = [s for s in metrics["splits"] if s["pace_s_per_km"] and s["distance_m"] >= 500]
    split_line = ""
    if len(splits) > 1:
        fastest = min(splits, key=lambda s: s["pace_s_per_km"])
        slowest = max(splits, key=lambda s: s["pace_s_per_km"])
        split_line = (
            f"Your splits ranged from {pace(fastest['pace_s_per_km'], context)} (split "
            f"{fastest['km']}) to {pace(slowest['pace_s_per_km'], context)} (split "
            f"{slowest['km']})."
            if fastest["pace_s_per_km"] != slowest["pace_s_per_km"]
            else f"Your splits were even, all at {pace(fastest['pace_s_per_km'], context)}."
        )
    drift = metrics["pace_drift_pct"]
    drift_line = ""
    if drift is not None:
        drift_line = (
            f"The second half was {abs(drift):.1f} % {'slower' if drift > 0 else 'faster'} "
            "than the first."
            if abs(drift) >= 0.05
            else "You ran both halves at the same pace."
        )
    coupling = metrics["hr_drift_pct"]
    coupling_line = ""
    if coupling is not None:
        verdict = (
            "aerobically coupled: pace and heart rate held together"
            if coupling < COUPLED_BELOW_PCT
            else "heart rate drifted up against pace, a sign the effort outran your aerobic base "
            "or the heat and hydration told"
        )
        coupling_line = f"Aerobic decoupling (Pa:HR) {number(coupling, 1)} %: {verdict}."
    zones = metrics["time_in_zones_s"]
    zone_line = ""
    if zones:
        top = max((key for key in zones if key != "below_z1"), key=lambda key: zones[key])
        zone_line = f"Most of the run was in heart-rate {top.upper()} ({clock(zones[top])})."
    load_bits = []
    if metrics["trimp"] is not None:
        load_bits.append(f"TRIMP {number(metrics['trimp'], 0)}")
    if metrics["session_load"] is not None:
        load_bits.append(f"session load {number(metrics['session_load'], 0)} AU")
    vdot_line = ""
    if metrics["vdot"]:
        paces = metrics["training_paces"]
        vdot_line = (
            f"As a race-like effort it gives a VDOT of {number(metrics['vdot'], 1)}: easy "
            f"{pace(paces['E'][0], context)}-{pace(paces['E'][1], context)}, threshold "
            f"{pace(paces['T'][1], context)}, interval {pace(paces['I'][1], context)}."
        )
    recent = metrics["compared_to_recent"]
    recent_line = ""
    if recent and recent["runs"]:
        diff = recent["pace_diff_pct"]
        recent_line = (
            f"Against your {recent['runs']} run(s) of a similar distance in the last 4 weeks "
            f"(average {pace(recent['avg_pace_s_per_km'], context)}), this one was "
            f"{abs(diff):.1f} % {'slower' if diff > 0 else 'faster'}."
            if diff is not None
            else ""
        )
    missing = metrics["missing_inputs"]
    return _join(
        head,
        split_line,
        " ".join(part for part in (drift_line, coupling_line, zone_line) if part),
        f"Load: {listing(load_bits)}." if load_bits else "",
        vdot_line,
        recent_line,
        f"To get more from your runs: {'; '.join(missing)}." if missing else "",
        source,
    )
