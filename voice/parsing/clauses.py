"""Clauses (items between separators) and the exercise name said in one."""

from __future__ import annotations

from voice.parsing.items import (
    AT,
    CLOCK,
    DUR,
    FILLER,
    NUM,
    RIR,
    RPE,
    SEP,
    WEIGHT,
    WITH,
    WORD,
    Item,
)
from voice.parsing.vocabulary import LADDER_WORDS, STOP_WORDS, STRENGTH_VERBS


def split_clauses(items: list[Item]) -> list[list[Item]]:
    """Items between separators; a comma or "and" inside a list of numbers does not separate."""
    return [clause for _, clause in joined_clauses(items)]


def joined_clauses(items: list[Item]) -> list[tuple[bool, list[Item]]]:
    """The clauses, each with whether "then" (or "after that") was said before it."""
    clauses: list[tuple[bool, list[Item]]] = []
    current: list[Item] = []
    then_said = False
    for k, item in enumerate(items):
        if item.kind == SEP and not _inside_a_list(items, k):
            if current:
                clauses.append((then_said, current))
                current, then_said = [], False
            then_said = then_said or item.text in THEN_WORDS
        elif item.kind != SEP:
            current.append(item)
    if current:
        clauses.append((then_said, current))
    return clauses


THEN_WORDS = frozenset({"then", "after that", "followed by", "and then"})
_LISTED = frozenset({NUM, DUR, CLOCK, RPE, RIR})


def _inside_a_list(items: list[Item], k: int) -> bool:
    """ "15, 12, 10 at 40 pounds", "10 seconds, 12 seconds", "RIR 2, 1, 0", "12, ten and eight"."""
    if items[k].text not in (",", "and", "then") or k == 0 or k + 1 >= len(items):
        return False
    before, after, after_k = items[k - 1], items[k + 1], k + 1
    then_said = items[k].text == "then"
    if after.text in ("and", "then") and k + 2 < len(items):
        then_said = then_said or after.text == "then"
        after, after_k = items[k + 2], k + 2  # "7.5, 8, and 9", "1 minute, then 45 seconds"
    if before.text in (",", "and") and k >= 2:
        before = items[k - 2]
    if then_said and not _times_listed(items, before, after_k):
        return False  # "90 seconds then 60 seconds" is one list of times; "then" ends the rest
    if after.kind == WEIGHT and before.kind == NUM and _listed_before(items, k):
        return True  # "at 30, 35 and 40 pounds": the unit said once, after the last load
    if before.kind not in _LISTED or after.kind not in (NUM, DUR, CLOCK):
        return False
    if after.kind in (DUR, CLOCK) and before.kind not in (DUR, CLOCK):
        return False  # "10 seconds, 12 seconds", "8 minutes, 7:50 and 7:40"
    then = items[k + 2] if k + 2 < len(items) else None
    if then is not None and then.text in LADDER_WORDS:
        return True  # "200, 400, 600, 400, 200 ladder"
    return then is None or not is_name_word(then)  # "185, 20 pushups" starts a new lift


def _times_listed(items: list[Item], before: Item, k: int) -> bool:
    """ "90 seconds then 60 seconds", "1:30 and then 45 seconds": times listed with "then";
    a clock's list ends at a word ("in 1:45 then 10 minutes easy" is a part of its own)."""
    after = items[k]
    if before.kind == after.kind == DUR:
        return True
    if before.kind not in (DUR, CLOCK) or after.kind not in (DUR, CLOCK):
        return False
    return k + 1 >= len(items) or items[k + 1].kind != WORD


def _listed_before(items: list[Item], k: int) -> bool:
    """A list of at least two bare numbers ends just before the separator at ``k``."""
    j = k - 1
    while j >= 0 and items[j].kind == SEP:
        j -= 1
    count = 0
    while j >= 0 and items[j].kind == NUM:
        count += 1
        j -= 1
        while j >= 0 and items[j].kind == SEP and items[j].text in (",", "and"):
            j -= 1
    return count >= 2 and j >= 0 and items[j].kind in (AT, WITH)


def is_name_word(item: Item) -> bool:
    return item.kind == WORD and item.text not in STOP_WORDS


def first_name_run(clause: list[Item]) -> list[str]:
    """The first run of name words; filler inside a run is skipped, anything else ends it."""
    run: list[str] = []
    for item in clause:
        if is_name_word(item):
            run.append(item.text)
        elif item.kind != FILLER and run:
            break
    return run


def name_from_run(run: list[str], verbs: dict[str, str] = STRENGTH_VERBS) -> str:
    """The exercise phrase as said, with a past-tense verb turned into its noun."""
    if run in (["pressed"], ["pressing"]):
        return "overhead press"
    for tail in (["bodyweight"], ["body", "weight"]):
        if len(run) > len(tail) and run[-len(tail) :] == tail:
            run = run[: -len(tail)]  # "chin ups bodyweight": the load, not the name
    return " ".join(verbs.get(word, word) for word in run)


def clause_text(clause: list[Item]) -> str:
    return " ".join(item.text for item in clause if item.kind != FILLER).strip()
