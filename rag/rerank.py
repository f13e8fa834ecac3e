"""A light reranker on the fused features: the RRF score plus the cosine similarities of the
chunk and of its nearest "asked as" question (no cross-encoder ships offline in a package)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rag.search import RetrievedChunk


class Reranker:
    """``score = rrf + chunk_weight * cos(chunk) + question_weight * cos(question)``, over the
    top ``depth`` fused candidates; the rest keep their order after them.

    RRF sees only ranks, so a question asked almost word for word (cosine 0.9) and one barely
    nearer than the next (0.41 against 0.40) weigh the same; the similarities put the margin
    back. A chunk with no question or no vector hit contributes 0 for that feature.
    """

    depth = 30
    chunk_weight = 0.0
    question_weight = 0.02

    def features(self, chunk: RetrievedChunk) -> tuple[float, float, float]:
        chunk_cos = 1.0 - chunk.distance if chunk.distance is not None else 0.0
        question_cos = 1.0 - chunk.question_distance if chunk.question_distance is not None else 0.0
        return chunk.score, chunk_cos, question_cos

    def score(self, chunk: RetrievedChunk) -> float:
        rrf, chunk_cos, question_cos = self.features(chunk)
        return rrf + self.chunk_weight * chunk_cos + self.question_weight * question_cos

    def rerank(self, chunks: list[RetrievedChunk]) -> list[RetrievedChunk]:
        head, tail = chunks[: self.depth], chunks[self.depth :]
        scored = sorted(head, key=lambda chunk: (-self.score(chunk), chunk.id))
        for chunk in scored:
            chunk.score = round(self.score(chunk), 6)
        return scored + tail
