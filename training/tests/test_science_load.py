"""Reference values for the training-load metrics, and their invariants (hypothesis)."""

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.science import load

AS_OF = date(2026, 3, 1)  # a Sunday


def _constructed_four_weeks():
    # Weeks 1-3: Mon 300, Wed 400, Fri 500. Week 4 (ending on as_of): Mon 600, Wed 400, Fri 500,
    # Sun 300.
    pairs = []
    for week in range(4):
        monday = AS_OF - timedelta(days=6 + 7 * (3 - week))
        days = {0: 300, 2: 400, 4: 500} if week < 3 else {0: 600, 2: 400, 4: 500, 6: 300}
        pairs += [(monday + timedelta(days=offset), value) for offset, value in days.items()]
    return pairs


def test_session_load():
    assert load.session_load(7, 60) == 420
    assert load.session_load(None, 60) is None
    assert load.session_load(7, None) is None
    assert load.session_load(7, 0) is None


def test_constructed_month():
    daily = load.daily_series(_constructed_four_weeks(), AS_OF)
    assert len(daily) == load.HISTORY_DAYS
    assert daily[-7:] == [600, 0, 400, 0, 500, 0, 300]
    assert load.acute_load(daily) == 1800
    assert load.chronic_load(daily) == (3 * 1200 + 1800) / 4 == 1350
    assert load.acwr_rolling(daily) == pytest.approx(1800 / 1350)
    mean = 1800 / 7
    deviation = math.sqrt((600**2 + 400**2 + 500**2 + 300**2) / 7 - mean**2)
    assert load.monotony(daily) == pytest.approx(mean / deviation)
    assert load.monotony(daily) == pytest.approx(1.0796, abs=0.0001)
    assert load.strain(daily) == pytest.approx(1800 * mean / deviation)


def test_ewma_and_fitness_fatigue_by_hand():
    # span 7: lambda = 0.25 -> 25, 18.75, 64.0625
    assert load.ewma([100, 0, 200], 7) == pytest.approx(64.0625)
    # N = 7: 100/7, then *6/7, then + (200 - x)/7
    assert load.fitness_fatigue([100, 0, 200], 7) == pytest.approx(
        [100 / 7, 600 / 49, 600 / 49 + (200 - 600 / 49) / 7]
    )


def test_summary_of_constructed_month():
    daily = load.daily_series(_constructed_four_weeks(), AS_OF)
    summary = load.summarise(daily)
    ctl = load.fitness_fatigue(daily, 42)
    atl = load.fitness_fatigue(daily, 7)
    assert summary.ctl == ctl[-1]
    assert summary.atl == atl[-1]
    assert summary.tsb == pytest.approx(ctl[-2] - atl[-2])
    assert summary.acwr_ewma == pytest.approx(load.ewma(daily, 7) / load.ewma(daily, 28))


def test_empty_history_has_no_ratios():
    summary = load.summarise([0.0] * load.HISTORY_DAYS)
    assert summary.acwr_rolling is None
    assert summary.acwr_ewma is None
    assert summary.monotony is None
    assert summary.strain is None
    assert summary.acute_load == summary.ctl == summary.tsb == 0


# Whole-number loads (RPE x minutes) keep the sums exact, so equal means equal.
sessions = st.lists(
    st.tuples(st.integers(min_value=0, max_value=179), st.integers(min_value=0, max_value=2000)),
    max_size=60,
)


@given(sessions, st.integers(min_value=0, max_value=179), st.integers(min_value=0, max_value=1000))
def test_splitting_a_session_changes_no_metric(history, index, part):
    pairs = [(AS_OF - timedelta(days=offset), value) for offset, value in history]
    day = AS_OF - timedelta(days=index)
    whole = [*pairs, (day, 1000.0)]
    split = [*pairs, (day, float(part)), (day, 1000.0 - part)]
    assert load.summarise(load.daily_series(whole, AS_OF)) == load.summarise(
        load.daily_series(split, AS_OF)
    )


@given(sessions, st.integers(min_value=-400, max_value=400))
def test_shifting_history_shifts_results(history, shift):
    pairs = [(AS_OF - timedelta(days=offset), value) for offset, value in history]
    moved = [(day + timedelta(days=shift), value) for day, value in pairs]
    a = load.summarise(load.daily_series(pairs, AS_OF))
    b = load.summarise(load.daily_series(moved, AS_OF + timedelta(days=shift)))
    assert a == b


@given(sessions)
def test_loads_are_never_negative(history):
    pairs = [(AS_OF - timedelta(days=offset), value) for offset, value in history]
    summary = load.summarise(load.daily_series(pairs, AS_OF)).as_dict()
    for key, value in summary.items():
        if key != "tsb" and value is not None:
            assert value >= 0, key
