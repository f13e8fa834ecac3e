"""Which questions count as pain, injury or medical ones (and so always get red flags)."""

import pytest

from coach.safety import is_medical, safety_note

MEDICAL = [
    "My knee hurts when I squat",
    "I get chest pain on hills",
    "sharp pain in my lower back after deadlifts",
    "I think I strained my hamstring sprinting",
    "I felt a pop in my calf",
    "shortness of breath on easy runs",
    "my shin is sore and swollen",
    "is Achilles tendinopathy serious?",
    "I felt dizzy after my intervals",
    "numbness in my fingers when I bench",
]
GENERAL = [
    "How many sets per week for chest growth?",
    "best chest exercises for a beginner",
    "How should I breathe when I brace for a squat?",
    "What do training monotony and strain mean?",
    "How should I taper for a marathon?",
    "How much protein per day?",
]


@pytest.mark.parametrize("question", MEDICAL)
def test_symptom_questions_are_medical(question):
    assert is_medical(question)


@pytest.mark.parametrize("question", GENERAL)
def test_training_questions_are_not_medical(question):
    assert not is_medical(question)


def test_the_note_is_added_unless_the_answer_already_refers_and_cites():
    assert "physiotherapist" in safety_note("Rest it a few days.", 3)
    assert "[3]" in safety_note("Rest it a few days.", 3)
    assert safety_note("See a physiotherapist; red flags are listed in [3].", 3) == ""
    assert "[3]" in safety_note("See a physiotherapist.", 3)
