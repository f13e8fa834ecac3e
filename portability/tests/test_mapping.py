"""Exporter names to the catalog: spoken forms, and the full voice matcher with embeddings."""

import pytest

from portability.mapping import CatalogMapper, catalog_matches
from portability.names import spoken_form
from voice.matching import ExerciseMatcher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "spoken"),
    [
        ("Bench Press (Barbell)", "Barbell Bench Press"),
        ("Triceps Pushdown (Cable - Straight Bar)", "Cable Triceps Pushdown"),
        ("Pull Up (Bodyweight)", "Pull Up"),
        ("Leg Press", "Leg Press"),
    ],
)
def test_spoken_form_puts_the_equipment_first(name, spoken):
    assert spoken_form(name) == spoken


def test_the_full_matcher_maps_exporter_names_and_doubts_the_odd_ones(catalog, monkeypatch):
    monkeypatch.setattr(CatalogMapper, "matcher_class", ExerciseMatcher)
    names = [
        "Bench Press (Barbell)",
        "Deadlift (Barbell)",
        "Lat Pulldown (Cable)",
        "Seated Cable Row - V Grip (Cable)",
        "Leg Raise Parallel Bars",
    ]
    matches = {name: m for name, m in zip(names, catalog_matches(names), strict=True)}
    assert matches["Bench Press (Barbell)"].exercise.name == "Barbell Bench Press"
    assert matches["Deadlift (Barbell)"].exercise.name == "Conventional Deadlift"
    assert not matches["Lat Pulldown (Cable)"].needs_confirmation
    row = matches["Seated Cable Row - V Grip (Cable)"]
    assert row.exercise.name == "Seated Cable Row"
    assert row.method == "embedding"
    assert matches["Leg Raise Parallel Bars"].needs_confirmation
