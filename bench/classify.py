"""Chat intent accuracy on the held-out messages, a confusion matrix, and warm latency.

    python -m bench.classify [--rounds N]

The model is fitted on ``bench/data/chat_intents_train.json`` and the ``tune`` split of
``chat_intents.json``; accuracy is reported on what it never saw: the ``heldout`` split of
``chat_intents.json`` (labelled blind, by someone else) and ``chat_intents_heldout_own.json``.
Latency is per message with the model loaded and the embedder's query cache emptied before each
message (every message is embedded afresh), so it is the cost of a message never seen before.
Target: accuracy >= 95 % held out, p95 <= 10 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
TARGET_ACCURACY = 0.95
TARGET_P95_MS = 10.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def confusion(rows: list[tuple[str, str]], intents: tuple[str, ...]) -> str:
    short = {intent: intent[:8] for intent in intents}
    head = "label / predicted"
    lines = [f"{head:<18}" + "".join(f"{short[i]:>9}" for i in intents)]
    for label in intents:
        counts = [sum(1 for t, p in rows if t == label and p == i) for i in intents]
        lines.append(f"{label:<18}" + "".join(f"{c:>9}" for c in counts))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from coach.classify.classifier import classify_message
    from coach.classify.intents import INTENTS
    from coach.classify.model import intent_model, training_rows
    from coach.classify.rules import rule_evidence
    from core.embeddings import get_embedder

    labelled = json.loads((DATA / "chat_intents.json").read_text())
    sets = {
        "chat_intents.json heldout (blind)": [r for r in labelled if r["split"] == "heldout"],
        "chat_intents_heldout_own.json": json.loads(
            (DATA / "chat_intents_heldout_own.json").read_text()
        ),
    }
    tuned = training_rows()
    tuned_right = sum(classify_message(r["message"]).intent == r["intent"] for r in tuned)
    print(
        f"tuning part (train file + tune split, fitted on): {tuned_right / len(tuned):.1%} of "
        f"{len(tuned)}; decisive rules answer alone for {', '.join(intent_model().decisive)}"
    )
    print()
    ok = True
    for name, rows in sets.items():
        predicted = [(r["intent"], classify_message(r["message"]).intent) for r in rows]
        accuracy = sum(t == p for t, p in predicted) / len(predicted)
        verdict = "ok" if accuracy >= TARGET_ACCURACY else f"< {TARGET_ACCURACY:.0%}"
        ok = ok and accuracy >= TARGET_ACCURACY
        by_rule = sum(
            intent_model().decided(rule_evidence(" ".join(r["message"].lower().split())))
            is not None
            for r in rows
        )
        print(f"{name}: {accuracy:.1%} of {len(rows)}  {verdict}  ({by_rule} by a decisive rule)")
        print(confusion(predicted, INTENTS))
        misses = [(r, p) for r, (t, p) in zip(rows, predicted, strict=True) if t != p]
        for row, guess in misses:
            print(f"  miss: {row['intent']} -> {guess}: {row['message']!r}")
        print()

    embedder = get_embedder()
    messages = [r["message"] for rows in sets.values() for r in rows] * args.rounds

    def timed(run: object) -> list[float]:
        timings = []
        for message in messages:
            embedder.clear_query_cache()
            started = time.perf_counter()
            run(message.lower())  # type: ignore[operator]
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    baseline = timed(embedder.embed_query)  # the embedding alone, the same messages
    timings = timed(classify_message)
    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    base50, base95 = statistics.median(baseline), percentile(baseline, 0.95)
    verdict = "ok" if p95 <= TARGET_P95_MS else f"> {TARGET_P95_MS} ms"
    ok = ok and p95 <= TARGET_P95_MS
    print(
        f"latency over {len(timings)} messages (embedder cache emptied before each), load average"
    )
    print(f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'series':<26}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    print(f"{'embedding only (baseline)':<26}{base50:9.2f}{base95:9.2f}{max(baseline):9.2f}")
    print(f"{'classify':<26}{p50:9.2f}{p95:9.2f}{max(timings):9.2f}  {verdict}")
    print(f"classify / embedding: p50 {p50 / base50:.2f}x, p95 {p95 / base95:.2f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
