"""Scale check: 100k synthetic chunks in their own database; per-namespace recall and full-k.

python -m bench.rag_scale [--rows 100000] [--queries 40] [--reload] [--no-baseline]

Loads clustered synthetic 384-d vectors (one namespace holds 2 %) into the table
``rag_scale_chunk`` of a separate database (never the dev data), builds one partial HNSW index
per namespace (maintenance_work_mem raised with SET LOCAL), then runs the production vector
subquery (``HybridRetriever`` pointed at that table) and compares with exact search in numpy.
The baseline is one global HNSW index filtered by ``WHERE namespace = ...``.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")

import django

django.setup()

from django.db import connection, connections, transaction  # noqa: E402

from rag.namespaces import NAMESPACES, hnsw_index_name  # noqa: E402
from rag.search import HybridRetriever, vector_literal  # noqa: E402

DB_NAME = "voicefit_bench_rag_scale"
ALIAS = "rag_scale"
TABLE = "rag_scale_chunk"
SMALL = "mobility"
DIM = 384


class ScaleRetriever(HybridRetriever):
    table = TABLE
    using = ALIAS
    full_text = False
    question_table = None  # the synthetic table has no asked-as questions


def ensure_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{DB_NAME}"')
    settings = dict(connections.databases["default"], NAME=DB_NAME)
    connections.databases[ALIAS] = settings


def make_data(rows: int, seed: int = 11) -> tuple[list[str], np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    small = int(rows * 0.02)
    others = [ns for ns in NAMESPACES if ns != SMALL]
    counts = {ns: (rows - small) // len(others) for ns in others}
    counts[SMALL] = rows - sum(counts.values())
    names: list[str] = []
    blocks = []
    centers: dict[str, np.ndarray] = {}
    for ns, count in counts.items():
        c = rng.normal(size=(40, DIM)).astype(np.float32)
        centers[ns] = c
        picks = rng.integers(0, len(c), size=count)
        block = c[picks] + 0.9 * rng.normal(size=(count, DIM)).astype(np.float32)
        blocks.append(block)
        names += [ns] * count
    vectors = np.vstack(blocks)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return names, vectors, centers


def load(names: list[str], vectors: np.ndarray, baseline: bool) -> None:
    conn = connections[ALIAS]
    with conn.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE TABLE {TABLE} (id bigint PRIMARY KEY, namespace varchar(32) NOT NULL, "
            "title text NOT NULL DEFAULT '', heading text NOT NULL DEFAULT '', "
            "heading_path text NOT NULL DEFAULT '', source_file text NOT NULL DEFAULT '', "
            f"text text NOT NULL DEFAULT '', embedding vector({DIM}) NOT NULL)"
        )
    started = time.perf_counter()
    conn.ensure_connection()
    with (
        conn.connection.cursor() as raw,
        raw.copy(f"COPY {TABLE} (id, namespace, embedding) FROM STDIN") as copy,
    ):
        for i, (ns, vec) in enumerate(zip(names, vectors, strict=True)):
            copy.write_row((i + 1, ns, vector_literal(vec)))
    print(f"loaded {len(names)} rows in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with transaction.atomic(using=ALIAS), conn.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for ns in NAMESPACES:
            cursor.execute(
                f"CREATE INDEX {hnsw_index_name(ns)}_scale ON {TABLE} USING hnsw "
                f"(embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64) "
                f"WHERE namespace = '{ns}'"
            )
    print(f"built {len(NAMESPACES)} partial HNSW indexes in {time.perf_counter() - started:.1f} s")
    if baseline:
        started = time.perf_counter()
        with transaction.atomic(using=ALIAS), conn.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute(
                f"CREATE INDEX {TABLE}_global_hnsw ON {TABLE} USING hnsw "
                "(embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)"
            )
        print(f"built the global baseline index in {time.perf_counter() - started:.1f} s")
    with conn.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")


def table_ready(rows: int) -> bool:
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [TABLE])
        if cursor.fetchone()[0] is None:
            return False
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608
        return cursor.fetchone()[0] == rows


def global_index_rows(query: np.ndarray, ns: str, k: int, ef_search: int) -> int:
    """Rows the single global index returns for a namespace filter (partial indexes hidden)."""
    conn = connections[ALIAS]
    with transaction.atomic(using=ALIAS), conn.cursor() as cursor:
        cursor.execute("SELECT set_config('hnsw.ef_search', %s, true)", [str(ef_search)])
        for other in NAMESPACES:
            cursor.execute(f"DROP INDEX IF EXISTS {hnsw_index_name(other)}_scale")
        cursor.execute(
            f"SELECT id FROM {TABLE} WHERE namespace = %s "  # noqa: S608
            "ORDER BY embedding <=> %s::vector LIMIT %s",
            [ns, vector_literal(query), k],
        )
        count = len(cursor.fetchall())
        transaction.set_rollback(True, using=ALIAS)
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40, help="per namespace")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    ensure_database()
    names, vectors, centers = make_data(args.rows)
    if args.reload or not table_ready(args.rows):
        load(names, vectors, baseline=not args.no_baseline)
    else:
        print(f"reusing {TABLE} ({args.rows} rows) in database {DB_NAME}")
    connections[ALIAS].ensure_connection()
    connections[ALIAS].connection.prepare_threshold = None
    name_array = np.array(names)
    retriever = ScaleRetriever()
    rng = np.random.default_rng(5)
    print(f"ef_search {retriever.ef_search}, k {args.k}, {args.queries} queries per namespace")
    print(
        f"{'namespace':<12} {'rows':>6} {'recall@k':>9} {'full k':>7} {'p50 ms':>7} {'p95 ms':>7}"
    )
    all_full, all_lat = [], []
    baseline_small = []
    for ns in NAMESPACES:
        mask = name_array == ns
        ids = np.nonzero(mask)[0] + 1
        sub = vectors[mask]
        recalls, full, lat = [], [], []
        for _ in range(args.queries):
            c = centers[ns][rng.integers(0, len(centers[ns]))]
            q = c + 0.9 * rng.normal(size=DIM).astype(np.float32)
            q /= np.linalg.norm(q)
            exact = set(ids[np.argsort(-(sub @ q))[: args.k]].tolist())
            started = time.perf_counter()
            hits = retriever.vector_only(q, ns, k=args.k)
            lat.append((time.perf_counter() - started) * 1000)
            got = [row_id for row_id, _ in hits]
            recalls.append(len(exact & set(got)) / args.k)
            full.append(len(got) == args.k)
            if ns == SMALL and not args.no_baseline and len(baseline_small) < 10:
                baseline_small.append(global_index_rows(q, ns, args.k, 40))
        all_full += full
        all_lat += lat
        print(
            f"{ns:<12} {int(mask.sum()):>6} {np.mean(recalls):>9.3f} {np.mean(full):>7.0%} "
            f"{np.percentile(lat, 50):>7.2f} {np.percentile(lat, 95):>7.2f}"
        )
    print(
        f"all: full-k {np.mean(all_full):.0%} of {len(all_full)} queries; search p50 "
        f"{np.percentile(all_lat, 50):.2f} ms, p95 {np.percentile(all_lat, 95):.2f} ms"
    )
    if baseline_small:
        print(
            f"baseline (one global HNSW index, WHERE namespace = '{SMALL}', ef_search 40): "
            f"{np.mean(baseline_small):.1f} of {args.k} rows on average, full-k "
            f"{np.mean([n == args.k for n in baseline_small]):.0%}"
        )


if __name__ == "__main__":
    main()
