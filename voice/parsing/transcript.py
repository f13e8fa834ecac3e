"""The entry point: a transcript's clauses walked into strength and cardio entries."""

from __future__ import annotations

import dataclasses

from voice.parsing.cardio import (
    CardioDraft,
    Repeats,
    finish_cardio,
    read_cardio,
    read_repeats,
    repeat_draft,
)
from voice.parsing.clauses import (
    clause_text,
    first_name_run,
    is_name_word,
    joined_clauses,
    name_from_run,
)
from voice.parsing.entries import Activity, Confirmation, Entry, ParseResult, Unit, whole
from voice.parsing.items import (
    ADDED,
    ALL,
    AT,
    CAL,
    CLOCK,
    DIST,
    DROP,
    DUR,
    FILLER,
    FIRST,
    FOR,
    LAST,
    NOTE,
    NUM,
    OF,
    PACE,
    RANGE,
    REPS,
    RIR,
    RPE,
    SETS,
    SETTING,
    WEIGHT,
    WITH,
    WORD,
    Item,
    X,
    unuse,
    use,
)
from voice.parsing.lexer import Lexer
from voice.parsing.strength import (
    Group,
    StrengthBuilder,
    StrengthDraft,
    finish_strength,
    is_bodyweight,
    settle,
)
from voice.parsing.tokens import normalise, tokenize
from voice.parsing.vocabulary import (
    ACTIVITY_WORDS,
    BODYWEIGHT_WORDS,
    CARDIO_VERBS,
    DIST_UNITS,
    INTERVAL_WORDS,
    KG_WORDS,
    LADDER_WORDS,
    MIN_REPEAT_M,
    NO_PLACE_WORDS,
    NOT_TRAINING,
    ONE_DISTANCE_WORDS,
    PACE_WORDS,
    PURE_CARDIO,
    RECOVERY_MARKS,
    RECOVERY_WORDS,
    REST_WORDS,
    RUN_EFFORT_WORDS,
    SESSION_WORDS,
    STRENGTH_NOUNS,
    SUPERSET_WORDS,
    WARM_UP_WORDS,
)

# What the parser reads of one call; the rest is returned in `unparsed`. The API accepts
# less (voice.serializers.MAX_TRANSCRIPT_CHARS): this bounds the work for any other caller.
MAX_PARSE_CHARS = 10_000
# A time after a name said alone is a hold up to this long ("dead hangs, first one 45 seconds")
MAX_HOLD_SAID_ALONE_S = 600
# "did 2 dead hangs, first one 45 seconds": a count before a hold's name up to this is its sets
MAX_HOLDS_COUNTED_FIRST = 10
# "curls 3 12 at 30": a first bare count up to this may be the sets, so the parser asks
MAX_SETS_SAID_BARE = 10
# Said once for a session on a machine or in the water, the activity of the repeats after it
MACHINE_ACTIVITIES = frozenset({"row", "bike", "swim", "ski"})
# Said of a lift with sets of its own ("then bench 3 x 5", "225 for 5"): the circuit ended
NOT_IN_A_CIRCUIT = frozenset({SETS, X, RANGE, FOR})
MINUTE_WORDS = ("minutes", "mins", "min")  # "emom 10 minutes": one round a minute
REST_AFTER_WORDS = frozenset({"off", "rest", "resting"})  # "10 off", "90 seconds rest"
MAX_ROUNDS_DONE = 100  # "got 7 rounds": more than this is no count of rounds
# A Tabata said with no numbers is its protocol: 8 rounds of 20 seconds on, 10 off
TABATA_ROUNDS = 8.0
TABATA_WORK_S = 20.0


class TranscriptParser:
    """Walks the clauses of one transcript and keeps the entries being built."""

    def __init__(self, default_unit: Unit, text: str = "") -> None:
        self.default_unit = default_unit
        self.text = text  # the normalised transcript the items' offsets point into
        self.drafts: list[StrengthDraft | CardioDraft] = []
        # clauses no entry took, with how many drafts came before them: their numbers are
        # flagged on the entry next to them ("bench 3 x 8 at 185, my max is 275")
        self.orphans: list[tuple[int, list[Item]]] = []
        self.owned = False
        self.unparsed: list[str] = []
        self.pending_names: list[tuple[str, str]] = []  # (name, clause text) said alone
        self.superset = False
        # "3 rounds of 10 pull ups, 20 push ups and 30 squats": the rounds of a circuit, which
        # every lift said next with its reps alone shares
        self.rounds: float | None = None
        self.rounds_said: Item | None = None  # "3 rounds:" said alone, before the circuit
        # the lift "3 rounds" was said alone after, with its count of groups then: when no
        # circuit follows, the rounds are that lift's sets ("plank 90 seconds, 3 rounds")
        self.rounds_after: tuple[StrengthDraft, int] | None = None
        self.scheme_draft: StrengthDraft | None = None  # "21-15-9 thrusters and pull ups"
        self.then_said = False  # "then" was said before the clause being read
        # "did 2 dead hangs": a count said before a lift, which the times said next may show
        # to be the number of holds, not reps
        self.count_first: StrengthDraft | None = None
        # lifts said as a Tabata with no numbers: the protocol's rounds, if none come next
        self.tabata_names: set[str] = set()

    def flush_pending(self) -> None:
        for name, text in self.pending_names:
            if name in self.tabata_names:  # "tabata air squats": 8 rounds of 20 seconds
                group = Group(sets=TABATA_ROUNDS, duration=TABATA_WORK_S)
                self.drafts.append(StrengthDraft(name, [group], texts=[text]))
            else:
                self.unparsed.append(text)
        self.pending_names.clear()
        self.tabata_names.clear()

    def clause(self, clause: list[Item]) -> None:
        self.owned = False
        if (
            self.rounds_said is not None
            and self.then_said
            and self.sets_of_lift_before(self.rounds_said)
        ):
            self.rounds_said = None  # "plank 90 seconds, 3 rounds, then wall sits"
        waiting = self.rounds_said
        said = [item for item in clause if item.kind != FILLER]
        if said and said[0].kind == OF:
            said = said[1:]  # "circuit of 3 rounds"
        if len(said) == 1 and _rounds(said[0]) and self.rounds_done(said[0], clause):
            pass  # "amrap 12 minutes, 5 pull ups, 10 push ups, got 7 rounds"
        elif len(said) == 1 and _rounds(said[0]):
            self.rounds_said = said[0]  # "3 rounds: 10 pull ups and 20 push ups"
            last = self.last_strength()
            self.rounds_after = (last, len(last.groups)) if last is not None else None
            use(said[0])
            self.owned = True
        elif waiting is not None and _a_repeat(said, self.pending_names):
            self.rounds_said = self.rounds_after = None  # "5 rounds, 200m in 40 seconds each"
            self.read([waiting, Item(OF, "of"), *clause])
        else:
            self.read(clause)
        if not self.owned:
            self.orphans.append((len(self.drafts), clause))
        if waiting is not None and self.rounds_said is waiting:
            self.rounds_said = None  # the next clause was no circuit: the count asks
            if not self.sets_of_lift_before(waiting):
                unuse(waiting)
                self.orphans.append((len(self.drafts), [waiting]))

    def rounds_done(self, rounds: Item, clause: list[Item]) -> bool:
        """ "..., 5 pull ups, 10 push ups, got 7 rounds": the rounds done of the lifts just
        listed, each said with one set's reps and no count of sets."""
        if not any(item.text == "got" for item in clause):
            return False
        listed: list[StrengthDraft] = []
        for draft in reversed(self.drafts):
            if not isinstance(draft, StrengthDraft) or not _one_set_said(draft):
                break
            listed.append(draft)
        if not listed or not whole(rounds.value) or rounds.value > MAX_ROUNDS_DONE:
            return False
        use(rounds)
        for draft in listed:
            draft.groups[0].sets = rounds.value
            draft.groups[0].items.append(rounds)
        listed[0].items.append(rounds)
        self.owned = True
        return True

    def finish_rounds(self) -> None:
        if self.rounds_said is not None:
            if not self.sets_of_lift_before(self.rounds_said):
                unuse(self.rounds_said)
                self.orphans.append((len(self.drafts), [self.rounds_said]))
                self.unparsed.append(self.rounds_said.text)
            self.rounds_said = None

    def sets_of_lift_before(self, rounds: Item) -> bool:
        """ "plank 90 seconds, 3 rounds": rounds said alone after a lift with one set's work
        and no count of sets, and no circuit after them, are that lift's sets."""
        said, self.rounds_after = self.rounds_after, None
        if said is None:
            return False
        draft, groups = said
        if len(draft.groups) != groups or not _one_set_said(draft):
            return False  # "plank 60 seconds then 45, 3 rounds": which ones?
        k = next((j for j in range(len(self.drafts) - 1, -1, -1) if self.drafts[j] is draft), 0)
        before = self.drafts[k - 1] if k > 0 else None
        if isinstance(before, StrengthDraft) and _one_set_said(before):
            return False  # "plank 1 minute, wall sit 1 minute, 3 rounds": a circuit's? it asks
        group = draft.groups[0]
        use(rounds)
        group.sets = rounds.value
        group.items.append(rounds)
        draft.items.append(rounds)
        return True

    def own(self, draft: StrengthDraft | CardioDraft, clause: list[Item]) -> None:
        draft.items.extend(clause)
        self.owned = True

    def read(self, clause: list[Item]) -> None:
        kinds = {item.kind for item in clause}
        self.superset = self.superset or any(item.text in SUPERSET_WORDS for item in clause)
        text = clause_text(clause)
        run = first_name_run(clause)
        words = [item.text for item in clause if item.kind == WORD]
        if any(word in STRENGTH_NOUNS for word in run):
            words = [w for w in words if w not in ACTIVITY_WORDS]  # "walking lunges 2 x 30 m"
        strength = bool(kinds & {SETS, REPS, WEIGHT, X, RANGE})
        cardio = bool(kinds & {DIST, DUR, CLOCK, PACE, CAL})
        pure_cardio_verb = any(w in PURE_CARDIO for w in words)
        if self.steps_only(clause, words):
            return
        if SETTING in kinds or any(w in NOT_TRAINING or w in NO_PLACE_WORDS for w in words):
            self.flush_pending()
            self.unparsed.append(text)
            return
        if words and set(words) <= BODYWEIGHT_WORDS and not any(i.has_number for i in clause):
            return  # "dips 3 sets of 10, bodyweight": the load, said of the lift before
        last = self.drafts[-1] if self.drafts else None
        if isinstance(last, CardioDraft) and last.awaiting_count and X in kinds:
            self.drafts.pop()  # "mile repeats, 3 x 1 mile at 6:45": the repeats, said again
            last = self.drafts[-1] if self.drafts else None
        said_words = {word for item in clause for word in item.text.split()}
        easy_after = bool(said_words & WARM_UP_WORDS) or (
            self.then_said
            and bool(said_words & RUN_EFFORT_WORDS)
            and not said_words & RECOVERY_MARKS
        )  # "3 x 2k with 5 minutes rest then 10 minutes cooldown": no repeat's time
        if (
            isinstance(last, CardioDraft)
            and not easy_after
            and (
                last.recover(clause, then_said=self.then_said)
                or last.split_times(clause)
                or last.count_repeats(clause)
                or last.each_repeat(clause)
            )
        ):
            self.own(last, clause)
            return
        said_before = self.pending_names[-1][1].split() if self.pending_names else []
        unnamed = all(w in RECOVERY_WORDS for w in run)  # "200, 400, 800 with 200 jog"
        if unnamed and LADDER_WORDS & set(said_before):  # "ran a pyramid, 200 400 800 400 200"
            ladder = Item(WORD, "ladder")
            if self.repeats([ladder, *clause], [*words, ladder.text]):
                return
        if (
            WEIGHT not in kinds
            and _interval_context(run, words)
            and not (not run and self.lift_waiting(words))
            and self.repeats(clause, words, after_lift=self.last_strength() is not None)
        ):
            return
        if WEIGHT not in kinds and self.uncounted_repeats(clause, words):
            return
        if not run:
            self.holds_counted_first(clause)
        held = _is_hold(clause, run, words, holding=self.holding())
        if not held and not run and self.pending_names and _hold_length(clause):
            said = self.pending_names[-1][0].split()  # "dead hangs, first one 45 seconds"
            held = _is_hold(clause, said, [*words, *said], holding=False)
        if strength and held:
            _hold_clocks(clause)  # "wall sit 3 x 1:00": each hold's time
        if (cardio or pure_cardio_verb) and not strength and held:
            for item in clause:
                if item.kind == CLOCK:
                    item.kind = DUR  # "plank 1:30": the hold's time
            self.strength(clause, run, text)  # "plank for 2 minutes", "yoke walk 20 meters"
        elif (cardio or pure_cardio_verb) and not strength:
            self.cardio(clause, run, text)
        elif strength or (NUM in kinds and self.numbers_are_training(clause, run)):
            self.strength(clause, run, text)
        elif kinds & {RPE, RIR, LAST, ALL, ADDED, DROP} and self.last_strength() is not None:
            draft = self.last_strength()
            assert draft is not None
            StrengthBuilder(draft, clause).run()
            draft.texts.append(text)
            self.own(draft, clause)
        elif run and self.shares_scheme(clause, run, text):
            return
        elif run:
            self.pending_names.append((name_from_run(run), text))
            if any(item.text == "tabata" for item in clause):
                self.tabata_names.add(name_from_run(run))
        elif any(item.kind in (WORD, NUM, NOTE) for item in clause):
            self.flush_pending()
            self.unparsed.append(text)

    def lift_waiting(self, words: list[str]) -> bool:
        """A lift said alone just before ("push ups, 8 rounds of 20 seconds"), and no activity
        in the clause: its rounds are the lift's timed sets, not a run's repeats."""
        if not self.pending_names or any(w in ACTIVITY_WORDS for w in words):
            return False
        name = self.pending_names[-1][0].split()
        cardio = INTERVAL_WORDS | SESSION_WORDS | RUN_EFFORT_WORDS | ACTIVITY_WORDS.keys()
        return not any(w in cardio for w in name)

    def steps_only(self, clause: list[Item], words: list[str]) -> bool:
        """ "walked 10,000 steps": a walk with no distance or time; the count of steps asks."""
        steps = any(item.kind == NOTE and item.text.endswith(" steps") for item in clause)
        if not steps or any(item.kind in (DIST, DUR, CLOCK) for item in clause):
            return False
        said = [w for w in words if w in ACTIVITY_WORDS]
        if said and any(ACTIVITY_WORDS[w] != "walk" for w in said):
            return False
        if not said and self.pending_activity_is_walk() is None:
            return False
        name = self.pending_activity_is_walk() or "walk"
        if not said:
            self.pending_names.pop()
        self.flush_pending()
        draft = CardioDraft("walk", None, None, name)
        self.drafts.append(draft)
        self.own(draft, clause)
        return True

    def pending_activity_is_walk(self) -> str | None:
        """The walk said alone just before: "went for a walk, 12000 steps"."""
        if not self.pending_names:
            return None
        name, _ = self.pending_names[-1]
        return "walk" if any(ACTIVITY_WORDS.get(w) == "walk" for w in name.split()) else None

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
        values = [item.value for item in clause if item.kind == NUM]
        return len(values) == 3 and values[0] >= 20 and values[1] == 4  # "squat 225 4 5"

    def holding(self) -> bool:
        """The lift being logged has sets still waiting for their reps, time or distance."""
        draft = self.last_strength()
        return draft is not None and any(not group.has_work for group in draft.groups)

    def last_strength(self) -> StrengthDraft | None:
        last = self.drafts[-1] if self.drafts else None
        return last if isinstance(last, StrengthDraft) else None

    def strength(self, clause: list[Item], run: list[str], text: str) -> None:
        kept = _without_rests(clause)
        self.lift(kept, run, text)
        kept_ids = {id(item) for item in kept}
        rests = [item for item in clause if id(item) not in kept_ids]
        draft = self.last_strength()
        if rests and draft is not None:
            draft.items.extend(rests)  # asked about: "on 10 off" has no place in a set

    def lift(self, clause: list[Item], run: list[str], text: str) -> None:
        draft = self.last_strength()
        if run and self.superset and self.pending_names:
            self.pending_names.append((name_from_run(run), ""))  # "superset curls and pushdowns"
            self.from_pending_names(clause, text)
            return
        if run:
            self.flush_pending()
            draft = StrengthDraft(name_from_run(run))
            self.drafts.append(draft)
            draft.texts.append(text)
            StrengthBuilder(draft, clause).run()
            self.own(draft, clause)
            self.circuit(draft, clause)
            self.count_of_holds(draft, clause)
            self.sets_or_reps(draft, clause)
            return
        if self.pending_names:
            self.from_pending_names(clause, text)
            return
        elif draft is None:
            draft = StrengthDraft("")
            self.drafts.append(draft)
        draft.texts.append(text)
        StrengthBuilder(draft, clause).run()
        self.own(draft, clause)

    def shares_scheme(self, clause: list[Item], run: list[str], text: str) -> bool:
        """ "21-15-9 thrusters and pull ups": a rep scheme said before the first lift is that
        of every lift named right after it with no numbers of its own."""
        draft = self.last_strength()
        if draft is None or draft is not self.scheme_draft or any(i.has_number for i in clause):
            return False
        groups = [dataclasses.replace(group, items=[]) for group in draft.groups]
        self.flush_pending()
        shared = StrengthDraft(name_from_run(run), groups, texts=[text])
        self.drafts.append(shared)
        self.own(shared, clause)
        self.scheme_draft = shared
        return True

    def sets_or_reps(self, draft: StrengthDraft, clause: list[Item]) -> None:
        """ "curls 3 12 at 30": 3 sets of 12, or a set of 3 and a set of 12? It asks.

        Two bare counts after the name, the first a likely count of sets and smaller than the
        second, read as two sets; a rep list is rarely said rising ("12 10 at 30" is not
        asked)."""
        said = [item for item in clause if item.kind != FILLER]
        k = next((i for i, item in enumerate(said) if item.kind == NUM), None)
        tail = said[-4:]
        if (
            len(tail) == 4
            and tail[0].kind in (NUM, WEIGHT)
            and tail[1].kind == FOR
            and tail[2].kind == tail[3].kind == NUM
            and tail[2].value < tail[3].value
        ):  # "bench 225 for 3 5": 3 sets of 5, or a triple and a set of 5?
            words = self.text[tail[2].num_start : tail[3].num_end]
            draft.confirm = Confirmation("ambiguous_count", words)
            return
        if k is None or k == 0 or not is_name_word(said[k - 1]) or k + 1 >= len(said):
            return
        first, second = said[k], said[k + 1]
        after = said[k + 2] if k + 2 < len(said) else None
        if second.kind != NUM or (after is not None and after.kind == NUM):
            return
        if not (2 <= first.value <= MAX_SETS_SAID_BARE and first.value < second.value):
            return
        if [group.reps for group in draft.groups] != [first.value, second.value]:
            return
        draft.confirm = Confirmation("ambiguous_count", self.text[first.num_start : second.num_end])

    def count_of_holds(self, draft: StrengthDraft, clause: list[Item]) -> None:
        """ "3 wall sits of a minute each", "did 2 dead hangs": a count before a name is the
        number of holds when a time (or a distance) is what each one was."""
        self.count_first = None
        said = [item for item in clause if item.kind != FILLER]
        if len(said) < 2 or said[0].kind != NUM:
            return
        timed_first = len(said) > 2 and said[1].kind in (DUR, DIST) and is_name_word(said[2])
        if not (is_name_word(said[1]) or timed_first):
            return  # "3 wall sits of a minute", "three 1 minute planks"
        count = said[0].value
        if not 2 <= count <= MAX_HOLDS_COUNTED_FIRST or count != int(count):
            return
        groups = draft.groups
        head = groups[0] if groups else None
        if head is None or head.reps != count or head.sets is not None or head.weight is not None:
            return
        if len(groups) == 1:
            self.count_first = draft  # the times may come next: "first one 45 seconds"
            return
        timed = groups[1]
        if (
            len(groups) == 2
            and timed.reps is None
            and timed.sets is None
            and (timed.duration is not None or timed.distance is not None)
        ):
            timed.sets = count
            timed.items.extend(head.items)
            draft.groups = [timed]

    def holds_counted_first(self, clause: list[Item]) -> None:
        """ "did 2 dead hangs, first one 45 seconds and then 38": the 2 was the holds."""
        draft, self.count_first = self.count_first, None
        if draft is None or draft is not self.last_strength() or len(draft.groups) != 1:
            return
        if not _hold_length(clause) or any(
            item.kind in (WEIGHT, SETS, X, REPS, RANGE, DIST) for item in clause
        ):
            return
        words = {word for item in clause for word in item.text.split()}
        if words & RECOVERY_WORDS:
            return  # "10 pull ups, 90 seconds rest"
        group = draft.groups[0]
        times = [item for item in clause if item.kind in (DUR, CLOCK)]
        if not (
            any(item.kind == FIRST for item in clause)
            or "each" in words
            or len(times) == group.reps
        ):
            return
        group.sets, group.reps = group.reps, None

    def circuit(self, draft: StrengthDraft, clause: list[Item]) -> None:
        """Rounds said at the head of a circuit are the sets of every lift in it.

        "3 rounds of 10 pull ups, 20 push ups and 30 squats": 3 sets of each. A lift said
        next with a count of sets of its own, a load or anything but its reps ends the circuit.
        """
        said = [item for item in clause if item.kind != FILLER]
        head = said[0] if said else None
        self.scheme_draft = None
        if (
            head is not None
            and head.kind == NUM
            and len(draft.groups) >= 2
            and all(g.reps is not None and g.weight is None for g in draft.groups)
        ):
            self.scheme_draft = draft  # "21-15-9 thrusters"
        rounds_head = head is not None and _rounds(head)
        sets_of = head is not None and head.kind == SETS and len(said) > 1 and said[1].kind == OF
        if rounds_head or sets_of:
            # "3 sets of 10 pull ups, 20 push ups and 30 squats": the sets of every lift said
            group = draft.groups[0] if len(draft.groups) == 1 else None
            loaded = group is not None and group.weight is not None
            if group is not None and group.has_work and group.range_item is None:
                # "3 sets of 8 bench at 185, 20 push ups": a set count's circuit is unloaded
                self.rounds = None if loaded and not rounds_head else group.sets
                return
        rounds, self.rounds = self.rounds, None
        if self.rounds_said is not None:
            rounds = self.rounds_said.value
        if rounds is None or len(draft.groups) != 1:
            return
        group = draft.groups[0]
        if group.sets is not None or not group.has_work or group.range_item is not None:
            return  # "and a 30 second plank" is a round's too
        if any(item.kind in NOT_IN_A_CIRCUIT for item in clause) or self.then_said:
            return  # "3 sets of 10 curls, then 50 push ups": the circuit ended
        self.rounds_said = None
        group.sets = rounds
        self.rounds = rounds

    def from_pending_names(self, clause: list[Item], text: str) -> None:
        """Numbers after names said alone: "curls and pushdowns, 3 sets of 12 each".

        They belong to every waiting name when the lifts are a superset or "each" is said,
        otherwise to the last name only (the others are returned unparsed).
        """
        shared = self.superset or any(item.text == "each" for item in clause)
        names = self.pending_names if shared else self.pending_names[-1:]
        self.pending_names = [] if shared else self.pending_names[:-1]
        self.flush_pending()
        loads = _load_per_lift(clause, len(names))  # "3 x 12 at 30 and 50": one load each
        first = StrengthDraft(names[0][0], texts=[names[0][1], text])
        others = {id(load) for load in loads[1:]}
        StrengthBuilder(first, [item for item in clause if id(item) not in others]).run()
        self.drafts.append(first)
        self.own(first, clause)
        for k, (name, name_text) in enumerate(names[1:], start=1):
            groups = [dataclasses.replace(group) for group in first.groups]
            if loads:
                use(loads[k])
                for group in groups:
                    group.weight, group.unit = loads[k].value, loads[k].unit or loads[-1].unit
            self.drafts.append(StrengthDraft(name, groups, texts=[name_text]))

    def cardio(self, clause: list[Item], run: list[str], text: str) -> None:
        said = read_cardio(clause, self.default_unit)
        activity = said.activity
        last = self.drafts[-1] if self.drafts else None
        easy_part = (
            activity is None
            and isinstance(last, CardioDraft)
            and (said.distance_m is not None or said.duration_s is not None)
            and all(w in RUN_EFFORT_WORDS for w in run)
            and (
                bool(last.splits and self.then_said) or any(i.text in WARM_UP_WORDS for i in clause)
            )
        )  # "6 x 800 then 20 minutes easy", "ran 20 minutes then 10 minutes cooldown"
        if easy_part and isinstance(last, CardioDraft):
            activity, run = last.activity, []
        if activity is None and not run and isinstance(last, CardioDraft):
            last.complete_with(said)  # "ran 5k, took 24 minutes"
            self.own(last, clause)
            return
        if activity is None and not run:
            said_before = self.pending_activity()  # "went for a run, 3 miles in 27 minutes"
            if said_before is not None:
                activity, run = said_before
        if activity is None and not run and said.distance_m is not None:
            activity = "run"
        if (
            activity is None
            and run
            and all(w in INTERVAL_WORDS or w in RUN_EFFORT_WORDS for w in run)
        ):
            activity, run = (last.activity if isinstance(last, CardioDraft) else "run"), []
            # "fartlek 30 minutes"; "bike 20 minutes, 5 minute cool down" is on the bike
        if activity is None or (
            said.distance_m is None and said.duration_s is None and said.calories is None
        ):
            unuse(*said.distance_items, *said.duration_items, *said.calorie_items)
            self.flush_pending()
            if activity is not None and run and not any(item.has_number for item in clause):
                self.pending_names.append((" ".join(run), text))  # its numbers may come next
            else:
                self.unparsed.append(text)
            return
        self.flush_pending()
        self.rounds = None
        named = [word for word in run if word not in RUN_EFFORT_WORDS]  # "long run" is a run
        name = name_from_run(named, CARDIO_VERBS) if named else (said.label or activity)
        draft = CardioDraft(activity, said.distance_m, said.duration_s, name, said.clock_guess)
        draft.calories = said.calories
        self.drafts.append(draft)
        self.own(draft, clause)

    def pending_activity(self) -> tuple[Activity, list[str]] | None:
        """An activity said alone just before its numbers: "did my long run, 10 miles"."""
        if not self.pending_names:
            return None
        name, _ = self.pending_names[-1]
        words = [w for w in name.split() if w not in RUN_EFFORT_WORDS]
        activity = next((ACTIVITY_WORDS[w] for w in words if w in ACTIVITY_WORDS), None)
        if activity is None:
            return None
        self.pending_names.pop()
        return activity, words

    def repeats(self, clause: list[Item], words: list[str], *, after_lift: bool = False) -> bool:
        """ "8 times 200 meters in 38 seconds", "hill repeats 8 times 60 seconds": one session.

        After a lift, "3 sets of 30 seconds" with no activity word continues the lift."""
        activity_said = any(w in ACTIVITY_WORDS or w in INTERVAL_WORDS for w in words)
        said = next(
            (w for w in words if w in ACTIVITY_WORDS and w not in RECOVERY_WORDS), None
        )  # "with a 400 jog" is the recovery, not the activity
        activity = ACTIVITY_WORDS[said] if said is not None else "run"
        last = self.drafts[-1] if self.drafts else None
        if said is None and isinstance(last, CardioDraft) and last.activity in MACHINE_ACTIVITIES:
            activity = last.activity  # "row 2k warm up then 4 x 500m in 1:40": on the rower
        repeats = read_repeats(
            clause,
            rounds=activity_said or not after_lift,
            activity=activity,
            default_unit=self.default_unit,
        )
        if repeats is None:
            return False
        self.pending_names = [  # "hill sprints, 10 x 20 seconds": said of the repeats
            (name, text)
            for name, text in self.pending_names
            if not all(
                w in INTERVAL_WORDS or w in SESSION_WORDS or w in ACTIVITY_WORDS
                for w in name.split()
            )
        ]
        name = CARDIO_VERBS.get(said, said) if said is not None else activity
        if said is None and isinstance(last, CardioDraft) and activity != "run":
            name = last.name  # the machine named before: "ski erg 5 minutes, then 6 x 250m"
        if said is not None and said in words[:-1] and words[words.index(said) + 1] == "erg":
            name = f"{said} erg"  # "ski erg 6 x 250 meters"
        run = first_name_run(clause)
        plain = INTERVAL_WORDS | SESSION_WORDS | RUN_EFFORT_WORDS | RECOVERY_WORDS
        if said is not None and len(run) >= 2 and run[-1] == said and not set(run) & plain:
            name = name_from_run(run, CARDIO_VERBS)  # "echo bike 10 x 10 calories"
        self.flush_pending()
        head = next((item for item in clause if item.kind != FILLER), None)
        # "4 rounds of 500m row and 15 wall balls": the rounds of a circuit that starts here
        self.rounds = float(repeats.count) if head is not None and _rounds(head) else None
        draft = repeat_draft(repeats, activity, name)
        self.drafts.append(draft)
        self.own(draft, clause)
        return True

    def uncounted_repeats(self, clause: list[Item], words: list[str]) -> bool:
        """ "400 meter repeats, 6 of them in 80 seconds": the repeat first, its count after."""
        each = next(
            (
                item
                for k, item in enumerate(clause[:-1])
                if clause[k + 1].text in INTERVAL_WORDS
                and (
                    item.kind in (DIST, DUR)
                    or (item.kind == NUM and item.value >= MIN_REPEAT_M)
                    or (item.kind == WORD and item.text in ONE_DISTANCE_WORDS)
                )
            ),
            None,
        )  # "400 meter repeats", "400 repeats", "mile repeats"
        if each is None:
            each = next(
                (item for item in clause if item.kind == DIST and item.text.endswith(" s")), None
            )  # "did 400s, 8 of them"
        if each is None or any(item.kind == SETS for item in clause):
            return False
        if any(item.kind == NUM and item is not each for item in clause):
            return False  # "6 400 repeats" is read as repeats or not at all
        said = next((w for w in words if w in ACTIVITY_WORDS and w not in RECOVERY_WORDS), None)
        activity = ACTIVITY_WORDS[said] if said is not None else "run"
        name = CARDIO_VERBS.get(said, said) if said is not None else activity
        if each.kind == WORD:
            each.kind, each.value = DIST, DIST_UNITS[each.text]
        use(each)
        metres = each.value if each.kind in (DIST, NUM) else None
        seconds = each.value if each.kind == DUR else None
        draft = repeat_draft(Repeats(1, metres, seconds, None, None), activity, name)
        draft.awaiting_count = True
        self.flush_pending()
        self.drafts.append(draft)
        self.own(draft, clause)
        return True

    def finish(self) -> ParseResult:
        self.finish_rounds()
        self.flush_pending()
        strays = self.stray_numbers()
        entries: list[Entry] = []
        for k, draft in enumerate(self.drafts):
            if isinstance(draft, StrengthDraft):
                settle(draft)
            confirm = self.unused_number(draft, strays.get(k, []))
            if isinstance(draft, CardioDraft):
                entries.append(finish_cardio(draft, confirm))
                continue
            entry = finish_strength(draft, self.default_unit, self.text, confirm or draft.confirm)
            if entry is None:
                self.unparsed.append(" ".join(t for t in draft.texts if t))
            else:
                entries.append(entry)
        return ParseResult(entries=entries, unparsed=[u for u in self.unparsed if u])

    def stray_numbers(self) -> dict[int, list[Item]]:
        """Numbers in clauses no entry took, by the entry said just before (else just after)."""
        strays: dict[int, list[Item]] = {}
        for before, clause in self.orphans:
            numbers = [item for item in clause if item.has_number and not item.used]
            if numbers and self.drafts:
                strays.setdefault(max(before - 1, 0), []).extend(numbers)
        return strays

    def unused_number(
        self, draft: StrengthDraft | CardioDraft, strays: list[Item]
    ) -> Confirmation | None:
        """Every number said is in a value, explained, or asked about: "seat on 4" asks."""
        inside = [item for item in draft.items if item.has_number and not item.used]
        self.unparsed.extend(item.text for item in inside)  # "with a 2 second pause"
        numbers = sorted(inside + strays, key=lambda item: item.num_start)
        if not numbers:
            return None
        words = self.text[numbers[0].num_start : numbers[-1].num_end]
        return Confirmation("unused_number", words)


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
    head = normalise(head)
    parser = TranscriptParser(unit, head)
    for then_said, clause in joined_clauses(Lexer(tokenize(head), unit).run()):
        parser.then_said = then_said
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


def _is_hold(clause: list[Item], run: list[str], words: list[str], *, holding: bool) -> bool:
    """A named exercise with a time or a distance and no activity: a hold or a carry.

    With no name, a time continues the hold being logged ("planks, three of them, 45 seconds
    each").
    """
    if any(item.kind in (PACE, CAL) or item.label for item in clause):
        return False
    if any(item.kind == CLOCK for item in clause) and (
        any(item.kind == DIST for item in clause) or any(w in PACE_WORDS for w in words)
    ):
        return False  # "plank 1:30" is a hold; "average pace 9:10" is not
    if not run and not holding:
        return False
    cardio_words = ACTIVITY_WORDS.keys() | RUN_EFFORT_WORDS | INTERVAL_WORDS | CARDIO_VERBS.keys()
    return not any(word in cardio_words for word in words)


def _a_repeat(said: list[Item], pending: list[tuple[str, str]]) -> bool:
    """ "200m in 40 seconds each", "400m run": a distance or time said alone, or with its
    activity, after rounds said alone: one round of repeats (or of a circuit that starts so)."""
    if pending or not any(item.kind in (DIST, DUR) for item in said):
        return False
    if any(item.kind in (SETS, X, REPS, WEIGHT, NUM, RANGE) for item in said):
        return False
    words = [item.text for item in said if item.kind == WORD]
    return all(w in ACTIVITY_WORDS or w in RUN_EFFORT_WORDS or w == "each" for w in words)


def _one_set_said(draft: StrengthDraft) -> bool:
    """One set's work with no count of sets: "plank 90 seconds", "bench 225 for 5"."""
    if len(draft.groups) != 1:
        return False
    group = draft.groups[0]
    return group.has_work and group.sets is None and group.range_item is None


def _hold_clocks(clause: list[Item]) -> None:
    """ "wall sit 3 x 1:00", "plank 3 sets of 1:30": a clock said in a hold's sets is each
    hold's time; not when the clause has reps ("bench 5 x 5 rest 2:00") or beside a rest."""
    said = [item for item in clause if item.kind != FILLER]
    if any(item.kind in (REPS, RANGE) for item in said) or any(
        item.kind == NUM and k > 0 and said[k - 1].kind in (X, OF, FOR)
        for k, item in enumerate(said)
    ):
        return
    for k, item in enumerate(said):
        near = {said[j].text for j in (k - 1, k + 1) if 0 <= j < len(said)}
        if item.kind == CLOCK and not near & (REST_WORDS | RECOVERY_WORDS):
            item.kind = DUR


def _rounds(item: Item) -> bool:
    """ "3 rounds", "emom 10 minutes" (10 rounds): the count of a circuit's rounds."""
    return item.kind == SETS and ("round" in item.text or item.text.endswith(MINUTE_WORDS))


def _without_rests(clause: list[Item]) -> list[Item]:
    """ "push ups 8 rounds of 20 seconds on, 10 off": a rest between sets is no set; its
    number is left out of the sets (so the entry asks about it)."""
    rests = {
        id(item)
        for k, item in enumerate(clause[:-1])
        if item.kind in (NUM, DUR) and clause[k + 1].text in REST_AFTER_WORDS
    }
    return [item for item in clause if id(item) not in rests] if rests else list(clause)


def _load_per_lift(clause: list[Item], lifts: int) -> list[Item]:
    """ "at 30 and 50" said of two lifts sharing their sets: the loads, in the lifts' order."""
    if lifts < 2:
        return []
    for k, item in enumerate(clause):
        if item.kind not in (AT, WITH):
            continue
        loads = []
        for later in clause[k + 1 :]:
            if later.kind not in (NUM, WEIGHT):
                break
            loads.append(later)
        if len(loads) == lifts:
            return loads
    return []


def _hold_length(clause: list[Item]) -> bool:
    """Times a hold lasts ("planks, 60 seconds"); "yoga, 30 minutes" is a session, not a hold."""
    times = [item.value for item in clause if item.kind in (DUR, CLOCK)]
    return bool(times) and max(times) <= MAX_HOLD_SAID_ALONE_S


def _interval_context(run: list[str], words: list[str]) -> bool:
    """Repeats are said alone, or with an activity or interval word, never with a lift's name.

    Words of the recovery ("with 2 minutes standing rest") name no lift."""
    if not run or all(word in RECOVERY_WORDS or word in WARM_UP_WORDS for word in run):
        return True  # "... with a 5 minute cool down" names no lift either
    return any(word in ACTIVITY_WORDS or word in INTERVAL_WORDS for word in words)
