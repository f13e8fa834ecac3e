"""General or personal: whether a coach question is about the asker's own training."""

from __future__ import annotations

import re

# Generic constructions that use "I" for "one": removed before looking for personal signals.
_GENERIC_I = re.compile(
    r"\b(?:how|what|when|where|why|which|whether)\b[^.?!,;]{0,24}?"
    r"\b(?:do|does|should|can|could|would|must|to)\s+I\b"
    r"|\bI\s+(?:have|had|got)\s+(?:a\s+|one\s+|some\s+)?(?:quick\s+|general\s+)?questions?\b"
    r"|\bI(?:'d| would)?\s+(?:like|want|wanted)\s+to\s+(?:know|learn|understand|ask)\b"
    r"|\bI(?:'m| am| was)\s+(?:just\s+)?(?:wondering|curious|interested|asking)\b"
    r"|\bI\s+wonder\b"
    r"|\bI\s+(?:read|heard|saw|see)\b",
    re.IGNORECASE,
)
_TRAINING_VERBS = (
    r"did|do|ran|run|lifted|lift|squatted|squat|benched|bench|deadlifted|deadlift|pressed|press|"
    r"trained|train|hurt|injured|pulled|strained|tweaked|sprained|felt|feel|missed|skipped|"
    r"completed|finished|hit|got|was|weigh|weighed|usually|currently|normally|always|never|"
    r"can't|cannot|couldn't|keep|kept|started|stopped|have|had|used to|want|plan|am|walked|"
    r"swam|cycled|rode|rowed|slept|ate|tore|broke|sprint|sprinted|jog|jogged|lost|gained|"
    r"need|think|suffer|suffered|work|worked|play|played|recently|just|only|also|still"
)
_TIME_WORDS = (
    r"today|tonight|tomorrow|yesterday|this\s+(?:week|morning|evening|afternoon)|"
    r"last\s+(?:week|night|session|workout|run|month)|next\s+(?:week|session|workout)|right\s+now"
)
_PERSONAL_PATTERNS = [
    r"\b(?:my|mine|myself)\b",
    r"\bI'?ve\b",
    rf"\bI\s+(?:{_TRAINING_VERBS})\b",
    r"\bI'?m\b",
    r"\b(?:am|did|have|was|will)\s+I\b",
    r"\b(?:should|can|could)\s+I\s+(?:still\s+|just\s+)?"
    r"(?:deload|skip|rest|train|keep|continue|go|run|lift|push|increase|decrease|add|drop|"
    r"be|take|switch|change|stop|start|return|resume|race|test|max|retest|cut|bulk)\b",
    r"\b(?:for|with|suit|suits|fit|fits)\s+me\b",
    r"\b(?:give|build|make|create|write|design|plan|generate)\s+me\b"
    r"(?!\s+(?:an?\s+)?(?:explanation|example|definition|overview|summary|list))",
    r"\bgiven\s+(?:that\s+)?I\b",
    rf"\b(?:should|can|could|do)\s+I\b[^.?!]*\b(?:{_TIME_WORDS})\b",
    rf"\b(?:{_TIME_WORDS})\b[^.?!]*\b(?:should|can|could|do)\s+I\b",
    r"\bI\b[^.?!]*?\d+(?:[.,:]\d+)?\s*(?:kg|kgs|kilos?|lb|lbs|pounds?|km|k|mi|miles?|cm|"
    r"min|mins|minutes|reps?|sets?|years?|yo|bpm)\b",
]
_PERSONAL_RE = [re.compile(pattern, re.IGNORECASE) for pattern in _PERSONAL_PATTERNS]
_TIME_RE = _PERSONAL_RE[-3:-1]


def is_personal(question: str) -> bool:
    """True when the question is about the asker's own training, body, history, plan or injury.

    Personalised questions are answered with the user's context and cached per user and
    generation; general ones (how-to, definitions, physiology) share one 24 h cache entry.
    Generic uses of "I" ("how do I brace?", "I was wondering what RPE is") are discounted
    first; a question about what to do today or this week stays personal.
    """
    text = question.replace("\u2019", "'").replace("\u2018", "'")
    if any(pattern.search(text) for pattern in _TIME_RE):
        return True
    text = _GENERIC_I.sub(" one ", text)
    return any(pattern.search(text) for pattern in _PERSONAL_RE)
