"""What the analytics need to know about an athlete: time zone, heart rates, age, sex, units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from accounts.models import Profile
from training.localtime import UTC, today_in, zone_named
from training.science.running import tanaka_max_hr


@dataclass(frozen=True)
class Athlete:
    user_id: int
    zone: ZoneInfo = UTC
    resting_hr: int | None = None
    max_hr: int | None = None
    birth_year: int | None = None
    sex: str = "unspecified"
    unit_system: str = "metric"

    @property
    def today(self) -> date:
        return today_in(self.zone)

    def age(self, on: date) -> int | None:
        return on.year - self.birth_year if self.birth_year else None

    def hr_max(self, on: date) -> tuple[float | None, str]:
        """Max HR and where it came from: the profile, else Tanaka from the age, else nothing."""
        if self.max_hr:
            return float(self.max_hr), "profile"
        age = self.age(on)
        if age is not None:
            return tanaka_max_hr(age), "tanaka"
        return None, "unknown"


FIELDS = ("timezone", "resting_hr", "max_hr", "birth_year", "sex", "unit_system")


def athlete_for(user: Any, context: dict[str, Any] | None = None) -> Athlete:
    """The athlete's facts: from the user context's profile when it has them (no query), else
    in one query (defaults when there is no profile)."""
    profile = (context or {}).get("profile") or {}
    row = profile if all(name in profile for name in FIELDS) else None
    if row is None:
        row = Profile.objects.filter(user_id=user.pk).values(*FIELDS).first()
    if row is None:
        return Athlete(user_id=user.pk)
    return Athlete(
        user_id=user.pk,
        zone=zone_named(row["timezone"]),
        resting_hr=row["resting_hr"],
        max_hr=row["max_hr"],
        birth_year=row["birth_year"],
        sex=row["sex"] or "unspecified",
        unit_system=row["unit_system"],
    )
