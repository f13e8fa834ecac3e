"""The training vocabularies: muscles, equipment, movement patterns, categories and body regions.

Each is one set of choices shared by the catalog (``training/data/exercises.json`` fails to load
on a value outside it), the models, the profile and request validation. Equipment is defined with
the profile in ``accounts`` (the lower layer) and is the same set here.
"""

from __future__ import annotations

from django.db import models

from accounts.models import Equipment

__all__ = ["BodyRegion", "Category", "Equipment", "InjuryRegion", "Muscle", "Pattern"]


class Muscle(models.TextChoices):
    CHEST = "chest"
    FRONT_DELTS = "front_delts"
    SIDE_DELTS = "side_delts"
    REAR_DELTS = "rear_delts"
    TRICEPS = "triceps"
    BICEPS = "biceps"
    FOREARMS = "forearms"
    LATS = "lats"
    UPPER_BACK = "upper_back"
    TRAPS = "traps"
    NECK = "neck"
    LOWER_BACK = "lower_back"
    ABS = "abs"
    OBLIQUES = "obliques"
    GLUTES = "glutes"
    HIP_FLEXORS = "hip_flexors"
    ABDUCTORS = "abductors"
    ADDUCTORS = "adductors"
    QUADS = "quads"
    HAMSTRINGS = "hamstrings"
    CALVES = "calves"


class Pattern(models.TextChoices):
    SQUAT = "squat"
    HINGE = "hinge"
    LUNGE = "lunge"
    HORIZONTAL_PUSH = "horizontal_push"
    VERTICAL_PUSH = "vertical_push"
    HORIZONTAL_PULL = "horizontal_pull"
    VERTICAL_PULL = "vertical_pull"
    CARRY = "carry"
    CORE = "core"
    ISOLATION_UPPER = "isolation_upper"
    ISOLATION_LOWER = "isolation_lower"
    PLYOMETRIC = "plyometric"
    OLYMPIC = "olympic"
    CARDIO = "cardio"


class Category(models.TextChoices):
    STRENGTH = "strength"
    CARDIO = "cardio"
    MOBILITY = "mobility"
    PLYOMETRIC = "plyometric"


class BodyRegion(models.TextChoices):
    """The joints and spine segments an exercise loads (``Exercise.loads_regions``)."""

    NECK = "neck"
    SHOULDER = "shoulder"
    ELBOW = "elbow"
    WRIST = "wrist"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    HIP = "hip"
    KNEE = "knee"
    ANKLE = "ankle"


class InjuryRegion(models.TextChoices):
    """Where an athlete can be hurt: every joint region plus the muscles and parts around them."""

    NECK = "neck"
    SHOULDER = "shoulder"
    ELBOW = "elbow"
    WRIST = "wrist"
    HAND = "hand"
    CHEST = "chest"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    ABDOMEN = "abdomen"
    HIP = "hip"
    GROIN = "groin"
    HAMSTRING = "hamstring"
    QUAD = "quad"
    KNEE = "knee"
    SHIN = "shin"
    CALF = "calf"
    ACHILLES = "achilles"
    ANKLE = "ankle"
    FOOT = "foot"
