"""Clauses (items between separators) and the exercise name said in one."""

from __future__ import annotations

from voice.parsing.items import FILLER, SEP, WORD, Item
from voice.parsing.vocabulary import STOP_WORDS, STRENGTH_VERBS


def split_clauses(items: list[Item]) -> list[list[Item]]:
    clauses: list[list[Item]] = [[]]
    for item in items:
        if item.kind == SEP:
            if clauses[-1]:
                clauses.append([])
        else:
            clauses[-1].append(item)
    return [c for c in clauses if c]


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
