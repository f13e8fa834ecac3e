"""The words the parser knows: units, set and rep words, filler, verbs, activities."""

from __future__ import annotations

import re

from training import units
from voice.parsing.entries import Activity

# Units and their words have one home, training.units; the parser adds what only speech needs.
LB_WORDS = units.LB_WORDS
KG_WORDS = units.KG_WORDS
KG_PAIRS = units.KG_PAIRS
DIST_UNITS: dict[str, float] = {
    **units.DISTANCE_WORD_METRES,
    **dict.fromkeys(units.FOOT_WORDS, units.METRES_PER_FOOT),
}
# A distance word said once after a time: "an 8 minute mile", "a 4 minute k".
ONE_DISTANCE_WORDS = frozenset({"mile", "kilometer", "kilometre", "km", "k"})
TIME_UNITS: dict[str, int] = units.TIME_WORD_SECONDS
SET_WORDS = frozenset({"set", "sets", "round", "rounds"})
REP_WORDS = frozenset({"rep", "reps", "repetition", "repetitions"})
SET_ADJECTIVES = frozenset(
    {"max", "amrap",
     "back", "off", "backoff", "back-off", "working", "warm", "up", "warmup", "warm-up", "more",
     "heavy", "light", "drop", "top", "straight", "hard", "total"}
)  # fmt: skip
SINGLES = {"single": 1, "double": 2, "triple": 3}
# Said before "sets" by speech-to-text for a count: "for sets of 10" is 4 sets.
HOMOPHONE_COUNTS = {"for": 4, "four": 4, "to": 2, "too": 2, "two": 2}
# "second set rpe 8": the set a rating is said of
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
SINGLES_PLURAL = {"singles": 1, "doubles": 2, "triples": 3}
EQUIPMENT = frozenset(
    {"dumbbell", "dumbbells", "db", "dbs", "kettlebell", "kettlebells", "kb", "plate", "plates"}
)
ADDED_WORDS = frozenset({"added", "extra", "additional"})
PROTECTED_AFTER_ONE = frozenset({"arm", "armed", "leg", "legged", "hand", "handed"})
COMPOUND_NAMES = (("clean", "and", "jerk"), ("clean", "and", "press"))

# Said between a number and the number that replaces it: "3 sets of 10, no wait, 12".
CORRECTION_PHRASES = (
    ("no", "wait"),
    ("i", "mean"),
    ("make", "that"),
    ("sorry",),
    ("actually",),
    ("correction",),
    ("no",),
)
SEPARATOR_WORDS = frozenset({"then", "next", "and"})
SUPERSET_WORDS = frozenset({"superset", "supersets", "supersetted", "super-set", "paired"})
SEPARATOR_PHRASES = (("after", "that"), ("followed", "by"))
FILLER_WORDS = frozenset(
    {
        "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "mm", "oh", "so", "yeah",
        "yep", "yes", "like", "okay", "ok", "alright", "well", "just", "i", "i've", "i'm",
        "i'll", "we", "did", "do", "done", "started", "today", "tonight", "basically",
        "actually", "also", "went", "got", "hit", "log", "logged", "please", "my", "me",
        "workout", "gonna", "finally", "took", "sorry", "held", "immediately", "straight",
        "somewhere", "roughly", "maybe", "probably", "morning", "evening", "afternoon",
        "quick", "from", "pulled", "removed", "pulling", "taking", "emom", "tabata", "circuit",
    }
)  # fmt: skip
FILLER_PHRASES = (
    ("for", "my", "workout"),
    ("back", "from"),
    ("no", "rest"),
    ("no", "break"),
    ("new", "pr"),
    ("new", "pb"),
    ("a", "pr"),
    ("personal", "best"),
    ("personal", "record"),
    ("this", "morning"),
    ("this", "afternoon"),
    ("this", "evening"),
    ("at", "the", "gym"),
    ("worked", "up", "to"),
    ("that's", "it"),
    ("that's", "all"),
    ("you", "know"),
    ("i", "think"),
    ("i", "mean"),
    ("no", "wait"),
    ("kind", "of"),
    ("sort", "of"),
    # how a circuit was run, not what was lifted: "every minute on the minute 10 rounds of 5
    # cleans at 60" is 10 sets of 5, "21-15-9 thrusters for time" the sets said
    ("every", "minute", "on", "the", "minute"),
    ("on", "the", "minute"),
    ("for", "time"),
)
# A clause with one of these is talk about food, plans or questions, not a logged set.
NOT_TRAINING = frozenset(
    {
        "ate", "eat", "eating", "drank", "drink", "want", "wanna", "should", "will", "plan",
        "planning", "how", "what", "what's", "why", "when", "can", "could", "would", "tomorrow",
        "timer", "alarm", "weigh", "slept", "sleep",
    }
)  # fmt: skip
# A clause with one of these holds a number the log has no place for (a heart rate, a seat
# setting, a rest): it is asked about, never logged as a set ("172 average heart rate").
NO_PLACE_WORDS = frozenset(
    {"heart", "bpm", "pulse", "cadence", "seat", "pin", "setting", "rested", "resting"}
    | {"steps", "stroke", "spm", "watts", "rpm"}
)
# Said after a number the log has no place for: "at 90 rpm", "24 strokes per minute".
RATE_WORDS = frozenset(
    {"percent", "%", "rpm", "watts", "watt", "bpm", "spm", "strokes", "stroke", "steps"}
    | {"inch", "inches"}  # "a 20 inch box": a height, no set
)
# A machine setting said with its number ("at level 8", "incline 12", "seat 5") is a clause of
# its own: its number is asked about and the rest of the clause is logged.
SETTING_WORDS = frozenset(
    {"level", "incline", "resistance", "seat", "pin", "setting", "position", "gear", "notch"}
    | {"damper", "speed", "pinned", "pulley", "hole"}
)
# Words that are never part of an exercise name (they end a name).
STOP_WORDS = frozenset(
    {
        "the", "a", "an", "to", "on", "of", "at", "for", "with", "in", "and", "each", "per",
        "sides", "off", "x", "by", "times", "set", "sets", "rep", "reps", "total", "was",
        "were", "is", "first", "second", "third", "last", "final", "exercise", "exercises",
        "after", "that", "which", "some", "hello", "hi", "hey", "all", "every", "it", "then",
        "next",
        "plus", "added", "extra", "additional", "rpe", "rir", "reserve", "tank", "left",
        "right",
        "failure", "till", "until", "s", "more", "another", "around", "about", "felt", "easy",
        "hard", "minutes", "min", "mins", "seconds", "hours", "new", "pr", "pb", "personal",
        "record", "best", "drop", "dropped", "stripped", "strip", "amrap", "max", "tempo",
        "steady", "lengths", "laps", "calories", "cals", "using", "holding", "carrying", "got",
        "fast", "slow", "averaging", "averaged", "hitting", "avg",
    }
)  # fmt: skip
STRENGTH_VERBS = {
    "benched": "bench press",
    "benching": "bench press",
    "squatted": "squat",
    "squatting": "squat",
    "deadlifted": "deadlift",
    "deadlifting": "deadlift",
    "curled": "curl",
    "curling": "curl",
    "pressed": "press",
    "pressing": "press",
    "rowed": "row",
    "shrugged": "shrug",
    "lunged": "lunge",
}
CARDIO_VERBS = {
    "ran": "run",
    "jogged": "jog",
    "sprinted": "sprint",
    "cycled": "cycle",
    "biked": "bike",
    "rode": "ride",
    "swam": "swim",
    "walked": "walk",
    "hiked": "hike",
    "rowed": "row",
}
ACTIVITY_WORDS: dict[str, Activity] = {
    **dict.fromkeys(
        ("ran", "run", "runs", "running", "jog", "jogged", "jogging", "sprint", "sprinted"),
        "run",
    ),
    **dict.fromkeys(("treadmill", "marathon"), "run"),
    **dict.fromkeys(
        ("bike", "biked", "biking", "cycle", "cycled", "cycling", "ride", "rode", "spin"),
        "bike",
    ),
    **dict.fromkeys(("bicycle", "peloton"), "bike"),
    **dict.fromkeys(("row", "rowed", "rowing", "rower", "erg"), "row"),
    **dict.fromkeys(("swim", "swam", "swimming", "pool"), "swim"),
    **dict.fromkeys(("walk", "walked", "walking", "hike", "hiked", "hiking"), "walk"),
    **dict.fromkeys(("ski", "skierg"), "ski"),
}
# Said in a lift's name with an activity word ("walking lunges", "farmers walk"): a lift.
STRENGTH_NOUNS = frozenset(
    {"lunge", "lunges", "carry", "carries", "crawl", "crawls", "farmers", "farmer", "farmer's"}
    | {"sled", "yoke", "drag", "drags", "push", "pushes", "lunging"}
)
# Cardio verbs that never name a lift ("rowed" does: "rowed 135 for 10").
PURE_CARDIO = frozenset(ACTIVITY_WORDS) - {"row", "rowed", "rowing"}
# What a pace is per when the speaker does not say: a swim pace is per 100 m, a row split per 500 m.
PACE_BASE_M: dict[str, float] = {"swim": 100.0, "row": 500.0}
MAX_SPEED_M_S: dict[str, float] = {
    "run": 7.0, "walk": 4.0, "swim": 3.0, "row": 7.0, "bike": 25.0, "ski": 7.0,
}  # fmt: skip
BODYWEIGHT_WORDS = frozenset({"bodyweight", "body", "weight", "just", "no", "added"})
BODYWEIGHT_RE = re.compile(
    r"\b(?:(?:pull|chin|push|muscle)[- ]?ups?|dips?|weighted|bodyweight|body weight)\b"
)
# Holds done with the body as the load: a plate or a vest on them is added to the body, as on a
# chin or a dip ("plank 3 x 45 seconds with a 25 pound plate on my back")
BODYWEIGHT_HOLD_RE = re.compile(
    r"\b(?:planks?|wall[- ]?sits?|(?:dead|bar|active|passive)[- ]?hangs?|l[- ]?sits?|hollow|"
    r"handstands?|front levers?|back levers?)\b"
)

# Plate math in the athlete's unit: a bar and plates of 45 lb / 20 kg, quarters of 25 lb / 10 kg.
BAR_WEIGHT = {"lb": 45.0, "kg": 20.0}
PLATE_WEIGHT = {"lb": 45.0, "kg": 20.0}
QUARTER_WEIGHT = {"lb": 25.0, "kg": 10.0}
# "a 45 plate", "holding a 10 plate": a number before one "plate" that is its weight, not a
# count ("a 4 plate deadlift" is four a side); from this weight on it is one said alone
MIN_PLATE_LABEL = 2.5
ALWAYS_PLATE_LABEL = 15
# Said after the load to hold it: "with", "using", "holding" ("shrugs 3 x 12 holding the 80s").
LOAD_PREPOSITIONS = frozenset({"with", "using", "holding", "carrying"})
SIDE_WORDS = frozenset({"side", "leg", "arm", "hand"})
CALORIE_WORDS = frozenset({"calories", "calorie", "cals", "cal", "kcal"})
LAP_WORDS = frozenset({"lengths", "length", "laps", "lap", "trips", "trip"})
# Said in a drop set or an AMRAP; never part of the exercise's name.
DROP_WORDS = frozenset({"drop", "dropped", "dropping", "stripped", "strip", "amrap", "max", "down"})
# Said before a load that may be the drop itself: "dropped 30 pounds", "took 20 kilos off".
DROP_VERBS = frozenset(
    {"drop", "dropped", "dropping", "stripped", "strip", "took", "pulled", "minus", "removed"}
)
# Effort words that make a clause with no activity a run ("tempo 15 minutes", "easy 12k").
# The easy running before or after the main part of a session: a part of its own, never the
# recovery between repeats ("6 x 800 then a 2 mile cool down"); "warm up" and "cool down" are
# written with a hyphen before the words are read (voice.parsing.tokens.normalise)
WARM_UP_WORDS = frozenset(
    {"warm-up", "warmup", "warm-ups", "warmups", "cool-down", "cooldown", "cool-downs"}
    | {"cooldowns", "warmed-up", "cooled-down", "warming-up", "cooling-down"}
)
RUN_EFFORT_WORDS = (
    frozenset({"tempo", "easy", "long", "recovery", "steady", "threshold"}) | WARM_UP_WORDS
)
# Said of a rest between repeats, as opposed to easy running after them: "then 90 seconds jog
# between" is the recovery, "then 20 minutes easy" the next part of the session.
RECOVERY_MARKS = frozenset(
    {"between", "each", "with", "off", "rest", "recovery", "recoveries", "standing", "float"}
)
# A clause with a time or distance but no activity word is a hold or a carry under a name like
# these; with none of them the name is an activity ("stairmaster 20 minutes").
INTERVAL_WORDS = frozenset(
    {"repeats", "intervals", "interval", "strides", "sprints", "hills", "track", "fartlek"}
    | {"uphill", "downhill"}
    | {"ladder", "pyramid"}
)
LADDER_WORDS = frozenset({"ladder", "pyramid"})  # "ladder 200, 400, 800": one repeat each
# Said of an interval session besides its repeats ("hill sprints", "track session").
SESSION_WORDS = frozenset({"hill", "track", "session", "workout", "speed", "work"})
# Said between a preposition and a time: "in about 85 seconds", "at around 2:50".
APPROXIMATE_WORDS = frozenset({"about", "around", "roughly", "approximately", "like", "~"})
# Said before each repeat's time with no preposition: "averaging 82 seconds".
TIME_LEAD_WORDS = frozenset({"averaging", "averaged", "hitting", "avg", "each"})
# Words said of a run's pace or splits, never of a hold ("average pace 9:10").
PACE_WORDS = frozenset({"pace", "average", "avg", "split", "splits", "per"})
# A rep range tops out here; "from 135 to 225" is two loads, not a range.
MAX_RANGE_TOP = 50
# Words that say what the number before them counts.
TIED_TO_A_NUMBER = frozenset(
    {*DIST_UNITS, *TIME_UNITS, *SET_WORDS, *REP_WORDS, *LB_WORDS, *KG_WORDS, *CALORIE_WORDS}
    | {"x", "by", "times", "s", "plate", "plates"}
)
# Said of the rest between repeats: "90 seconds jog between", "with a 400 jog".
RECOVERY_WORDS = frozenset(
    {"jog", "between", "rest", "recovery", "recoveries", "easy", "off", "walk", "walking"}
    | {"standing", "float", "slow"}
)
# Said after a time on a bike for the recovery between repeats: "with 2 minutes spin"
EASY_SPIN_WORDS = frozenset({"spin", "spinning"})
# A recovery said with no number ("walk back recovery", "jog down recovery"): how, not how long
RECOVERY_HOW_WORDS = RECOVERY_WORDS | {"back", "down", "to", "the", "start", "a", "recover"}
# Said before the times listed one per repeat: "4 x 800, times were 2:50, 2:48, 2:47"
LISTED_TIMES_LEAD = frozenset({"times", "were", "was", "i", "ran", "hit", "them"})
MIN_REPEAT_M = 100  # "6 x 800": a bare count this large after "x" is metres, not reps
TRACK_LAP_M = 400.0  # "1 lap jog between": a lap of the track
MAX_REPEATS = 50
# Race distances named by their metres alone: "ran a 5,000 in 19:45", "rowed the 2000".
RACE_DISTANCES_M = frozenset({800.0, 1500.0, 1600.0, 2000.0, 3000.0, 5000.0, 10000.0})
# A time per repeat slower than this is the session's total ("8 x 400, took 12 minutes")
MIN_REPEAT_SPEED_M_S: dict[str, float] = {"run": 1.0, "bike": 1.5, "row": 1.0, "ski": 1.0}
MAX_BARE_REPEAT_S = 1000  # "8 x 400: 88, 87, 86": bare numbers listed per repeat are seconds
# Track distances said as a plural count of repeats: "6 400s", "eight 200s".
REPEAT_DISTANCES_M = frozenset(
    {100.0, 150.0, 200.0, 300.0, 400.0, 500.0, 600.0, 800.0, 1000.0, 1200.0, 1600.0}
)
# Said before a time that bounds it: "all under 3 minutes", "6 x 400 all sub 80" (asks)
BOUND_WORDS = frozenset({"under", "sub", "below"})
# Where a load sits on the body, said after it: "20 kg on my back", "a 25 on my lap"
BODY_PLACES = frozenset({"back", "lap", "chest", "shoulders", "hips", "belt", "waist"})
# "did 400s, 8 of them": a plural track distance from this on is repeats, never dumbbells
MIN_PLURAL_REPEAT_M = 200.0
# A time said before these is no set: "with a 2 second pause", "90 seconds rest".
NOTE_WORDS = frozenset(
    {
        "pause",
        "paused",
        "pauses",
        "rest",
        "rests",
        "break",
        "breaks",
        "tempo",
        "between",
        "recovery",
    }
)
# Said before a time that is no set: "rest 90 seconds", "rested 2 minutes".
REST_WORDS = frozenset({"rest", "rested", "resting", "break"})
