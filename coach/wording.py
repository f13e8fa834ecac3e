"""Numbers as an athlete reads them: weights, distances and paces in their units, in words."""

from __future__ import annotations

from typing import Any

from training.units import KG_PER_LB, METRES_PER_MILE

METRES_PER_KM = 1000


def imperial(context: dict[str, Any] | None) -> bool:
    profile = (context or {}).get("profile") or {}
    return profile.get("unit_system") == "imperial"


def weight(kg: float | None, context: dict[str, Any] | None = None) -> str:
    """ "142.5 kg" or "314 lb"."""
    if kg is None:
        return "bodyweight"
    if imperial(context):
        return f"{float(kg) / float(KG_PER_LB):.0f} lb"
    return f"{float(kg):.1f}".rstrip("0").rstrip(".") + " kg"


def distance(metres: float | None, context: dict[str, Any] | None = None) -> str:
    if metres is None:
        return "an unmeasured distance"
    if imperial(context):
        return f"{metres / METRES_PER_MILE:.2f} mi"
    return f"{metres / METRES_PER_KM:.2f} km"


def clock(seconds: float) -> str:
    """ "4:05" or "1:02:03"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def pace(s_per_km: float | None, context: dict[str, Any] | None = None) -> str:
    """ "5:00 /km" or "8:03 /mi"."""
    if s_per_km is None:
        return "an unknown pace"
    if imperial(context):
        return f"{clock(s_per_km * METRES_PER_MILE / METRES_PER_KM)} /mi"
    return f"{clock(s_per_km)} /km"


def number(value: float | None, places: int = 2) -> str:
    if value is None:
        return "n/a"
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def signed_pct(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:+.1f} %"


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
