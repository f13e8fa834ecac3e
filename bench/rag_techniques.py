"""The retrieval techniques one by one: gain on the hard set's tuning half and latency cost.

python -m bench.rag_techniques [--rounds 60] [--split tune]

Each row switches one more technique on (cumulative, in the order they were added) and
reports, in the same run, hit@1 / hit@3 / MRR@10 on the chosen half of
bench/data/rag_questions_hard.json and the cold retrieval latency (query embedding
included, p50 / p95) with its search-only part. The rows' queries are interleaved and the
ratios are against the first row in the same run, so machine load falls on every row alike.
"""

from __future__ import annotations

import argparse
import io
import json
import time
from collections.abc import Callable

import numpy as np

from bench.rag_quality import SETS, Score, evaluate
from rag.ingestion import ingest_knowledge
from rag.rerank import Reranker
from rag.service import RAGIntegrationService

Setting = Callable[[RAGIntegrationService], None]


def baseline(service: RAGIntegrationService) -> None:
    service.retriever.lexicon = False
    service.retriever.question_table = None
    service.retriever.rank_weights = (1.0, 1.0, 1.0, 1.0)
    service.retriever.reranker = None
    service.selector.lexicon = False
    service.selector.search_all_without_defaults = False


def lexicon(service: RAGIntegrationService) -> None:
    service.retriever.lexicon = True
    service.selector.lexicon = True


def weighted_text(service: RAGIntegrationService) -> None:
    service.retriever.rank_weights = type(service.retriever).rank_weights


def asked_as(service: RAGIntegrationService) -> None:
    service.retriever.question_table = type(service.retriever).question_table


def every_namespace(service: RAGIntegrationService) -> None:
    service.selector.search_all_without_defaults = True


def reranker(service: RAGIntegrationService) -> None:
    service.retriever.reranker = Reranker()


STEPS: list[tuple[str, Setting]] = [
    ("baseline (hybrid RRF, selected namespaces)", baseline),
    ("+ lay-to-clinical lexicon (full text, selector)", lexicon),
    ("+ title/heading/tags weighted in ts_rank", weighted_text),
    ("+ asked-as question vectors", asked_as),
    ("+ every namespace when no endpoint default", every_namespace),
    ("+ light reranker on fused features", reranker),
]


def quality(service: RAGIntegrationService, items: list[dict]) -> Score:
    score = Score()
    for item in items:
        rank, _, namespaces = evaluate(service, item, "coach/ask")
        score.add(rank, item["namespace"] in namespaces, namespaces[:1] == [item["namespace"]])
    return score


def switch_on(service: RAGIntegrationService, upto: int) -> None:
    """The baseline, then every step up to and including ``upto``."""
    for _, setting in STEPS[: upto + 1]:
        setting(service)


def latency(service: RAGIntegrationService, sample: list[str]) -> list[tuple[list, list]]:
    """Cold latency of every row, interleaved query by query so that load hits all alike."""
    embedder = service.embedder
    timings: list[tuple[list, list]] = [([], []) for _ in STEPS]
    for question in sample:
        for index, (total, search) in enumerate(timings):
            switch_on(service, index)
            embedder.clear_query_cache()
            started = time.perf_counter()
            result = service.get_rag_context(
                "coach/ask", {"question": question}, None, max_chunks=10, use_cache=False
            )
            total.append((time.perf_counter() - started) * 1000)
            search.append(result["timings_ms"]["select"] + result["timings_ms"]["search"])
    return timings


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--split", choices=["tune", "heldout"], default="tune")
    args = parser.parse_args()
    print(f"ingest: {ingest_knowledge(stream=io.StringIO())}")
    items = [i for i in json.loads(SETS["hard"].read_text()) if i["split"] == args.split]
    questions = [item["question"] for item in items]
    sample = (questions * (args.rounds // len(questions) + 1))[: args.rounds]
    service = RAGIntegrationService()
    service.get_rag_context("coach/ask", {"question": "warm up"}, None, use_cache=False)
    print(
        f"{'technique':<50} {'hit@1':>6} {'hit@3':>6} {'MRR':>6}   "
        f"{'cold p50':>8} {'cold p95':>8} {'search p50':>10} {'search p95':>10}  p95 ratio"
    )
    timings = latency(service, sample)
    base_p95 = pct(timings[0][0], 95)
    for index, (label, _) in enumerate(STEPS):
        switch_on(service, index)
        score = quality(service, items)
        total, search = timings[index]
        print(
            f"{label:<50} {score.rate(score.hit1):6.3f} {score.rate(score.hit3):6.3f} "
            f"{score.rate(score.rr):6.3f}   {pct(total, 50):8.2f} {pct(total, 95):8.2f} "
            f"{pct(search, 50):10.2f} {pct(search, 95):10.2f}  {pct(total, 95) / base_p95:5.2f}x"
        )
    print(f"({args.split} half, n={len(items)}; latency over {len(sample)} cold queries, ms)")


if __name__ == "__main__":
    main()
