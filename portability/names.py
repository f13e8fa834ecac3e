"""Exporter exercise names in the words a lifter says: "Bench Press (Barbell)" -> "barbell
bench press"; the voice matcher then resolves them like a spoken name."""

from __future__ import annotations

import re

# Strong and Hevy put the equipment in brackets after the movement; some of it is no
# modifier at all ("Pull Up (Bodyweight)" is the plain pull-up).
_SILENT_EQUIPMENT = frozenset({"bodyweight", "other", "none"})
_BRACKET_RE = re.compile(r"^(?P<movement>[^()]+?)\s*\((?P<equipment>[^()]*)\)\s*$")


def spoken_form(name: str) -> str:
    """The movement with its equipment in front; "(Cable - Straight Bar)" keeps "cable"."""
    match = _BRACKET_RE.match(name.strip())
    if match is None:
        return name.strip()
    movement = match.group("movement").strip()
    equipment = match.group("equipment").split(" - ")[0].strip()
    if not equipment or equipment.lower() in _SILENT_EQUIPMENT:
        return movement
    return f"{equipment} {movement}"
