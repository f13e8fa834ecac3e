"""Read an injury told in words: region, side, severity, onset, mechanism and red flags, by rules.

"strained my right calf on a hill run two days ago, maybe a 4 out of 10" ->
calf, right, 4, two days before today (in the athlete's time zone), strain on a hill run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from coach.injuries.words import NUMBER_WORD_PATTERN, WEEKDAYS, number_value
from training.models import InjuryRegion

R = InjuryRegion
# (pattern, region): the earliest mention in the text wins; at one position the longer phrase.
_REGION_PHRASES: tuple[tuple[str, str], ...] = (
    (r"lower back|low back|lumbar|sciatica|back went out|(?:my|the) back\b", R.LOWER_BACK),
    (
        r"upper back|mid back|between (?:my |the )?shoulder blades|lats?\b|rhomboids?|traps?\b",
        R.UPPER_BACK,
    ),
    (r"rotator cuff|shoulders?|delts?\b", R.SHOULDER),
    (r"hip flexors?|hips?\b|glutes?\b|\bbutt\b", R.HIP),
    (
        r"plantar(?: fascia| fasciitis)?|heels?\b|ball of (?:my |the )?(?:\w+ )?foot|arch\b|feet|"
        r"foot\b|toes?\b",
        R.FOOT,
    ),
    (r"achilles", R.ACHILLES),
    (r"hamstrings?|hammies|\bhammy\b", R.HAMSTRING),
    (r"quads?\b|quadriceps|thighs?\b", R.QUAD),
    (r"calf|calves", R.CALF),
    (r"shins?\b|shin splints|tibia", R.SHIN),
    (r"ankles?\b", R.ANKLE),
    (r"knees?\b|patella\w*|kneecap|\bacl\b|\bmcl\b|meniscus|\bit band\b", R.KNEE),
    (r"groin|adductors?\b", R.GROIN),
    (r"\babs\b|abdominals?|abdomen|stomach|belly|\bcore\b|hernia", R.ABDOMEN),
    (r"chest|pecs?\b|pectorals?|ribs?\b|sternum", R.CHEST),
    (r"neck|cervical", R.NECK),
    (r"elbows?\b|tennis elbow|golfer'?s elbow|forearms?\b", R.ELBOW),
    (r"wrists?\b", R.WRIST),
    (r"hands?\b|thumbs?\b|fingers?\b|knuckles?", R.HAND),
)
# A region word that names an exercise is not where it hurts ("my elbow hurts on shoulder press").
_EXERCISE_TAIL = (
    r"(?!\s+(?:press|presses|raises?|thrusts?|fl(?:y|ies)|curls?|extensions?|bridges?|"
    r"rolls?|day|workout|machine|dips?|taps?)\b)"
)
_REGIONS = [
    (re.compile(rf"\b(?:{pattern}){_EXERCISE_TAIL}", re.I), str(region))
    for pattern, region in _REGION_PHRASES
]
_PLURAL_BOTH = re.compile(
    r"\bboth\b|\b(?:shoulders|elbows|wrists|hands|hips|knees|ankles|feet|shins|calves|"
    r"hamstrings|quads|achilles tendons|heels|thighs)\b",
    re.I,
)
# "right now", "all right", "right after" are not a side.
_SIDE = re.compile(
    r"\b(left)\b|(?<!all )\b(right)\b(?!\s+(?:now|away|after|before|when|there|here|then|as|at)\b)",
    re.I,
)

_NUM = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORD_PATTERN})"
_OUT_OF_TEN = re.compile(
    rf"\b({_NUM})(?:\s*(?:or|to|-)\s*({_NUM}))?\s*(?:/\s*10\b|out of (?:10|ten)\b)", re.I
)
_SEVERITY_N = re.compile(
    rf"\b(?:severity|pain level|pain is|level)\s*(?:of |is |at |:)?\s*({_NUM})\b"
    rf"|\b(?:like|maybe|about|around|probably|at|it'?s|its) an? (\d{{1,2}})(?:\s*(?:or"
    rf"|to)\s*(\d{{1,2}}))?\b"
    rf"(?!\s*(?:(?!now\b)[a-z]|%|/))"
    rf"|,\s*an? (\d{{1,2}})\s*(?:now)?\s*(?:$|[,.!])",
    re.I,
)
# The labelling convention: slight, minor, twinge 2; mild 3; moderate 5; severe 8; excruciating 9.
_SEVERITY_WORDS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.I), value)
    for pattern, value in (
        (r"\b(?:excruciating|unbearable|agonising|agonizing|worst pain)\b", 9),
        (r"\b(?:severe|severely|terrible|really bad|extreme)\b", 8),
        (r"\b(?:moderate|moderately)\b", 5),
        (r"\b(?:mild|mildly)\b", 3),
        (r"\b(?:slight|slightly|minor|twinge|niggle|tiny bit)\b", 2),
    )
)

_DAYS_AGO = re.compile(
    rf"\b({_NUM})\s+(day|week|month)s?\s+ago\b|\b(?:for|since|over)\s+(?:about |around "
    rf"|the (?:last|past) )?"
    rf"({_NUM})\s+(day|week|month)s?\b|\b(?:for|since) (?:about |around )?(a|one) (day|week"
    rf"|month)\b"
    rf"|\b(?:the )?(?:last|past) ({_NUM}) (day|week|month)s?\b",
    re.I,
)
_RELATIVE: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.I), days)
    for pattern, days in (
        (
            r"\b(?:today|this morning|this afternoon|this evening|tonight|an hour ago|"
            r"(?:a few|\d+|two|three) hours ago|just now|earlier)\b",
            0,
        ),
        (r"\b(?:yesterday|last night)\b", 1),
        (r"\b(?:day before yesterday)\b", 2),
        (r"\b(?:last week|a week ago|since last week)\b", 7),
        (r"\b(?:last month|a month ago)\b", 30),
    )
)
_WEEKDAY = re.compile(rf"\b(last |since |on |this past )?({'|'.join(WEEKDAYS)})\b", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}

RED_FLAGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("numbness", r"\bnumb\w*|\btingl\w*|pins and needles|lost (?:the )?feeling|no feeling"),
        ("night_pain", r"\bat night\b|wakes? me( up)?\b|woke me|night pain|can'?t sleep"),
        (
            "trauma",
            r"(?<!like it )(?<!like i )(?<!like it was )(?<!like i was )\b(?:fell|fall(?:en)?"
            r"|crash\w*|collid\w*|"
            r"(?:got|was|been|a \w+) hit\b|hit me\b|kicked|tackled|struck|blow to|car accident|"
            r"dropped (?:a|the) (?:weight|bar|dumbbell|plate) on)",
        ),
        ("swelling", r"\bswell\w*|\bswollen\b|puffy|\bbruis\w* and swollen"),
        (
            "loss_of_function",
            r"\b(?:can'?t|cannot|can not|unable to|couldn'?t)\s+(?:\w+\s+){0,2}?(?:bear weight|"
            r"put (?:any )?weight|walk|bend|straighten|lift|raise|stand|move|grip|turn)\b|"
            r"\bgives? way\b|\bgave way\b|\bbuckl\w*",
        ),
    )
)

# (kind, pattern): how it happened; the activity words come from the "on/during/..." phrase.
_MECHANISMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("trauma", RED_FLAGS[2][1].pattern),
        ("twist", r"\b(?:rolled|twisted|sprain\w*|turned)\b"),
        ("strain", r"\b(?:strain\w*|pulled|tweak\w*|tore|torn|popped|spasm\w*)\b"),
        ("cramp", r"\bcramp\w*"),
        (
            "overuse",
            r"\b(?:for (?:a|\d+|\w+) (?:weeks?|months?)|overuse|flar\w+ up|keeps? coming"
            r"|is back|again)\b",
        ),
    )
)
_ACTIVITY = re.compile(
    r"\b(?:on|during|from|after|while|when|doing|playing|at)\s+((?:an? |the |my )?"
    r"[a-z][a-z' -]{2,40}?)(?=\s*(?:,|\.|;|$|\b(?:today|yesterday|this|last|and|but|two|\d"
    r"|a week)\b))",
    re.I,
)


@dataclass(frozen=True)
class InjuryReport:
    """What the words said; a field is None when they did not say it."""

    body_region: str | None
    side: str | None
    severity: int | None
    onset_days_ago: int | None
    red_flags: list[str] = field(default_factory=list)
    mechanism: dict[str, str | None] = field(default_factory=dict)

    def onset_date(self, today: date) -> date | None:
        if self.onset_days_ago is None:
            return None
        return today - timedelta(days=self.onset_days_ago)

    def as_dict(self, today: date) -> dict[str, Any]:
        onset = self.onset_date(today)
        return {
            "body_region": self.body_region,
            "side": self.side,
            "severity": self.severity,
            "onset_days_ago": self.onset_days_ago,
            "onset_date": onset.isoformat() if onset else None,
            "red_flags": list(self.red_flags),
            "mechanism": dict(self.mechanism),
        }


def find_region(text: str) -> tuple[str | None, int]:
    """The earliest region mentioned (longest phrase at a tie) and where it ends (-1 if none)."""
    best: tuple[int, int, str] | None = None
    for pattern, region in _REGIONS:
        match = pattern.search(text)
        if match and (best is None or (match.start(), -len(match[0])) < (best[0], -best[1])):
            best = (match.start(), len(match[0]), region)
    if best is None:
        return None, -1
    return best[2], best[0] + best[1]


def find_side(text: str) -> str | None:
    sides = {(match[1] or match[2]).lower() for match in _SIDE.finditer(text)}
    if len(sides) == 2 or _PLURAL_BOTH.search(text):
        return "both"
    return next(iter(sides), None)


def _severity_value(*candidates: str | None) -> int | None:
    values = [number_value(c) for c in candidates if c]
    valid = [v for v in values if v is not None and 0 < v <= 10]
    return round(max(valid)) if valid else None  # "3 or 4" is the higher


def find_severity(text: str) -> int | None:
    match = _OUT_OF_TEN.search(text)
    if match:
        return _severity_value(match[1], match[2])
    match = _SEVERITY_N.search(text)
    if match:
        found = _severity_value(*match.groups())
        if found is not None:
            return found
    for pattern, value in _SEVERITY_WORDS:
        if pattern.search(text):
            return value
    return None


def _weekday_days_ago(prefix: str | None, name: str, today: date) -> int:
    back = (today.weekday() - WEEKDAYS.index(name.lower())) % 7
    return 7 if back == 0 and prefix and prefix.strip() == "last" else back


def find_onset_days_ago(text: str, today: date) -> int | None:
    match = _DAYS_AGO.search(text)
    if match:
        groups = match.groups()
        for number, unit in zip(groups[::2], groups[1::2], strict=True):
            if number and unit:
                value = number_value(number)
                if value is not None:
                    return round(value * _UNIT_DAYS[unit.lower()])
    for pattern, days in _RELATIVE:
        if pattern.search(text):
            return days
    weekday = _WEEKDAY.search(text)
    if weekday:
        return _weekday_days_ago(weekday[1], weekday[2], today)
    return None


def find_red_flags(text: str) -> list[str]:
    return [name for name, pattern in RED_FLAGS if pattern.search(text)]


def find_mechanism(text: str) -> dict[str, str | None]:
    kind = next((kind for kind, pattern in _MECHANISMS if pattern.search(text)), None)
    activity = _ACTIVITY.search(text)
    words = activity[1].strip() if activity else None
    return {"kind": kind, "activity": words}


def extract_injury(text: str, today: date) -> InjuryReport:
    """Every field the rules can read from ``text``; ``today`` is the athlete's local date."""
    cleaned = " ".join(text.replace("\u2019", "'").split())
    region, _ = find_region(cleaned)
    return InjuryReport(
        body_region=region,
        side=find_side(cleaned) if region else None,
        severity=find_severity(cleaned),
        onset_days_ago=find_onset_days_ago(cleaned, today),
        red_flags=find_red_flags(cleaned),
        mechanism=find_mechanism(cleaned),
    )
