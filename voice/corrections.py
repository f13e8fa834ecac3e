"""Follow-up corrections ("actually the last set was 195") applied to the last logged set."""

from __future__ import annotations

from typing import Any

from training import services as training_services
from training.models import WorkoutSession
from training.units import to_kg
from voice.checks import CONFIRM_ABOVE_REPS, CONFIRM_ABOVE_WEIGHT_KG, reason
from voice.errors import VoiceRejected
from voice.parsing.corrections import Correction


def voice_set_amend(*, session: WorkoutSession, correction: Correction, unit: str) -> int:
    """Apply a correction to the session's last set through the training services."""
    last = session.sets.order_by("-order", "-id").first()
    if last is None:
        raise VoiceRejected("nothing_to_correct", "This workout has no sets to correct.")
    reps, weight = correction.reps, correction.weight
    for value in correction.bare:
        if weight is None and (last.weight_kg is not None or reps is not None):
            weight = value
        elif reps is None:
            reps = int(value)
    reasons = []
    if reps is not None and not 1 <= reps <= CONFIRM_ABOVE_REPS:
        reasons.append(reason("reps_out_of_range", f"Reps must be 1 to {CONFIRM_ABOVE_REPS}."))
    weight_kg = to_kg(weight, correction.unit or unit) if weight is not None else None
    if weight_kg is not None and weight_kg > CONFIRM_ABOVE_WEIGHT_KG:
        reasons.append(reason("weight_out_of_range", f"More than {CONFIRM_ABOVE_WEIGHT_KG} kg."))
    if reasons:
        raise VoiceRejected(
            "needs_confirmation", "The correction needs confirmation.", {"reasons": reasons}
        )
    changes: dict[str, Any] = {}
    if reps is not None:
        changes["reps"] = reps
    if weight_kg is not None:
        changes["weight_kg"] = weight_kg
    training_services.set_log_update(set_log=last, data=changes)
    return last.id
