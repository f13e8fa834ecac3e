"""RAGIntegrationService: endpoint + request + user context -> cited, cached knowledge."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings

from core import metrics
from core.cache import cached_build, release_lock
from rag.formatting import format_context
from rag.generation import (
    corpus_generation,
    corpus_version,
    read_or_lock,
    store_and_release,
)
from rag.questionnaires import normalise_endpoint, transformer_for
from rag.search import HybridRetriever, RetrievedChunk, rrf_fuse
from rag.selector import SmartNamespaceSelector


def questionnaire_hash(questionnaire: Mapping[str, Any]) -> str:
    payload = json.dumps(questionnaire, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def context_key(generation: object, endpoint: str, digest: str) -> str:
    """``generation``: the corpus generation (rag.generation); ``digest``: the
    questionnaire's hash."""
    return f"rag:context:{generation}:{endpoint}:{digest}"


class RAGIntegrationService:
    """The one entry point views use. Class attributes are the seams for tests."""

    retriever_class = HybridRetriever
    selector_class = SmartNamespaceSelector
    timer = staticmethod(time.perf_counter)
    diversity = 0.0
    expand_vector = True

    def __init__(self, embedder_factory: Callable[[], Any] | None = None) -> None:
        self.embedder_factory = embedder_factory
        self.retriever = self.retriever_class()
        self.selector = self.selector_class()

    @property
    def embedder(self) -> Any:
        if self.embedder_factory is None:
            from core.embeddings import get_embedder

            self.embedder_factory = get_embedder
        return self.embedder_factory()

    def get_rag_context(
        self,
        endpoint: str,
        request_data: Mapping[str, Any] | None = None,
        user_context: Mapping[str, Any] | None = None,
        max_chunks: int = 40,
        use_cache: bool = True,
        cache_ttl: int | None = None,
    ) -> dict[str, Any]:
        """Retrieved chunks (ids, titles, namespaces, scores), the selected namespaces and why,
        timings, the cache-hit flag and ``context``: a prompt section of quoted sources."""
        started = self.timer()
        name = normalise_endpoint(endpoint)
        questionnaire = transformer_for(name).transform(request_data, user_context)
        questionnaire["max_chunks"] = max_chunks
        if not use_cache:
            result = self.build(name, questionnaire, max_chunks, corpus_generation())
            hit = False
        else:
            result, hit = self.cached(name, questionnaire, max_chunks, cache_ttl)
        elapsed = (self.timer() - started) * 1000
        if not hit:
            metrics.observe("retrieval_latency_ms", elapsed, endpoint=name)
        result = dict(result, cached=hit)
        result["timings_ms"] = dict(result["timings_ms"], total=round(elapsed, 3))
        return result

    def cached(
        self,
        name: str,
        questionnaire: dict[str, Any],
        max_chunks: int,
        cache_ttl: int | None,
    ) -> tuple[dict[str, Any], bool]:
        """The context from the cache or built once; and whether it was a hit. A hit is one
        round trip (no database query, no query embedding); a miss, one more to store it."""
        digest = questionnaire_hash(questionnaire)
        ttl = settings.RAG_CACHE_TTL if cache_ttl is None else cache_ttl
        found = read_or_lock(lambda g: context_key(g, name, digest))
        if found is not None and found.value is not None:
            metrics.incr("cache_hits", cache="rag")
            return found.value, True
        if found is not None and found.token is not None:  # the lock is ours: build, store
            metrics.incr("cache_misses", cache="rag")
            key = context_key(found.generation, name, digest)
            try:
                started = self.timer()
                result = self.build(name, questionnaire, max_chunks, found.generation)
                metrics.observe("cache_build_ms", (self.timer() - started) * 1000, cache="rag")
                metrics.incr("cache_builds", cache="rag")
            except BaseException:
                release_lock(key, found.token)
                raise
            store_and_release(key, result, ttl, found.token)
            return result, False
        # Another caller is building it (cached_build waits for that), or no script could run.
        generation = corpus_generation() if found is None else found.generation
        built: list[bool] = []

        def build() -> dict[str, Any]:
            built.append(True)
            return self.build(name, questionnaire, max_chunks, generation)

        key = context_key(generation, name, digest)
        if found is not None:
            metrics.incr("cache_misses", cache="rag")
        result = cached_build(key, ttl, build, cache_type="rag", known_miss=found is not None)
        return result, not built

    def build(
        self, endpoint: str, questionnaire: Mapping[str, Any], max_chunks: int, generation: int
    ) -> dict[str, Any]:
        timings: dict[str, float] = {}
        queries = questionnaire["queries"]
        mark = self.timer()
        vectors = [self.embedder.embed_query(self.vector_text(q)) for q in queries]
        timings["embed"] = (self.timer() - mark) * 1000
        mark = self.timer()
        primary = vectors[0] if vectors else None
        selection = self.selector.select(
            " ".join(queries),
            defaults=questionnaire.get("namespaces", ()),
            query_vector=primary,
            generation=generation,
        )
        timings["select"] = (self.timer() - mark) * 1000
        mark = self.timer()
        chunks = self.retrieve(queries, vectors, selection.namespaces, max_chunks)
        timings["search"] = (self.timer() - mark) * 1000
        items = [{"citation": n, **c.as_dict()} for n, c in enumerate(chunks, start=1)]
        return {
            "endpoint": endpoint,
            "corpus_version": corpus_version(generation),
            "queries": list(queries),
            "namespaces": selection.namespaces if queries else [],
            "reasons": selection.reasons if queries else [],
            "chunks": items,
            "context": format_context(items),
            "timings_ms": {key: round(value, 3) for key, value in timings.items()},
            "cached": False,
        }

    def vector_text(self, query: str) -> str:
        """What is embedded for a query: with ``expand_vector``, the query followed by the
        lexicon's words for its lay words ("my heel kills ... plantar fasciitis heel pain")."""
        if not self.expand_vector:
            return query
        from rag.lexicon import expand

        words = expand(query)
        return f"{query}. {' '.join(words)}" if words else query

    def retrieve(
        self, queries: list[str], vectors: list[Any], namespaces: list[str], k: int
    ) -> list[RetrievedChunk]:
        """Each query searched; several queries fused again by RRF and de-duplicated."""
        if not queries:
            return []
        runs = [
            self.retriever.search(v, namespaces, k=k, query_text=q, diversity=self.diversity)
            for q, v in zip(queries, vectors, strict=True)
        ]
        if len(runs) == 1:
            return runs[0]
        by_id = {chunk.id: chunk for run in runs for chunk in run}
        scores = rrf_fuse([[c.id for c in run] for run in runs], self.retriever.rrf_k)
        ordered = sorted(scores, key=lambda row_id: (-scores[row_id], row_id))[:k]
        for row_id in ordered:
            by_id[row_id].score = round(scores[row_id], 6)
        return [by_id[row_id] for row_id in ordered]

    def search(
        self, query: str, k: int = 10, namespaces: list[str] | None = None
    ) -> dict[str, Any]:
        """The inspection search: chosen or selected namespaces, hybrid results."""
        vector = self.embedder.embed_query(self.vector_text(query))
        if namespaces:
            selected, reasons = list(dict.fromkeys(namespaces)), ["requested"]
        else:
            selection = self.selector.select(
                query, query_vector=vector, generation=corpus_generation()
            )
            selected, reasons = selection.namespaces, selection.reasons
        results = self.retriever.search(vector, selected, k=k, query_text=query)
        return {
            "namespaces": selected,
            "reasons": reasons,
            "results": [c.as_dict() for c in results],
        }


rag_service = RAGIntegrationService()
