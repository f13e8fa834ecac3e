"""Retrieval quality: the benchmark set (hit@5, MRR@10) or the hard colloquial set (per half).

python -m bench.rag_quality [--set old|hard] [--split tune|heldout] [--questions PATH]
                            [--endpoint coach/ask] [--hide-near-copies] [--verbose]

Ingests the real knowledge/ first (idempotent). A hit is a retrieved chunk whose source file
(and heading, where the question names one) matches an expected one. The hard set is written
in athletes' own words and labelled by document; it is split into a tuning half and a
held-out half, reported apart (tune on ``--split tune --verbose`` only).

``--hide-near-copies`` searches the "asked as" questions without the lines within cosine
NEAR_COPY of any question evaluated: no line is that close to a held-out question, so the
tuning half scored this way is a fair estimate of the held-out half (a line written after
a tuning question that it nearly repeats says nothing about questions nobody wrote yet).
"""

from __future__ import annotations

import argparse
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from rag.ingestion import ingest_knowledge  # noqa: E402
from rag.namespaces import NAMESPACES  # noqa: E402
from rag.search import vector_literal  # noqa: E402
from rag.service import RAGIntegrationService  # noqa: E402

SETS = {
    "old": Path("bench/data/rag_questions.json"),
    "hard": Path("bench/data/rag_questions_hard.json"),
}
# The cosine at and above which an "asked as" line counts as a copy of a question (the test
# of the hard set keeps every line below it for the held-out half).
NEAR_COPY = 0.70
FAIR_TABLE = "bench_fair_chunkquestion"
FAIR_CHUNKS = "bench_fair_knowledgechunk"


def hide_near_copies(service: RAGIntegrationService, questions: list[str]) -> int:
    """Point the retriever at session-temporary copies of the question and chunk tables without
    the "asked as" lines that nearly copy one of ``questions`` (in the question vectors and in
    the chunks' full-text keywords); returns how many lines were hidden."""
    embedder = service.embedder
    retriever = service.retriever
    table = retriever.question_table or "rag_chunkquestion"
    hidden: set[int] = set()
    with connection.cursor() as cursor:
        for question in questions:
            cursor.execute(
                f"SELECT id FROM {table} WHERE embedding <=> %s::vector < %s",  # noqa: S608
                [vector_literal(embedder.embed_query(question)), 1.0 - NEAR_COPY],
            )
            hidden.update(row[0] for row in cursor.fetchall())
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{FAIR_TABLE}")
        cursor.execute(
            f"CREATE TEMP TABLE {FAIR_TABLE} AS SELECT * FROM {table} "  # noqa: S608
            "WHERE NOT (id = ANY(%s))",
            [sorted(hidden)],
        )
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{FAIR_CHUNKS}")
        cursor.execute(f"CREATE TEMP TABLE {FAIR_CHUNKS} AS SELECT * FROM {retriever.table}")  # noqa: S608
        # The keywords again from the tags and the lines kept, weighted as the model weighs them.
        cursor.execute(
            f"UPDATE {FAIR_CHUNKS} c SET keywords = concat_ws(' ', "  # noqa: S608
            "translate((SELECT string_agg(t, ' ') FROM jsonb_array_elements_text(c.tags) t), "
            "'-_', '  '), "
            f"(SELECT string_agg(q.text, ' ' ORDER BY q.id) FROM {FAIR_TABLE} q "
            "WHERE q.chunk_id = c.id))"
        )
        cursor.execute(
            f"UPDATE {FAIR_CHUNKS} SET search_vector = "  # noqa: S608
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(heading, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(keywords, '')), 'B') || "
            "setweight(to_tsvector('english', coalesce(text, '')), 'D')"
        )
        index_like_the_originals(cursor)
    retriever.question_table = FAIR_TABLE
    retriever.table = FAIR_CHUNKS
    return len(hidden)


def index_like_the_originals(cursor: Any) -> None:
    """The copies get the indexes the real tables have (primary key, HNSW over all rows and
    per namespace, GIN), so that they are searched by the same plans, at the same cost."""
    for table in (FAIR_TABLE, FAIR_CHUNKS):
        cursor.execute(f"CREATE UNIQUE INDEX ON {table} (id)")
        hnsw = f"CREATE INDEX ON {table} USING hnsw (embedding vector_cosine_ops) "
        cursor.execute(hnsw + "WITH (m = 16, ef_construction = 64)")
        for namespace in NAMESPACES:
            cursor.execute(
                hnsw + f"WITH (m = 16, ef_construction = 64) WHERE namespace = '{namespace}'"
            )
    cursor.execute(f"CREATE INDEX ON {FAIR_CHUNKS} USING gin (search_vector)")
    cursor.execute(f"ANALYZE {FAIR_TABLE}")
    cursor.execute(f"ANALYZE {FAIR_CHUNKS}")


def _file(name: str) -> str:
    name = name.strip().lstrip("./")
    return name[len("knowledge/") :] if name.startswith("knowledge/") else name


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("#", "").split())


def matches(chunk: dict, expected: dict) -> bool:
    if _file(chunk["source_file"]) != _file(expected["file"]):
        return False
    heading = _norm(expected.get("heading") or "")
    if not heading:
        return True
    return heading == _norm(chunk["heading"]) or heading in {
        _norm(part) for part in chunk.get("heading_path", "").split(" > ")
    }


@dataclass
class Score:
    """Running totals over one group of questions."""

    n: int = 0
    hit1: int = 0
    hit3: int = 0
    hit5: int = 0
    rr: float = 0.0
    ns_in: int = 0
    ns_top: int = 0

    def add(self, rank: int | None, ns_in: bool, ns_top: bool) -> None:
        self.n += 1
        self.hit1 += rank == 1
        self.hit3 += rank is not None and rank <= 3
        self.hit5 += rank is not None and rank <= 5
        self.rr += 1 / rank if rank else 0.0
        self.ns_in += ns_in
        self.ns_top += ns_top

    def rate(self, value: float) -> float:
        return value / self.n if self.n else 0.0


def evaluate(service: RAGIntegrationService, item: dict, endpoint: str) -> tuple:
    result = service.get_rag_context(
        endpoint, {"question": item["question"]}, None, max_chunks=10, use_cache=False
    )
    chunks = [dict(c, heading_path=c["heading"]) for c in result["chunks"]]
    rank = next(
        (
            i
            for i, chunk in enumerate(chunks, start=1)
            if any(matches(chunk, e) for e in item["expected"])
        ),
        None,
    )
    namespaces = result["namespaces"]
    return rank, chunks, namespaces


def report_old(score: Score) -> None:
    print(f"questions: {score.n}")
    print(f"hit@5:  {score.rate(score.hit5):.3f}   (target >= 0.90)")
    print(f"MRR@10: {score.rate(score.rr):.3f}   (target >= 0.78)")
    print(
        f"namespace accuracy: expected namespace selected {score.rate(score.ns_in):.3f}, "
        f"first {score.rate(score.ns_top):.3f}"
    )


def report_half(name: str, score: Score) -> None:
    print(
        f"{name:<8} n={score.n:<4} hit@1 {score.rate(score.hit1):.3f}  "
        f"hit@3 {score.rate(score.hit3):.3f}  MRR@10 {score.rate(score.rr):.3f}  "
        f"namespace selected {score.rate(score.ns_in):.3f}, first {score.rate(score.ns_top):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=sorted(SETS), default="old", dest="which")
    parser.add_argument("--split", choices=["tune", "heldout"])
    parser.add_argument("--questions", type=Path)
    parser.add_argument("--endpoint", default="coach/ask")
    parser.add_argument("--hide-near-copies", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    print(f"ingest: {ingest_knowledge(stream=io.StringIO())}")
    items = json.loads((args.questions or SETS[args.which]).read_text())
    if args.split:
        items = [item for item in items if item.get("split") == args.split]
    service = RAGIntegrationService()
    if args.hide_near_copies:
        hidden = hide_near_copies(service, [item["question"] for item in items])
        print(f"asked-as lines hidden as near copies of the questions evaluated: {hidden}")
    scores: dict[str, Score] = {}
    for item in items:
        rank, chunks, namespaces = evaluate(service, item, args.endpoint)
        ns_in = item["namespace"] in namespaces
        ns_top = bool(namespaces) and namespaces[0] == item["namespace"]
        scores.setdefault(item.get("split", "all"), Score()).add(rank, ns_in, ns_top)
        if args.verbose and (rank is None or rank > 1):
            print(f"rank {rank}: {item['question']} ns={namespaces}")
            for c in chunks[:3]:
                print(f"     got {c['source_file']} # {c['heading']}")
            print(f"     want {[e['file'] for e in item['expected']]}")
    if args.which == "old" and not args.questions:
        report_old(scores.get("all", Score()))
        return
    for name in ("tune", "heldout", "all"):
        if name in scores:
            report_half(name, scores[name])
    if args.which == "hard":
        print("targets (heldout): hit@1 >= 0.80, hit@3 >= 0.95")


if __name__ == "__main__":
    main()
