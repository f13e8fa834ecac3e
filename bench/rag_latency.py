"""Retrieval latency: cold (query embedding included) and cached, with the embed/search split.

python -m bench.rag_latency [--rounds 60] [--warmup 60] [--skip-backends] [--skip-planner]

Cold means that no cache holds the question (query embedding, lexicon words, context), in a
process that has served before, as a server's has: the process first retrieves ``--warmup``
other questions (the hard set's tuning half), printed apart. A new process's first queries pay
for its own start as well (this VM, one run: k=10 p95 10.5 ms on the first pass over the
questions, 8.0-8.9 on the next three).

Also proves the embedding backend choice: per-query encode time of ONNX Runtime and PyTorch,
and the cosine between their vectors (must be 1.0000 for ONNX to be used); the lexicon's
matcher against its patterns tried one by one; and the search's planner settings: the same
cold retrievals with PostgreSQL's own plan for the statement, alternated. Every number is
taken with the chunk tables' statistics gathered first, as autovacuum gathers them after an
ingestion.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from core.embeddings.embedder import build_embedder, get_embedder  # noqa: E402
from rag.ingestion import ingest_knowledge  # noqa: E402
from rag.lexicon import COMPILED, PatternSet, matcher  # noqa: E402
from rag.lexicon import clear_cache as clear_lexicon_cache  # noqa: E402
from rag.search import HybridRetriever  # noqa: E402
from rag.service import RAGIntegrationService  # noqa: E402

FALLBACK_QUESTIONS = [
    "How many sets per week should I do to build muscle?",
    "My knee hurts at the bottom of a squat, what should I change?",
    "How long should my long run be when training for a half marathon?",
    "How much protein do I need per day?",
    "When should I take a deload week?",
    "What is a good warm-up before heavy deadlifts?",
    "How do I brace properly for the squat?",
    "How fast should my easy runs be?",
    "How much sleep do I need to recover from training?",
    "What is RPE and how do I use it?",
]


def warmup_questions() -> list[str]:
    """Other questions than ``questions()``: the hard set's tuning half, never its held-out."""
    path = Path("bench/data/rag_questions_hard.json")
    if not path.exists():
        return []
    return [item["question"] for item in json.loads(path.read_text()) if item["split"] == "tune"]


def questions() -> list[str]:
    path = Path("bench/data/rag_questions.json")
    found = []
    if path.exists():
        found = [item["question"] for item in json.loads(path.read_text())]
    return found or FALLBACK_QUESTIONS


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p))


def line(label: str, values: list[float]) -> str:
    return f"{label:<34} p50 {pct(values, 50):7.2f} ms   p95 {pct(values, 95):7.2f} ms"


def backends(sample: list[str]) -> None:
    onnx = get_embedder()
    print(f"embedder in use: {onnx.backend}")
    torch_embedder = build_embedder("torch")
    a = np.vstack([torch_embedder.encode([q])[0] for q in sample])
    b = np.vstack([onnx.encode([q])[0] for q in sample])
    cosines = np.sum(a * b, axis=1)
    print(f"cosine onnx vs torch over {len(sample)} queries: min {cosines.min():.6f}")
    for embedder in (torch_embedder, onnx):
        times = []
        for q in sample * 2:
            started = time.perf_counter()
            embedder.encode([q])
            times.append((time.perf_counter() - started) * 1000)
        print(line(f"encode one query ({embedder.backend})", times))


def lexicon(sample: list[str]) -> None:
    """The lexicon's matcher against its patterns tried one by one, on the same questions."""
    texts = [" ".join(q.lower().split()) for q in sample]
    one_by_one = PatternSet([pattern for pattern, _ in COMPILED], use_hyperscan=False)
    runs: dict[str, list[float]] = {"one scan": [], "one by one": []}
    for _ in range(5):
        for name, patterns in (("one scan", matcher()), ("one by one", one_by_one)):
            for text in texts:
                started = time.perf_counter()
                patterns.matching(text)
                runs[name].append((time.perf_counter() - started) * 1e6)
    print(f"-- lexicon patterns ({len(COMPILED)}), {len(texts)} questions x 5, us per question")
    for name, values in runs.items():
        print(f"  {name:<12} p50 {pct(values, 50):8.1f} us   p95 {pct(values, 95):8.1f} us")
    scan, each = runs["one scan"], runs["one by one"]
    print(f"  one by one / one scan: p50 x{pct(each, 50) / pct(scan, 50):.0f}")


class OwnPlanRetriever(HybridRetriever):
    planner_settings = ()


class OwnPlanService(RAGIntegrationService):
    retriever_class = OwnPlanRetriever


def cold_retrieval(
    service: RAGIntegrationService, question: str, max_chunks: int
) -> tuple[float, dict]:
    """One retrieval with no cache holding the question (query embedding, lexicon words,
    context): its ms, and its result."""
    service.embedder.clear_query_cache()
    clear_lexicon_cache()
    started = time.perf_counter()
    result = service.get_rag_context(
        "coach/ask", {"question": question}, None, max_chunks=max_chunks, use_cache=False
    )
    return (time.perf_counter() - started) * 1000, result


def cold(service: RAGIntegrationService, sample: list[str], max_chunks: int) -> dict[str, list]:
    """Per query, cold: total, embedding, search ms."""
    found: dict[str, list] = {"total": [], "embed": [], "search": []}
    for q in sample:
        elapsed, result = cold_retrieval(service, q, max_chunks)
        found["total"].append(elapsed)
        found["embed"].append(result["timings_ms"]["embed"])
        found["search"].append(result["timings_ms"]["select"] + result["timings_ms"]["search"])
    return found


def planner(sample: list[str]) -> None:
    """The search's planner settings against the server's own plan, alternated twice, each on
    a new database session (a prepared statement keeps the plan it was first run with)."""
    services = {"own plan": OwnPlanService(), "planner settings": RAGIntegrationService()}
    runs: dict[str, list[float]] = {name: [] for name in services}
    for _ in range(2):
        for name, service in services.items():
            connection.close()
            service.get_rag_context("coach/ask", {"question": "warm up"}, None, use_cache=False)
            runs[name] += cold(service, sample, 10)["search"]
    print(f"-- selection + search, max_chunks=10, {len(sample)} queries x 2")
    for name, values in runs.items():
        print(line(f"  {name}", values))
    own, ours = runs["own plan"], runs["planner settings"]
    print(f"  own plan / planner settings: p50 x{pct(own, 50) / pct(ours, 50):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--skip-backends", action="store_true")
    parser.add_argument("--skip-planner", action="store_true")
    args = parser.parse_args()
    print(f"ingest: {ingest_knowledge(stream=io.StringIO())}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rag_knowledgechunk, rag_chunkquestion")
    qs = questions()
    sample = (qs * (args.rounds // len(qs) + 1))[: args.rounds]
    if not args.skip_backends:
        backends(qs[:20])
    lexicon(sample)
    service = RAGIntegrationService()
    service.get_rag_context("coach/ask", {"question": "warm up"}, None, use_cache=False)
    warmup = warmup_questions()[: args.warmup]
    if warmup:
        found = cold(service, warmup, 10)
        print(f"-- warm-up: this process's first cold retrievals, {len(warmup)} other questions")
        print(line("  total (embedding included)", found["total"]))
    for max_chunks in (10, 40):
        found = cold(service, sample, max_chunks)
        print(f"-- cold retrieval, coach/ask, max_chunks={max_chunks}, {len(sample)} queries")
        print(line("  total (embedding included)", found["total"]))
        print(line("  query embedding", found["embed"]))
        print(line("  namespace selection + search", found["search"]))
    cached = []
    for i, q in enumerate(sample):
        request = {"question": f"{q} #{i}"}
        service.get_rag_context("coach/ask", request, None)
        started = time.perf_counter()
        result = service.get_rag_context("coach/ask", request, None)
        cached.append((time.perf_counter() - started) * 1000)
        assert result["cached"]
    print(f"-- cached get_rag_context (max_chunks=40), {len(cached)} calls")
    print(line("  total", cached))
    if not args.skip_planner:
        planner(sample)


if __name__ == "__main__":
    main()
