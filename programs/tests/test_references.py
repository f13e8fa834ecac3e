"""Reference values: the published 5/3/1 table, Daniels' paces for VDOT 50, plate rounding."""

from __future__ import annotations

from datetime import date

import pytest

from programs.loads import LB_PLATE_KG, deload_ceiling, round_to_plate, wendler_sets
from programs.running import Paces, RunningQuestionnaire

# Wendler, 5/3/1: 1RM 100 kg -> training max 90 kg; weeks 65/75/85, 70/80/90, 75/85/95 %, deload
# 40/50/60 % of the training max.
PUBLISHED = {
    1: [(58.5, 5), (67.5, 5), (76.5, 5)],
    2: [(63.0, 3), (72.0, 3), (81.0, 3)],
    3: [(67.5, 5), (76.5, 3), (85.5, 1)],
    4: [(36.0, 5), (45.0, 5), (54.0, 5)],
}
ON_THE_PLATE = {
    1: [57.5, 67.5, 77.5],
    2: [62.5, 72.5, 80.0],
    3: [67.5, 77.5, 85.0],
    4: [35.0, 45.0, 55.0],
}


@pytest.mark.parametrize("week", [1, 2, 3, 4])
def test_531_loads_for_a_100_kg_max_match_the_published_table(week):
    sets = wendler_sets(100.0, week)
    assert [(round(kg, 1), reps) for kg, reps in sets] == PUBLISHED[week]
    assert [round_to_plate(kg, 2.5) for kg, _ in sets] == ON_THE_PLATE[week]


def test_imperial_loads_round_to_five_pounds():
    kg = round_to_plate(100.0, LB_PLATE_KG)  # 220.46 lb -> 220 lb
    assert kg == pytest.approx(99.79, abs=0.01)


def test_a_deload_lifts_at_most_90_percent_of_last_weeks_heaviest_as_stored():
    # 200 lb (90.72 kg): 90 % is 81.648 kg; 36 plates of 5 lb are 81.65 as stored, allowed
    assert deload_ceiling(90.72) == pytest.approx(81.653)
    assert round_to_plate(90.72 * 0.9, LB_PLATE_KG, down=True) <= deload_ceiling(90.72)
    assert deload_ceiling(100.0) < 90.01  # a 90.01 kg row after 100 kg is no deload


# Daniels' Running Formula (3rd ed.), VDOT 50, seconds per km: E ~5:20, M 4:31, T 4:15,
# I 3:55, R 88 s per 400 m.
DANIELS_VDOT_50 = {"easy": 320, "tempo": 255, "interval": 235, "repetition": 220}


@pytest.mark.parametrize(("run_type", "expected"), sorted(DANIELS_VDOT_50.items()))
def test_paces_for_vdot_50_match_daniels_within_3_s_per_km(run_type, expected):
    # 5 km in 19:57 is VDOT 50.0 in Daniels' table.
    q = RunningQuestionnaire("5k", 5000, 19 * 60 + 57, 4, 30, 8, date(2027, 1, 4))
    paces = Paces(q)
    assert paces.vdot == pytest.approx(50.0, abs=0.1)
    assert abs(paces.mid(run_type) - expected) <= 3
