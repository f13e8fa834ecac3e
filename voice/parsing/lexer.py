"""Tokens to items, left to right: "185 pounds" -> WEIGHT, "3 sets" -> SETS, "7:45" -> CLOCK."""

from __future__ import annotations

from training.units import METRES_PER_MARATHON, METRES_PER_MILE
from voice.parsing.corrections import correction_at
from voice.parsing.items import (
    ADDED,
    ALL,
    AMRAP,
    AT,
    CAL,
    CLOCK,
    DIST,
    DROP,
    DUR,
    FILLER,
    FIRST,
    FOR,
    IN,
    LAPS,
    LAST,
    NOTE,
    NUM,
    OF,
    ORDINAL,
    PACE,
    RANGE,
    REPS,
    RIR,
    RPE,
    SEP,
    SETS,
    SETTING,
    SIDE,
    WEIGHT,
    WITH,
    WORD,
    Item,
    X,
)
from voice.parsing.tokens import Tok
from voice.parsing.vocabulary import (
    ACTIVITY_WORDS,
    ADDED_WORDS,
    ALWAYS_PLATE_LABEL,
    APPROXIMATE_WORDS,
    BAR_WEIGHT,
    BODY_PLACES,
    BOUND_WORDS,
    CALORIE_WORDS,
    DIST_UNITS,
    DROP_VERBS,
    DROP_WORDS,
    EQUIPMENT,
    FILLER_PHRASES,
    FILLER_WORDS,
    HOMOPHONE_COUNTS,
    INTERVAL_WORDS,
    KG_PAIRS,
    KG_WORDS,
    LAP_WORDS,
    LB_WORDS,
    LOAD_PREPOSITIONS,
    MAX_RANGE_TOP,
    MAX_REPEATS,
    MIN_PLATE_LABEL,
    MIN_PLURAL_REPEAT_M,
    MIN_REPEAT_M,
    NOTE_WORDS,
    ONE_DISTANCE_WORDS,
    ORDINALS,
    PLATE_WEIGHT,
    QUARTER_WEIGHT,
    RACE_DISTANCES_M,
    RATE_WORDS,
    RECOVERY_WORDS,
    REP_WORDS,
    REPEAT_DISTANCES_M,
    REST_WORDS,
    SEPARATOR_PHRASES,
    SEPARATOR_WORDS,
    SET_ADJECTIVES,
    SET_WORDS,
    SETTING_WORDS,
    SIDE_WORDS,
    SINGLES,
    SINGLES_PLURAL,
    STOP_WORDS,
    SUPERSET_WORDS,
    TIED_TO_A_NUMBER,
    TIME_UNITS,
)

EMOM_MINUTES = frozenset({"minutes", "mins", "min"})  # "emom 10 minutes": 10 rounds
_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in (*FILLER_PHRASES, *SEPARATOR_PHRASES):
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)
_RATING_WORDS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "rpe": [(("rpe",), RPE)],
    "rp": [(("rp",), RPE)],
    "rir": [(("rir",), RIR)],
    "r": [(("r", "p", "e"), RPE), (("r", "i", "r"), RIR)],
}
LIST_JOINERS = (",", "and", "then", "and then")  # "90, 60 and 45 seconds", "90 then 60 seconds"
_PREPOSITIONS = {"for": FOR, "at": AT, "@": AT, "of": OF, "in": IN, "with": WITH}


class Lexer:
    """Reads tokens left to right and groups them into items ("185 pounds" -> WEIGHT)."""

    def __init__(self, toks: list[Tok], unit: str = "lb") -> None:
        self.toks = toks
        self.words = [tok.text for tok in toks]
        self.count = len(toks)
        self.unit_said = unit  # the request's unit: plate math and "the bar" are in it
        self.items: list[Item] = []
        self.superset = False  # after "superset", "with <lift>" starts the paired lift

    def text(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.count else ""

    def is_num(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "num"

    def phrase(self, i: int, words: tuple[str, ...]) -> bool:
        return i >= 0 and tuple(self.words[i : i + len(words)]) == words

    def span(self, i: int, j: int) -> str:
        return " ".join(t.text for t in self.toks[i:j])

    def emit(self, kind: str, i: int, j: int, value: float = 0.0, **kw: object) -> int:
        item = Item(kind, self.span(i, j), value, **kw)  # type: ignore[arg-type]
        numbers = [t for t in self.toks[i:j] if t.kind in ("num", "clock")]
        if numbers:
            item.num_start, item.num_end = numbers[0].start, numbers[-1].end
        self.items.append(item)
        return j

    def explained(self, i: int, j: int) -> int:
        """Numbers that are part of what was said but hold no value: "two" in "two 50s"."""
        end = self.emit(FILLER, i, j)
        self.items[-1].used = True
        return end

    def plates_off(self, start: int, count: float, j: int) -> int:
        """ "took a plate off each side", "pulled 2 plates off": the load drops by them."""
        end, _ = self.skip_load_words(j)
        if self.phrase(end, ("each", "side")) or self.phrase(end, ("from", "each", "side")):
            end += 2 if self.text(end) == "each" else 3
        unit = self.unit_said
        drop = 2 * PLATE_WEIGHT[unit] * count
        end = self.emit(DROP, start, end, drop, unit=unit)
        self.items[-1].used = True  # the count of plates is the drop, in its value
        return end

    def plates(self, start: int, count: float, j: int) -> int:
        """ "two plates", "a plate and a quarter", "three plates a side": the bar total."""
        if self.text(j) == "off":
            return self.plates_off(start, count, j + 1)  # "took 2 plates off"
        unit = self.unit_said
        total = BAR_WEIGHT[unit] + 2 * PLATE_WEIGHT[unit] * count
        if self.phrase(j, ("and", "a", "quarter")):
            total, j = total + 2 * QUARTER_WEIGHT[unit], j + 3
        elif self.text(j) in ("and", "plus") and self.text(j + 1) == "a" and self.is_num(j + 2):
            total, j = total + 2 * self.toks[j + 2].value, j + 3  # "2 plates and a ten"
        end, _ = self.skip_load_words(j)
        return self.emit(WEIGHT, start, end, total, unit=unit)

    def run(self) -> list[Item]:
        i = 0
        while i < len(self.toks):
            tok = self.toks[i]
            if tok.kind == "num":
                i = self.number(i)
            elif tok.kind == "clock" and self.text(i + 1) in NOTE_WORDS:
                i = self.emit(NOTE, i, i + 2, clock_seconds(tok.text))  # "1:30 rest between"
            elif tok.kind == "clock":
                i = self.pace(i, i + 1, clock_seconds(tok.text), CLOCK)
            elif tok.kind == "punct":
                i = self.punct(i)
            else:
                i = self.word(i)
        self.bounds()
        return self.items

    def bounds(self) -> None:
        """ "6 x 400 all sub 80", "all under 3 minutes": a bound is no time done; it asks."""
        for k, item in enumerate(self.items[:-1]):
            after = self.items[k + 1]
            if item.kind == WORD and item.text in BOUND_WORDS and after.has_number:
                item.kind, after.kind = FILLER, NOTE
                if k and self.items[k - 1].text == "all":
                    self.items[k - 1].kind = FILLER

    def punct(self, i: int) -> int:
        mark = self.text(i)
        if mark == "+":
            return self.emit(ADDED, i, i + 1)
        if mark == "@":
            return self.emit(AT, i, i + 1)
        if mark == "#":
            return self.emit(WORD, i, i + 1)
        if mark == "-":
            return self.emit(FILLER, i, i + 1)  # "10-12" is read as a range by ``number``
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
            elif word == "in" and self.phrase(j + 1, ("each", "hand")):
                j += 3  # "25 pounds in each hand": the load per implement
            elif word in ("each", "apiece"):
                j += 1
            elif word in ("per", "a") and self.text(j + 1) in ("side", "hand", "arm", "leg"):
                j += 2
            elif word == "on" and self.text(j + 1) in ("my", "the", "his", "her"):
                if self.text(j + 2) not in BODY_PLACES:
                    return j, plate
                j += 3  # "20 kg on my back": where the load sat, no name
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
        rep_range = self.rep_range(i)
        if rep_range is not None:
            return rep_range
        if self.split_hundreds(i):
            self.emit(NUM, i, i + 2, value * 100 + self.toks[i + 1].value)  # "at 2 25": 225
            return i + 2
        if self.repeat_distances(i):
            self.emit(NUM, i, i + 1, value)
            self.emit(X, i + 1, i + 1)
            return self.emit(DIST, i + 1, i + 3, self.toks[i + 1].value)  # "6 400s"
        if (
            value in (1, 2)
            and self.items
            and self.items[-1].kind == WITH
            and self.text(i + 1) == "x"
            and self.is_num(i + 2)
            and self.unit(i + 3) is not None
        ):  # "with 2 x 32 kg": two implements of 32 kg, the load per implement
            return self.explained(i, i + 2)
        if (
            (value == 2 or (value == 1 and self.items and self.items[-1].kind == WITH))
            and self.is_num(i + 1)
            and (self.text(i + 2) == "s" or self.implements_after(i + 2))
        ):  # "two 50s", "two 24 kg kettlebells", "one 50 pound dumbbell": per implement
            return self.explained(i, i + 1)
        if nxt == "steps" and self.items and self.items[-1].kind in (X, OF):
            return self.emit(REPS, i, i + 2, value)  # "lunges 3 x 20 steps": steps are reps
        if nxt in CALORIE_WORDS:
            return self.emit(CAL, i, i + 2, value)
        if nxt in LAP_WORDS:
            return self.emit(LAPS, i, i + 2, value)
        if nxt == "s" and self.is_num(i) and self.toks[i + 1].start > self.toks[i].end:
            self.listed_times(1)  # "88 then 58 then 45 s"
            return self.duration(i, value, i + 2)  # "5 x 30 s": seconds, not a pair of 30s
        unit = self.unit(i + 1)
        if unit is not None:
            end, _ = self.skip_load_words(unit[1])
            # "with a 25 pound plate": the plate held is the load; on a chin or a dip it is
            # added to the body, which the exercise's name tells when the entry is finished.
            added = False
            if self.text(end) in ADDED_WORDS:
                added, end = True, end + 1
            if self.text(end) == "off":
                end += 1  # "took 50 pounds off"
            end = self.emit(WEIGHT, i, end, value, unit=unit[0], added=added)
            self.items[-1].drop = self.text(i - 1) in DROP_VERBS  # "dropped 30 pounds"
            return end
        if self.race_distance(i):
            return self.emit(DIST, i, i + 1, value)  # "ran a 5,000 in 19:45": metres
        if nxt == "plate" and self.plate_label(i):
            end, _ = self.skip_load_words(i + 2)  # "holding a 45 plate": the plate it names
            return self.emit(WEIGHT, i, end, value, unit=self.unit_said)
        if nxt in ("plate", "plates"):
            return self.plates(i, value, i + 2)
        if nxt == "s" and value >= 5 and self.text(i - 1) not in TIME_UNITS:
            if self.text(i + 2) in REST_WORDS | RECOVERY_WORDS or self.seconds_here():
                return self.duration(i, value, i + 2)  # "with 90s rest", "8 x 200m @ 38s"
            if self.items and self.items[-1].kind == X and value >= MIN_REPEAT_M:
                return self.emit(NUM, i, i + 2, value)  # "8 x 200s": repeats of 200 m
            if self.items and self.items[-1].kind == X:
                return self.duration(i, value, i + 2)  # "hollow holds 3 x 45s": seconds
            if self.plural_repeat(i):
                return self.emit(DIST, i, i + 2, value)  # "did 400s, 8 of them": repeats
            end, _ = self.skip_load_words(i + 2)
            return self.emit(WEIGHT, i, end, value)  # "the 35s": a pair of 35s
        if nxt in RATE_WORDS:
            end = i + 4 if self.phrase(i + 2, ("per", "minute")) else i + 2
            return self.emit(NOTE, i, end, value)  # "at 90 rpm", "at 90 percent": no place
        if nxt in DIST_UNITS and self.text(i + 2) == "pace" and self.text(i - 1) == "at":
            return self.explained(i, i + 3)  # "at 10k pace": a race's pace, no time said
        if nxt in DIST_UNITS and not (
            nxt == "m" and self.text(i + 2) in ("in", "for") and value < MIN_REPEAT_M
        ):
            return self.emit(DIST, i, i + 2, value * DIST_UNITS[nxt])
        if nxt == "on" and self.text(i + 2) in ("my", "the") and self.text(i + 3) in BODY_PLACES:
            return self.emit(WEIGHT, i, i + 4, value, unit=self.unit_said)  # "45 on my back"
        if nxt in TIME_UNITS:
            self.listed_times(TIME_UNITS[nxt])
            before = self.items[-1] if self.items else None
            end = self.duration(i, value * TIME_UNITS[nxt], i + 2)
            if before is not None and before.kind == NUM and self.text(end) in ("holds", "hangs"):
                before.kind = SETS  # "l sit three 15 second holds": the count of holds
            return end
        j = i + 1
        while self.text(j) in SET_ADJECTIVES and j < i + 4:
            j += 1  # "2 back off sets", "3 working sets"
        if self.text(j) in SET_WORDS or nxt == "drops":
            return self.emit(SETS, i, j + 1, value)  # "3 sets", "3 drops, 160 for 10, ..."
        if self.phrase(i + 1, ("of", "them")):
            return self.emit(SETS, i, i + 3, value)  # "planks, three of them"
        if nxt in ("holds", "hangs") and self.text(i + 2) == "of":
            return self.emit(SETS, i, i + 2, value)  # "dead hang 3 holds of 30 seconds"
        if nxt in REP_WORDS or (
            nxt == "times" and not self.is_num(i + 2) and not self.a_distance(i + 2)
        ):
            return self.emit(REPS, i, i + 2, value)
        if nxt in SINGLES_PLURAL:
            self.emit(SETS, i, i + 1, value)
            return self.emit(REPS, i + 1, i + 2, SINGLES_PLURAL[nxt])
        return self.emit(NUM, i, i + 1, value)

    def implements_after(self, j: int) -> bool:
        """ "24 kg kettlebells", "50 pound dumbbell", "20 kilos each": a load per implement."""
        unit = self.unit(j)
        return unit is not None and (
            self.text(unit[1]) in EQUIPMENT or self.text(unit[1]) in ("each", "apiece", "in")
        )

    def lift_tempo(self, i: int) -> int | None:
        """Where "tempo 3 1 1" / "tempo 3-0-1-0" ends: a lift's tempo, three or four digits."""
        j = i + 1
        digits = 0
        while self.is_num(j) and self.toks[j].text.isdigit() and self.toks[j].value <= 9:
            digits += 1
            j += 1
            if self.text(j) == "-":
                j += 1
        return j if digits in (3, 4) and self.text(j) not in TIME_UNITS else None

    def race_distance(self, i: int) -> bool:
        """ "ran a 5,000 in 19:45", "swam the 1500 today": a race distance named in metres."""
        if self.toks[i].value not in RACE_DISTANCES_M or self.text(i - 1) not in ("a", "the"):
            return False
        if self.text(i + 1) not in ("in", "race", "today", "", ",", ".", "yesterday"):
            return False
        for item in reversed(self.items):
            if item.kind == SEP:
                return False
            if item.text in ACTIVITY_WORDS:
                return True
        return False

    def a_distance(self, i: int) -> bool:
        """ "a k", "a kilometer", "a mile": one of a distance unit, said with its article."""
        return self.text(i) in ("a", "an") and self.text(i + 1) in ONE_DISTANCE_WORDS

    def plate_label(self, i: int) -> bool:
        """ "a 45 plate", "the 25 plate", "holding a 10 plate": one plate named by its weight;
        "a 4 plate deadlift" is a count of plates a side."""
        value = self.toks[i].value
        if value < MIN_PLATE_LABEL or self.text(i + 2) == "off":
            return False
        held = self.text(i - 1) in LOAD_PREPOSITIONS or (
            self.text(i - 1) in ("a", "an", "the") and self.text(i - 2) in LOAD_PREPOSITIONS
        )
        return value >= ALWAYS_PLATE_LABEL or held or self.text(i - 1) == "the"

    def repeat_distances(self, i: int) -> bool:
        """ "did 6 400s", "eight 200s": a count of repeats of a track distance, in metres."""
        count, each = self.toks[i].value, self.toks[i + 1] if i + 1 < len(self.toks) else None
        if each is None or each.kind != "num" or self.text(i + 2) != "s":
            return False
        if not count.is_integer() or not 2 <= count <= MAX_REPEATS:
            return False
        if each.value not in REPEAT_DISTANCES_M or (count == 2 and each.value < 200):
            return False  # "two 100s" are dumbbells
        return not (self.items and self.items[-1].kind in (WITH, AT))

    def scheme_before(self) -> bool:
        """ "21 15 9 of": a rep scheme (three or more bare counts) said just before, at the
        start of what was said or of a clause."""
        k = len(self.items)
        while k > 0 and self.items[k - 1].kind in (NUM, FILLER) and len(self.items) - k < 8:
            k -= 1  # a scheme is a few counts: the look back is bounded
        counts = [item for item in self.items[k:] if item.kind == NUM]
        return len(counts) >= 3 and (k == 0 or self.items[k - 1].kind == SEP)

    def plural_repeat(self, i: int) -> bool:
        """ "800s, 6 of them", "did 400s": a track distance said as a plural, no count before
        it, is the repeats' distance; no dumbbell weighs that much ("the 100s" are a pair)."""
        value = self.toks[i].value
        if value not in REPEAT_DISTANCES_M or value < MIN_PLURAL_REPEAT_M:
            return False
        return not (self.items and (self.items[-1].kind in (WITH, AT) or self.text(i - 1) == "the"))

    def duration(self, start: int, seconds: float, j: int) -> int:
        """Sum "1 hour 25 minutes", "24 minutes and 30 seconds", "an hour and a half".

        Each part is of a smaller unit than the one before: "12 seconds and 8 seconds" is two
        times, not one of 20 seconds."""
        while True:
            k = j + 1 if self.text(j) == "and" else j
            larger = TIME_UNITS.get(self.text(j - 1), float("inf"))
            if self.is_num(k) and TIME_UNITS.get(self.text(k + 1), larger) < larger:
                seconds += self.toks[k].value * TIME_UNITS[self.text(k + 1)]
                j = k + 2
            elif self.phrase(j, ("and", "a", "half")) and self.text(j - 1) in TIME_UNITS:
                seconds += TIME_UNITS[self.text(j - 1)] / 2
                j += 3
            elif self.bare_time_part(j):
                # "1 hour 25", "a minute twenty": the next smaller unit, unsaid
                seconds += self.toks[j].value * TIME_UNITS[self.text(j - 1)] / 60
                j += 1
            elif self.text(j) in NOTE_WORDS:
                return self.emit(NOTE, start, j + 1, seconds)  # "a 2 second pause"
            else:
                return self.pace(start, j, seconds, DUR)

    def bare_time_part(self, j: int) -> bool:
        unit = TIME_UNITS.get(self.text(j - 1), 1)
        if unit == 1 or not self.is_num(j) or not 0 < self.toks[j].value < 60:
            return False
        return self.text(j + 1) not in TIED_TO_A_NUMBER

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
        if w in ONE_DISTANCE_WORDS and nxt not in ("pace", "per", "split"):
            self.emit(kind, start, j, seconds)  # "an 8 minute mile": that distance in that time
            return self.emit(DIST, j, j + 1, DIST_UNITS[w])
        if w in DIST_UNITS and (nxt == "pace" or w in ("miles", "kilometers", "kilometres")):
            end = j + 2 if nxt == "pace" else j + 1
            return self.emit(PACE, start, end, seconds, per_m=DIST_UNITS[w])
        return self.emit(kind, start, j, seconds)

    def word(self, i: int) -> int:
        fixed = correction_at(self, i)
        if fixed is not None:
            return fixed
        w, nxt = self.text(i), self.text(i + 1)
        if w in HOMOPHONE_COUNTS and nxt in ("sets", "set") and not self.after_quantity():
            return self.emit(SETS, i, i + 2, float(HOMOPHONE_COUNTS[w]))  # "for sets of 10": 4 sets
        if w == "ate" and (self.text(i - 1) in ("of", "x", "for", "by") or nxt in REP_WORDS):
            return self.emit(NUM, i, i + 1, 8.0)  # "three sets of ate"
        if w == "emom" and self.is_num(i + 1) and self.text(i + 2) in EMOM_MINUTES:
            self.emit(FILLER, i, i + 1)  # "emom 10 minutes, 5 cleans at 60": 10 rounds
            return self.emit(SETS, i + 1, i + 3, self.toks[i + 1].value)
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
        if w in LOAD_PREPOSITIONS:
            return self.emit(WITH, i, i + 1)
        after_load_word = bool(self.items) and self.items[-1].kind in (WITH, AT)
        if w in ("a", "an", "the") and after_load_word and self.is_num(i + 1):
            return i + 1  # "with a 45 on my back", "holding the 80s"
        bar = self.bar_at(i)
        if bar is not None:  # "the bar", "the empty bar", "an empty bar", "empty bar squats"
            loaded = self.plates_on_the_bar(bar)
            total = BAR_WEIGHT[self.unit_said] + (2 * loaded[0] if loaded else 0.0)
            end = loaded[1] if loaded else bar
            return self.emit(WEIGHT, i, end, total, unit=self.unit_said)
        if w in ("each", "per", "a") and nxt in SIDE_WORDS:
            return self.emit(SIDE, i, i + 2)  # "3 x 10 each leg", "3 x 8 a side"
        if self.is_setting(i):
            return self.setting(i)
        if w == "tempo" and self.lift_tempo(i) is not None:
            return self.emit(NOTE, i, self.lift_tempo(i) or i + 1)  # "tempo 3 1 1": no place
        if w in REST_WORDS and i + 1 < len(self.toks) and self.toks[i + 1].kind == "clock":
            return self.emit(NOTE, i, i + 2, clock_seconds(self.text(i + 1)))  # "rest 1:30"
        if w in REST_WORDS and self.is_num(i + 1) and self.text(i + 2) in TIME_UNITS:
            end = self.duration(i + 1, self.toks[i + 1].value * TIME_UNITS[self.text(i + 2)], i + 3)
            self.items[-1].kind, self.items[-1].text = NOTE, self.span(i, end)
            return end  # "rest 90 seconds": a time that is no set
        if w == "between" and self.is_num(i + 1) and self.text(i + 2) in ("and", "to"):
            rep_range = self.rep_range(i + 1, i)  # "3 sets of between 8 and 10"
            if rep_range is not None:
                return rep_range
        if w in ("could", "could've") or (w == "had" and nxt != "nothing"):
            more = self.more_in_the_tank(i)
            if more is not None:
                return more
        if self.phrase(i, ("as", "many", "as", "possible")):
            return self.emit(AMRAP, i, i + 4)
        if w == "amrap" and self.items and self.items[-1].kind == DUR:
            self.items[-1].kind = NOTE  # "a 20 minute amrap": the workout's time cap asks
            return self.emit(FILLER, i, i + 1)
        if w == "amrap" and self.is_num(i + 1) and self.text(i + 2) in EMOM_MINUTES:
            self.emit(FILLER, i, i + 1)  # "amrap 10 minutes, 5 pull ups ...": a time cap
            return self.emit(NOTE, i + 1, i + 3, self.toks[i + 1].value)
        if w == "amrap" or (w == "max" and nxt in REP_WORDS):
            return self.emit(AMRAP, i, i + (2 if nxt in REP_WORDS else 1))
        if w == "down" and self.text(i - 1) in ("pull", "push", "press"):
            return self.emit(WORD, i, i + 1)  # "lat pull down", "tricep push down"
        if w in DROP_WORDS or self.pinned_to(i):
            return self.emit(FILLER, i, i + 1)
        if w == "the" and nxt in ("weight", "weights"):
            return self.emit(FILLER, i, i + 2)  # "dropped the weight to 120"
        if w == "nothing" and nxt == "left":
            end = i + 5 if self.phrase(i + 2, ("in", "the", "tank")) else i + 2
            return self.emit(RIR, i, end, 0)
        if self.phrase(i, ("a", "mile", "and", "a", "half")):
            return self.emit(DIST, i, i + 5, METRES_PER_MILE * 1.5)
        if w in ("a", "an"):
            k = i + 1
            while self.text(k) in SET_ADJECTIVES and k < i + 3:
                k += 1  # "a heavy single", "a top set of 3"
            if self.text(k) in SINGLES:
                return self.emit(REPS, i, k + 1, SINGLES[self.text(k)])
            if self.text(k) == "set":
                return self.emit(SETS, i, k + 1, 1)
            if nxt == "plate" and self.text(i + 2) == "off":
                return self.plates_off(i, 1, i + 3)  # "took a plate off each side": a drop
            if nxt == "plate":
                if self.text(i - 1) in LOAD_PREPOSITIONS and self.text(i + 2) != "and":
                    end, _ = self.skip_load_words(i + 2)
                    plate = PLATE_WEIGHT[self.unit_said]
                    return self.emit(WEIGHT, i, end, plate, unit=self.unit_said)
                return self.plates(i, 1, i + 2)
            if nxt == "mile":
                return self.emit(DIST, i, i + 2, METRES_PER_MILE)
            if self.a_distance(i) and self.items and self.items[-1].kind in (X, OF):
                return self.emit(DIST, i, i + 2, DIST_UNITS[nxt])  # "5 times a k", "repeats of a k"
            if nxt in ("hour", "minute"):
                return self.duration(i, TIME_UNITS[nxt], i + 2)
        if w in SINGLES and self.text(i - 1) == "for":
            return self.emit(REPS, i, i + 1, SINGLES[w])
        if self.text(i - 1) == "at" and (
            self.phrase(i, ("half", "marathon", "pace")) or self.phrase(i, ("marathon", "pace"))
        ):  # "6 x 1k at half marathon pace": a race's pace, no time said
            return self.emit(FILLER, i, i + (3 if w == "half" else 2))
        if w == "half":
            if self.text(i - 1) in ("a", "the") and nxt in ("in", "", ",", "today", "race", "."):
                return self.emit(DIST, i, i + 1, METRES_PER_MARATHON / 2, label="half marathon")
            if nxt == "marathon":
                return self.emit(DIST, i, i + 2, METRES_PER_MARATHON / 2, label="half marathon")
            if nxt == "mile" or self.phrase(i + 1, ("a", "mile")):
                return self.emit(DIST, i, i + (2 if nxt == "mile" else 3), METRES_PER_MILE / 2)
            if nxt == "hour" or self.phrase(i + 1, ("an", "hour")):
                return self.emit(DUR, i, i + (2 if nxt == "hour" else 3), 1800)
        if w in ("marathon", "marathons"):
            return self.emit(DIST, i, i + 1, METRES_PER_MARATHON, label="marathon")
        rating = self.rating(i)
        if rating is not None:
            return rating
        if w == "first" and self.is_num(i + 1) and self.toks[i + 1].value.is_integer():
            end = self.emit(FIRST, i, i + 2, self.toks[i + 1].value)  # "first two for 5"
            # "first one" names a set; "first two" counts sets, used when they get their reps
            self.items[-1].used = self.text(i + 1) == "one"
            return end
        if w in ORDINALS and not self.is_num(i + 1):
            k = i + 2 if nxt in ("set", "one") else i + 1
            if self.text(k) in ("rpe", "rir", "at", "was", "r", "rp", "felt"):
                return self.emit(ORDINAL, i, k, ORDINALS[w])  # "second set rpe 8"
        if w in ("last", "final") and nxt in ("set", "one", "rep"):
            end = self.emit(LAST, i, i + 2)
            self.items[-1].used = True  # "last one": the "one" is the set, not a count
            return end
        if w in ("all", "every") and nxt in ("sets", "set", "of"):
            return self.emit(ALL, i, i + (3 if nxt == "of" else 2))
        repeat_follows = (
            self.is_num(i + 1)
            or (nxt in APPROXIMATE_WORDS and self.is_num(i + 2))  # "3 x about 30 seconds"
            or nxt in ONE_DISTANCE_WORDS
            or self.a_distance(i + 1)
            or (i + 1 < len(self.toks) and self.toks[i + 1].kind == "clock")  # "3 x 1:00"
        )
        if w in ("x", "by", "times") and repeat_follows and self.after_quantity():
            return self.emit(X, i, i + 1)  # "6 x 800", "4 x mile repeats"
        if w in APPROXIMATE_WORDS and self.items and self.items[-1].kind == X:
            return self.emit(FILLER, i, i + 1)  # "3 x about 30 seconds"
        if w in ONE_DISTANCE_WORDS and self.items and self.items[-1].kind == X:
            return self.emit(DIST, i, i + 1, DIST_UNITS[w])
        if w in ("splits", "split") and (self.is_num(i + 1) or self.text(i + 1) in ("of", "were")):
            last = self.items[-1] if self.items else None
            if last is not None and last.kind in (WITH, AT):
                last.kind = SEP  # "ran 5k with splits of 4:50, 4:45"
            elif last is not None and last.kind == WORD and last.text in ONE_DISTANCE_WORDS:
                self.items.insert(len(self.items) - 1, Item(SEP, ""))  # "mile splits were"
            elif last is None or last.kind != SEP:
                self.emit(SEP, i, i)
            return self.emit(WORD, i, i + 1)
        if w in ("back", "backoff", "back-off", "top") and self.describes_a_set(i):
            end = i + (2 if w == "back" else 1)
            end += 1 if self.text(end) in ("set", "sets") else 0
            return self.emit(FILLER, i, end)  # "then back off set 225 for 8", "top set 315"
        if w == "of" and self.scheme_before():
            return i + 1  # "21 15 9 of thrusters": the scheme's lift, said next
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

    def listed_times(self, unit_s: int) -> None:
        """ "45, 50 and 60 seconds": the unit said once, after the last of the list."""
        k = len(self.items) - 1
        listed: list[Item] = []
        while k >= 1:
            if self.items[k].kind == SEP and self.items[k].text in LIST_JOINERS:
                if self.items[k - 1].kind != NUM:
                    break
                listed.append(self.items[k - 1])
                k -= 2
            elif listed and self.items[k].kind == NUM:
                listed.append(self.items[k])  # "45 30 and 25 seconds": no comma heard
                k -= 1
            else:
                break
        # "3 sets of 45, 50 and 60 seconds", "plank holds of 40, 35 and 30 seconds"
        after_sets = k >= 1 and self.items[k].kind == OF and self.items[k - 1].kind in (SETS, WORD)
        # "3 x 30, 30 and 25 seconds": as many times as the sets counted, one each
        one_each = (
            k >= 1
            and self.items[k].kind == X
            and self.items[k - 1].kind == NUM
            and self.items[k - 1].value == len(listed) + 1
        )
        before = (NUM, X, OF, FOR, AT, WITH, ADDED)  # "holding a 45, 2 minutes": a load first
        if k >= 0 and self.items[k].kind in before and not (after_sets or one_each):
            return  # "3 x 45, 50 and 60 seconds" is not a list of times alone
        for item in listed:
            item.kind, item.value = DUR, item.value * unit_s

    def split_hundreds(self, i: int) -> bool:
        """ "at 2 25", "at 3 15": speech-to-text splits a load into its hundreds and the rest."""
        tok, nxt = self.toks[i], self.toks[i + 1] if i + 1 < len(self.toks) else None
        if nxt is None or nxt.kind != "num" or not self.items:
            return False
        last = self.items[-1]
        # "bench 1 85 for 8", "leg press 4 50 x 10": right after the lift's name, as a load
        named = last.kind == WORD and (
            self.text(i + 2) in ("for", "x", "by") or self.unit(i + 2) is not None
        )
        if last.kind != AT and not named:
            return False
        if not (tok.text.isdigit() and len(tok.text) == 1 and 1 <= tok.value <= 9):
            return False
        return nxt.text.isdigit() and len(nxt.text) == 2 and 10 <= nxt.value <= 95

    def seconds_here(self) -> bool:
        """A bare "38s" after "in", or after "at" once a repeat distance is said: seconds."""
        last = self.items[-1] if self.items else None
        if last is None or last.kind not in (IN, AT):
            return False
        if last.kind == IN:
            return True
        for k in range(len(self.items) - 1, -1, -1):
            item = self.items[k]
            if item.kind == SEP:
                return False
            if item.kind == DIST:
                return True
            repeat = item.kind == NUM and item.value >= MIN_REPEAT_M
            if repeat and k and self.items[k - 1].kind == X:
                return True  # "8x400 @ 80s": a repeat's metres
        return False

    def plates_on_the_bar(self, j: int) -> tuple[float, int] | None:
        """ "the bar plus a ten on each side", "the bar and 25s a side": (one side's load, end)."""
        if self.text(j) not in ("plus", "and", "with"):
            return None
        k = j + 2 if self.text(j + 1) in ("a", "an") else j + 1
        if not self.is_num(k):
            return None
        side, end = self.toks[k].value, k + 1
        while self.text(end) in ("s", "plate", "plates", "pound", "pounds", "kilo", "kilos"):
            end += 1
        if self.text(end) == "on":
            end += 1
        if self.text(end) in ("each", "a", "per") and self.text(end + 1) == "side":
            return side, end + 2
        return None

    def bar_at(self, i: int) -> int | None:
        """Where "the bar", "the empty bar", "an empty bar", "empty bar" ends, if said at ``i``."""
        j = i + 1 if self.text(i) in ("the", "an", "a", "just") else i
        if self.text(j) == "the" and j == i + 1 and self.text(i) == "just":
            j += 1  # "just the bar"
        if self.text(j) == "empty" and self.text(j + 1) in ("bar", "barbell"):
            return j + 2
        if self.text(j) == "bar" and j > i and self.text(j - 1) == "the":
            return j + 1
        return None

    def describes_a_set(self, i: int) -> bool:
        """ "back off", "top set" said of a set, not in a lift's name ("back extension")."""
        w, nxt = self.text(i), self.text(i + 1)
        if w == "back":
            return nxt == "off"
        if w == "top":
            return nxt in ("set", "sets")
        return True

    def pinned_to(self, i: int) -> bool:
        """ "pinned it to 100", "pin to 140": a stack moved down in a drop set, not a setting."""
        if self.text(i) not in ("pin", "pinned", "pinning"):
            return False
        j = i + 2 if self.text(i + 1) == "it" else i + 1
        return self.text(j) == "to" or self.phrase(j, ("down", "to"))

    def is_setting(self, i: int) -> bool:
        """ "level 8", "seat on 4", "at incline 12"; "incline 185 for 8" is a lift."""
        w = self.text(i)
        if w not in SETTING_WORDS or self.pinned_to(i):
            return False
        j = i + 1
        while (
            self.text(j) in ("at", "on", "of", "to", "is", "it", "was", "set", "in") and j < i + 4
        ):
            j += 1  # "pinned it at 8", "seat on 4"
        if not self.is_num(j):
            return False
        previous = self.items[-1] if self.items else None
        return w != "incline" or (
            previous is not None and (previous.kind in (AT, DUR, DIST) or previous.text == "on")
        )

    def setting(self, i: int) -> int:
        """ "at level 8", "incline 12", "seat 5": a machine setting, a clause of its own."""
        if self.items and self.items[-1].kind in (AT, IN, WITH):
            self.items[-1].kind = SEP
        else:
            self.emit(SEP, i, i)
        return self.emit(SETTING, i, i + 1)

    def more_in_the_tank(self, i: int) -> int | None:
        """ "could have done 2 more", "could've got one more", "had 2 more in me": RIR."""
        j = i + 1
        while (
            self.text(j) in ("have", "of", "done", "did", "got", "gotten", "do", "get")
            and j < i + 4
        ):
            j += 1
        if not self.is_num(j) or self.text(j + 1) != "more":
            return None
        end = j + 2
        if self.text(end) in REP_WORDS:
            end += 1
        if self.phrase(end, ("in", "me")):
            end += 2
        elif self.phrase(end, ("in", "the", "tank")):
            end += 3
        return self.emit(RIR, i, end, self.toks[j].value)

    def rep_range(self, i: int, start: int | None = None) -> int | None:
        """ "6 to 8", "10-12", "eight to ten reps", "between 8 and 10": a target, not reps done."""
        joiners = ("to", "-", "or", "through", "thru") if start is None else ("and", "to")
        if self.text(i + 1) not in joiners or not self.is_num(i + 2):
            return None
        low, high = self.toks[i].value, self.toks[i + 2].value
        if not (low.is_integer() and high.is_integer() and 1 <= low < high <= MAX_RANGE_TOP):
            return None
        if self.text(i + 3) in TIED_TO_A_NUMBER - REP_WORDS:
            return None  # "5 to 6 miles" is not a rep range
        end = i + 4 if self.text(i + 3) in REP_WORDS else i + 3
        return self.emit(RANGE, i if start is None else start, end, low, high=high)

    def after_quantity(self) -> bool:
        """After a number ("3 x 10", "30 seconds x 3") or a repeat ("200 meter repeats x 10")."""
        if not self.items:
            return False
        last = self.items[-1]
        if last.kind == SIDE and len(self.items) > 1:
            last = self.items[-2]  # "20 seconds a side x 3"
        if last.text in INTERVAL_WORDS and len(self.items) > 1:
            return self.items[-2].kind in (DUR, DIST)
        if last.text in ("off", "rest") and len(self.items) > 1:
            return self.items[-2].kind in (NUM, DUR)  # "30 seconds on 30 off x 6"
        if last.kind == WORD:  # "2 minute plank x 3": a hold named after its time
            k = len(self.items) - 1
            while k > 0 and self.items[k].kind == WORD:
                k -= 1
            return self.items[k].kind in (DUR, DIST)
        return last.kind in (NUM, WEIGHT, SETS, DUR, DIST)

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
        if (
            w == "at"
            and article
            and self.is_num(i + 2)
            and self.toks[i + 2].value <= 10
            and self.text(i + 3) not in TIED_TO_A_NUMBER | {"pace", "per", "split"}
            and self.text(i + 3) not in _RATING_WORDS
        ):  # "at an 8", not "at a 9 minute pace" nor "at an 7 rpe of 8" (two ratings: asks)
            return self.emit(RPE, i, i + 3, self.toks[i + 2].value)
        if w in ("felt", "feeling", "feels"):
            j = i + 1
            while self.text(j) in ("like", "a", "an", "about", "around") and j < i + 4:
                j += 1  # "felt like an 8"
            if (
                j > i + 1
                and self.is_num(j)
                and self.toks[j].value <= 10
                and self.text(j + 1) not in TIED_TO_A_NUMBER
            ):
                return self.emit(RPE, i, j + 1, self.toks[j].value)
        if w in ("to", "till", "until", "til") and self.text(i + 1) in ("failure", "fail"):
            return self.emit(RIR, i, i + 2, 0)
        return None


def clock_seconds(text: str) -> float:
    parts = [int(p) for p in text.split(":")]
    if len(parts) == 3:
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    return parts[0] * 60 + parts[1]
