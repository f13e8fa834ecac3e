"""Hybrid retrieval: per-namespace HNSW vector search over chunks and their "asked as"
questions plus weighted full-text search, fused by RRF."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from django.conf import settings
from django.db import connections

from core.db.server_prepared import fetch_local, fetch_prepared
from rag.namespaces import NAMESPACES

if TYPE_CHECKING:
    from rag.rerank import Reranker

VECTOR, TEXT, QUESTION = 0, 1, 2
# The query vector inside a search statement (bound once, in ``HybridRetriever._union_sql``,
# with the HNSW search width the statement wants: every scan reads it after that row is made).
QUERY = "(SELECT v FROM query_vector WHERE ef IS NOT NULL)"


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
    question_rank: int | None = None
    question_distance: float | None = None
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
    """pgvector's text form; through ``tolist`` (Python floats at once: -30 % against reading
    the array's elements one by one, the same digits)."""
    values = np.asarray(vector, dtype=np.float32).tolist()
    return "[" + ",".join([f"{x:.8g}" for x in values]) + "]"


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
    """One round trip: per namespace a vector subquery over the chunks and one over their
    "asked as" questions (each served by its partial HNSW index, ``ORDER BY embedding <=> q
    LIMIT n``), and one ranked full-text subquery (title and heading weighted, the query's
    lay words expanded by the lexicon); then RRF, then a light rerank on the fused features.

    A chunk reached by several of its questions counts once, at its question distance: with
    ``second_question_weight`` w, ``(d1 + w * d2) / (1 + w)`` over its nearest two questions
    (a chunk that several lines describe beats one that a single line happens to match; a
    chunk with one fetched question takes for d2 the farthest question fetched, a lower bound
    of its true second distance); w = 0 is the nearest question alone. With
    ``merge_questions`` the question and chunk distances make one vector ranking (a chunk at
    the nearer of the two), else the questions are a ranking of their own in the fusion.

    Table and namespace names in the SQL are class attributes and members of NAMESPACES;
    every value is a parameter. ``table``, ``question_table`` and ``using`` are seams: the
    scale benchmark points the same SQL at its own table in its own database.
    """

    table = "rag_knowledgechunk"
    question_table: str | None = "rag_chunkquestion"
    using = "default"
    rrf_k = 60
    candidates_per_list = 20
    full_text = True
    text_weight = 1.0
    question_weight = 1.0
    merge_questions = True
    second_question_weight = 0.5
    # Searching every namespace uses the whole-table HNSW indexes, with this many times the
    # per-namespace row limit.
    whole_corpus_index = True
    whole_corpus_factor = 2
    lexicon = True
    reranker: Reranker | None = None
    # Full-text terms joined by AND (plainto_tsquery) or by OR (every stemmed term may match).
    text_any_term = False
    # ts_rank's weights of the labels D, C, B, A (body, -, tags, title and heading).
    rank_weights: tuple[float, float, float, float] = (0.1, 0.2, 0.4, 1.0)
    # Planner settings for the search statement alone. Once the chunk table has statistics
    # (ANALYZE after an ingestion; autovacuum does it), the generic plan of the full-text part
    # with two lexicon alternatives estimated reading every chunk cheaper than the GIN index:
    # 4-5 ms of tsvectors read and matched one by one, against 0.2 ms through the index.
    planner_settings: tuple[str, ...] = ("enable_seqscan = off",)

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
        hits = self.candidates(
            query_vector, namespaces, max(k, self.candidates_per_list), query_text, diversity > 0
        )
        results = self.fuse(hits)
        if self.reranker is not None:
            results = self.reranker.rerank(results)
        if diversity > 0:
            return mmr(results, np.asarray(query_vector, dtype=np.float32), k, diversity)
        return results[:k]

    def fuse(self, hits: Candidates) -> list[RetrievedChunk]:
        """RRF over the vector ranking, the question ranking and the full-text ranking."""
        rows = hits.rows
        for rank, row_id in enumerate(hits.question_ranking, start=1):
            rows[row_id].question_rank = rank
        for rank, row_id in enumerate(hits.text_ranking, start=1):
            rows[row_id].text_rank = rank
        if self.merge_questions:
            vector_ranking = hits.merged_ranking
            rankings, weights = [vector_ranking, hits.text_ranking], [1.0, self.text_weight]
        else:
            vector_ranking = hits.vector_ranking
            rankings = [vector_ranking, hits.question_ranking, hits.text_ranking]
            weights = [1.0, self.question_weight, self.text_weight]
        for rank, row_id in enumerate(vector_ranking, start=1):
            rows[row_id].vector_rank = rank
        scores = rrf_fuse(rankings, self.rrf_k, weights)
        ordered = sorted(scores, key=lambda row_id: (-scores[row_id], row_id))
        for row_id in ordered:
            rows[row_id].score = round(scores[row_id], 6)
        return [rows[row_id] for row_id in ordered]

    def _tsquery_sql(self, alternatives: int) -> str:
        if self.text_any_term:
            one = "CAST(replace(plainto_tsquery('english', %s)::text, '&', '|') AS tsquery)"
        else:
            one = "plainto_tsquery('english', %s)"
        return "(" + " || ".join([one] * alternatives) + ")"

    def text_alternatives(self, query_text: str) -> list[str]:
        """The query, then what the lexicon says its lay words mean (each matched as a whole)."""
        if not self.lexicon:
            return [query_text]
        from rag.lexicon import expand

        return [query_text, *expand(query_text)]

    def vector_only(
        self, query_vector: np.ndarray, namespace: str, k: int = 10
    ) -> list[tuple[int, float]]:
        """The ids and distances of one namespace's vector subquery (for the scale check)."""
        hits = self.candidates(query_vector, [namespace], k, "", False, k, questions=False)
        return hits.vector_hits

    def candidates(
        self,
        query_vector: np.ndarray,
        namespaces: Sequence[str],
        limit: int,
        query_text: str,
        with_embeddings: bool,
        vector_limit: int | None = None,
        questions: bool = True,
    ) -> Candidates:
        namespaces = [ns for ns in dict.fromkeys(namespaces) if ns in NAMESPACES]
        if not namespaces:
            return Candidates()
        sql, params = self.statement(
            query_vector, namespaces, limit, query_text, with_embeddings, vector_limit, questions
        )
        found = Candidates.collect(self._fetch(sql, params), with_embeddings)
        found.second_question_weight = self.second_question_weight
        return found

    def statement(
        self,
        query_vector: np.ndarray,
        namespaces: list[str],
        limit: int,
        query_text: str,
        with_embeddings: bool = False,
        vector_limit: int | None = None,
        questions: bool = True,
    ) -> tuple[str, list[Any]]:
        """The search statement and its parameters (``namespaces``: members of NAMESPACES)."""
        parts, params = self._vector_parts(namespaces, vector_limit or limit, questions)
        if self.full_text and query_text.strip():
            text_sql, text_params = self._text_part(query_text, namespaces, limit)
            parts.append(text_sql)
            params += text_params
        vector = [vector_literal(query_vector), str(self.ef_for(vector_limit or limit))]
        return self._union_sql(parts, with_embeddings), [*vector, *params]

    def _vector_parts(
        self, namespaces: list[str], limit: int, questions: bool
    ) -> tuple[list[str], list[Any]]:
        """One nearest-rows subquery per source (and namespace), each comparing with ``QUERY``:
        the query vector, sent and parsed once per statement (``_union_sql``), not per scan."""
        parts: list[str] = []
        params: list[Any] = []
        sources = [(self.table, "id", VECTOR)]
        if questions and self.question_table:
            sources.append((self.question_table, "chunk_id", QUESTION))
        if self.whole_corpus_index and set(namespaces) == set(NAMESPACES):
            # Every namespace: one scan of the whole-table index per source instead of nine
            # partial ones (the nearest rows overall are the nearest of the nearest per part).
            for table, id_column, src in sources:
                parts.append(
                    f"(SELECT {id_column} AS id, {src} AS src, "  # noqa: S608
                    f"embedding <=> {QUERY} AS d FROM {table} "
                    f"ORDER BY embedding <=> {QUERY} LIMIT %s)"
                )
                params.append(limit * self.whole_corpus_factor)
            return parts, params
        for namespace in namespaces:
            for table, id_column, src in sources:
                # The namespace is inlined (it is one of NAMESPACES) so that the planner
                # matches the partial index's predicate even under server-side binding.
                parts.append(
                    f"(SELECT {id_column} AS id, {src} AS src, "  # noqa: S608
                    f"embedding <=> {QUERY} AS d FROM {table} "
                    f"WHERE namespace = '{namespace}' ORDER BY embedding <=> {QUERY} LIMIT %s)"
                )
                params.append(limit)
        return parts, params

    def _text_part(
        self, query_text: str, namespaces: list[str], limit: int
    ) -> tuple[str, list[Any]]:
        alternatives = self.text_alternatives(query_text)
        sql = (
            f"(SELECT id, {TEXT} AS src, "  # noqa: S608
            f"-ts_rank(%s::float4[], search_vector, t.q) AS d FROM {self.table}, "
            f"(SELECT {self._tsquery_sql(len(alternatives))} AS q) AS t "
            "WHERE namespace = ANY(%s) AND search_vector @@ t.q ORDER BY d, id LIMIT %s)"
        )
        return sql, [list(self.rank_weights), *alternatives, list(namespaces), limit]

    def _union_sql(self, parts: list[str], with_embeddings: bool) -> str:
        """The candidates, each with its chunk's columns looked up by primary key (``OFFSET 0``
        keeps the lateral lookup a nested loop over the few candidates: a hash join would
        read the whole chunk table first; search p50 -18 % with ef_search 40). The first
        parameter is the query vector, bound once (``QUERY`` reads it: an HNSW scan orders by
        such a one-row subquery as by a constant; SQL p50 -8 % over the whole corpus, more with
        a scan per namespace); the second, the HNSW search width, set for this statement's
        transaction by the same row, which every scan reads before its first candidate (no
        ``SET LOCAL`` in a transaction of its own: a wider search was four round trips)."""
        embedding = ", embedding::text" if with_embeddings else ""
        return (
            "WITH query_vector AS MATERIALIZED (SELECT %s::vector AS v, "  # noqa: S608
            "set_config('hnsw.ef_search', %s, true) AS ef) "
            "SELECT u.id, u.src, u.d, c.* FROM "
            f"({' UNION ALL '.join(parts)}) u CROSS JOIN LATERAL ("
            "SELECT namespace, title, heading, heading_path, source_file, "
            f"text{embedding} FROM {self.table} WHERE id = u.id OFFSET 0) c"
        )

    def ef_for(self, limit: int) -> int:
        """The HNSW search width for ``limit`` rows per scan: an HNSW scan yields at most
        ef_search rows (dead index entries included), so it is kept well above the rows wanted
        from each namespace; 1000 is pgvector's maximum."""
        base = self.ef_search or settings.RAG_EF_SEARCH
        return min(max(base, 2 * limit), 1000)

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple]:
        """One round trip: the statement, prepared once per session unless turned off."""
        connection = connections[self.using]
        if settings.RAG_PREPARED_SEARCH:
            return fetch_prepared(connection, sql, params, self.planner_settings)
        return fetch_local(connection, sql, params, self.planner_settings)


@dataclass
class Candidates:
    """What the one round trip returned, by source: (row id, distance) lists and the rows."""

    vector_hits: list[tuple[int, float]] = field(default_factory=list)
    question_hits: list[tuple[int, float]] = field(default_factory=list)
    text_hits: list[tuple[int, float]] = field(default_factory=list)
    rows: dict[int, RetrievedChunk] = field(default_factory=dict)
    second_question_weight: float = 0.0

    @classmethod
    def collect(cls, fetched: list[tuple], with_embeddings: bool) -> Candidates:
        found = cls()
        lists = {VECTOR: found.vector_hits, QUESTION: found.question_hits, TEXT: found.text_hits}
        for row in fetched:
            row_id, src, distance = row[0], row[1], float(row[2])
            if row_id not in found.rows:
                found.rows[row_id] = RetrievedChunk(
                    id=row_id,
                    namespace=row[3],
                    title=row[4],
                    heading=row[5],
                    heading_path=row[6],
                    source_file=row[7],
                    text=row[8],
                    embedding=_parse_vector(row[9]) if with_embeddings else None,
                )
            lists[src].append((row_id, distance))
        for row_id, distance in found.vector_hits:
            found.rows[row_id].distance = distance
        for row_id, distance in found.question_hits:
            chunk = found.rows[row_id]
            if chunk.question_distance is None or distance < chunk.question_distance:
                chunk.question_distance = distance
        found.text_hits.sort(key=lambda item: (item[1], item[0]))
        return found

    @property
    def vector_ranking(self) -> list[int]:
        return [row_id for row_id, _ in sorted(self.vector_hits, key=lambda item: item[1])]

    def question_distances(self) -> list[tuple[int, float]]:
        """Each chunk once, at ``(d1 + w * d2) / (1 + w)`` over its nearest two questions."""
        weight = self.second_question_weight
        by_chunk: dict[int, list[float]] = {}
        for row_id, distance in self.question_hits:
            by_chunk.setdefault(row_id, []).append(distance)
        if weight <= 0:
            return [(row_id, min(found)) for row_id, found in by_chunk.items()]
        farthest = max((distance for _, distance in self.question_hits), default=0.0)
        result = []
        for row_id, found in by_chunk.items():
            found.sort()
            second = found[1] if len(found) > 1 else max(found[0], farthest)
            result.append((row_id, (found[0] + weight * second) / (1 + weight)))
        return result

    @property
    def question_ranking(self) -> list[int]:
        """Chunks by their question distance, each once."""
        return _ranked_once(self.question_distances())

    @property
    def merged_ranking(self) -> list[int]:
        """Chunks by the nearer of their own vector and their question distance, each once."""
        return _ranked_once([*self.vector_hits, *self.question_distances()])

    @property
    def text_ranking(self) -> list[int]:
        return [row_id for row_id, _ in self.text_hits]


def _ranked_once(hits: list[tuple[int, float]]) -> list[int]:
    best: dict[int, float] = {}
    for row_id, distance in hits:
        if row_id not in best or distance < best[row_id]:
            best[row_id] = distance
    return sorted(best, key=lambda row_id: (best[row_id], row_id))


def _parse_vector(text: str) -> np.ndarray:
    return np.array([float(x) for x in text.strip("[]").split(",")], dtype=np.float32)
