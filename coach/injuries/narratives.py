"""The offline coach's words for the injury endpoints, written from the computed results."""

from __future__ import annotations

from typing import Any

from coach.wording import listing
from core.llm.offline import source_sentences


def region_words(region: str, side: str | None) -> str:
    where = region.replace("_", " ")
    return f"{side} {where}" if side in {"left", "right"} else where


def source_line(topic: str, chunks: list[dict[str, Any]]) -> str:
    found = source_sentences(topic, chunks)
    if not found:
        return ""
    sentence, n = found[0]
    return f"From the knowledge base: {sentence} [{n}]"


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def logged(injury: dict[str, Any], analysis: dict[str, Any], chunks: list[dict[str, Any]]) -> str:
    where = region_words(injury["body_region"], injury["side"])
    tier = analysis["tier"]
    lines = [
        f"Logged: {where}, severity {injury['severity']}/10, since {injury['onset_date']}.",
        f"At this severity the plan is to {tier} the exercises that load it; ask "
        "/api/injury/analyze for the exercise-by-exercise list.",
    ]
    return _join(" ".join(lines), source_line(f"{where} injury pain", chunks))


def analysed(metrics: dict[str, Any], chunks: list[dict[str, Any]]) -> str:
    injury = metrics["injury"]
    where = region_words(injury["body_region"], injury["side"])
    groups = metrics["exercises"]
    parts = [f"Your {where} at {injury['severity']}/10 puts you in the {metrics['tier']} tier."]
    if groups["modify"]:
        names = listing([e["exercise"]["name"] for e in groups["modify"]])
        parts.append(f"Keep {names} with lighter load, a pain-free range and a slow tempo.")
    swaps = [e for e in groups["substitute"] if e["substitute"]]
    if swaps:
        pairs = listing([f"{e['exercise']['name']} -> {e['substitute']['name']}" for e in swaps])
        parts.append(f"Swap {pairs}.")
    if groups["avoid"]:
        names = listing([e["exercise"]["name"] for e in groups["avoid"]])
        parts.append(f"Leave out {names} for now.")
    if not any(groups.values()):
        parts.append("Nothing in your program or last four weeks of training loads it.")
    first = metrics["return_to_training"][0]
    road = (
        f"The road back starts with: {first['name'].lower()}. Move on when: {first['move_on_when']}"
    )
    return _join(
        " ".join(parts),
        metrics["run_guidance"] or "",
        road,
        source_line(f"{where} injury return to training", chunks),
    )
