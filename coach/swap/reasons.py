"""What a swap's reason rules out: "someone is on it" the machine, "bothers my wrist" the wrist."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.injuries.extract import find_region
from coach.onboarding.extract import equipment_named

_BUSY = re.compile(
    r"\b(?:busy|taken|occupied|in use|full|broken|out of order|someone(?:'s| is)? on|"
    r"people on|being used|queue|line for)\b",
    re.I,
)
_LACK = re.compile(
    r"\b(?:no|don'?t have(?: an?| any)?|without(?: an?)?|haven'?t got(?: an?)?)\s+", re.I
)
_PAIN = re.compile(
    r"\b(?:hurts?|hurting|bothers?|bothering|pain\w*|sore|aches?|aching|tweak\w*|strain\w*|"
    r"injur\w*|irritat\w*|niggl\w*|flares?|kills?|killing)\b",
    re.I,
)
# Stations that someone can be "on": what "the machine is busy" takes away, first match wins.
STATIONS = ("smith_machine", "machine", "cable", "bench", "barbell", "pullup_bar", "dip_station")


@dataclass(frozen=True)
class SwapConstraints:
    excluded_equipment: frozenset[str] = frozenset()
    restricted_regions: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)


def constraints_from_reason(reason: str, original_equipment: frozenset[str]) -> SwapConstraints:
    """Equipment to leave out and injury regions to spare, for this answer only."""
    text = " ".join(reason.split())
    excluded: set[str] = set()
    notes = []
    named = equipment_named(text)
    lacking = _LACK.search(text)
    if lacking:
        excluded |= set(equipment_named(text[lacking.end() :])[:1])
    if _BUSY.search(text):
        # "the cable station is taken" names it; "someone is on it" means the original's station
        busy = [e for e in named if e in original_equipment] or [
            next((s for s in STATIONS if s in original_equipment), "")
        ]
        excluded |= {e for e in busy if e}
    regions: set[str] = set()
    if _PAIN.search(text):
        region, _ = find_region(text)
        if region:
            regions.add(region)
            notes.append(f"sparing your {region.replace('_', ' ')}")
    if excluded:
        notes.append("without " + ", ".join(sorted(e.replace("_", " ") for e in excluded)))
    return SwapConstraints(frozenset(excluded), frozenset(regions), notes)
