"""Corrections: "10, no wait, 12" in a transcript, "actually the last set was 195" after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from voice.parsing.items import CORRECTABLE, FILLER, NUM, REPS, SEP, SETS, WEIGHT
from voice.parsing.numbers import parse_number
from voice.parsing.vocabulary import CORRECTION_PHRASES, KG_WORDS, LB_WORDS, REP_WORDS

if TYPE_CHECKING:
    from voice.parsing.lexer import Lexer


_MARKER_FIRST_WORDS = frozenset(words[0] for words in CORRECTION_PHRASES)


def correction_at(lexer: Lexer, i: int) -> int | None:
    """ "225, sorry, 245": the number after the marker replaces the quantity said before it."""
    if lexer.text(i) not in _MARKER_FIRST_WORDS:
        return None
    marker = next((words for words in CORRECTION_PHRASES if lexer.phrase(i, words)), None)
    if marker is None:
        return None
    j = i + len(marker)
    while lexer.text(j) in (",", ";"):
        j += 1
    items = lexer.items
    said = [k for k, item in enumerate(items) if item.kind not in (SEP, FILLER)]
    if not lexer.is_num(j) or not said or items[said[-1]].kind not in CORRECTABLE:
        return None
    count = len(items)
    end = lexer.number(j)
    if len(items) != count + 1:
        return end
    new = items.pop()
    target = said[-1]
    if new.kind == NUM:
        new.kind, new.unit = items[target].kind, items[target].unit
    elif not (new.kind == WEIGHT and items[target].kind == NUM):
        same = [k for k in said if items[k].kind == new.kind]
        if not same:
            items.append(new)
            return end
        target = same[-1]
    if new.kind == SETS and lexer.text(end) == "of" and lexer.is_num(end + 1):
        again = lexer.toks[end + 1].value
        if any(it.kind in (NUM, REPS) and it.value == again for it in items[target + 1 :]):
            end = lexer.explained(end, end + 2)  # "actually 4 sets of 8": the 8 said again
    items[target] = new
    if target == said[-1]:
        del items[target + 1 :]  # the separators around the marker
    return end


# ---------------------------------------------------------------- follow-up corrections

_FOLLOW_UP_RE = re.compile(
    r"^\W*(?:(?:actually|no|sorry|oops|wait|correction|scratch that|my bad)\W+)*"
    r"(?:(?:the\s+)?last\s+set\s+(?:was|is|should\s+(?:be|have\s+been))"
    r"|make\s+(?:that|it)|change\s+(?:that|it)\s+to|(?:that|it)\s+(?:was|should\s+be))"
    r"\s+(?P<rest>.+)$"
)
_FOLLOW_UP_REP_WORDS = REP_WORDS | {"times"}


@dataclass
class Correction:
    """A follow-up that amends the last logged set: new reps and/or weight."""

    reps: int | None = None
    weight: float | None = None
    unit: str | None = None
    bare: list[float] = field(default_factory=list)


def correction_parse(text: str) -> Correction | None:
    """ "actually the last set was 195", "make that 5 reps", "the last set was 8 reps at 100 kg"."""
    found = _FOLLOW_UP_RE.match(text.lower().strip())
    if found is None:
        return None
    words = re.findall(r"\d+(?:\.\d+)?|[a-z]+|@", found.group("rest"))
    correction = Correction()
    i = 0
    while i < len(words):
        parsed = parse_number(words, i)
        if parsed is None:
            i += 1
            continue
        value, i = parsed
        after = words[i] if i < len(words) else ""
        before = words[i - 2] if i >= 2 else ""
        if after in _FOLLOW_UP_REP_WORDS:
            correction.reps, i = int(value), i + 1
        elif after in KG_WORDS or after in LB_WORDS:
            correction.weight = value
            correction.unit = "kg" if after in KG_WORDS else "lb"
            i += 1
        elif before in ("at", "@", "with"):
            correction.weight = value
        else:
            correction.bare.append(value)
    if correction.reps is None and correction.weight is None and not correction.bare:
        return None
    return correction
