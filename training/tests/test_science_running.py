"""Reference values for pace, VDOT, Daniels paces, max HR, Karvonen zones and TRIMP."""

import math

import pytest

from training.science import running


def test_pace():
    assert running.pace_s_per_km(5000, 1500) == 300
    assert running.pace_s_per_mi(1609.344, 480) == pytest.approx(480)
    assert running.pace_s_per_km(0, 1500) is None
    assert running.pace_s_per_km(5000, None) is None


def test_vdot_reference_races():
    assert running.vdot(5000, 20 * 60) == pytest.approx(49.8, abs=0.3)
    assert running.vdot(42195, 3.5 * 3600) == pytest.approx(44.6, abs=0.3)


def test_race_time_inverts_vdot():
    # Daniels' table: VDOT 50 runs 19:57 for 5 km and 3:10:49 for the marathon.
    assert running.race_time_s(50, 5000) == pytest.approx(19 * 60 + 57, abs=5)
    assert running.race_time_s(50, 42195) == pytest.approx(3 * 3600 + 10 * 60 + 49, abs=30)


def _mid(band):
    return sum(band) / 2


def test_training_paces_match_daniels_table_for_vdot_49():
    # Daniels' Running Formula, VDOT 49: E 8:40/mi, M 7:24/mi, T 4:20/km, I 3:59/km, R 89 s/400 m.
    paces = running.training_paces(49)
    assert list(paces) == ["E", "M", "T", "I", "R"]
    assert _mid(paces["T"]) == pytest.approx(4 * 60 + 20, abs=3)
    assert _mid(paces["I"]) == pytest.approx(3 * 60 + 59, abs=3)
    assert _mid(paces["M"]) == pytest.approx((7 * 60 + 24) / 1.609344, abs=3)
    assert _mid(paces["R"]) == pytest.approx(89 * 2.5, abs=3)
    assert paces["E"][0] < (8 * 60 + 40) / 1.609344 < paces["E"][1]
    for fast, slow in paces.values():
        assert fast < slow


def test_tanaka():
    assert running.tanaka_max_hr(40) == 180


def test_karvonen_zones():
    zones = running.karvonen_zones(60, 180)
    assert zones == [(120, 132), (132, 144), (144, 156), (156, 168), (168, 180)]
    assert running.hr_zone(150, zones) == 3
    assert running.hr_zone(110, zones) is None
    assert running.hr_zone(185, zones) == 5


def test_trimp_reference():
    # 60 min at 150 bpm, rest 60, max 180: HRr = 0.75
    male = 60 * 0.75 * 0.64 * math.exp(1.92 * 0.75)
    female = 60 * 0.75 * 0.86 * math.exp(1.67 * 0.75)
    assert running.trimp(60, 150, 60, 180, "male") == pytest.approx(male)
    assert running.trimp(60, 150, 60, 180, "female") == pytest.approx(female)
    assert running.trimp(60, 150, 60, 180) == pytest.approx((male + female) / 2)
    assert running.trimp(60, 150, 60, 180, "unspecified") == pytest.approx((male + female) / 2)
    assert male == pytest.approx(121.56, abs=0.01)
