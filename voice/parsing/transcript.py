"""The entry point: a transcript's clauses walked into strength and cardio entries."""

from __future__ import annotations

import dataclasses

from voice.parsing.cardio import CardioDraft, finish_cardio, read_cardio
from voice.parsing.clauses import (
    clause_text,
    first_name_run,
    is_name_word,
    name_from_run,
    split_clauses,
)
from voice.parsing.entries import Entry, ParseResult, Unit
from voice.parsing.items import (
    ADDED,
    ALL,
    AT,
    CLOCK,
    DIST,
    DUR,
    FOR,
    LAST,
    NUM,
    OF,
    PACE,
    REPS,
    RIR,
    RPE,
    SETS,
    WEIGHT,
    WITH,
    WORD,
    Item,
    X,
)
from voice.parsing.lexer import Lexer
from voice.parsing.strength import StrengthBuilder, StrengthDraft, finish_strength, is_bodyweight
from voice.parsing.tokens import tokenize
from voice.parsing.vocabulary import (
    CARDIO_VERBS,
    KG_WORDS,
    NOT_TRAINING,
    PURE_CARDIO,
    SUPERSET_WORDS,
)

# What the parser reads of one call; the rest is returned in `unparsed`. The API accepts
# less (voice.serializers.MAX_TRANSCRIPT_CHARS): this bounds the work for any other caller.
MAX_PARSE_CHARS = 10_000


class TranscriptParser:
    """Walks the clauses of one transcript and keeps the entries being built."""

    def __init__(self, default_unit: Unit) -> None:
        self.default_unit = default_unit
        self.drafts: list[StrengthDraft | CardioDraft] = []
        self.unparsed: list[str] = []
        self.pending_names: list[tuple[str, str]] = []  # (name, clause text) said alone
        self.superset = False

    def flush_pending(self) -> None:
        self.unparsed.extend(text for _, text in self.pending_names)
        self.pending_names.clear()

    def clause(self, clause: list[Item]) -> None:
        kinds = {item.kind for item in clause}
        self.superset = self.superset or any(item.text in SUPERSET_WORDS for item in clause)
        text = clause_text(clause)
        run = first_name_run(clause)
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
            StrengthBuilder(draft, clause).run()
            draft.texts.append(text)
        elif run:
            self.pending_names.append((name_from_run(run), text))
        elif any(item.kind in (WORD, NUM) for item in clause):
            self.flush_pending()
            self.unparsed.append(text)

    def numbers_are_training(self, clause: list[Item], run: list[str]) -> bool:
        """Bare numbers count when they continue a lift or sit in a set phrase ("20 pushups")."""
        if not run and (self.pending_names or self.last_strength() is not None):
            return True
        if run and is_bodyweight(name_from_run(run)):
            return True  # "pull ups 10": numbers after a bodyweight move are reps
        for i, item in enumerate(clause):
            if item.kind != NUM:
                continue
            before = clause[i - 1].kind if i > 0 else ""
            after = clause[i + 1] if i + 1 < len(clause) else None
            if before in (FOR, AT, WITH, OF, ADDED) or (after and after.kind in (FOR, AT)):
                return True
            if after is not None and is_name_word(after):
                return True
        return False

    def last_strength(self) -> StrengthDraft | None:
        last = self.drafts[-1] if self.drafts else None
        return last if isinstance(last, StrengthDraft) else None

    def strength(self, clause: list[Item], run: list[str], text: str) -> None:
        draft = self.last_strength()
        if run:
            self.flush_pending()
            draft = StrengthDraft(name_from_run(run))
            self.drafts.append(draft)
        elif self.pending_names:
            self.from_pending_names(clause, text)
            return
        elif draft is None:
            draft = StrengthDraft("")
            self.drafts.append(draft)
        draft.texts.append(text)
        StrengthBuilder(draft, clause).run()

    def from_pending_names(self, clause: list[Item], text: str) -> None:
        """Numbers after names said alone: "curls and pushdowns, 3 sets of 12 each".

        They belong to every waiting name when the lifts are a superset or "each" is said,
        otherwise to the last name only (the others are returned unparsed).
        """
        shared = self.superset or any(item.text == "each" for item in clause)
        names = self.pending_names if shared else self.pending_names[-1:]
        self.pending_names = [] if shared else self.pending_names[:-1]
        self.flush_pending()
        first = StrengthDraft(names[0][0], texts=[names[0][1], text])
        StrengthBuilder(first, clause).run()
        self.drafts.append(first)
        for name, name_text in names[1:]:
            groups = [dataclasses.replace(group) for group in first.groups]
            self.drafts.append(StrengthDraft(name, groups, texts=[name_text]))

    def cardio(self, clause: list[Item], run: list[str], text: str) -> None:
        said = read_cardio(clause, self.default_unit)
        activity = said.activity
        last = self.drafts[-1] if self.drafts else None
        if activity is None and not run and isinstance(last, CardioDraft):
            last.complete_with(said)  # "ran 5k, took 24 minutes"
            return
        if activity is None and not run and said.distance_m is not None:
            activity = "run"
        if activity is None or (said.distance_m is None and said.duration_s is None):
            self.flush_pending()
            self.unparsed.append(text)
            return
        self.flush_pending()
        name = name_from_run(run, CARDIO_VERBS) if run else (said.label or activity)
        self.drafts.append(
            CardioDraft(activity, said.distance_m, said.duration_s, name, said.clock_guess)
        )

    def finish(self) -> ParseResult:
        self.flush_pending()
        entries: list[Entry] = []
        for draft in self.drafts:
            if isinstance(draft, CardioDraft):
                entries.append(finish_cardio(draft))
                continue
            entry = finish_strength(draft, self.default_unit)
            if entry is None:
                self.unparsed.append(" ".join(t for t in draft.texts if t))
            else:
                entries.append(entry)
        return ParseResult(entries=entries, unparsed=[u for u in self.unparsed if u])


def _cap(text: str) -> tuple[str, str]:
    """Split off what is beyond MAX_PARSE_CHARS, at a clause end or a space, never inside a word."""
    if len(text) <= MAX_PARSE_CHARS:
        return text, ""
    cut = max(text.rfind(mark, 0, MAX_PARSE_CHARS) for mark in ".;,!?")
    if cut < MAX_PARSE_CHARS - 500:
        cut = text.rfind(" ", 0, MAX_PARSE_CHARS)
    cut = cut + 1 if cut > 0 else MAX_PARSE_CHARS
    return text[:cut], text[cut:].strip()


def _parse(text: str, default_unit: str) -> ParseResult:
    unit: Unit = "kg" if default_unit.strip().lower() in KG_WORDS else "lb"
    head, tail = _cap(text)
    parser = TranscriptParser(unit)
    for clause in split_clauses(Lexer(tokenize(head)).run()):
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
        return ParseResult(entries=[], unparsed=[text[:MAX_PARSE_CHARS].strip()])
