"""Cue phrases that point at an intent: each match adds its weight to that intent's evidence."""

from __future__ import annotations

import re
from collections import defaultdict

from coach.classify.intents import Intent

_NUM = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
_REPS = (
    rf"(?:{_NUM}\s*(?:x|by|\u00d7)\s*{_NUM}|{_NUM}\s+sets?\b|{_NUM}\s+reps?\b|\bsets? of {_NUM})"
)
_DIST = (
    rf"{_NUM}\s*(?:k\b|km\b|kms\b|kilometers?|kilometres?|miles?\b|mi\b|m\b|meters?\b|metres?\b)"
)
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?|\d+\s*(?:min(?:ute)?s?|mins|hours?|hrs?)\b)"
_BODY = (
    r"(?:back|knee|knees|shoulder|elbow|wrist|ankle|hip|hamstring|calf|achilles|neck|shin|"
    r"groin|quad|foot|heel|thumb|hand|chest|arm|leg)"
)

# (intent, weight, pattern); weights are log-odds added to the embedding scores.
CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (intent, weight, re.compile(pattern, re.I))
    for intent, weight, pattern in (
        # "bench 3x5 @ 100kg", "three sets of eight at 150"
        (Intent.LOG_WORKOUT, 2.5, _REPS),
        (Intent.LOG_WORKOUT, 1.0, rf"\b(?:at|@)\s*{_NUM}\s*(?:kg|kilos?|lbs?|pounds)?\b"),
        (Intent.LOG_WORKOUT, 1.0, r"\b(?:benched|squatted|deadlifted|pressed|curled)\b"),
        # "ran 5k in 24 minutes", "rowed 2000 meters in 7:50"
        (
            Intent.LOG_RUN,
            2.5,
            rf"\b(?:ran|run|jog(?:ged)?|rowed|cycled|swam|walked|ride)\b.*{_DIST}",
        ),
        (Intent.LOG_RUN, 1.5, rf"{_DIST}.*{_TIME}|{_TIME}.*{_DIST}"),
        (Intent.LOG_RUN, 1.0, r"\b(?:ran|jogged|parkrun|treadmill|tempo run|long run)\b"),
        (Intent.LOG_RUN, 1.0, r"\b(?:intervals?|repeats|splits|spin class|track workout|trail)\b"),
        (Intent.LOG_RUN, 1.5, rf"\b{_NUM}\s*(?:x|times)\s*{_NUM}\s*m?\b.*\bin\b|\b\d+(?:k|km)\b"),
        # "what can I do instead of bench", "swap hack squats"
        (
            Intent.SWAP_EXERCISE,
            3.0,
            r"\b(?:swap|sub(?:stitute)?|replace|replacement|switch|trade)\b",
        ),
        (Intent.SWAP_EXERCISE, 2.0, r"\b(?:instead\b|alternatives?\b|other than|options?\b)"),
        (
            Intent.SWAP_EXERCISE,
            2.0,
            r"\bwhat else\b|\b(?:similar|exercises like|another (?:\w+ )?exercise)",
        ),
        (
            Intent.SWAP_EXERCISE,
            1.5,
            r"\b(?:is|are) (?:busy|taken|full|broken)\b|someone(?:'s| is) on",
        ),
        # "my right elbow aches", "tweaked my lower back"
        (
            Intent.REPORT_INJURY,
            2.0,
            r"\b(?:hurts?|hurt my|aches?|aching|sore|pain(?:ful)?|injur\w*)",
        ),
        (
            Intent.REPORT_INJURY,
            2.0,
            r"\b(?:strain(?:ed)?|sprain(?:ed)?|tweak(?:ed)?|pulled|rolled|twisted)",
        ),
        (Intent.REPORT_INJURY, 1.5, r"\b(?:numb\w*|tingl\w*|swell\w*|swollen|popped|spasm\w*)"),
        (Intent.REPORT_INJURY, 1.0, rf"\bmy (?:left |right |lower |upper )?{_BODY}\b"),
        # "make me a 12 week program", "plan for a half marathon"
        (Intent.PROGRAM_REQUEST, 2.5, r"\b(?:program|plan|routine|split|schedule|block)\b"),
        (
            Intent.PROGRAM_REQUEST,
            1.5,
            r"\b(?:make|build|create|design|generate|write|give|put together) (?:me )?an?\b",
        ),
        (Intent.PROGRAM_REQUEST, 1.5, r"\b(?:couch to 5k|c25k|training block|for me\W*$)"),
        (
            Intent.PROGRAM_REQUEST,
            1.5,
            r"\bmove my \w+ day\b|\bmy (?:current |whole )?(?:plan|program)\b",
        ),
        # "I've been lifting for a year", "I'm 34, 80 kg"
        (
            Intent.ONBOARDING,
            2.0,
            r"\bi(?:'m| am) (?:a |an )?(?:\d{2}\b|beginner|intermediate|advanced|new\b|male"
            r"|female)",
        ),
        (
            Intent.ONBOARDING,
            1.5,
            r"\b(?:years? (?:of )?(?:lifting|training)|been (?:lifting|training|running) for)",
        ),
        (
            Intent.ONBOARDING,
            1.5,
            r"\b(?:days? a week|times a week|per week|minute sessions|born in)\b",
        ),
        (Intent.ONBOARDING, 1.5, r"\b(?:i (?:weigh|have access|prefer)|my goal|metric|imperial)\b"),
        (Intent.ONBOARDING, 2.0, r"^\s*(?:actually|make that|equipment:|about me)\b"),
        (
            Intent.ONBOARDING,
            1.5,
            r"\bi(?:'m| am) \d{2}\b|\bi can (?:train|do|only)|\bmy (?:best|pb|pr)\b",
        ),
        (Intent.ONBOARDING, 1.5, r"\d\s*(?:ft|foot|feet|'|cm)\b|\bno injuries\b|\bsessions? of\b"),
        # "how much protein", "what is RPE"
        (
            Intent.ASK_QUESTION,
            1.5,
            r"^\s*(?:how|what|whats|what's|why|when|should|is|are|do|does|can|which)\b",
        ),
        (Intent.ASK_QUESTION, 1.0, r"\?\s*$"),
        (Intent.OTHER, 1.0, r"^\s*(?:hi|hello|hey|thanks?|thank you|ok|okay|bye|lol|yes|no)\b\W*$"),
    )
)


# Cues that point at one intent only, summed to at least this, decide without the embedding
# ("swap hack squats, the machine is busy": swap 3.0 + busy 1.5; "bench 3x8 at 185": 2.5 + 1.0).
DECISIVE_EVIDENCE = 3.0


def decisive_intent(evidence: dict[str, float]) -> str | None:
    """The one intent the cues point at, when no other intent has a cue and the sum is strong."""
    if len(evidence) != 1:
        return None
    ((intent, weight),) = evidence.items()
    return intent if weight >= DECISIVE_EVIDENCE else None


def rule_evidence(message: str) -> dict[str, float]:
    """Summed cue weights per intent (intents without a cue are absent)."""
    evidence: dict[str, float] = defaultdict(float)
    for intent, weight, pattern in CUES:
        if pattern.search(message):
            evidence[intent] += weight
    return dict(evidence)
