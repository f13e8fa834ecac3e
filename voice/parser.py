"""Turn a spoken training transcript into structured strength and cardio entries."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Literal

from voice.numbers import NUMBER_WORDS, parse_number

Unit = Literal["kg", "lb"]
Activity = Literal["run", "bike", "row", "swim", "walk"]

MAX_CHARS = 10_000  # longer input is not parsed; the rest is returned in `unparsed`
MAX_SETS = 100  # a group with more sets than this is not expanded (returned as unparsed)
MILE_M = 1609.344
YARD_M = 0.9144
MARATHON_M = 42195.0


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class SetSpec:
    """One performed set."""

    reps: int
    weight: float | None = None
    unit: Unit | None = None
    rpe: float | None = None
    rir: int | None = None
    added_load: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "reps": self.reps,
            "weight": self.weight,
            "unit": self.unit,
            "rpe": self.rpe,
            "rir": self.rir,
            "added_load": self.added_load,
        }


@dataclass(frozen=True)
class StrengthEntry:
    """A lift and its sets; `spoken_name` is the phrase as said, resolved elsewhere."""

    spoken_name: str
    sets: list[SetSpec]
    kind: Literal["strength"] = field(default="strength", init=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "spoken_name": self.spoken_name,
            "sets": [s.to_dict() for s in self.sets],
        }


@dataclass(frozen=True)
class CardioEntry:
    """A run, ride, row, swim or walk, with distance in metres and duration in seconds."""

    activity: Activity
    distance_m: float | None
    duration_s: int | None
    spoken_name: str
    kind: Literal["cardio"] = field(default="cardio", init=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "activity": self.activity,
            "distance_m": self.distance_m,
            "duration_s": self.duration_s,
            "spoken_name": self.spoken_name,
        }


Entry = StrengthEntry | CardioEntry


@dataclass(frozen=True)
class ParseResult:
    """Entries found in a transcript, and the segments that hold no training."""

    entries: list[Entry]
    unparsed: list[str]

    def to_dict(self) -> dict[str, object]:
        return {"entries": [e.to_dict() for e in self.entries], "unparsed": list(self.unparsed)}


# ---------------------------------------------------------------- vocabulary

LB_WORDS = frozenset({"lb", "lbs", "pound", "pounds", "#"})
KG_WORDS = frozenset({"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme"})
KG_PAIRS = frozenset({("kay", "gee"), ("k", "g"), ("kay", "gees"), ("key", "gee")})
DIST_UNITS: dict[str, float] = {
    "k": 1000.0,
    "km": 1000.0,
    "kms": 1000.0,
    "kilometer": 1000.0,
    "kilometers": 1000.0,
    "kilometre": 1000.0,
    "kilometres": 1000.0,
    "mile": MILE_M,
    "miles": MILE_M,
    "mi": MILE_M,
    "m": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "metre": 1.0,
    "metres": 1.0,
    "yard": YARD_M,
    "yards": YARD_M,
    "yd": YARD_M,
    "yds": YARD_M,
}
TIME_UNITS: dict[str, int] = {
    "hour": 3600,
    "hours": 3600,
    "hr": 3600,
    "hrs": 3600,
    "minute": 60,
    "minutes": 60,
    "min": 60,
    "mins": 60,
    "second": 1,
    "seconds": 1,
    "sec": 1,
    "secs": 1,
}
SET_WORDS = frozenset({"set", "sets", "round", "rounds"})
REP_WORDS = frozenset({"rep", "reps", "repetition", "repetitions"})
SET_ADJECTIVES = frozenset(
    {"back", "off", "backoff", "back-off", "working", "warm", "up", "warmup", "warm-up", "more",
     "heavy", "light", "drop", "top", "straight", "hard", "total"}
)  # fmt: skip
SINGLES = {"single": 1, "double": 2, "triple": 3}
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
        "workout", "gonna", "finally", "took", "sorry",
    }
)  # fmt: skip
FILLER_PHRASES = (
    ("for", "my", "workout"),
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
)
# A clause with one of these is talk about food, plans or questions, not a logged set.
NOT_TRAINING = frozenset(
    {
        "ate", "eat", "eating", "drank", "drink", "want", "wanna", "should", "will", "plan",
        "planning", "how", "what", "what's", "why", "when", "can", "could", "would", "tomorrow",
    }
)  # fmt: skip
# Words that are never part of an exercise name (they end a name).
STOP_WORDS = frozenset(
    {
        "the", "a", "an", "to", "on", "of", "at", "for", "with", "in", "and", "each", "per",
        "side", "sides", "x", "by", "times", "set", "sets", "rep", "reps", "total", "was",
        "were", "is", "first", "second", "third", "last", "final", "exercise", "exercises",
        "after", "that", "some", "hello", "hi", "hey", "all", "every", "it", "then", "next",
        "plus", "added", "extra", "additional", "rpe", "rir", "reserve", "tank", "left",
        "failure", "till", "until", "s", "more", "another", "around", "about", "felt", "easy",
        "hard", "minutes", "min", "mins", "seconds", "hours", "new", "pr", "pb", "personal",
        "record", "best",
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
}
# Cardio verbs that never name a lift ("rowed" does: "rowed 135 for 10").
PURE_CARDIO = frozenset(ACTIVITY_WORDS) - {"row", "rowed", "rowing"}
# What a pace is per when the speaker does not say: a swim pace is per 100 m, a row split per 500 m.
PACE_BASE_M: dict[str, float] = {"swim": 100.0, "row": 500.0}
MAX_SPEED_M_S: dict[str, float] = {"run": 7.0, "walk": 4.0, "swim": 3.0, "row": 7.0, "bike": 25.0}
_BODYWEIGHT_RE = re.compile(
    r"\b(?:(?:pull|chin|push|muscle)[- ]?ups?|dips?|weighted|bodyweight|body weight)\b"
)


# ---------------------------------------------------------------- tokens


@dataclass(slots=True)
class _Tok:
    kind: str  # "num", "clock", "word", "punct"
    text: str
    value: float = 0.0


_TOKEN_RE = re.compile(
    r"(?P<clock>\d{1,2}(?::\d{2}){1,2})"
    r"|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<word>[a-z]+(?:['-][a-z]+)*)"
    r"|(?P<punct>[,;.!?#@+])"
)
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _tokenize(text: str) -> list[_Tok]:
    """Lower-case words, numbers, clock times and the punctuation that matters."""
    text = _THOUSANDS_RE.sub("", text.lower().replace("\u2019", "'"))
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        raw = m.group()
        if kind == "num" and len(raw) > 12:
            kind = "word"  # a digit run this long is noise, not a quantity
        if kind == "word" and "-" in raw and all(p in NUMBER_WORDS for p in raw.split("-")):
            toks.extend(_Tok("word", part) for part in raw.split("-"))
        elif kind == "word" and raw == "half-marathon":
            toks.extend((_Tok("word", "half"), _Tok("word", "marathon")))
        else:
            toks.append(_Tok(kind, raw, float(raw) if kind == "num" else 0.0))
    return _merge_numbers(_merge_compounds(toks))


def _merge_compounds(toks: list[_Tok]) -> list[_Tok]:
    """Keep "clean and jerk" whole so that "and" does not split it."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        for words in COMPOUND_NAMES if toks[i].text == "clean" else ():
            if tuple(t.text for t in toks[i : i + len(words)]) == words:
                out.append(_Tok("word", " ".join(words)))
                i += len(words)
                break
        else:
            out.append(toks[i])
            i += 1
    return out


def _merge_numbers(toks: list[_Tok]) -> list[_Tok]:
    """Replace runs of number words ("two twenty five") by one number token."""
    words = [t.text if t.kind in ("word", "num") else "" for t in toks]
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        protected = tok.text == "one" and i + 1 < len(words) and words[i + 1] in PROTECTED_AFTER_ONE
        parsed = None if protected else parse_number(words, i)
        if parsed is None:
            out.append(tok)
            i += 1
            continue
        value, end = parsed
        out.append(_Tok("num", " ".join(words[i:end]), value))
        i = end
    return out


# ---------------------------------------------------------------- lexing into items


@dataclass(slots=True)
class _Item:
    kind: str
    text: str
    value: float = 0.0
    unit: str | None = None
    added: bool = False
    label: str = ""  # "marathon" / "half marathon" for distance items
    per_m: float = 0.0  # for a pace: the distance it is per (0 when not said)


# item kinds
NUM, WEIGHT, SETS, REPS, X, FOR, AT, OF, IN, WITH = (
    "num", "weight", "sets", "reps", "x", "for", "at", "of", "in", "with",
)  # fmt: skip
DIST, DUR, CLOCK, PACE, RPE, RIR, LAST, ALL, ADDED = (
    "dist", "dur", "clock", "pace", "rpe", "rir", "last", "all", "added",
)  # fmt: skip
SEP, FILLER, WORD = "sep", "filler", "word"
CORRECTABLE = frozenset({NUM, WEIGHT, SETS, REPS, DIST, DUR, CLOCK, RPE, RIR})
_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in (*FILLER_PHRASES, *SEPARATOR_PHRASES):
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)
_RATING_WORDS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "rpe": [(("rpe",), RPE)],
    "rp": [(("rp",), RPE)],
    "rir": [(("rir",), RIR)],
    "r": [(("r", "p", "e"), RPE), (("r", "i", "r"), RIR)],
}
_PREPOSITIONS = {"for": FOR, "at": AT, "@": AT, "of": OF, "in": IN, "with": WITH}


class _Lexer:
    """Reads tokens left to right and groups them into items ("185 pounds" -> WEIGHT)."""

    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.items: list[_Item] = []
        self.superset = False  # after "superset", "with <lift>" starts the paired lift

    def text(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""

    def is_num(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "num"

    def phrase(self, i: int, words: tuple[str, ...]) -> bool:
        return all(self.text(i + k) == w for k, w in enumerate(words))

    def span(self, i: int, j: int) -> str:
        return " ".join(t.text for t in self.toks[i:j])

    def emit(self, kind: str, i: int, j: int, value: float = 0.0, **kw: object) -> int:
        self.items.append(_Item(kind, self.span(i, j), value, **kw))  # type: ignore[arg-type]
        return j

    def run(self) -> list[_Item]:
        i = 0
        while i < len(self.toks):
            tok = self.toks[i]
            if tok.kind == "num":
                i = self.number(i)
            elif tok.kind == "clock":
                i = self.pace(i, i + 1, _clock_seconds(tok.text), CLOCK)
            elif tok.kind == "punct":
                i = self.punct(i)
            else:
                i = self.word(i)
        return self.items

    def punct(self, i: int) -> int:
        mark = self.text(i)
        if mark == "+":
            return self.emit(ADDED, i, i + 1)
        if mark == "@":
            return self.emit(AT, i, i + 1)
        if mark == "#":
            return self.emit(WORD, i, i + 1)
        return self.emit(SEP, i, i + 1)

    def unit(self, i: int) -> tuple[str, int] | None:
        if (self.text(i), self.text(i + 1)) in KG_PAIRS:
            return "kg", i + 2
        if self.text(i) in KG_WORDS:
            return "kg", i + 1
        if self.text(i) in LB_WORDS:
            return "lb", i + 1
        return None

    def skip_load_words(self, j: int) -> tuple[int, bool]:
        """After a weight: "dumbbells", "each", "per side", "a side". Returns (index, plate)."""
        plate = False
        while True:
            word = self.text(j)
            if word in EQUIPMENT:
                plate = plate or word.startswith("plate")
                j += 1
            elif word == "each" and self.text(j + 1) in ("side", "hand", "arm", "leg"):
                j += 2
            elif word in ("each", "apiece"):
                j += 1
            elif word in ("per", "a") and self.text(j + 1) in ("side", "hand", "arm", "leg"):
                j += 2
            else:
                return j, plate

    def number(self, i: int) -> int:
        value = self.toks[i].value
        nxt = self.text(i + 1)
        # reps in reserve: "2 in reserve", "2 reps in reserve", "2 left in the tank", "2 rir"
        j = i + 1
        if self.text(j) in ("rep", "reps"):
            j += 1
        if self.text(j) == "left":
            j += 1
        if self.phrase(j, ("in", "reserve")):
            return self.emit(RIR, i, j + 2, value)
        if self.phrase(j, ("in", "the", "tank")):
            return self.emit(RIR, i, j + 3, value)
        if nxt == "rir" and not self.is_num(i + 2):
            return self.emit(RIR, i, i + 2, value)
        if nxt == "rpe" and not self.is_num(i + 2):
            return self.emit(RPE, i, i + 2, value)
        unit = self.unit(i + 1)
        if unit is not None:
            end, plate = self.skip_load_words(unit[1])
            added = plate and self.text(i - 2) == "with" and self.text(i - 1) in ("a", "an")
            if self.text(end) in ADDED_WORDS:
                added, end = True, end + 1
            return self.emit(WEIGHT, i, end, value, unit=unit[0], added=added)
        if nxt in ("plate", "plates"):
            end, _ = self.skip_load_words(i + 2)
            return self.emit(WEIGHT, i, end, 45 + 90 * value, unit="lb")
        if nxt == "s" and value >= 5 and self.text(i - 1) not in TIME_UNITS:
            end, _ = self.skip_load_words(i + 2)
            return self.emit(WEIGHT, i, end, value)  # "the 35s": a pair of 35s
        if nxt in DIST_UNITS and not (nxt == "m" and self.text(i + 2) in ("in", "for")):
            return self.emit(DIST, i, i + 2, value * DIST_UNITS[nxt])
        if nxt in TIME_UNITS:
            return self.duration(i, value * TIME_UNITS[nxt], i + 2)
        j = i + 1
        while self.text(j) in SET_ADJECTIVES and j < i + 4:
            j += 1  # "2 back off sets", "3 working sets"
        if self.text(j) in SET_WORDS:
            return self.emit(SETS, i, j + 1, value)
        if nxt in REP_WORDS or (nxt == "times" and not self.is_num(i + 2)):
            return self.emit(REPS, i, i + 2, value)
        if nxt in SINGLES_PLURAL:
            self.emit(SETS, i, i + 1, value)
            return self.emit(REPS, i + 1, i + 2, SINGLES_PLURAL[nxt])
        return self.emit(NUM, i, i + 1, value)

    def duration(self, start: int, seconds: float, j: int) -> int:
        """Sum "1 hour 25 minutes", "24 minutes and 30 seconds", "an hour and a half"."""
        while True:
            k = j + 1 if self.text(j) == "and" else j
            if self.is_num(k) and self.text(k + 1) in TIME_UNITS:
                seconds += self.toks[k].value * TIME_UNITS[self.text(k + 1)]
                j = k + 2
            elif self.phrase(j, ("and", "a", "half")) and self.text(j - 1) in TIME_UNITS:
                seconds += TIME_UNITS[self.text(j - 1)] / 2
                j += 3
            else:
                return self.pace(start, j, seconds, DUR)

    def pace(self, start: int, j: int, seconds: float, kind: str) -> int:
        """A time said as a pace: "8 minute pace", "9:30 per mile", "1:55 split"."""
        w, nxt = self.text(j), self.text(j + 1)
        if w == "pace":
            return self.emit(PACE, start, j + 1, seconds)
        if w == "split":
            return self.emit(PACE, start, j + 1, seconds, per_m=500.0)
        if w in ("per", "a") and nxt in DIST_UNITS:
            end = j + 3 if self.text(j + 2) == "pace" else j + 2
            return self.emit(PACE, start, end, seconds, per_m=DIST_UNITS[nxt])
        if w in DIST_UNITS and (nxt == "pace" or w in ("miles", "kilometers", "kilometres")):
            end = j + 2 if nxt == "pace" else j + 1
            return self.emit(PACE, start, end, seconds, per_m=DIST_UNITS[w])
        return self.emit(kind, start, j, seconds)

    def correction(self, i: int) -> int | None:
        """ "225, sorry, 245": the number after the marker replaces the quantity said before it."""
        marker = next((words for words in CORRECTION_PHRASES if self.phrase(i, words)), None)
        if marker is None:
            return None
        j = i + len(marker)
        while self.text(j) in (",", ";"):
            j += 1
        said = [k for k, item in enumerate(self.items) if item.kind not in (SEP, FILLER)]
        if not self.is_num(j) or not said or self.items[said[-1]].kind not in CORRECTABLE:
            return None
        count = len(self.items)
        end = self.number(j)
        if len(self.items) != count + 1:
            return end
        new = self.items.pop()
        target = said[-1]
        if new.kind == NUM:
            new.kind, new.unit = self.items[target].kind, self.items[target].unit
        elif not (new.kind == WEIGHT and self.items[target].kind == NUM):
            same = [k for k in said if self.items[k].kind == new.kind]
            if not same:
                self.items.append(new)
                return end
            target = same[-1]
        self.items[target] = new
        if target == said[-1]:
            del self.items[target + 1 :]  # the separators around the marker
        return end

    def word(self, i: int) -> int:
        fixed = self.correction(i)
        if fixed is not None:
            return fixed
        w, nxt = self.text(i), self.text(i + 1)
        for words in _PHRASES_BY_FIRST.get(w, ()):
            if self.phrase(i, words):
                kind = SEP if words in SEPARATOR_PHRASES else FILLER
                return self.emit(kind, i, i + len(words))
        if w in SEPARATOR_WORDS:
            return self.emit(SEP, i, i + 1)
        if w in SUPERSET_WORDS:
            self.superset = True
            return self.emit(FILLER, i, i + 1)
        if w == "with" and self.superset and self.starts_name(i + 1):
            return self.emit(SEP, i, i + 1)
        if w in ("a", "an"):
            k = i + 1
            while self.text(k) in SET_ADJECTIVES and k < i + 3:
                k += 1  # "a heavy single", "a top set of 3"
            if self.text(k) in SINGLES:
                return self.emit(REPS, i, k + 1, SINGLES[self.text(k)])
            if self.text(k) == "set":
                return self.emit(SETS, i, k + 1, 1)
            if nxt == "plate":
                end, _ = self.skip_load_words(i + 2)
                if self.text(i - 1) == "with":
                    return self.emit(WEIGHT, i, end, 45, unit="lb", added=True)
                return self.emit(WEIGHT, i, end, 135, unit="lb")
            if nxt == "mile":
                return self.emit(DIST, i, i + 2, MILE_M)
            if nxt in ("hour", "minute"):
                return self.duration(i, TIME_UNITS[nxt], i + 2)
        if w in SINGLES and self.text(i - 1) == "for":
            return self.emit(REPS, i, i + 1, SINGLES[w])
        if w == "half":
            if nxt == "marathon":
                return self.emit(DIST, i, i + 2, MARATHON_M / 2, label="half marathon")
            if nxt == "mile" or self.phrase(i + 1, ("a", "mile")):
                return self.emit(DIST, i, i + (2 if nxt == "mile" else 3), MILE_M / 2)
            if nxt == "hour" or self.phrase(i + 1, ("an", "hour")):
                return self.emit(DUR, i, i + (2 if nxt == "hour" else 3), 1800)
        if w in ("marathon", "marathons"):
            return self.emit(DIST, i, i + 1, MARATHON_M, label="marathon")
        rating = self.rating(i)
        if rating is not None:
            return rating
        if w in ("last", "final") and nxt in ("set", "one", "rep"):
            return self.emit(LAST, i, i + 2)
        if w in ("all", "every") and nxt in ("sets", "set", "of"):
            return self.emit(ALL, i, i + (3 if nxt == "of" else 2))
        if w in ("x", "by", "times") and self.is_num(i + 1) and self.after_quantity():
            return self.emit(X, i, i + 1)
        if w in _PREPOSITIONS:
            return self.emit(_PREPOSITIONS[w], i, i + 1)
        if w in ("plus", *ADDED_WORDS):
            return self.emit(ADDED, i, i + 1)
        if w in FILLER_WORDS:
            return self.emit(FILLER, i, i + 1)
        return self.emit(WORD, i, i + 1)

    def starts_name(self, i: int) -> bool:
        tok = self.toks[i] if i < len(self.toks) else None
        return (
            tok is not None
            and tok.kind == "word"
            and tok.text not in STOP_WORDS
            and tok.text not in EQUIPMENT
        )

    def after_quantity(self) -> bool:
        return bool(self.items) and self.items[-1].kind in (NUM, WEIGHT, SETS)

    def rating(self, i: int) -> int | None:
        """RPE / RIR phrases: "rpe 8", "r p e of 7.5", "rir 2", "at an 8", "to failure"."""
        w = self.text(i)
        for words, kind in _RATING_WORDS.get(w, ()):
            if self.phrase(i, words):
                j = i + len(words)
                while self.text(j) in ("of", "at", "a", "an", "was", "is"):
                    j += 1
                if self.is_num(j):
                    return self.emit(kind, i, j + 1, self.toks[j].value)
        article = self.text(i + 1) in ("a", "an")
        if w == "at" and article and self.is_num(i + 2) and self.toks[i + 2].value <= 10:
            return self.emit(RPE, i, i + 3, self.toks[i + 2].value)
        if w in ("to", "till", "until", "til") and self.text(i + 1) in ("failure", "fail"):
            return self.emit(RIR, i, i + 2, 0)
        return None


def _clock_seconds(text: str) -> float:
    parts = [int(p) for p in text.split(":")]
    if len(parts) == 3:
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    return parts[0] * 60 + parts[1]


def _split_clauses(items: list[_Item]) -> list[list[_Item]]:
    clauses: list[list[_Item]] = [[]]
    for item in items:
        if item.kind == SEP:
            if clauses[-1]:
                clauses.append([])
        else:
            clauses[-1].append(item)
    return [c for c in clauses if c]


# ---------------------------------------------------------------- building entries


@dataclass
class _Group:
    """Sets said together: "3 sets of 8 at 185"."""

    sets: float | None = None
    reps: float | None = None
    weight: float | None = None
    unit: str | None = None
    added: bool = False
    rpe: float | None = None
    rir: float | None = None
    last_rpe: float | None = None
    last_rir: float | None = None


@dataclass
class _Modifier:
    kind: str  # RPE or RIR
    value: float
    last_only: bool
    all_groups: bool


@dataclass
class _StrengthDraft:
    name: str
    groups: list[_Group] = field(default_factory=list)
    pending: list[_Modifier] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class _CardioDraft:
    activity: Activity
    distance_m: float | None
    duration_s: float | None
    name: str
    clock_guess: bool = False  # duration came from an ambiguous "m:ss" reading


def _is_name_word(item: _Item) -> bool:
    return item.kind == WORD and item.text not in STOP_WORDS


def _first_name_run(clause: list[_Item]) -> list[str]:
    """The first run of name words; filler inside a run is skipped, anything else ends it."""
    run: list[str] = []
    for item in clause:
        if _is_name_word(item):
            run.append(item.text)
        elif item.kind != FILLER and run:
            break
    return run


def _spoken_name(run: list[str], verbs: dict[str, str] = STRENGTH_VERBS) -> str:
    """The exercise phrase as said, with a past-tense verb turned into its noun."""
    if run in (["pressed"], ["pressing"]):
        return "overhead press"
    for tail in (["bodyweight"], ["body", "weight"]):
        if len(run) > len(tail) and run[-len(tail) :] == tail:
            run = run[: -len(tail)]  # "chin ups bodyweight": the load, not the name
    return " ".join(verbs.get(word, word) for word in run)


def _clause_text(clause: list[_Item]) -> str:
    return " ".join(item.text for item in clause if item.kind != FILLER).strip()


class _StrengthBuilder:
    """Applies one clause's items to a strength draft (a small left-to-right grammar)."""

    def __init__(self, draft: _StrengthDraft, items: list[_Item]) -> None:
        self.draft = draft
        self.items = items
        self.made_group = False
        self.last_only = False
        self.all_groups = False

    def at(self, i: int) -> _Item | None:
        return self.items[i] if 0 <= i < len(self.items) else None

    def kind(self, i: int) -> str:
        item = self.at(i)
        return item.kind if item else ""

    @property
    def current(self) -> _Group | None:
        return self.draft.groups[-1] if self.draft.groups else None

    def new_group(self, **values: object) -> _Group:
        group = _Group(**values)  # type: ignore[arg-type]
        self.draft.groups.append(group)
        self.made_group = True
        for mod in self.draft.pending:
            self.apply_modifier(mod, [group])
        self.draft.pending.clear()
        return group

    def set_weight(self, item: _Item, added: bool = False) -> None:
        cur = self.current
        if cur is None or cur.weight is not None:
            cur = self.new_group()
        cur.weight, cur.unit = item.value, item.unit
        cur.added = cur.added or added or item.added

    def set_reps(self, value: float) -> None:
        cur = self.current
        if cur is None or cur.reps is not None:
            cur = self.new_group()
        cur.reps = value

    def weight_reps(self, weight: _Item, reps: float) -> _Group:
        group = self.new_group(reps=reps)
        self.set_weight(weight)
        return group

    def run(self) -> None:
        i = 0
        while i < len(self.items):
            i = self.step(i)

    def step(self, i: int) -> int:
        item = self.items[i]
        kind, nxt = item.kind, self.at(i + 1)
        quantity = (NUM, WEIGHT)
        if kind == SETS:
            return self.sets(i)
        if kind in quantity and self.kind(i + 1) == X and self.kind(i + 2) in (NUM, REPS):
            return self.times(i)
        if kind in quantity and self.kind(i + 1) == FOR and self.kind(i + 2) in (NUM, REPS):
            self.weight_reps(item, self.items[i + 2].value)
            return i + 3
        if kind == NUM and self.kind(i + 1) == AT and self.kind(i + 2) in quantity:
            self.weight_reps(self.items[i + 2], item.value)  # "8 at 185": reps, then weight
            return i + 3
        if kind == REPS:
            self.set_reps(item.value)
            return i + 1
        if kind in (AT, WITH, OF) and nxt is not None and nxt.kind in quantity:
            self.set_weight(nxt)
            return i + 2
        if kind == ADDED:
            if nxt is not None and nxt.kind in quantity:
                self.set_weight(nxt, added=True)
                return i + 2
            if self.current is not None and self.current.weight is not None:
                self.current.added = True
            return i + 1
        if kind == FOR and nxt is not None and nxt.kind == NUM:
            self.set_reps(nxt.value)
            return i + 2
        if kind == WEIGHT:
            self.set_weight(item)
            return i + 1
        if kind == NUM:
            self.bare_number(i)
            return i + 1
        if kind in (RPE, RIR):
            self.modifier(i)
        elif kind == LAST:
            self.last_only = True
        elif kind == ALL:
            self.all_groups = True
        return i + 1

    def sets(self, i: int) -> int:
        """ "3 sets of 8", "3 sets x 8", or a trailing "... 3 sets" multiplying the group."""
        count = self.items[i].value
        j = i + 1
        if self.kind(j) in (OF, X):
            j += 1
        target = self.at(j)
        cur = self.current
        if target is not None and target.kind in (NUM, REPS) and self.kind(j + 1) != X:
            if cur is not None and cur.weight is not None and cur.reps is None and cur.sets is None:
                cur.sets, cur.reps = count, target.value  # "275 for 3 sets of 5"
            else:
                self.new_group(sets=count, reps=target.value)
            return j + 1
        if (
            cur is not None
            and cur.sets is None
            and (cur.reps is not None or cur.weight is not None)
        ):
            cur.sets = count
        else:
            self.new_group(sets=count)
        return i + 1

    def times(self, i: int) -> int:
        """ "5x5", "135x10", "185 x 8 x 3", "3x10x135": sets x reps, or weight x reps."""
        first, second = self.items[i], self.items[i + 2]
        third = self.at(i + 4) if self.kind(i + 3) == X else None
        if third is not None and third.kind not in (NUM, WEIGHT):
            third = None
        cur = self.current
        if first.kind == WEIGHT or first.value >= 20:
            group = self.weight_reps(first, second.value)
            if third is not None:
                group.sets = third.value
        elif cur is not None and cur.weight is not None and cur.reps is None and cur.sets is None:
            cur.sets, cur.reps = first.value, second.value  # "100 kg 3 by 5"
        else:
            self.new_group(sets=first.value, reps=second.value)
            if third is not None:
                self.set_weight(third)
        return i + (5 if third is not None else 3)

    def bare_number(self, i: int) -> None:
        """A number with nothing to say what it is; decide from what the group lacks."""
        value = self.items[i].value
        nxt = self.at(i + 1)
        cur = self.current
        if (nxt is not None and _is_name_word(nxt) and value.is_integer()) or (
            _is_bodyweight(self.draft.name) and self.kind(i - 1) not in (AT, WITH, OF, ADDED)
        ):
            self.new_group(reps=value)  # "20 pushups", "pull ups 10, 8, 6"
        elif _more_reps_at_same_weight(cur, value) and self.kind(i - 1) not in (AT, WITH, OF):
            assert cur is not None
            self.new_group(reps=value, weight=cur.weight, unit=cur.unit, added=cur.added)
        elif cur is not None and cur.weight is None and cur.reps is not None:
            self.set_weight(self.items[i])  # "3x10 135"
        elif cur is not None and cur.reps is None and cur.weight is not None:
            cur.reps = value
        elif value >= 20 or self.kind(i + 1) in (REPS, FOR):
            self.set_weight(self.items[i])
        else:
            self.set_reps(value)

    def modifier(self, i: int) -> None:
        item = self.items[i]
        mod = _Modifier(item.kind, item.value, self.last_only, self.all_groups)
        self.last_only = self.all_groups = False
        later_quantity = any(it.kind in (SETS, REPS, NUM, WEIGHT) for it in self.items[i + 1 :])
        groups = self.draft.groups
        if not groups or (not self.made_group and later_quantity):
            self.draft.pending.append(mod)
            return
        self.apply_modifier(mod, groups if mod.all_groups else [groups[-1]])

    @staticmethod
    def apply_modifier(mod: _Modifier, groups: list[_Group]) -> None:
        for group in groups:
            if mod.kind == RPE and mod.last_only:
                group.last_rpe = mod.value
            elif mod.kind == RPE:
                group.rpe = mod.value
            elif mod.last_only:
                group.last_rir = mod.value
            else:
                group.rir = mod.value


def _more_reps_at_same_weight(group: _Group | None, value: float) -> bool:
    """ "225 for 5, 5 and 4": a list of rep counts, each no more than the one before."""
    return (
        group is not None
        and group.weight is not None
        and group.reps is not None
        and value.is_integer()
        and 0 < value <= group.reps
    )


def _is_bodyweight(name: str) -> bool:
    return bool(_BODYWEIGHT_RE.search(name))


def _whole(value: float | None) -> int | None:
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return round(value)


def _finish_strength(draft: _StrengthDraft, default_unit: Unit) -> StrengthEntry | None:
    """Expand groups to sets; None when nothing countable was said."""
    spoken_units = [g.unit for g in draft.groups if g.weight is not None and g.unit]
    bodyweight = _is_bodyweight(draft.name)
    sets: list[SetSpec] = []
    last_unit: str | None = None
    for group in draft.groups:
        reps, count = _whole(group.reps), _whole(group.sets if group.sets is not None else 1)
        if reps is None or count is None or count < 1 or count > MAX_SETS:
            continue
        unit: str | None = None
        if group.weight is not None:
            last_unit = group.unit or last_unit
            unit = group.unit or last_unit or (spoken_units[0] if spoken_units else default_unit)
        for k in range(count):
            final = k == count - 1
            rpe = group.last_rpe if final and group.last_rpe is not None else group.rpe
            rir = group.last_rir if final and group.last_rir is not None else group.rir
            sets.append(
                SetSpec(
                    reps=reps,
                    weight=float(group.weight) if group.weight is not None else None,
                    unit=unit,  # type: ignore[arg-type]
                    rpe=float(rpe) if rpe is not None else None,
                    rir=_whole(rir),
                    added_load=group.weight is not None and (group.added or bodyweight),
                )
            )
    if not sets:
        return None
    return StrengthEntry(spoken_name=draft.name, sets=sets)


class _Parser:
    """Walks the clauses of one transcript and keeps the entries being built."""

    def __init__(self, default_unit: Unit) -> None:
        self.default_unit = default_unit
        self.drafts: list[_StrengthDraft | _CardioDraft] = []
        self.unparsed: list[str] = []
        self.pending_names: list[tuple[str, str]] = []  # (name, clause text) said alone
        self.superset = False

    def flush_pending(self) -> None:
        self.unparsed.extend(text for _, text in self.pending_names)
        self.pending_names.clear()

    def clause(self, clause: list[_Item]) -> None:
        kinds = {item.kind for item in clause}
        self.superset = self.superset or any(item.text in SUPERSET_WORDS for item in clause)
        text = _clause_text(clause)
        run = _first_name_run(clause)
        words = [item.text for item in clause if item.kind == WORD]
        strength = bool(kinds & {SETS, REPS, WEIGHT, X})
        cardio = bool(kinds & {DIST, DUR, CLOCK, PACE})
        pure_cardio_verb = any(w in PURE_CARDIO for w in words)
        if any(w in NOT_TRAINING for w in words):
            self.flush_pending()
            self.unparsed.append(text)
            return
        if (cardio or pure_cardio_verb) and not strength:
            self.cardio(clause, run, text)
        elif strength or (NUM in kinds and self.numbers_are_training(clause, run)):
            self.strength(clause, run, text)
        elif kinds & {RPE, RIR, LAST, ALL, ADDED} and self.last_strength() is not None:
            draft = self.last_strength()
            assert draft is not None
            _StrengthBuilder(draft, clause).run()
            draft.texts.append(text)
        elif run:
            self.pending_names.append((_spoken_name(run), text))
        elif any(item.kind in (WORD, NUM) for item in clause):
            self.flush_pending()
            self.unparsed.append(text)

    def numbers_are_training(self, clause: list[_Item], run: list[str]) -> bool:
        """Bare numbers count when they continue a lift or sit in a set phrase ("20 pushups")."""
        if not run and (self.pending_names or self.last_strength() is not None):
            return True
        if run and _is_bodyweight(_spoken_name(run)):
            return True  # "pull ups 10": numbers after a bodyweight move are reps
        for i, item in enumerate(clause):
            if item.kind != NUM:
                continue
            before = clause[i - 1].kind if i > 0 else ""
            after = clause[i + 1] if i + 1 < len(clause) else None
            if before in (FOR, AT, WITH, OF, ADDED) or (after and after.kind in (FOR, AT)):
                return True
            if after is not None and _is_name_word(after):
                return True
        return False

    def last_strength(self) -> _StrengthDraft | None:
        last = self.drafts[-1] if self.drafts else None
        return last if isinstance(last, _StrengthDraft) else None

    def strength(self, clause: list[_Item], run: list[str], text: str) -> None:
        draft = self.last_strength()
        if run:
            self.flush_pending()
            draft = _StrengthDraft(_spoken_name(run))
            self.drafts.append(draft)
        elif self.pending_names:
            self.from_pending_names(clause, text)
            return
        elif draft is None:
            draft = _StrengthDraft("")
            self.drafts.append(draft)
        draft.texts.append(text)
        _StrengthBuilder(draft, clause).run()

    def from_pending_names(self, clause: list[_Item], text: str) -> None:
        """Numbers after names said alone: "curls and pushdowns, 3 sets of 12 each".

        They belong to every waiting name when the lifts are a superset or "each" is said,
        otherwise to the last name only (the others are returned unparsed).
        """
        shared = self.superset or any(item.text == "each" for item in clause)
        names = self.pending_names if shared else self.pending_names[-1:]
        self.pending_names = [] if shared else self.pending_names[:-1]
        self.flush_pending()
        first = _StrengthDraft(names[0][0], texts=[names[0][1], text])
        _StrengthBuilder(first, clause).run()
        self.drafts.append(first)
        for name, name_text in names[1:]:
            groups = [dataclasses.replace(group) for group in first.groups]
            self.drafts.append(_StrengthDraft(name, groups, texts=[name_text]))

    def cardio(self, clause: list[_Item], run: list[str], text: str) -> None:
        activity = next((ACTIVITY_WORDS[i.text] for i in clause if i.text in ACTIVITY_WORDS), None)
        label = next((i.label for i in clause if i.kind == DIST and i.label), "")
        distance = next((i.value for i in clause if i.kind == DIST), None)
        duration, clock_guess = _cardio_duration(clause)
        if activity is None and label:
            activity = "run"
        if duration is None and distance is not None and activity is not None:
            duration = _paced_duration(clause, activity, distance, self.default_unit)
        last = self.drafts[-1] if self.drafts else None
        if activity is None and not run and isinstance(last, _CardioDraft):
            last.distance_m = last.distance_m if last.distance_m is not None else distance
            if last.duration_s is None:
                last.duration_s, last.clock_guess = duration, clock_guess
            return
        if activity is None and not run and distance is not None:
            activity = "run"
        if activity is None or (distance is None and duration is None):
            self.flush_pending()
            self.unparsed.append(text)
            return
        self.flush_pending()
        name = _spoken_name(run, CARDIO_VERBS) if run else (label or activity)
        self.drafts.append(_CardioDraft(activity, distance, duration, name, clock_guess))

    def finish(self) -> ParseResult:
        self.flush_pending()
        entries: list[Entry] = []
        for draft in self.drafts:
            if isinstance(draft, _CardioDraft):
                entries.append(_finish_cardio(draft))
                continue
            entry = _finish_strength(draft, self.default_unit)
            if entry is None:
                self.unparsed.append(" ".join(t for t in draft.texts if t))
            else:
                entries.append(entry)
        return ParseResult(entries=entries, unparsed=[u for u in self.unparsed if u])


def _cardio_duration(clause: list[_Item]) -> tuple[float | None, bool]:
    """Seconds from "24 minutes 30 seconds", "7:45", "in 24", "in seven forty five"."""
    for item in clause:
        if item.kind == DUR:
            return item.value, False
        if item.kind == CLOCK:
            return item.value, item.text.count(":") == 1
    for i, item in enumerate(clause[:-1]):
        nxt = clause[i + 1]
        if item.kind != IN or nxt.kind != NUM:
            continue
        after = clause[i + 2] if i + 2 < len(clause) else None
        if after is not None and after.kind == NUM and after.value < 60:
            return nxt.value * 60 + after.value, True  # "in 24 30"
        if nxt.value >= 100 and nxt.value % 100 < 60:
            return (nxt.value // 100) * 60 + nxt.value % 100, True  # "in seven forty five"
        return nxt.value * 60, False  # "in 24": minutes
    return None, False


def _paced_duration(
    clause: list[_Item], activity: Activity, distance: float, default_unit: Unit
) -> float | None:
    """Distance times pace; a pace said without its distance is per the spoken distance unit."""
    pace = next((item for item in clause if item.kind == PACE), None)
    if pace is None:
        return None
    per = pace.per_m or PACE_BASE_M.get(activity, 0.0)
    if not per:
        dist = next(item for item in clause if item.kind == DIST)
        spoken_unit = DIST_UNITS.get(dist.text.rsplit(" ", 1)[-1], 1.0)
        per = spoken_unit if spoken_unit > 1 else MILE_M if default_unit == "lb" else 1000.0
    return pace.value * distance / per


def _finish_cardio(draft: _CardioDraft) -> CardioEntry:
    duration = draft.duration_s
    if (
        draft.clock_guess
        and duration
        and draft.distance_m
        and draft.distance_m / duration > MAX_SPEED_M_S[draft.activity]
    ):
        duration *= 60  # "half marathon in 1:45" means 1 h 45 min, not 1 min 45 s
    distance = round(draft.distance_m, 3) if draft.distance_m is not None else None
    return CardioEntry(
        activity=draft.activity,
        distance_m=distance,
        duration_s=_whole(duration),
        spoken_name=draft.name,
    )


# ---------------------------------------------------------------- entry point


def _cap(text: str) -> tuple[str, str]:
    """Split off what is beyond MAX_CHARS, at a clause end or a space, never inside a word."""
    if len(text) <= MAX_CHARS:
        return text, ""
    cut = max(text.rfind(mark, 0, MAX_CHARS) for mark in ".;,!?")
    if cut < MAX_CHARS - 500:
        cut = text.rfind(" ", 0, MAX_CHARS)
    cut = cut + 1 if cut > 0 else MAX_CHARS
    return text[:cut], text[cut:].strip()


def _parse(text: str, default_unit: str) -> ParseResult:
    unit: Unit = "kg" if default_unit.strip().lower() in KG_WORDS else "lb"
    head, tail = _cap(text)
    parser = _Parser(unit)
    for clause in _split_clauses(_Lexer(_tokenize(head)).run()):
        parser.clause(clause)
    result = parser.finish()
    if tail:
        result.unparsed.append(tail)
    return result


def parse_transcript(text: str, default_unit: str = "lb") -> ParseResult:
    """Parse a transcript into entries; never raises, whatever the input."""
    if not isinstance(text, str) or not text.strip():
        return ParseResult(entries=[], unparsed=[])
    try:
        return _parse(text, default_unit if isinstance(default_unit, str) else "lb")
    except Exception:  # speech is untrusted: a parser bug must not become a 500
        return ParseResult(entries=[], unparsed=[text[:MAX_CHARS].strip()])
