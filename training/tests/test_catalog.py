"""The shipped exercise catalog loads idempotently and is searchable and filterable."""

import json

import pytest

from training.models import Exercise
from training.services import CATALOG_PATH, exercise_catalog_load

pytestmark = pytest.mark.django_db

CATALOG = json.loads(CATALOG_PATH.read_text())


@pytest.fixture
def catalog():
    exercise_catalog_load()


def test_catalog_is_large_and_unambiguous():
    assert len(CATALOG) >= 250
    aliases = [alias for entry in CATALOG for alias in entry["aliases"]]
    assert len(aliases) == len(set(aliases))
    names = {entry["name"].lower() for entry in CATALOG}
    assert not names & set(aliases)


def test_load_is_idempotent_and_updates_changes(tmp_path):
    first = exercise_catalog_load()
    assert (first.created, first.updated) == (len(CATALOG), 0)
    again = exercise_catalog_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(CATALOG))

    edited = [dict(entry) for entry in CATALOG]
    edited[0]["aliases"] = [*edited[0]["aliases"], "a brand new alias"]
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(edited))
    result = exercise_catalog_load(path)
    assert (result.created, result.updated) == (0, 1)
    assert "a brand new alias" in Exercise.objects.get(slug=edited[0]["slug"]).aliases


def test_search_filters_and_pagination(catalog, auth_client):
    found = auth_client.get("/api/exercises/", {"q": "incline bench"}).data
    names = [row["name"] for row in found["results"]]
    assert names
    assert all("incline" in name.lower() for name in names)

    by_alias = auth_client.get("/api/exercises/", {"q": "rdl"}).data["results"]
    assert "Romanian Deadlift" in [row["name"] for row in by_alias]

    chest_db = auth_client.get("/api/exercises/", {"muscle": "chest", "equipment": "dumbbell"})
    rows = chest_db.data["results"]
    assert rows
    for row in rows:
        assert "dumbbell" in row["equipment"]
        assert "chest" in row["primary_muscles"] + row["secondary_muscles"]

    hinges = auth_client.get("/api/exercises/", {"pattern": "hinge", "page_size": 5}).data
    assert len(hinges["results"]) == 5
    assert hinges["count"] > 5
    assert hinges["next"]
    assert {row["pattern"] for row in hinges["results"]} == {"hinge"}


@pytest.mark.parametrize(
    ("field", "value", "vocabulary"),
    [
        ("primary_muscles", ["pecs"], "Muscle"),
        ("secondary_muscles", ["chest", "tricep"], "Muscle"),
        ("equipment", ["barbel"], "Equipment"),
        ("pattern", "push", "Pattern"),
        ("category", "strenght", "Category"),
        ("loads_regions", ["hamstring"], "BodyRegion"),
    ],
)
def test_load_fails_on_a_value_outside_the_vocabulary_and_writes_nothing(
    tmp_path, field, value, vocabulary
):
    from training.catalog import CatalogError

    edited = [dict(entry) for entry in CATALOG]
    edited[3][field] = value
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(edited))
    with pytest.raises(CatalogError, match=f"{edited[3]['slug']}: {field} .* {vocabulary}"):
        exercise_catalog_load(path)
    assert not Exercise.objects.exists()


def test_load_fails_on_a_misspelt_field_name(tmp_path):
    from django.core.management import CommandError, call_command

    edited = [dict(entry) for entry in CATALOG]
    edited[0]["primary_muscle"] = edited[0].pop("primary_muscles")
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps(edited))
    with pytest.raises(CommandError, match="unknown field 'primary_muscle'"):
        call_command("load_exercises", path=path)
    assert not Exercise.objects.exists()


def test_every_catalog_value_is_in_its_vocabulary():
    from training.catalog import catalog_validate

    catalog_validate(CATALOG)
