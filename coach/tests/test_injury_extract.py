"""Injury extraction by rules: 64 phrasings written for these tests (today: Tue 1 Dec 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.injuries.extract import extract_injury

TODAY = date(2026, 12, 1)  # a Tuesday

# text, region, side, severity, onset_days_ago, red flags
CASES = [
    ("my right elbow aches on curls", "elbow", "right", None, None, []),
    (
        "strained my right calf on a hill run two days ago, maybe a 4 out of 10",
        "calf",
        "right",
        4,
        2,
        [],
    ),
    ("left knee hurts going down stairs, 3/10", "knee", "left", 3, None, []),
    ("pulled my hamstring sprinting yesterday, six out of ten", "hamstring", None, 6, 1, []),
    ("rolled my left ankle this morning", "ankle", "left", None, 0, []),
    ("tweaked my lower back deadlifting on saturday, it's like a 5", "lower_back", None, 5, 3, []),
    ("my back went out picking up the kids, severe", "lower_back", None, 8, None, []),
    ("sore right shoulder when I press overhead, mild", "shoulder", "right", 3, None, []),
    ("both knees ache after running downhill, 2 out of 10", "knee", "both", 2, None, []),
    ("my hamstrings are tight and sore since sunday", "hamstring", "both", None, 2, []),
    ("achilles pain in the left leg for 3 weeks, moderate", "achilles", "left", 5, 21, []),
    ("shin splints again, 4/10, started last week", "shin", None, 4, 7, []),
    ("neck is stiff since friday, like a 3", "neck", None, 3, 4, []),
    ("right wrist sore from front squats, 2/10", "wrist", "right", 2, None, []),
    ("I hurt my thumb on the barbell today", "hand", None, None, 0, []),
    ("sharp pain in my left hip flexor since monday, 5 out of 10", "hip", "left", 5, 1, []),
    ("my groin feels pulled, a couple of days ago, 3/10", "groin", None, 3, 2, []),
    ("chest strain on the right side from bench, 4/10", "chest", "right", 4, None, []),
    ("pec feels tweaked since yesterday", "chest", None, None, 1, []),
    ("my abs hurt when I cough, 3 out of 10", "abdomen", None, 3, None, []),
    ("pain between my shoulder blades for two days, 5/10", "upper_back", None, 5, 2, []),
    ("right lat strained on pull ups this afternoon, 4/10", "upper_back", "right", 4, 0, []),
    (
        "heel pain first thing in the morning, left foot, 3 or 4 out of 10",
        "foot",
        "left",
        4,
        None,
        [],
    ),
    ("my plantar fascia is flaring up on my right foot", "foot", "right", None, None, []),
    ("quad feels pulled after squats, 2/10", "quad", None, 2, None, []),
    (
        "left thigh bruised, got kicked at football yesterday, 5/10",
        "quad",
        "left",
        5,
        1,
        ["trauma"],
    ),
    (
        "fell off my bike and my right shoulder is swollen, 7/10",
        "shoulder",
        "right",
        7,
        None,
        ["trauma", "swelling"],
    ),
    (
        "my knee gave way playing basketball today and it's swollen",
        "knee",
        None,
        None,
        0,
        ["swelling", "loss_of_function"],
    ),
    ("my left hand goes numb after overhead work", "hand", "left", None, None, ["numbness"]),
    (
        "lower back pain with tingling down my right leg, 6/10",
        "lower_back",
        "right",
        6,
        None,
        ["numbness"],
    ),
    (
        "my shoulder hurts at night and wakes me up, 6 out of 10",
        "shoulder",
        None,
        6,
        None,
        ["night_pain"],
    ),
    (
        "can't put weight on my right ankle since I twisted it on friday",
        "ankle",
        "right",
        None,
        4,
        ["loss_of_function"],
    ),
    (
        "I can't straighten my left knee after squats, 7/10",
        "knee",
        "left",
        7,
        None,
        ["loss_of_function"],
    ),
    ("pins and needles in my fingers when I do curls", "hand", None, None, None, ["numbness"]),
    ("a bar hit me on the shin yesterday, 3/10", "shin", None, 3, 1, ["trauma"]),
    ("dropped the dumbbell on my foot today, severe", "foot", None, 8, 0, ["trauma"]),
    ("calf cramped during my run this morning, slight pain now", "calf", None, 2, 0, []),
    (
        "my right calf feels like it was hit by something during sprints",
        "calf",
        "right",
        None,
        None,
        [],
    ),
    ("excruciating pain in my lower back since this morning", "lower_back", None, 9, 0, []),
    ("just a twinge in my left elbow", "elbow", "left", 2, None, []),
    ("minor ache in my right knee after the long run on sunday", "knee", "right", 2, 2, []),
    ("my elbow hurts on shoulder press, 4/10", "elbow", None, 4, None, []),
    ("knee pain right now is a 5 out of 10", "knee", None, 5, None, []),
    ("severity 6, left ankle, since last tuesday", "ankle", "left", 6, 7, []),
    ("my wrists hurt in the front rack, 3/10", "wrist", "both", 3, None, []),
    ("left shoulder has been aching for a month, 4/10", "shoulder", "left", 4, 30, []),
    ("hurt my neck a week ago, it's about a 2 now", "neck", None, 2, 7, []),
    ("upper back spasm during rows, 8 out of 10", "upper_back", None, 8, None, []),
    ("my right hip clicks when I squat", "hip", "right", None, None, []),
    ("sore glutes on the left after hip thrusts 3 days ago", "hip", "left", None, 3, []),
    ("I'm injured", None, None, None, None, []),
    ("something hurts, not sure what, 5/10", None, None, 5, None, []),
    ("my stomach muscles are strained, moderate", "abdomen", None, 5, None, []),
    (
        "the outside of my left knee hurts when running, started 10 days ago",
        "knee",
        "left",
        None,
        10,
        [],
    ),
    ("my feet ache after runs, 2/10", "foot", "both", 2, None, []),
    (
        "got hit in the ribs sparring on thursday, right side, 5 out of 10",
        "chest",
        "right",
        5,
        5,
        ["trauma"],
    ),
    ("tennis elbow on the right arm for about 2 weeks", "elbow", "right", None, 14, []),
    (
        "pain in my right shoulder, I can't lift my arm above my head",
        "shoulder",
        "right",
        None,
        None,
        ["loss_of_function"],
    ),
    ("my ankle is swollen and puffy since yesterday, 6/10", "ankle", None, 6, 1, ["swelling"]),
    ("tore something in my chest benching last night, severe", "chest", None, 8, 1, []),
    (
        "left achilles sore and swollen, hurts at night, 5/10",
        "achilles",
        "left",
        5,
        None,
        ["night_pain", "swelling"],
    ),
    ("my right knee is fine but my left knee aches, 3/10", "knee", "both", 3, None, []),
    (
        "my lower back is killing me, can't stand up straight, 8/10",
        "lower_back",
        None,
        8,
        None,
        ["loss_of_function"],
    ),
    (
        "knee pain 9/10 after I crashed my bike today, can't bend it",
        "knee",
        None,
        9,
        0,
        ["trauma", "loss_of_function"],
    ),
]


@pytest.mark.parametrize(("text", "region", "side", "severity", "onset", "flags"), CASES)
def test_extraction(text, region, side, severity, onset, flags):
    report = extract_injury(text, TODAY)
    got = (report.body_region, report.side, report.severity, report.onset_days_ago)
    assert got == (region, side, severity, onset)
    assert sorted(report.red_flags) == sorted(flags)


def test_at_least_sixty_phrasings():
    assert len(CASES) >= 60


def test_onset_date_counts_back_from_the_local_today():
    report = extract_injury("pulled my calf two days ago, 4/10", TODAY)
    assert report.onset_date(TODAY) == date(2026, 11, 29)


def test_mechanism_names_the_kind_and_the_activity():
    report = extract_injury("strained my right calf on a hill run two days ago", TODAY)
    assert report.mechanism == {"kind": "strain", "activity": "a hill run"}
