"""What the conversation changes in the active program: a swap in one session, or an injury's
substitutions everywhere; written by programs' service and validated like a generated plan."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError

from programs.models import Kind, Program, ProgramSession, Status
from programs.services import ProgramRejected, program_exercises_replace


class ChangeRejected(APIException):
    """The changed program broke a bound of the validator; nothing was changed (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "program_rejected"

    def __init__(self, rejected: ProgramRejected) -> None:
        super().__init__(str(rejected))
        self.violations = [v.as_dict() for v in rejected.violations]


def active_strength_program(user: Any) -> Program | None:
    return Program.objects.filter(user=user, kind=Kind.STRENGTH, status=Status.ACTIVE).first()


def _replace(program: Program, replacements: dict[int, int], **kw: Any) -> int:
    try:
        return program_exercises_replace(program=program, replacements=replacements, **kw)
    except ProgramRejected as exc:
        raise ChangeRejected(exc) from exc


def active_session(user: Any, session_id: int) -> ProgramSession:
    """A session of one of the user's active programs (404 otherwise)."""
    session = (
        ProgramSession.objects.select_related("week__program")
        .filter(pk=session_id, week__program__user=user, week__program__status=Status.ACTIVE)
        .first()
    )
    if session is None:
        raise NotFound("No such session in your active program.")
    return session


def program_equipment(program: Program) -> list[str]:
    """The equipment the program was planned with (what its validator allows)."""
    return list(program.constraints.get("equipment", ()))


def swap_apply(*, user: Any, session_id: int, original_id: int, replacement_id: int) -> dict:
    """Put the replacement in place of the original in one session of the active program."""
    session = active_session(user, session_id)
    if not session.exercises.filter(exercise_id=original_id).exists():
        raise ValidationError({"apply": ["That session does not have this exercise."]})
    changed = _replace(session.week.program, {original_id: replacement_id}, session=session)
    return {
        "session_id": session.pk,
        "replaced": original_id,
        "by": replacement_id,
        "changed": changed,
    }


def substitutions_apply(*, user: Any, replacements: dict[int, int]) -> dict[str, Any]:
    """Every substitution of an injury analysis, across the active strength program."""
    program = active_strength_program(user)
    if program is None:
        raise ValidationError({"apply": ["You have no active strength program."]})
    changed = _replace(program, replacements) if replacements else 0
    pairs = [{"replaced": k, "by": v} for k, v in replacements.items()]
    return {"program_id": program.pk, "changed": changed, "replacements": pairs}
