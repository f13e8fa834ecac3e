"""The bounds a program must stay within: every number the generators and the validator share."""

from __future__ import annotations

# Storage and prescription bounds (strength).
MAX_WEEKS = 24
MIN_STRENGTH_WEEKS = 4
MAX_STRENGTH_WEEKS = 16
MAX_SETS_PER_EXERCISE = 10
MAX_REPS_PER_SET = 30
MIN_REST_S = 30
MAX_REST_S = 600
MIN_RPE = 5.0
MAX_RPE = 10.0
MAX_RIR = 5
MIN_PERCENT_1RM = 0.30
MAX_PERCENT_1RM = 1.00
MAX_LOAD_KG = 600
SECONDS_PER_REP = 4
PLATE_KG = 2.5
PLATE_LB = 5.0
# Loads are stored to 0.01 kg (ProgramExercise.load_kg): a load compared with a fraction of
# another may be off by half of that (5 lb plates: 36 x 2.26796 = 81.6466 is stored 81.65).
LOAD_STORED_TOLERANCE_KG = 0.005

# Deloads: every 4-6 weeks, hard sets -40-50 %, load -10 %, RIR +2, same frequency.
MAX_HARD_WEEKS_IN_A_ROW = 5
MIN_HARD_WEEKS_BETWEEN_DELOADS = 3
DELOAD_SETS_MIN_RATIO = 0.50
DELOAD_SETS_MAX_RATIO = 0.60
DELOAD_LOAD_RATIO = 0.90
DELOAD_RIR_INCREASE = 2
# A deload of a lift already at the lightest plate step cannot take 10 % off in plates: it is
# prescribed by effort instead, this many reps short of failure.
DELOAD_EFFORT_RIR = 4

# Running.
MIN_RUNNING_WEEKS = 4
MAX_RUNNING_WEEKS = 24
MAX_WEEKLY_INCREASE = 0.10
RECOVERY_EVERY_WEEKS = 4
RECOVERY_MIN_CUT = 0.20
RECOVERY_MAX_CUT = 0.30
MAX_LONG_RUN_SHARE = 0.30
MAX_LONG_RUN_M = 35_000
MAX_THRESHOLD_SHARE = 0.10
MAX_INTERVAL_SHARE = 0.08
MIN_EASY_SHARE = 0.75
TAPER_MIN_CUT = 0.20
TAPER_MAX_CUT = 0.60
MIN_RUN_M = 2_000
MIN_WEEKLY_KM_PER_RUN = 4.0
MAX_WEEKLY_KM = 250.0
