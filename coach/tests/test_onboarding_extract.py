"""Profile fields read from onboarding text: 62 texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from coach.onboarding.extract import PROGRAM_FIELDS, extract_profile

TODAY = date(2026, 12, 1)
ALL_EQUIPMENT = [
    "barbell",
    "dumbbell",
    "kettlebell",
    "cable",
    "machine",
    "bodyweight",
    "band",
    "bench",
    "pullup_bar",
    "ez_bar",
    "trap_bar",
    "smith_machine",
    "landmine",
    "sled",
    "medicine_ball",
    "plate",
    "rings",
    "box",
    "cardio_machine",
    "dip_station",
]

CASES = [
    (
        "I've been lifting for a year and can get to the gym four mornings a week",
        {"experience_level": "intermediate", "training_days_per_week": 4},
    ),
    ("I'm 34, male, 80 kg", {"age": 34, "sex": "male", "bodyweight_kg": 80.0}),
    ("female, 165 cm, 60 kilos", {"sex": "female", "height_cm": 165.0, "bodyweight_kg": 60.0}),
    ("born in 1992", {"birth_year": 1992}),
    ("I weigh 180 lbs", {"bodyweight_kg": 81.6}),
    ("I'm 12 stone 7", {"bodyweight_kg": 79.4}),
    ("5 foot 11, 170 pounds", {"height_cm": 180.3, "bodyweight_kg": 77.1}),
    ("6'1 and 200 lb", {"height_cm": 185.4, "bodyweight_kg": 90.7}),
    ("I'm 1.75 m tall", {"height_cm": 175.0}),
    ("27 years old guy", {"age": 27, "sex": "male"}),
    ("about me: 45, woman", {"age": 45, "sex": "female"}),
    ("non-binary, 33", {"sex": "other", "age": 33}),
    ("complete beginner, never lifted", {"experience_level": "beginner"}),
    ("I'm intermediate", {"experience_level": "intermediate"}),
    ("advanced lifter", {"experience_level": "advanced"}),
    ("been training for 6 months", {"experience_level": "beginner"}),
    ("5 years of lifting", {"experience_level": "advanced"}),
    ("lifting for two years now", {"experience_level": "intermediate"}),
    ("I train 3 days a week", {"training_days_per_week": 3}),
    ("five times per week", {"training_days_per_week": 5}),
    ("I can train monday, wednesday and friday", {"training_days_per_week": 3}),
    ("4 days a week and I run on 2 other days", {"training_days_per_week": 6}),
    ("actually make that four days", {"training_days_per_week": 4}),
    ("two days is all I have", {"training_days_per_week": 2}),
    ("45 minute sessions", {"session_length_min": 45}),
    ("an hour each", {"session_length_min": 60}),
    ("sessions of about 75 minutes", {"session_length_min": 75}),
    ("3 evenings a week for 30 mins", {"training_days_per_week": 3, "session_length_min": 30}),
    ("I want to build muscle", {"goals": ["hypertrophy"]}),
    ("goal is to lose weight and get stronger", {"goals": ["fat_loss", "strength"]}),
    ("I'd like to get fitter and improve my mobility", {"goals": ["general_fitness", "mobility"]}),
    ("endurance for cycling", {"goals": ["endurance"]}),
    ("get lean for summer", {"goals": ["fat_loss"]}),
    ("I have dumbbells and a bench", {"equipment_available": ["dumbbell", "bench"]}),
    ("kettlebells and bands only", {"equipment_available": ["kettlebell", "band"]}),
    ("I train at a full commercial gym", {"equipment_available": ALL_EQUIPMENT}),
    (
        "barbell, plates and a pull up bar in my garage",
        {"equipment_available": ["barbell", "plate", "pullup_bar"]},
    ),
    ("smith machine and cables at work", {"equipment_available": ["smith_machine", "cable"]}),
    ("no equipment, bodyweight only", {"equipment_available": ["bodyweight"]}),
    ("mostly machines", {"equipment_available": ["machine"]}),
    ("I prefer kilos", {"unit_system": "metric"}),
    ("use pounds please", {"unit_system": "imperial"}),
    ("metric", {"unit_system": "metric"}),
    ("I don't run", {"running_background": "none"}),
    ("beginner runner", {"running_background": "beginner"}),
    (
        "competitive runner, 70 km a week",
        {"running_background": "competitive", "weekly_running_km": 70.0},
    ),
    ("I run 15 miles a week", {"weekly_running_km": 24.1}),
    ("weekly mileage is about 40 km", {"weekly_running_km": 40.0}),
    (
        "training for a marathon on october 4",
        {"goals": ["race"], "race": {"distance_m": 42195.0, "date": "2027-10-04"}},
    ),
    (
        "my goal is a 10k on the 20th of december",
        {"goals": ["race"], "race": {"distance_m": 10000.0, "date": "2026-12-20"}},
    ),
    (
        "I want to run a half marathon next year",
        {"goals": ["race"], "race": {"distance_m": 21097.5, "date": None}},
    ),
    (
        "I ran a 5k in 24 minutes last month",
        {"recent_race": {"distance_m": 5000.0, "time_s": 1440}},
    ),
    ("my marathon pb is 3:29:50", {"recent_race": {"distance_m": 42195.0, "time_s": 12590}}),
    ("did a 45:10 10k in october", {"recent_race": {"distance_m": 10000.0, "time_s": 2710}}),
    (
        "I have a bad left knee",
        {"injuries": [{"body_region": "knee", "side": "left", "severity": None}]},
    ),
    (
        "my lower back gets sore, about 3/10",
        {"injuries": [{"body_region": "lower_back", "side": None, "severity": 3}]},
    ),
    ("old shoulder injury, fully healed now", {}),
    ("bench 120kg, squat 160kg, intermediate", {"experience_level": "intermediate"}),
    ("im 52 and want to stay strong", {"age": 52, "goals": ["general_fitness"]}),
    ("hi there", {}),
    (
        "male, 30, 85 kg, 183 cm, 2 years lifting, 4 days a week, 60 minute sessions, "
        "want hypertrophy",
        {
            "sex": "male",
            "age": 30,
            "bodyweight_kg": 85.0,
            "height_cm": 183.0,
            "experience_level": "intermediate",
            "training_days_per_week": 4,
            "session_length_min": 60,
            "goals": ["hypertrophy"],
        },
    ),
    (
        "I'm a beginner with dumbbells at home, 3 days a week, 40 minutes each, I want to lose fat",
        {
            "experience_level": "beginner",
            "equipment_available": ["dumbbell"],
            "training_days_per_week": 3,
            "session_length_min": 40,
            "goals": ["fat_loss"],
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extraction(text, expected):
    assert extract_profile(text, TODAY).values() == expected


def test_at_least_sixty_texts():
    assert len(CASES) >= 60


def test_missing_lists_what_a_program_needs():
    found = extract_profile("I train 3 days a week, I want to build muscle", TODAY)
    assert found.missing() == ["experience_level", "session_length_min", "equipment_available"]
    assert set(found.missing()) < set(PROGRAM_FIELDS)


def test_running_goals_add_the_running_fields():
    found = extract_profile("training for a marathon", TODAY)
    assert "weekly_running_km" in found.missing()
    assert "running_background" in found.missing()


def test_every_field_has_a_confidence():
    body = extract_profile("I'm 34 and have been lifting for a year", TODAY).as_dict()
    assert body["fields"]["age"] == {"value": 34, "confidence": 0.95}
    assert 0 < body["fields"]["experience_level"]["confidence"] < 0.95
