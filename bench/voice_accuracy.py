"""Voice parse + match accuracy over bench/data/voice_utterances.json (the rules path).

    python -m bench.voice_accuracy [--show N] [--data PATH] [--split tune|heldout]

`--data bench/data/voice_utterances_heldout.json` scores the utterances written apart from the
parser (held out only until the parser is changed to fit them). `--data
bench/data/voice_utterances_v2.json --split heldout` scores the half of the second set that the
parser is never tuned on (`--split tune` the half it is). Labels written before the extended
entry shape read a missing key as its empty value.

Prints exact-match accuracy per entry and per utterance of the parser's entries, the share of
strength entries whose matched catalog exercise is confident, and the confusions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "voice_utterances.json"
TARGET_UTTERANCE_ACCURACY = 0.97


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
            extra = {k: entry.get(k) for k in ("recovery_s", "recovery_m", "calories")}
            extra_text = " ".join(f"{k}={v}" for k, v in extra.items() if v is not None)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=20, help="confusions to print")
    parser.add_argument("--data", type=Path, default=DATA, help="labelled utterances (JSON)")
    parser.add_argument("--split", choices=["tune", "heldout"], help="only this half (v2 set)")
    args = parser.parse_args(argv)
    setup_django()

    from training.services import exercise_catalog_load
    from voice.matching import ExerciseMatcher
    from voice.parsing import parse_transcript
    from voice.parsing.entries import complete_entry

    exercise_catalog_load()
    matcher = ExerciseMatcher()
    matcher.use_cache = False
    utterances = json.loads(args.data.read_text())
    if args.split:
        utterances = [u for u in utterances if u.get("split") == args.split]

    entry_total = entry_exact = utterance_exact = 0
    strength_total = confident = 0
    confusions: list[tuple[str, str, str]] = []
    unsure: Counter[str] = Counter()
    by_category: dict[str, list[int]] = {}  # category -> [utterances, exact, entries, exact]
    for item in utterances:
        result = parse_transcript(item["transcript"], item["unit"])
        got = result.to_dict()["entries"]
        expected = [complete_entry(e) for e in item["expected"]["entries"]]
        exact_entries = sum(1 for want, have in zip(expected, got, strict=False) if want == have)
        entry_total += len(expected)
        entry_exact += exact_entries
        same = got == expected and bool(result.unparsed) == item["expected"]["unparsed_nonempty"]
        utterance_exact += same
        row = by_category.setdefault(item.get("category", "all"), [0, 0, 0, 0])
        row[0], row[1] = row[0] + 1, row[1] + same
        row[2], row[3] = row[2] + len(expected), row[3] + exact_entries
        if not same:
            unparsed = f"  unparsed={result.unparsed}" if result.unparsed else ""
            confusions.append((item["transcript"], summarise(expected), summarise(got) + unparsed))
        for entry in got:
            if entry["kind"] != "strength":
                continue
            strength_total += 1
            match = matcher.match(entry["spoken_name"])
            if match.needs_confirmation:
                unsure[entry["spoken_name"]] += 1
            else:
                confident += 1

    n = len(utterances)
    print(f"utterances: {n}   entries expected: {entry_total}")
    print(f"per utterance exact: {utterance_exact}/{n} = {utterance_exact / n:.1%}", end="  ")
    print(f"(target >= {TARGET_UTTERANCE_ACCURACY:.0%})")
    print(f"per entry exact:     {entry_exact}/{entry_total} = {entry_exact / entry_total:.1%}")
    if len(by_category) > 1:
        print(f"{'category':<16}{'utterances exact':>18}{'entries exact':>16}")
        for name, (n_utt, ok_utt, n_ent, ok_ent) in sorted(by_category.items()):
            print(f"{name:<16}{ok_utt:>9}/{n_utt:<3} {ok_utt / n_utt:5.0%}", end="")
            print(f"{ok_ent:>7}/{n_ent:<3} {ok_ent / n_ent if n_ent else 1:5.0%}")
    share = confident / strength_total if strength_total else 0.0
    print(f"strength entries matched confidently: {confident}/{strength_total} = {share:.1%}")
    if unsure:
        print("spoken names that need confirmation:")
        for name, count in unsure.most_common(args.show):
            print(f"  {count:3d}  {name!r}")
    if confusions:
        print(f"confusions ({len(confusions)}; first {min(args.show, len(confusions))}):")
        for transcript, want, have in confusions[: args.show]:
            print(f"  {transcript!r}\n    expected: {want}\n    got:      {have}")
    return 0 if utterance_exact / n >= TARGET_UTTERANCE_ACCURACY else 1


if __name__ == "__main__":
    sys.exit(main())
