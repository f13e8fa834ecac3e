"""The language model's proposal for a generated plan: exercise swaps and session titles, as JSON.

The model never writes numbers; it may swap an exercise for another catalog entry of the same
plan and rename sessions. The caller runs the proposal through the same validator as the plan
and discards it on any violation, so a proposal can only ever make the wording or the variety
different, never the bounds.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from core import llm
from programs.catalog import Catalog
from programs.plan import STRENGTH, ExerciseOption, ProgramPlan

MAX_SWAPS = 6
MAX_TITLE = 80
ALTERNATIVES = 4
SYSTEM_TEXT = (
    "You are a strength coach reviewing a generated program. You may propose exercise swaps "
    "for variety (only to the alternatives listed for each exercise) and clearer session titles. "
    "Never change sets, reps, loads or rest. Answer with JSON only: "
    '{"swaps": [{"from": <exercise id>, "to": <exercise id>}], "titles": {"<old>": "<new>"}}'
)
FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.MULTILINE)


def _used(plan: ProgramPlan) -> dict[int, str]:
    return {
        row.exercise_id: row.exercise_name
        for _, session in plan.sessions()
        for row in session.exercises
    }


def proposal_request(plan: ProgramPlan, catalog: Catalog) -> llm.ChatRequest:
    """The plan's first week and, per exercise, the safe alternatives it may be swapped to."""
    by_id = {o.id: o for rows in catalog.by_pattern.values() for o in rows}
    alternatives = {}
    for exercise_id, name in _used(plan).items():
        option = by_id.get(exercise_id)
        if option is None:
            continue
        safe = [
            o for o in catalog.by_pattern[option.pattern] if o.id != exercise_id and catalog.safe(o)
        ]
        alternatives[f"{exercise_id} {name}"] = [f"{o.id} {o.name}" for o in safe[:ALTERNATIVES]]
    first = plan.weeks[0]
    week = [
        {"title": s.title, "exercises": [f"{r.exercise_id} {r.exercise_name}" for r in s.exercises]}
        for s in first.sessions
    ]
    message = json.dumps({"week_1": week, "alternatives": alternatives}, ensure_ascii=False)
    return llm.ChatRequest(
        message=message, system_text=SYSTEM_TEXT, max_tokens=500, temperature=0.4
    )


def parse_proposal(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(FENCE.sub("", text.strip()))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def apply_proposal(
    plan: ProgramPlan, proposal: dict[str, Any], options: dict[int, ExerciseOption]
) -> ProgramPlan:
    """A copy of the plan with the swaps and titles applied (unchecked: the caller validates)."""
    varied = copy.deepcopy(plan)
    swaps = {}
    for swap in list(proposal.get("swaps") or [])[:MAX_SWAPS]:
        if isinstance(swap, dict) and isinstance(swap.get("from"), int):
            swaps[swap["from"]] = swap.get("to")
    titles = proposal.get("titles")
    titles = titles if isinstance(titles, dict) else {}
    for _, session in varied.sessions():
        new_title = titles.get(session.title)
        if isinstance(new_title, str) and new_title.strip():
            session.title = new_title.strip()[:MAX_TITLE]
        for row in session.exercises:
            target = swaps.get(row.exercise_id)
            if target is None:
                continue
            option = options.get(target) if isinstance(target, int) else None
            row.exercise_id = target if isinstance(target, int) else -1
            row.exercise_name = option.name if option else str(target)
            if option is not None:
                varied.constraints.exercise_equipment[option.id] = tuple(option.equipment)
    return varied


class LLMProposer:
    """Asks the configured remote model for a proposal; the offline coach proposes nothing."""

    def __init__(self, options: list[ExerciseOption]) -> None:
        self.options = options

    def __call__(self, plan: ProgramPlan) -> ProgramPlan | None:
        provider = llm.get_provider()
        if plan.kind != STRENGTH or provider.describe()["provider"] == "offline":
            return None
        catalog = Catalog(self.options, plan.constraints.equipment, plan.constraints.injuries)
        try:
            result = provider.complete(proposal_request(plan, catalog))
        except llm.LLMError:
            return None
        proposal = parse_proposal(result.text)
        by_id = {o.id: o for o in self.options}
        return None if proposal is None else apply_proposal(plan, proposal, by_id)
