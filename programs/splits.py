"""Weekly splits by training days: full body (2-3), upper/lower (4), upper/lower + push/pull/legs
(5), push/pull/legs twice (6). Each session is a list of movement-pattern slots."""

from __future__ import annotations

from dataclasses import dataclass

MAIN = "main"
SECONDARY = "secondary"
ACCESSORY = "accessory"


@dataclass(frozen=True)
class Slot:
    pattern: str
    role: str
    variant: int = 0  # 0 = the first pick for the pattern, 1 = the next one, ...


ROLES = {"M": MAIN, "S": SECONDARY, "A": ACCESSORY}


def _session(title: str, spec: str) -> tuple[str, tuple[Slot, ...]]:
    """``"squat M, hinge S3"``: pattern, role letter (main/secondary/accessory), pick number."""
    slots = []
    for item in spec.split(", "):
        pattern, code = item.split()
        slots.append(Slot(pattern, ROLES[code[0]], int(code[1:] or 0)))
    return title, tuple(slots)


FULL_A = _session(
    "Full body A", "squat M, horizontal_push M, horizontal_pull S, isolation_upper A, core A"
)
FULL_B = _session("Full body B", "hinge M, vertical_push M, vertical_pull S, lunge A, core A1")
FULL_C = _session(
    "Full body C",
    "squat S1, horizontal_push S1, horizontal_pull S1, isolation_lower A, isolation_upper A1",
)
LOWER_A = _session("Lower A", "squat M, hinge S3, lunge A, isolation_lower A, core A")
UPPER_A = _session(
    "Upper A",
    "horizontal_push M, horizontal_pull S, vertical_pull S, vertical_push A1, isolation_upper A",
)
LOWER_B = _session("Lower B", "hinge M, squat S2, lunge A1, isolation_lower A1, core A1")
UPPER_B = _session(
    "Upper B",
    "vertical_push M, vertical_pull S1, horizontal_push S1, horizontal_pull A1, isolation_upper A1",
)
PUSH = _session(
    "Push", "vertical_push M, horizontal_push S2, isolation_upper A, isolation_upper A2"
)
PULL = _session("Pull", "vertical_pull S, horizontal_pull S1, isolation_upper A1, core A")
LEGS = _session("Legs", "hinge M, squat S1, lunge A, isolation_lower A")
PUSH_A = _session(
    "Push A", "horizontal_push M, vertical_push S1, isolation_upper A2, isolation_upper A"
)
PULL_A = _session("Pull A", "hinge M, vertical_pull S, horizontal_pull S, isolation_upper A1")
LEGS_A = _session("Legs A", "squat M, hinge S3, lunge A, isolation_lower A, core A")
PUSH_B = _session(
    "Push B", "vertical_push M, horizontal_push S1, isolation_upper A3, isolation_upper A2"
)
PULL_B = _session("Pull B", "vertical_pull S1, horizontal_pull S1, isolation_upper A4, core A1")
LEGS_B = _session("Legs B", "squat S2, hinge S4, lunge A1, isolation_lower A1, core A2")

SPLITS: dict[int, tuple[str, tuple[tuple[str, tuple[Slot, ...]], ...]]] = {
    2: ("full body", (FULL_A, FULL_B)),
    3: ("full body", (FULL_A, FULL_B, FULL_C)),
    4: ("upper/lower", (LOWER_A, UPPER_A, LOWER_B, UPPER_B)),
    5: ("upper/lower + push/pull/legs", (UPPER_A, LOWER_A, PUSH, PULL, LEGS)),
    6: ("push/pull/legs", (PUSH_A, PULL_A, LEGS_A, PUSH_B, PULL_B, LEGS_B)),
}

# Day offsets in the week (0 = the week's first day): rest days between hard days where possible.
TRAINING_DAYS = {
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
}
