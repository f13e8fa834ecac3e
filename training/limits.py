"""Storage bounds for training data: what the API and every other writer may store.

Each bound is the range a real athlete's log falls in, wide enough for outliers (ultras, marathon
planks) and tight enough that every derived value (pace, e1RM, load) stays finite. The voice
thresholds that only ask the athlete to confirm are a different thing and live in voice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

# Sets
MIN_REPS = 1
MAX_REPS = 1000
MAX_WEIGHT_KG = 600
MIN_SET_DURATION_S = 1
MAX_SET_DURATION_S = 24 * 3600
MIN_SET_DISTANCE_M = 1
MAX_SET_DISTANCE_M = 100_000
MAX_RIR = 10
MIN_RPE = 1
MAX_RPE = 10
MAX_SETS_PER_WORKOUT = 200

# Runs and other cardio sessions
MIN_RUN_DISTANCE_M = 10  # a distance is 0 (not measured) or at least this: no infinite pace
MAX_RUN_DISTANCE_M = 1_000_000
MIN_RUN_DURATION_S = 1
MAX_RUN_DURATION_S = 7 * 24 * 3600
MAX_ELEVATION_GAIN_M = 20_000
MAX_SPLITS = 500
MIN_SPLIT_DISTANCE_M = 1
MAX_SPLIT_DISTANCE_M = 100_000
MIN_SPLIT_DURATION_S = 1
MAX_SPLIT_DURATION_S = 24 * 3600
MIN_RUN_CALORIES = 1
MAX_RUN_CALORIES = 10_000  # one erg or bike session, as the machine counts them

# Heart rates during a session, beats per minute (the profile's resting and maximum heart rates
# have their own bounds in accounts.models)
MIN_HEART_RATE = 30
MAX_HEART_RATE = 250

# Injuries
MIN_SEVERITY = 1
MAX_SEVERITY = 10

# Dates: nothing before this, nothing after the moment of writing plus the tolerance (clocks and
# time zones differ); the fixed latest date is the database's backstop for writers without a clock
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 1, 1)
FUTURE_TOLERANCE = timedelta(days=1)
EARLIEST_MOMENT = datetime.combine(EARLIEST_DATE, time.min, tzinfo=UTC)
LATEST_MOMENT = datetime.combine(LATEST_DATE, time.min, tzinfo=UTC)

# Free text
MAX_NOTES_LENGTH = 5000
