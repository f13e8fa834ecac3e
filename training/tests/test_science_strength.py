"""Reference values for the e1RM equations and the RTS RPE chart."""

import pytest

from training.science import rpe, strength


def test_epley_reference():
    assert strength.epley(100, 5) == pytest.approx(116.7, abs=0.05)


def test_brzycki_reference():
    assert strength.brzycki(100, 5) == pytest.approx(112.5)


def test_a_single_is_its_own_max():
    assert strength.epley(140, 1) == 140
    assert strength.brzycki(140, 1) == 140


@pytest.mark.parametrize("reps", [0, 13, 20])
def test_equations_refuse_reps_outside_their_range(reps):
    with pytest.raises(ValueError, match="1-12 reps"):
        strength.epley(100, reps)
    with pytest.raises(ValueError, match="1-12 reps"):
        strength.brzycki(100, reps)


def test_rir_from_rpe():
    assert strength.rir_from_rpe(8) == 2
    assert strength.rir_from_rpe(9.5) == 0.5


def test_adjusted_e1rm_counts_reps_in_reserve():
    # 100 kg x 5 with 2 in reserve is treated as 7 reps: 100 * (1 + 7/30) = 123.33
    assert strength.e1rm_adjusted(100, 5, rir=2) == pytest.approx(123.333, abs=0.001)
    assert strength.e1rm_adjusted(100, 5, rpe=8) == pytest.approx(123.333, abs=0.001)
    # unrated: taken to failure, plain Epley
    assert strength.e1rm_adjusted(100, 5) == pytest.approx(strength.epley(100, 5))
    # RIR wins over RPE when both are given
    assert strength.e1rm_adjusted(100, 5, rir=0, rpe=6) == pytest.approx(strength.epley(100, 5))


def test_rpe_chart_reference_points():
    assert rpe.percent_1rm(1, 10) == 1.0
    assert rpe.percent_1rm(2, 10) == pytest.approx(0.955)
    assert rpe.percent_1rm(1, 9) == pytest.approx(0.955)
    assert rpe.percent_1rm(5, 8) == pytest.approx(0.811)
    assert rpe.percent_1rm(12, 6.5) == pytest.approx(0.586)
    assert rpe.percent_1rm(8, 10) == pytest.approx(0.786)


def test_rpe_chart_interpolates_between_half_points():
    assert rpe.percent_1rm(1, 9.75) == pytest.approx((1.0 + 0.978) / 2)


@pytest.mark.parametrize(("reps", "value"), [(0, 8), (13, 8), (5, 6), (5, 10.5)])
def test_rpe_chart_refuses_outside_the_table(reps, value):
    with pytest.raises(ValueError, match="RPE chart"):
        rpe.percent_1rm(reps, value)


def test_load_and_e1rm_are_inverse():
    load = rpe.load_for(200, 5, 8)
    assert load == pytest.approx(162.2)
    assert rpe.e1rm_from(load, 5, 8) == pytest.approx(200)


def test_chart_descends_with_reps_and_with_lower_rpe():
    for reps in range(1, 12):
        assert rpe.percent_1rm(reps + 1, 8) < rpe.percent_1rm(reps, 8)
    assert rpe.percent_1rm(5, 7) < rpe.percent_1rm(5, 9)
