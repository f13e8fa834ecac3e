"""Coach answers end to end: cold, context-cached and answer-cached, offline and remote.

    python -m bench.coach_ask [--rounds N]

Runs ``coach.services`` (the code behind POST /api/coach/ask) for a throwaway athlete on the
dev database, with the real knowledge base (ingested if it is not yet), the real embedding
model and Redis, once with the offline provider and once with a local OpenAI-compatible server
(the test server, answering instantly, so its column shows the layer's own cost). The athlete
is created in a transaction that is rolled back; Redis keys live under a private prefix and
are deleted at the end.

Scenarios, each over the same questions:
  cold            user context, retrieval and answer all rebuilt (caches flushed before each)
  context-cached  user context and retrieval cached, the answer generated again
  answer-cached   the whole answer from the AI cache
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import uuid
from collections import defaultdict

QUESTIONS = [
    "How much protein should someone eat per day to build muscle?",
    "What pace should easy runs be compared to 5k race pace?",
    "How long should a taper before a marathon last?",
    "Should I deload this week given my training?",
    "My knee hurts below the kneecap when I squat, what should I do?",
    "How many sets per muscle per week for hypertrophy?",
    "What is a good warm-up before heavy squats?",
    "How do I brace for a heavy deadlift?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _flush(patterns: list[str]) -> None:
    from django.core.cache import cache

    for pattern in patterns:
        cache.delete_pattern(pattern)


class StageTimer:
    """Wraps the three stages of an answer so each one's time is added up per scenario."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, stage: str, func):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.spent[stage] += time.perf_counter() - started

        return timed


def run_scenario(user, scenario: str, rounds: int) -> tuple[list[float], dict[str, float]]:  # type: ignore[no-untyped-def]
    from coach import services
    from coach.cache import context_invalidate

    stages = StageTimer()
    original = (
        services.build_context,
        services.rag_service.get_rag_context,
        services.ask_answer,
    )
    services.build_context = stages.wrap("context", original[0])
    services.rag_service.get_rag_context = stages.wrap("retrieval", original[1])
    latencies: list[float] = []
    try:
        for _ in range(rounds):
            for question in QUESTIONS:
                if scenario == "cold":
                    context_invalidate(user.pk)
                    _flush(["rag:*", "ai:*"])
                elif scenario == "context-cached":
                    _flush(["ai:*"])
                started = time.perf_counter()
                prepared = services.ask_prepare(user=user, question=question)
                generation_started = time.perf_counter()
                services.ask_answer(prepared)
                ended = time.perf_counter()
                stages.spent["generation"] += ended - generation_started
                latencies.append((ended - started) * 1000)
    finally:
        services.build_context = original[0]
        services.rag_service.get_rag_context = original[1]
    return latencies, dict(stages.spent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from accounts.services import user_register
    from core.llm import reset_providers
    from core.llm.testserver import LLMTestServer
    from training.services import exercise_catalog_load

    prefix = f"vfbench-{uuid.uuid4().hex[:8]}"
    settings.REDIS_KEY_PREFIX = prefix
    settings.CACHES["default"]["KEY_PREFIX"] = prefix
    call_command("migrate", verbosity=0)
    exercise_catalog_load()
    call_command("ingest_knowledge", stdout=io.StringIO())

    server = LLMTestServer().start()
    providers = {
        "offline": {},
        "remote": {"LLM_BASE_URL": server.url, "LLM_MODEL": "bench-model"},
    }
    print(f"questions: {len(QUESTIONS)}, rounds: {args.rounds}; times in ms")
    header = f"{'provider':8} {'scenario':15} {'p50':>8} {'p95':>8}"
    print(f"{header}  share: context / retrieval / generation")
    try:
        with transaction.atomic():
            user = user_register(email=f"{prefix}@example.com", password="bench-pass-1234")
            for provider, overrides in providers.items():
                for name in (
                    "LLM_PROVIDER",
                    "LLM_BASE_URL",
                    "LLM_MODEL",
                    "XAI_API_KEY",
                    "KIMI_API_KEY",
                    "OPENAI_API_KEY",
                    "LLM_FALLBACK_PROVIDER",
                ):
                    setattr(settings, name, overrides.get(name, ""))
                reset_providers()
                run_scenario(user, "cold", 1)  # warm the model and connections
                for scenario in ("cold", "context-cached", "answer-cached"):
                    latencies, spent = run_scenario(user, scenario, args.rounds)
                    total = sum(latencies) / 1000
                    shares = " / ".join(
                        f"{100 * spent.get(stage, 0) / total:4.1f}%"
                        for stage in ("context", "retrieval", "generation")
                    )
                    print(
                        f"{provider:8} {scenario:15} {percentile(latencies, 0.5):8.2f} "
                        f"{percentile(latencies, 0.95):8.2f}  {shares}"
                    )
            transaction.set_rollback(True)
    finally:
        server.close()
        _flush(["*"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
