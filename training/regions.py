"""Where injuries meet exercises: each injury region and the exercises that load it.

Exercises name the joints they load (``Exercise.loads_regions``, the 9 ``BodyRegion`` values) and
their muscles; injuries name 19 regions (``InjuryRegion``). An injury region matches an exercise
when the exercise loads one of the region's joints, or has one of its muscles as a *primary*
muscle: a hamstring strain screens out the Romanian deadlift (hamstrings) but not the back squat,
where the hamstrings only assist. Screen exercises with ``Exercise.objects.loading(region)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from training.vocabulary import BodyRegion, InjuryRegion, Muscle


@dataclass(frozen=True)
class RegionLoad:
    """What loads one injury region: any of these joints, or any of these primary muscles."""

    joints: frozenset[BodyRegion] = frozenset()
    primary_muscles: frozenset[Muscle] = frozenset()

    def condition(self) -> Q:
        """The filter on ``Exercise`` rows that load this region."""
        query = Q(pk__in=[])
        if self.joints:
            query |= Q(loads_regions__overlap=sorted(self.joints))
        if self.primary_muscles:
            query |= Q(primary_muscles__overlap=sorted(self.primary_muscles))
        return query


def _joint(*joints: BodyRegion) -> RegionLoad:
    return RegionLoad(joints=frozenset(joints))


def _muscle(*muscles: Muscle) -> RegionLoad:
    return RegionLoad(primary_muscles=frozenset(muscles))


REGION_LOADS: dict[InjuryRegion, RegionLoad] = {
    # the joints and spine segments exercises name themselves
    InjuryRegion.NECK: _joint(BodyRegion.NECK),
    InjuryRegion.SHOULDER: _joint(BodyRegion.SHOULDER),
    InjuryRegion.ELBOW: _joint(BodyRegion.ELBOW),
    InjuryRegion.WRIST: _joint(BodyRegion.WRIST),
    InjuryRegion.UPPER_BACK: _joint(BodyRegion.UPPER_BACK),
    InjuryRegion.LOWER_BACK: _joint(BodyRegion.LOWER_BACK),
    InjuryRegion.HIP: _joint(BodyRegion.HIP),
    InjuryRegion.KNEE: _joint(BodyRegion.KNEE),
    InjuryRegion.ANKLE: _joint(BodyRegion.ANKLE),
    # muscles: the exercises that train them as a primary mover
    InjuryRegion.HAMSTRING: _muscle(Muscle.HAMSTRINGS),
    InjuryRegion.QUAD: _muscle(Muscle.QUADS),
    InjuryRegion.CALF: _muscle(Muscle.CALVES),
    InjuryRegion.CHEST: _muscle(Muscle.CHEST),
    InjuryRegion.GROIN: _muscle(Muscle.ADDUCTORS),
    InjuryRegion.ABDOMEN: _muscle(Muscle.ABS, Muscle.OBLIQUES),
    # parts loaded through the joint next to them
    InjuryRegion.ACHILLES: _joint(BodyRegion.ANKLE),
    InjuryRegion.SHIN: _joint(BodyRegion.ANKLE),
    InjuryRegion.FOOT: _joint(BodyRegion.ANKLE),
    InjuryRegion.HAND: _joint(BodyRegion.WRIST),
}


class UnknownRegion(ValueError):
    """A region outside ``InjuryRegion`` (a typo must not screen out nothing, silently)."""


def region_load(region: str) -> RegionLoad:
    """The mapping for one injury region; ``UnknownRegion`` for anything else."""
    try:
        return REGION_LOADS[InjuryRegion(region)]
    except ValueError as exc:
        raise UnknownRegion(f"{region!r} is not an injury region") from exc


def loading_condition(regions: str | list[str] | tuple[str, ...] | set[str]) -> Q:
    """The filter on ``Exercise`` rows that load any of ``regions``."""
    names = [regions] if isinstance(regions, str) else sorted(regions)
    query = Q(pk__in=[])
    for name in names:
        query |= region_load(name).condition()
    return query
