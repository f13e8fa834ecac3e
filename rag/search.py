"""Hybrid retrieval: per-namespace HNSW vector search plus full-text search, fused by RRF."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from django.conf import settings
from django.db import connections, transaction

from rag.namespaces import NAMESPACES

VECTOR, TEXT = 0, 1


@dataclass
class RetrievedChunk:
    id: int
    namespace: str
    title: str
    heading: str
    heading_path: str
    source_file: str
    text: str
    score: float = 0.0
    vector_rank: int | None = None
    text_rank: int | None = None
    distance: float | None = None
    embedding: np.ndarray | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """What callers and the API see of a chunk (no ranks, no vector)."""
        return {
            "id": self.id,
            "namespace": self.namespace,
            "title": self.title,
            "heading": self.heading,
            "source_file": self.source_file,
            "text": self.text,
            "score": self.score,
        }


def vector_literal(vector: Sequence[float] | np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.8g}" for x in vector) + "]"


def rrf_fuse(
    rankings: list[list[int]], k: int = 60, weights: Sequence[float] | None = None
) -> dict[int, float]:
    """Reciprocal rank fusion: each list adds weight / (k + rank) to every id it holds."""
    scores: dict[int, float] = {}
    for index, ranking in enumerate(rankings):
        weight = weights[index] if weights else 1.0
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores


def mmr(
    candidates: list[RetrievedChunk], query: np.ndarray, limit: int, diversity: float
) -> list[RetrievedChunk]:
    """Maximal marginal relevance over candidates that carry their embeddings."""
    if not candidates or diversity <= 0:
        return candidates[:limit]
    matrix = np.vstack([cast(np.ndarray, c.embedding) for c in candidates]).astype(np.float32)
    relevance = matrix @ query
    chosen: list[int] = []
    remaining = list(range(len(candidates)))
    while remaining and len(chosen) < limit:
        if chosen:
            redundancy = (matrix[remaining] @ matrix[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(remaining))
        scores = (1 - diversity) * relevance[remaining] - diversity * redundancy
        best = remaining[int(np.argmax(scores))]
        chosen.append(best)
        remaining.remove(best)
    return [candidates[i] for i in chosen]


class HybridRetriever:
    """One round trip: a vector subquery per namespace (each served by its partial HNSW index,
    ``ORDER BY embedding <=> q LIMIT n``) and one ranked full-text subquery, then RRF.

    Table and namespace names in the SQL are class attributes and members of NAMESPACES;
    every value is a parameter. ``table`` and ``using`` are seams: the scale benchmark points
    the same SQL at its own table in its own database.
    """

    table = "rag_knowledgechunk"
    using = "default"
    rrf_k = 60
    candidates_per_list = 20
    full_text = True
    text_weight = 1.0
    # Full-text terms joined by AND (plainto_tsquery) or by OR (every stemmed term may match).
    text_any_term = False

    def __init__(self, ef_search: int | None = None) -> None:
        self.ef_search = ef_search  # None: settings.RAG_EF_SEARCH, read at search time

    def search(
        self,
        query_vector: np.ndarray,
        namespaces: Sequence[str],
        k: int = 10,
        query_text: str = "",
        diversity: float = 0.0,
    ) -> list[RetrievedChunk]:
        vector_lists, text_list, rows = self.candidates(
            query_vector, namespaces, max(k, self.candidates_per_list), query_text, diversity > 0
        )
        vector_ranking = [row_id for row_id, _ in sorted(vector_lists, key=lambda item: item[1])]
        scores = rrf_fuse([vector_ranking, text_list], self.rrf_k, [1.0, self.text_weight])
        for rank, row_id in enumerate(vector_ranking, start=1):
            rows[row_id].vector_rank = rank
        for rank, row_id in enumerate(text_list, start=1):
            rows[row_id].text_rank = rank
        ordered = sorted(scores, key=lambda row_id: (-scores[row_id], row_id))
        results = []
        for row_id in ordered:
            rows[row_id].score = round(scores[row_id], 6)
            results.append(rows[row_id])
        if diversity > 0:
            return mmr(results, np.asarray(query_vector, dtype=np.float32), k, diversity)
        return results[:k]

    def _tsquery_sql(self) -> str:
        if self.text_any_term:
            return "CAST(replace(plainto_tsquery('english', %s)::text, '&', '|') AS tsquery)"
        return "plainto_tsquery('english', %s)"

    def vector_only(
        self, query_vector: np.ndarray, namespace: str, k: int = 10
    ) -> list[tuple[int, float]]:
        """The ids and distances of one namespace's vector subquery (for the scale check)."""
        vector_lists, _, _ = self.candidates(query_vector, [namespace], k, "", False, k)
        return vector_lists

    def candidates(
        self,
        query_vector: np.ndarray,
        namespaces: Sequence[str],
        limit: int,
        query_text: str,
        with_embeddings: bool,
        vector_limit: int | None = None,
    ) -> tuple[list[tuple[int, float]], list[int], dict[int, RetrievedChunk]]:
        namespaces = [ns for ns in dict.fromkeys(namespaces) if ns in NAMESPACES]
        if not namespaces:
            return [], [], {}
        literal = vector_literal(query_vector)
        parts: list[str] = []
        params: list[Any] = []
        for namespace in namespaces:
            # The namespace is inlined (it is one of NAMESPACES) so that the planner matches
            # the partial index's predicate even under server-side parameter binding.
            parts.append(
                f"(SELECT id, {VECTOR} AS src, embedding <=> %s::vector AS d "  # noqa: S608
                f"FROM {self.table} WHERE namespace = '{namespace}' "
                "ORDER BY embedding <=> %s::vector LIMIT %s)"
            )
            params += [literal, literal, vector_limit or limit]
        if self.full_text and query_text.strip():
            parts.append(
                f"(SELECT id, {TEXT} AS src, -ts_rank(search_vector, q) AS d "  # noqa: S608
                f"FROM {self.table}, "
                f"{self._tsquery_sql()} AS q "
                "WHERE namespace = ANY(%s) AND search_vector @@ q ORDER BY d, id LIMIT %s)"
            )
            params += [query_text, list(namespaces), limit]
        embedding = ", c.embedding::text" if with_embeddings else ""
        sql = (
            "SELECT u.id, u.src, u.d, c.namespace, c.title, c.heading, c.heading_path, "  # noqa: S608
            f"c.source_file, c.text{embedding} FROM ({' UNION ALL '.join(parts)}) u "
            f"JOIN {self.table} c ON c.id = u.id"
        )
        # An HNSW scan yields at most ef_search rows (dead index entries included), so it
        # is kept well above the rows wanted from each namespace; 1000 is pgvector's maximum.
        base = self.ef_search or settings.RAG_EF_SEARCH
        ef_search = min(max(base, 2 * (vector_limit or limit)), 1000)
        connection = connections[self.using]
        with transaction.atomic(using=self.using), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('hnsw.ef_search', %s, true)", [str(ef_search)])
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        vector_hits: list[tuple[int, float]] = []
        text_hits: list[tuple[int, float]] = []
        rows: dict[int, RetrievedChunk] = {}
        for row in fetched:
            row_id, src, distance = row[0], row[1], float(row[2])
            if row_id not in rows:
                rows[row_id] = RetrievedChunk(
                    id=row_id,
                    namespace=row[3],
                    title=row[4],
                    heading=row[5],
                    heading_path=row[6],
                    source_file=row[7],
                    text=row[8],
                    embedding=_parse_vector(row[9]) if with_embeddings else None,
                )
            if src == VECTOR:
                vector_hits.append((row_id, distance))
                rows[row_id].distance = distance
            else:
                text_hits.append((row_id, distance))
        text_hits.sort(key=lambda item: (item[1], item[0]))
        return vector_hits, [row_id for row_id, _ in text_hits], rows


def _parse_vector(text: str) -> np.ndarray:
    return np.array([float(x) for x in text.strip("[]").split(",")], dtype=np.float32)
