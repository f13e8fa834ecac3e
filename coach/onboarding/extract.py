"""Profile fields from free text by rules, in the Profile's names and vocabulary, SI units.

"I've been lifting for a year and can get to the gym four mornings a week" ->
experience_level intermediate (0.8), training_days_per_week 4 (0.9). Nothing is saved here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from accounts.models import Equipment, ExperienceLevel, Goal, RunningBackground, Sex, UnitSystem
from coach.injuries.extract import find_region, find_severity, find_side
from coach.injuries.words import NUMBER_WORD_PATTERN, WEEKDAYS, number_value
from coach.onboarding.races import finish_time_s, race_distance
from training.units import KG_PER_LB, METRES_PER_MILE

CM_PER_INCH = Decimal("2.54")
KG_PER_STONE = Decimal("6.35029318")
# What a program needs; running fields too once running is part of the goals.
PROGRAM_FIELDS = (
    "experience_level",
    "goals",
    "training_days_per_week",
    "session_length_min",
    "equipment_available",
)
RUNNING_FIELDS = ("running_background", "weekly_running_km")
EXPLICIT, INFERRED = 0.95, 0.8

_NUM = rf"(?:\d+(?:\.\d+)?|{NUMBER_WORD_PATTERN})"
_LIFT_BEFORE = re.compile(
    r"(?:bench|squat|deadlift|press|row|total|lift|clean|snatch|curl)\w*\s*(?:is|of|at|:)?\s*$",
    re.I,
)


def _one_decimal(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Extraction:
    """Field name -> (value, confidence), in the order found."""

    fields: dict[str, tuple[Any, float]] = field(default_factory=dict)

    def put(self, name: str, value: Any, confidence: float = EXPLICIT) -> None:
        if value is not None and value != [] and name not in self.fields:
            self.fields[name] = (value, confidence)

    def values(self) -> dict[str, Any]:
        return {name: value for name, (value, _) in self.fields.items()}

    def missing(self) -> list[str]:
        needed = list(PROGRAM_FIELDS)
        goals = self.fields.get("goals", ([], 0))[0]
        running = self.fields.get("running_background", (None, 0))[0]
        if {"race", "endurance"} & set(goals) or running not in (None, RunningBackground.NONE):
            needed += RUNNING_FIELDS
        return [name for name in needed if name not in self.fields]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": {
                name: {"value": value, "confidence": confidence}
                for name, (value, confidence) in self.fields.items()
            },
            "missing": self.missing(),
        }


# --- the body ------------------------------------------------------------------------------
_AGE = re.compile(
    r"\b(?:i'?m|i am|im|age|aged|age is)\s*:?\s*(\d{2})\b(?!\s*(?:kg|kilos?|lbs?|pounds|stone|"
    r"cm|km|k\b|miles?|min|minutes|%|days?|weeks?|months?|years? of|'|ft|feet|foot))"
    r"|\b(\d{2})\s*(?:years? old|yo\b|y/o|yrs? old|year-old)"
    r"|(?:^|about me:\s*|,\s*)(\d{2})\s*(?=,|\s+and\b|\s*$)",
    re.I,
)
_BIRTH_YEAR = re.compile(r"\bborn(?: in)?\s*(19\d{2}|20[0-2]\d)\b", re.I)
_SEXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (Sex.OTHER, re.compile(r"\b(?:non[- ]?binary|enby|they/them)\b", re.I)),
    (Sex.FEMALE, re.compile(r"\b(?:female|woman|girl|lady|she/her|mum|mom|mother)\b", re.I)),
    (Sex.MALE, re.compile(r"\b(?:male|man|guy|dude|bloke|he/him|dad|father)\b", re.I)),
)
_WEIGHT = re.compile(
    r"\b(\d{2,3}(?:\.\d)?)\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds)\b"
    r"|\b(\d{1,2})\s*(?:stone|st)\b(?:\s*(\d{1,2})\s*(?:lbs?|pounds)?)?",
    re.I,
)
_HEIGHT_CM = re.compile(
    r"\b(1\d{2}|2[0-4]\d)\s*(?:cm|centimet(?:er|re)s?)\b|\b(1\.\d{1,2})\s*m\b", re.I
)
_HEIGHT_FT = re.compile(
    r"\b([4-7])\s*(?:'|ft|foot|feet)\s*(?:(\d{1,2})\s*(?:\"|''|in(?:ch(?:es)?)?)?)?(?![\d.])", re.I
)


def _bodyweight(text: str) -> float | None:
    for match in _WEIGHT.finditer(text):
        if _LIFT_BEFORE.search(text[: match.start()][-30:]):
            continue  # "bench 100kg" is a lift, not the athlete
        if match[1]:
            value = Decimal(match[1])
            kg = value if match[2].lower().startswith("k") else value * KG_PER_LB
        else:
            kg = Decimal(match[3]) * KG_PER_STONE + Decimal(match[4] or 0) * KG_PER_LB
        if 30 <= kg <= 250:
            return _one_decimal(kg)
    return None


def _height(text: str) -> float | None:
    metric = _HEIGHT_CM.search(text)
    if metric:
        return float(metric[1]) if metric[1] else _one_decimal(Decimal(metric[2]) * 100)
    imperial = _HEIGHT_FT.search(text)
    if imperial:
        inches = Decimal(imperial[1]) * 12 + Decimal(imperial[2] or 0)
        return _one_decimal(inches * CM_PER_INCH)
    return None


def _age(text: str) -> int | None:
    for match in _AGE.finditer(text):
        value = int(next(group for group in match.groups() if group))
        if 13 <= value <= 95:
            return value
    return None


# --- training ------------------------------------------------------------------------------
_YEARS = re.compile(
    rf"\b(?:lifting|training|trained|working out|doing \w+|been at it|in the gym|"
    rf"lifted|been \w+ing)\s+(?:for\s+)?(?:about\s+|around\s+|over\s+|almost\s+|nearly\s+)?"
    rf"({_NUM}|a|an)\s+(years?|months?|yrs?)"
    rf"|\b({_NUM}|a|an)\+?\s+(years?|months?|yrs?)\s+(?:of\s+)?(?:lifting|training|experience"
    rf"|in the gym|(?:of )?\w+ing)",
    re.I,
)
_LEVEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ExperienceLevel.BEGINNER,
        re.compile(
            r"\b(?:never (?:lifted|trained|worked out|been to a gym)|no (?:lifting|training|gym) "
            r"experience|want to start lifting|new to (?:lifting|the gym|training|weights)|"
            r"complete beginner|beginner(?! runner)|novice|first time (?:in|at) (?:a|the) gym)",
            re.I,
        ),
    ),
    (ExperienceLevel.INTERMEDIATE, re.compile(r"\bintermediate\b", re.I)),
    (ExperienceLevel.ADVANCED, re.compile(r"\b(?:advanced|experienced lifter|elite)\b", re.I)),
)
_DAYS = re.compile(
    rf"\b({_NUM})(?:\s*(?:-|to|or)\s*({_NUM}))?\s*(?:x\s*)?(?:days?|mornings?|evenings?|nights?|"
    rf"times?|sessions?|classes|workouts?|x)\s*(?:a|per|each|/|every)\s*week\b"
    rf"|\b({_NUM})\s+days?\b(?=[^.]*\b(?:is all|not|instead|a week|per week|max)\b)"
    rf"|\b(?:make (?:that|it)|actually|change (?:that|it) to)\s+({_NUM})(?:\s+days?)?\b",
    re.I,
)
_OTHER_DAYS = re.compile(
    rf"\b(?:and|plus)\s+(?:i\s+)?(?:run|lift|swim|ride|cycle)\w*\s+(?:on\s+)?({_NUM})\s+other\s+days?",
    re.I,
)
_WEEKDAY_NAMES = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})s?\b", re.I)
_SESSION = re.compile(
    rf"\b({_NUM})\s*(?:-\s*)?(?:min(?:ute)?s?)\s*(?:sessions?|workouts?|each|per|a session"
    rf"|a day|max)"
    rf"|\b(?:sessions?|workouts?)\s+(?:of|are|last|lasting)\s+(?:about |around "
    rf"|up to )?({_NUM})\s*min"
    rf"|\bfor\s+(?:about |around |up to )?({_NUM})\s*(?:min(?:ute)?s?)\b"
    rf"|\b({_NUM})\s*(?:min(?:ute)?s?)\s+(?:is all|at most|tops)"
    rf"|\b(an hour and a half|90 minutes|an hour|one hour|half an hour|(?:1\.5|2|1) hours?)"
    rf"(?=\s*(?:each|per|a session|sessions?|workouts?|a day|max|tops|is all|at a time|,|\.|$))",
    re.I,
)
_HOUR_WORDS = {
    "an hour and a half": 90,
    "90 minutes": 90,
    "an hour": 60,
    "one hour": 60,
    "half an hour": 30,
    "1 hour": 60,
    "1.5 hours": 90,
    "2 hours": 120,
    "1 hours": 60,
}


def _experience(text: str) -> tuple[str, float] | None:
    years = _YEARS.search(text)
    if years:
        number, unit = (years[1], years[2]) if years[1] else (years[3], years[4])
        value = number_value(number)
        if value is not None:
            in_years = value / 12 if unit.lower().startswith("m") else value
            level = (
                ExperienceLevel.BEGINNER
                if in_years < 1
                else ExperienceLevel.INTERMEDIATE
                if in_years <= 3
                else ExperienceLevel.ADVANCED
            )
            return str(level), INFERRED
    for named, pattern in _LEVEL_WORDS:
        if pattern.search(text):
            return str(named), EXPLICIT
    return None


def _days(text: str) -> int | None:
    match = _DAYS.search(text)
    if match:
        value = number_value(next(g for g in (match[2], match[1], match[3], match[4]) if g))
        if value is not None:
            extra = _OTHER_DAYS.search(text)
            extra_value = number_value(extra[1]) if extra else 0
            total = int(value + (extra_value or 0))
            if 1 <= total <= 7:
                return total
    names = {m[0].lower().rstrip("s") for m in _WEEKDAY_NAMES.finditer(text)}
    if len(names) >= 2 and re.search(r"\b(?:train|gym|lift|work ?out|can do|free)\b", text, re.I):
        return len(names)
    return None


def _session_minutes(text: str) -> int | None:
    match = _SESSION.search(text)
    if not match:
        return None
    if match[5]:
        return _HOUR_WORDS.get(match[5].lower())
    value = number_value(next(g for g in match.groups()[:4] if g))
    return int(value) if value and 10 <= value <= 240 else None


# --- goals and equipment -------------------------------------------------------------------
_GOALS: tuple[tuple[str, str], ...] = (
    (
        Goal.STRENGTH,
        r"\b(?:strength|stronger|powerlift\w*|do an? (?:pull|chin)[ -]?ups?|lift heavier)",
    ),
    (
        Goal.HYPERTROPHY,
        r"\b(?:build(?:ing)? muscle|muscle gain|gain muscle|hypertrophy|get big|"
        r"bulk\w*|bodybuild\w*|put on (?:size|muscle)|get bigger|add muscle)",
    ),
    (
        Goal.FAT_LOSS,
        r"\b(?:lose (?:weight|fat|the belly|some weight|a bit of fat)|fat loss|get lean|"
        r"lean out|cut\b|cutting|slim down|drop (?:weight|fat)|tone up|burn fat)",
    ),
    (Goal.ENDURANCE, r"\b(?:endurance|stamina|aerobic|cardio fitness)"),
    (
        Goal.GENERAL_FITNESS,
        r"\b(?:get fitter|general fitness|stay (?:healthy|fit|in shape|strong)|"
        r"get (?:back )?in(?:to)? shape|overall fitness|be healthier)",
    ),
    (Goal.MOBILITY, r"\b(?:mobility|mobile|flexib\w*|move better)"),
)
_GOAL_PATTERNS = [(goal, re.compile(pattern, re.I)) for goal, pattern in _GOALS]
_EQUIPMENT_WORDS: tuple[tuple[str, str], ...] = (
    (Equipment.SMITH_MACHINE, r"smith(?: machine)?"),
    (
        Equipment.CARDIO_MACHINE,
        r"treadmill|rower|rowing machine|exercise bike|elliptical|assault bike",
    ),
    (Equipment.TRAP_BAR, r"trap bar|hex bar"),
    (Equipment.EZ_BAR, r"ez[ -]?(?:curl )?bar"),
    (Equipment.PULLUP_BAR, r"pull[ -]?up bar|chin[ -]?up bar"),
    (Equipment.DIP_STATION, r"dip (?:station|bars?)"),
    (Equipment.BARBELL, r"barbells?|olympic bar"),
    (Equipment.DUMBBELL, r"dumb-?bells?|dbs\b"),
    (Equipment.KETTLEBELL, r"kettle-?bells?|kbs?\b"),
    (Equipment.CABLE, r"cables?(?: machine| station)?"),
    (Equipment.MACHINE, r"(?<!smith )machines\b|(?<!smith )(?<!rowing )machine\b(?! is)"),
    (Equipment.BAND, r"(?:resistance )?bands?\b"),
    (Equipment.BENCH, r"bench\b(?!\s*(?:press|\d))"),
    (Equipment.LANDMINE, r"landmine"),
    (Equipment.SLED, r"sled|prowler"),
    (Equipment.MEDICINE_BALL, r"med(?:icine)? ?balls?"),
    (Equipment.PLATE, r"plates\b|weight plates"),
    (Equipment.RINGS, r"gymnastic rings|\brings\b"),
    (Equipment.BOX, r"plyo box"),
)
_EQUIPMENT = [(value, re.compile(rf"\b(?:{p})", re.I)) for value, p in _EQUIPMENT_WORDS]
_FULL_GYM = re.compile(r"\b(?:full|commercial|big|proper|fully equipped) (?:\w+ )?gym\b", re.I)
_BODYWEIGHT_ONLY = re.compile(
    r"\b(?:no equipment|bodyweight only|only bodyweight|just bodyweight|nothing at home)\b", re.I
)
_UNITS = (
    (
        UnitSystem.IMPERIAL,
        re.compile(
            r"\b(?:imperial|(?:prefer|use|in|want)\s+(?:lbs?|pounds|miles)|(?:lbs?|pounds"
            r"|miles) please)",
            re.I,
        ),
    ),
    (
        UnitSystem.METRIC,
        re.compile(
            r"\b(?:metric|(?:prefer|use|in|want)\s+(?:kgs?|kilos?|km|kilometers?|kilometres?)"
            r"|(?:kgs?|kilos|km) please)",
            re.I,
        ),
    ),
)
_RUNNING: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        RunningBackground.NONE,
        re.compile(r"\b(?:don'?t|do not|never) run\b|not a runner|no running|hate running", re.I),
    ),
    (
        RunningBackground.BEGINNER,
        re.compile(
            r"\b(?:beginner|new|novice) (?:runner|to running)|just started running|couch to 5k",
            re.I,
        ),
    ),
    (
        RunningBackground.COMPETITIVE,
        re.compile(
            r"\bcompetitive(?: runner)?|race (?:every|most) (?:week|month)|club runner", re.I
        ),
    ),
    (
        RunningBackground.RECREATIONAL,
        re.compile(r"\brecreational(?: runner)?|casual runner|run for fun", re.I),
    ),
)
_WEEKLY_RUN = re.compile(
    rf"\b({_NUM})\s*(km|kms|k|kilomet\w+|miles?|mi)\s*(?:a|per|each|/)\s*week"
    rf"|\bweekly (?:mileage|volume|distance) (?:is |of )?(?:about |around )?({_NUM})\s*(km|k"
    rf"|miles?|mi)\b",
    re.I,
)


def _goals(text: str) -> list[str]:
    found = [(m.start(), str(goal)) for goal, p in _GOAL_PATTERNS if (m := p.search(text))]
    if _race_target(text) is not None:
        found.append((_race_target(text)[2], str(Goal.RACE)))  # type: ignore[index]
    return [goal for _, goal in sorted(found)]


def equipment_named(text: str) -> list[str]:
    """Equipment values named in ``text``, in the order said (a full gym is all of them)."""
    if _FULL_GYM.search(text):
        return list(Equipment.values)
    found = [(m.start(), str(value)) for value, p in _EQUIPMENT if (m := p.search(text))]
    if not found and _BODYWEIGHT_ONLY.search(text):
        return [str(Equipment.BODYWEIGHT)]
    return [value for _, value in sorted(found)]


def _weekly_km(text: str) -> float | None:
    match = _WEEKLY_RUN.search(text)
    if not match:
        return None
    number, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
    value = number_value(number)
    if value is None:
        return None
    km = Decimal(str(value))
    if unit.lower().startswith("mi"):
        km *= Decimal(str(METRES_PER_MILE)) / 1000
    return _one_decimal(km)


# --- races and injuries --------------------------------------------------------------------
_TARGET = re.compile(
    r"\b(?:training for|train for|goal|aim\w*|want to (?:run|do|finish|complete)|sub[ -]?\d|"
    r"signed up|registered|entered|next|upcoming|my first|race is|hope to|planning to run)",
    re.I,
)
_DONE = re.compile(
    r"\b(?:ran|run|did|finished|completed|best|pb|pr\b|personal best|record)\b", re.I
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DATE = re.compile(
    rf"\bon\s+(?:the\s+)?(?:({'|'.join(_MONTHS)})\s+(\d{{1,2}})(?:st|nd|rd|th)?|"
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({'|'.join(_MONTHS)}))\b|\b(20\d\d-\d\d-\d\d)\b",
    re.I,
)
_CLAUSES = re.compile(r"[.;!?]|,(?!\d)|\bbut\b|\band\b(?! (?:a|the) half)", re.I)
_INJURY_CUE = re.compile(
    r"\b(?:hurt\w*|pain\w*|sore|injur\w*|acl|mcl|dodgy|bad|tendin\w*|strain\w*|sprain\w*|"
    r"fasciitis|surgery|reconstruct\w*|tweak\w*|issues?|problems?|niggl\w*|aches?|achy|"
    r"torn|tear|splints|impingement|arthritis|herniat\w*|bulging)\b",
    re.I,
)
_HEALED = re.compile(r"\b(?:fully healed|healed now|no longer|all better|recovered)\b", re.I)


def _race_date(text: str, today: date) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    if match[5]:
        return match[5]
    month_name, day = (match[1], match[2]) if match[1] else (match[4], match[3])
    month = _MONTHS.index(month_name.lower()) + 1
    try:
        candidate = date(today.year, month, int(day))
        if candidate <= today:
            candidate = date(today.year + 1, month, int(day))
    except ValueError:
        return None
    return candidate.isoformat()


def _race_target(text: str) -> tuple[float, str, int] | None:
    """(distance, clause, position) of the race the athlete is aiming at."""
    position = 0
    for clause in re.split(r"[.;!?]|,(?!\d)", text):
        found = race_distance(clause)
        if found and _TARGET.search(clause):
            return found[0], clause, position + found[1]
        position += len(clause) + 1
    return None


def _recent_race(text: str) -> dict[str, Any] | None:
    last_distance: float | None = None
    for clause in re.split(r"[.;!?]|,(?!\d)", text):
        found = race_distance(clause)
        distance = found[0] if found else last_distance
        last_distance = distance
        if distance is None or not _DONE.search(clause):
            continue
        time_s = finish_time_s(clause, distance)
        if time_s:
            return {"distance_m": distance, "time_s": time_s}
    return None


def _injuries(text: str) -> list[dict[str, Any]]:
    injuries = []
    clauses = _CLAUSES.split(text)
    for clause, after in zip(clauses, [*clauses[1:], ""], strict=True):
        # "old shoulder injury, fully healed now": the healing is told in the next clause
        if not _INJURY_CUE.search(clause) or _HEALED.search(clause) or _HEALED.search(after):
            continue
        region, _ = find_region(clause)
        if region is None:
            continue
        injuries.append(
            {"body_region": region, "side": find_side(clause), "severity": find_severity(clause)}
        )
    if len(injuries) == 1 and injuries[0]["severity"] is None:
        # "plantar fasciitis in my right foot, mild": the severity is its own clause
        injuries[0]["severity"] = find_severity(text)
    return injuries


def extract_profile(text: str, today: date) -> Extraction:
    """Every field the rules can read from ``text``; ``today`` resolves race dates."""
    text = " ".join(text.replace("\u2019", "'").split())
    found = Extraction()
    found.put("age", _age(text))
    born = _BIRTH_YEAR.search(text)
    found.put("birth_year", int(born[1]) if born else None)
    found.put("sex", next((str(sex) for sex, p in _SEXES if p.search(text)), None))
    found.put("bodyweight_kg", _bodyweight(text))
    found.put("height_cm", _height(text))
    experience = _experience(text)
    if experience:
        found.put("experience_level", *experience)
    found.put("goals", _goals(text))
    found.put("training_days_per_week", _days(text))
    found.put("session_length_min", _session_minutes(text))
    found.put("equipment_available", equipment_named(text))
    found.put("unit_system", next((str(u) for u, p in _UNITS if p.search(text)), None))
    found.put("running_background", next((str(r) for r, p in _RUNNING if p.search(text)), None))
    found.put("weekly_running_km", _weekly_km(text))
    found.put("injuries", _injuries(text))
    target = _race_target(text)
    if target:
        found.put("race", {"distance_m": target[0], "date": _race_date(target[1], today)})
    found.put("recent_race", _recent_race(text))
    return found
