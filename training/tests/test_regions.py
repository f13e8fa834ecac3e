"""Every injury region screens exactly the exercises its mapping names, over the real catalog."""

import json

import pytest

from training.models import Exercise, InjuryRegion
from training.regions import REGION_LOADS, UnknownRegion
from training.services import CATALOG_PATH, exercise_catalog_load

pytestmark = pytest.mark.django_db

CATALOG = json.loads(CATALOG_PATH.read_text())

# The mapping as the issue states it, written apart from training/regions.py: a joint region
# matches exercises that load it; a muscle region matches exercises with that primary muscle.
JOINTS = {
    "neck": {"neck"},
    "shoulder": {"shoulder"},
    "elbow": {"elbow"},
    "wrist": {"wrist"},
    "upper_back": {"upper_back"},
    "lower_back": {"lower_back"},
    "hip": {"hip"},
    "knee": {"knee"},
    "ankle": {"ankle"},
    "achilles": {"ankle"},
    "shin": {"ankle"},
    "foot": {"ankle"},
    "hand": {"wrist"},
}
PRIMARY_MUSCLES = {
    "hamstring": {"hamstrings"},
    "quad": {"quads"},
    "calf": {"calves"},
    "chest": {"chest"},
    "groin": {"adductors"},
    "abdomen": {"abs", "obliques"},
}


def _expected(region: str) -> set[str]:
    joints, muscles = JOINTS.get(region, set()), PRIMARY_MUSCLES.get(region, set())
    return {
        entry["slug"]
        for entry in CATALOG
        if joints & set(entry["loads_regions"]) or muscles & set(entry["primary_muscles"])
    }


@pytest.fixture(scope="module")
def catalog(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        exercise_catalog_load()
        yield
        Exercise.objects.all().delete()


def test_every_injury_region_is_mapped_once():
    assert set(REGION_LOADS) == set(InjuryRegion)
    assert set(JOINTS) | set(PRIMARY_MUSCLES) == set(InjuryRegion.values)
    assert not set(JOINTS) & set(PRIMARY_MUSCLES)


@pytest.mark.parametrize("region", InjuryRegion.values)
def test_loading_returns_exactly_the_mapped_exercises(catalog, region):
    expected = _expected(region)
    assert expected, f"no exercise in the catalog loads {region}"
    loading = set(Exercise.objects.loading(region).values_list("slug", flat=True))
    assert loading == expected
    sparing = set(Exercise.objects.sparing(region).values_list("slug", flat=True))
    assert sparing == {entry["slug"] for entry in CATALOG} - expected


def test_hamstring_screens_the_romanian_deadlift_not_the_squat_it_only_assists(catalog):
    loading = set(Exercise.objects.loading("hamstring").values_list("slug", flat=True))
    assert "romanian-deadlift" in loading
    assert "barbell-back-squat" not in loading


def test_several_regions_screen_their_union(catalog):
    both = set(Exercise.objects.loading("calf", "hand").values_list("slug", flat=True))
    assert both == _expected("calf") | _expected("hand")


def test_unknown_region_is_an_error_not_an_empty_screen():
    with pytest.raises(UnknownRegion, match="spleen"):
        Exercise.objects.loading("spleen")
