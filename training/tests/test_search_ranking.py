"""Exercise search ranks by relevance: exact name or alias, then prefix, then full-text rank."""

import pytest

from training.models import Exercise
from training.tests.test_catalog import CATALOG

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    from training.services import exercise_catalog_load

    exercise_catalog_load()


def test_every_alias_and_name_finds_its_exercise_first(catalog):
    misses = []
    for entry in CATALOG:
        for said in [entry["name"], *entry["aliases"]]:
            first = Exercise.objects.search(said).values_list("slug", flat=True).first()
            if first != entry["slug"]:
                misses.append((said, entry["slug"], first))
    assert misses == []


def test_bench_is_the_bench_press_not_the_alphabetically_first(catalog, auth_client):
    results = auth_client.get("/api/exercises/", {"q": "bench"}).data["results"]
    assert results[0]["name"] == "Barbell Bench Press"


def test_a_prefix_of_a_name_comes_before_a_word_inside_another(catalog):
    names = list(Exercise.objects.search("incline").values_list("name", flat=True))
    starting = [name for name in names if name.lower().startswith("incline")]
    assert starting
    assert names[: len(starting)] == starting
