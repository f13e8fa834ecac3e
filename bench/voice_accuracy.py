"""Voice parse + match accuracy over the labelled utterance sets (the rules path).

    python -m bench.voice_accuracy [--before REV] [--show N]
    python -m bench.voice_accuracy --data PATH [--split tune|heldout] [--show N]

With no ``--data``, every labelled set is scored and a table per set and category prints the
exact-utterance accuracy now and, in the same run, that of the parser at git revision
``--before`` (default ``1cf25df``, the parser before the second pass on issue 14; ``--before
none`` skips it). The sets:

- ``v1``: bench/data/voice_utterances.json (the first labelled set);
- ``v1 heldout``: bench/data/voice_utterances_heldout.json;
- ``v2 tune`` / ``v2 heldout``: the two halves of bench/data/voice_utterances_v2.json; the
  parser is tuned on ``tune`` only, and ``heldout`` is the score that counts (target 97 %);
- ``tune extra``: bench/data/voice_utterances_tune_extra.json, more tuning utterances of every
  category of the second pass, written while tuning (a tuning set, not a held-out one).

``--data`` scores one file (``--split`` one half of the v2 set) as before, with the share of
strength entries whose matched catalog exercise is confident. ``--show N`` prints the first N
utterances that are wrong (per set in the table mode). Labels written before the extended
entry shape read a missing key as its empty value.

The exit status is 0 when the v2 held-out half (or the one file scored) reaches the target.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / "data"
DATA = DATA_DIR / "voice_utterances.json"
TARGET_UTTERANCE_ACCURACY = 0.97
BEFORE_REV = "1cf25df"
# (set name, file, split or None)
SETS: tuple[tuple[str, str, str | None], ...] = (
    ("v1", "voice_utterances.json", None),
    ("v1 heldout", "voice_utterances_heldout.json", None),
    ("v2 tune", "voice_utterances_v2.json", "tune"),
    ("v2 heldout", "voice_utterances_v2.json", "heldout"),
    ("tune extra", "voice_utterances_tune_extra.json", None),
)
COUNTED_SET = "v2 heldout"

Parsed = dict[str, Any]  # {"entries": [...], "unparsed": [...]}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()


def summarise(entries: list[dict[str, Any]]) -> str:
    parts = []
    for entry in entries:
        confirm = entry.get("needs_confirmation")
        asks = f" ?{confirm['reason']}({confirm['words']!r})" if confirm else ""
        if entry["kind"] == "cardio":
            said = {k: entry.get(k) for k in ("recovery_s", "recovery_m", "calories")}
            extra_text = " ".join(f"{k}={v}" for k, v in said.items() if v is not None)
            splits = f" {len(entry.get('splits') or [])} splits" if entry.get("splits") else ""
            parts.append(
                f"{entry['activity']} {entry['spoken_name']!r} {entry['distance_m']}m "
                f"{entry['duration_s']}s{splits} {extra_text}{asks}"
            )
            continue
        keys = ("reps", "weight", "unit", "rpe", "rir", "added_load")
        extra = ("duration_s", "distance_m", "per_side")
        sets = Counter((*(s[k] for k in keys), *(s.get(k) for k in extra)) for s in entry["sets"])
        described = ", ".join(f"{n}x{spec}" for spec, n in sets.items())
        parts.append(f"{entry['spoken_name']!r}: {described}{asks}")
    return " | ".join(parts) or "(none)"


def load(name: str, split: str | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((DATA_DIR / name).read_text())
    return [row for row in rows if split is None or row.get("split") == split]


@dataclass
class Score:
    """Exact-match counts of one labelled set, overall and per category."""

    utterances: int = 0
    exact: int = 0
    entries: int = 0
    entries_exact: int = 0
    by_category: dict[str, list[int]] = field(default_factory=dict)  # [utterances, exact]
    wrong: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.exact / self.utterances if self.utterances else 0.0


def score(rows: list[dict[str, Any]], parsed: list[Parsed]) -> Score:
    """Each utterance is exact when its entries equal the labels and leftovers match the flag."""
    from voice.parsing.entries import complete_entry

    result = Score()
    for row, got in zip(rows, parsed, strict=True):
        expected = [complete_entry(e) for e in row["expected"]["entries"]]
        have = got["entries"]
        same_entries = sum(1 for want, h in zip(expected, have, strict=False) if want == h)
        same = have == expected and bool(got["unparsed"]) == row["expected"]["unparsed_nonempty"]
        result.utterances += 1
        result.exact += same
        result.entries += len(expected)
        result.entries_exact += same_entries
        counts = result.by_category.setdefault(row.get("category", "all"), [0, 0])
        counts[0] += 1
        counts[1] += same
        if not same:
            unparsed = f"  unparsed={got['unparsed']}" if got["unparsed"] else ""
            result.wrong.append(
                (row["transcript"], summarise(expected), summarise(have) + unparsed)
            )
    return result


def parse_now(rows: list[dict[str, Any]]) -> list[Parsed]:
    from voice.parsing import parse_transcript

    return [parse_transcript(row["transcript"], row["unit"]).to_dict() for row in rows]


_PARSE_AT_REVISION = """
import json, sys
sys.path.insert(0, sys.argv[1])
from voice.parsing import parse_transcript
rows = json.load(sys.stdin)
json.dump([parse_transcript(t, u).to_dict() for t, u in rows], sys.stdout)
"""


def parser_at(rev: str) -> Callable[[list[dict[str, Any]]], list[Parsed]] | None:
    """The parser of git revision ``rev``, run in a child process on its own source tree."""
    git = shutil.which("git")
    if git is None:
        print("(no 'before' column: git is not installed)")
        return None
    try:
        archive = subprocess.run(
            [git, "-C", str(ROOT), "archive", rev, "voice/parsing", "training/units.py"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"(no 'before' column: cannot read revision {rev}: {exc})")
        return None
    tree = tempfile.mkdtemp(prefix="voice-before-")
    atexit.register(shutil.rmtree, tree, ignore_errors=True)
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    for package in ("voice", "training"):
        (Path(tree) / package / "__init__.py").touch()

    def run(rows: list[dict[str, Any]]) -> list[Parsed]:
        pairs = [(row["transcript"], row["unit"]) for row in rows]
        out = subprocess.run(
            [sys.executable, "-c", _PARSE_AT_REVISION, tree],
            input=json.dumps(pairs),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": tree},
        ).stdout
        parsed: list[Parsed] = json.loads(out)
        return parsed

    return run


def _cell(counts: list[int] | None) -> str:
    if counts is None or not counts[0]:
        return f"{'-':>12}"
    return f"{counts[1]:>4}/{counts[0]:<3} {counts[1] / counts[0]:4.0%}"


def table(now: dict[str, Score], before: dict[str, Score]) -> None:
    """Per set, then per category: exact utterances before and now."""
    print(f"{'set':<12}{'before':>14}{'now':>14}   (exact utterances)")
    for name, current in now.items():
        old = before.get(name)
        old_cell = _cell([old.utterances, old.exact]) if old else _cell(None)
        print(f"{name:<12}{old_cell:>14}{_cell([current.utterances, current.exact]):>14}")
    categories = sorted({c for s in now.values() for c in s.by_category if c != "all"})
    names = [name for name, s in now.items() if set(s.by_category) - {"all"}]
    print()
    print(f"{'':<16}" + "".join(f"{name:^28}" for name in names))
    print(f"{'category':<16}" + f"{'before':>14}{'now':>14}" * len(names))
    for category in categories:
        row = ""
        for name in names:
            old = before.get(name)
            row += f"{_cell(old.by_category.get(category) if old else None):>14}"
            row += f"{_cell(now[name].by_category.get(category)):>14}"
        print(f"{category:<16}{row}")


def all_sets(before_rev: str, show: int) -> int:
    baseline = parser_at(before_rev) if before_rev.lower() != "none" else None
    now: dict[str, Score] = {}
    before: dict[str, Score] = {}
    for name, path, split in SETS:
        if not (DATA_DIR / path).exists():
            continue
        rows = load(path, split)
        now[name] = score(rows, parse_now(rows))
        if baseline is not None:
            before[name] = score(rows, baseline(rows))
    print(f"rules path, exact utterances; before = parser at {before_rev}\n")
    table(now, before)
    counted = now[COUNTED_SET]
    print(
        f"\n{COUNTED_SET}: {counted.exact}/{counted.utterances} = {counted.share:.1%} "
        f"(target >= {TARGET_UTTERANCE_ACCURACY:.0%}); entries exact "
        f"{counted.entries_exact}/{counted.entries}"
    )
    for name, result in now.items():
        for transcript, want, have in result.wrong[:show]:
            print(f"  [{name}] {transcript!r}\n    expected: {want}\n    got:      {have}")
    return 0 if counted.share >= TARGET_UTTERANCE_ACCURACY else 1


def one_file(path: Path, split: str | None, show: int) -> int:
    from training.services import exercise_catalog_load
    from voice.matching import ExerciseMatcher

    exercise_catalog_load()
    matcher = ExerciseMatcher()
    matcher.use_cache = False
    rows: list[dict[str, Any]] = json.loads(path.read_text())
    if split:
        rows = [row for row in rows if row.get("split") == split]
    parsed = parse_now(rows)
    result = score(rows, parsed)
    n = result.utterances
    print(f"utterances: {n}   entries expected: {result.entries}")
    print(f"per utterance exact: {result.exact}/{n} = {result.share:.1%}", end="  ")
    print(f"(target >= {TARGET_UTTERANCE_ACCURACY:.0%})")
    print(f"per entry exact:     {result.entries_exact}/{result.entries}")
    if len(result.by_category) > 1:
        print(f"{'category':<16}{'utterances exact':>18}")
        for name, counts in sorted(result.by_category.items()):
            print(f"{name:<16}{_cell(counts):>18}")
    strength = [e for got in parsed for e in got["entries"] if e["kind"] == "strength"]
    unsure = Counter(
        e["spoken_name"] for e in strength if matcher.match(e["spoken_name"]).needs_confirmation
    )
    confident = len(strength) - sum(unsure.values())
    share = confident / len(strength) if strength else 0.0
    print(f"strength entries matched confidently: {confident}/{len(strength)} = {share:.1%}")
    if unsure:
        print("spoken names that need confirmation:")
        for name, count in unsure.most_common(show):
            print(f"  {count:3d}  {name!r}")
    if result.wrong:
        print(f"confusions ({len(result.wrong)}; first {min(show, len(result.wrong))}):")
        for transcript, want, have in result.wrong[:show]:
            print(f"  {transcript!r}\n    expected: {want}\n    got:      {have}")
    return 0 if result.share >= TARGET_UTTERANCE_ACCURACY else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, help="wrong utterances to print (per set)")
    parser.add_argument("--data", type=Path, help="score one labelled file (JSON)")
    parser.add_argument("--split", choices=["tune", "heldout"], help="only this half (v2 set)")
    parser.add_argument("--before", default=BEFORE_REV, help="git revision of the 'before' parser")
    args = parser.parse_args(argv)
    setup_django()
    if args.data is not None:
        return one_file(args.data, args.split, 20 if args.show is None else args.show)
    return all_sets(args.before, args.show or 0)


if __name__ == "__main__":
    sys.exit(main())
