"""Latency of the conversational endpoints through the API, on the offline provider.

    python -m bench.conversation [--limit N]

Requests go through the whole stack a client meets: a JWT in the Authorization header
(verified, the user loaded), the rate limiter (a limited tier, its limits raised for the run so
nothing is refused: every request still runs the throttle's Redis script), the view, the
response. Per endpoint two series over the same distinct inputs:

  first   the embedder's query cache emptied before each request; the response cache misses
          (retrieval answers from its cache when an earlier request asked the same)
  again   the same requests repeated: cached answers (the write endpoints run again)
  mix     both series together: the targets are on this column's p95

The dev database and Redis are used under a prefix of their own; the bench user and everything
it writes are rolled back. Baseline measured in the same run: one embedding of the same texts.
Targets (p95 of the mix): classify 10 ms, swap 25 ms, onboarding extract 15 ms.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
TARGETS_P95_MS = {"chat/classify": 10.0, "chat/swap-exercise-enhanced": 25.0,
                  "onboarding/extract": 15.0}  # fmt: skip
ANSWERED = {200, 201, 422}  # 422: an injury the words leave unclear is asked about
SWAP_REASONS = ("", "the machine is busy", "it bothers my wrist", "no barbell here")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _inputs(limit: int, exercise_names: list[str]) -> dict[str, list[dict[str, Any]]]:
    intents = json.loads((DATA / "chat_intents.json").read_text())
    injuries = json.loads((DATA / "injury_phrasings.json").read_text())
    onboarding = json.loads((DATA / "onboarding_texts.json").read_text())
    complete_injuries = [
        r["text"] for r in injuries if r["expected"]["body_region"] and r["expected"]["severity"]
    ]
    return {
        "chat/classify": [{"message": r["message"]} for r in intents[:limit]],
        "chat/swap-exercise-enhanced": [
            {"exercise": name, "reason": SWAP_REASONS[i % len(SWAP_REASONS)]}
            for i, name in enumerate(exercise_names[:limit])
        ],
        "onboarding/extract": [{"text": r["text"]} for r in onboarding[:limit]],
        "injury/analyze": [{"text": text} for text in complete_injuries[:limit]],
        "injury/log": [{"text": text} for text in complete_injuries[:limit]],
        "onboarding/conversational": [{"message": r["text"]} for r in onboarding[:limit]],
    }


def _text(payload: dict[str, Any]) -> str:
    return str(payload.get("message") or payload.get("text") or payload.get("exercise"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=60, help="requests per endpoint")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from rest_framework.test import APIClient

    from accounts.models import Tier
    from accounts.services import user_register
    from accounts.tokens import TierTokenObtainPairSerializer
    from core.embeddings import get_embedder
    from core.llm import reset_providers
    from ratelimit.models import TierLimit
    from training.models import Exercise
    from training.services import exercise_catalog_load

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    prefix = f"vfbench-{uuid.uuid4().hex[:8]}"
    settings.REDIS_KEY_PREFIX = prefix
    settings.CACHES["default"]["KEY_PREFIX"] = prefix
    for name in ("LLM_PROVIDER", "LLM_BASE_URL", "XAI_API_KEY", "KIMI_API_KEY", "OPENAI_API_KEY"):
        setattr(settings, name, "")
    reset_providers()
    call_command("migrate", verbosity=0)
    exercise_catalog_load()
    call_command("ingest_knowledge", stdout=io.StringIO())
    names = list(Exercise.objects.order_by("?").values_list("name", flat=True))
    inputs = _inputs(args.limit, names)
    embedder = get_embedder()
    ok = True
    try:
        with transaction.atomic():
            user = user_register(email=f"{prefix}@example.com", password="bench-pass-1234")
            user.tier = Tier.PREMIUM
            user.save()
            unlimited = 10**9  # counted and checked on every request, never reached
            TierLimit.objects.filter(tier=Tier.PREMIUM).update(
                hourly_limit=unlimited, expensive_minute_limit=unlimited
            )
            token = TierTokenObtainPairSerializer.get_token(user).access_token
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

            def series(endpoint: str, before: Callable[[], None] | None) -> list[float]:
                timings = []
                for payload in inputs[endpoint]:
                    if before:
                        before()
                    started = time.perf_counter()
                    response = client.post(f"/api/{endpoint}", payload, format="json")
                    timings.append((time.perf_counter() - started) * 1000)
                    if response.status_code not in ANSWERED:
                        raise RuntimeError(f"{endpoint}: {response.status_code} {response.data}")
                return timings

            for endpoint in inputs:  # warm each path once (model, index, connections)
                client.post(f"/api/{endpoint}", inputs[endpoint][-1], format="json")
            texts = [_text(p) for rows in inputs.values() for p in rows]
            baseline = []
            for text in texts:
                embedder.clear_query_cache()
                started = time.perf_counter()
                embedder.embed_query(text.lower())
                baseline.append((time.perf_counter() - started) * 1000)
            base95 = percentile(baseline, 0.95)
            load_before = os.getloadavg()[0]
            results = {}
            for endpoint in inputs:
                first = series(endpoint, embedder.clear_query_cache)
                results[endpoint] = (first, series(endpoint, None))
            print(
                f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
                f"on {os.cpu_count()} cores; times in ms"
            )
            print(
                f"{'endpoint':<30}{'n':>4}{'first p50':>10}{'p95':>8}{'again p50':>10}"
                f"{'p95':>8}{'mix p50':>9}{'p95':>8}{'p95/emb':>9}"
            )
            print(
                f"{'(one embedding, baseline)':<30}{len(baseline):>4}"
                f"{statistics.median(baseline):10.2f}{base95:8.2f}{'':>35}"
            )
            for endpoint, (first, again) in results.items():
                mix = first + again
                p95 = percentile(mix, 0.95)
                target = TARGETS_P95_MS.get(endpoint)
                verdict = "" if target is None else ("  ok" if p95 <= target else f"  > {target}")
                ok = ok and (target is None or p95 <= target)
                print(
                    f"{endpoint:<30}{len(first):>4}"
                    f"{statistics.median(first):10.2f}{percentile(first, 0.95):8.2f}"
                    f"{statistics.median(again):10.2f}{percentile(again, 0.95):8.2f}"
                    f"{statistics.median(mix):9.2f}{p95:8.2f}{p95 / base95:8.2f}x{verdict}"
                )
            transaction.set_rollback(True)
    finally:
        cache.delete_pattern("*")  # type: ignore[attr-defined]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
