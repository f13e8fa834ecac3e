"""Ingest knowledge files: chunk, embed only what changed, write, bump the corpus version."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from rag.chunking import Chunk, KnowledgeFileError, chunk_file, knowledge_files
from rag.models import CorpusState, KnowledgeChunk

EMBED_BATCH = 64


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    embedded: int = 0
    seconds: float = 0.0
    corpus_version: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, deleted {self.deleted}, "
            f"unchanged {self.unchanged} (embedded {self.embedded}) in {self.seconds:.1f} s; "
            f"corpus version {self.corpus_version}"
        )


def _key(source_file: str, heading_path: str, part: int) -> tuple[str, str, int]:
    return (source_file, heading_path, part)


class KnowledgeIngestor:
    """One ingestion run; ``embedder_factory`` and ``timer`` are seams for tests."""

    timer = staticmethod(time.perf_counter)

    def __init__(
        self,
        root: Path | None = None,
        rebuild: bool = False,
        stream: IO[str] | None = None,
        embedder_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.root = Path(root or settings.RAG_KNOWLEDGE_DIR)
        self.rebuild = rebuild
        self.stream = stream or sys.stdout
        self.embedder_factory = embedder_factory

    def read_chunks(self, summary: IngestSummary) -> tuple[list[Chunk], set[str]]:
        """Chunks of every readable file, and the files that failed (their rows are kept)."""
        from core.embeddings.tokens import get_token_counter

        counter = get_token_counter()
        chunks: list[Chunk] = []
        failed: set[str] = set()
        for path in knowledge_files(self.root):
            try:
                chunks.extend(
                    chunk_file(path, self.root, counter.count, settings.RAG_MAX_CHUNK_TOKENS)
                )
            except (KnowledgeFileError, ValueError, OSError) as exc:
                relative = path.relative_to(self.root).as_posix()
                failed.add(relative)
                summary.errors.append(f"{relative}: {exc}")
        return chunks, failed

    def embed(self, texts: list[str]) -> np.ndarray:
        from tqdm import tqdm

        if self.embedder_factory is None:
            from core.embeddings import get_embedder

            self.embedder_factory = get_embedder
        embedder = self.embedder_factory()
        vectors = []
        show = hasattr(self.stream, "isatty") and self.stream.isatty()
        with tqdm(total=len(texts), unit="chunk", disable=not show, file=self.stream) as bar:
            for start in range(0, len(texts), EMBED_BATCH):
                batch = texts[start : start + EMBED_BATCH]
                vectors.append(embedder.encode(batch))
                bar.update(len(batch))
        return np.vstack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)

    def run(self) -> IngestSummary:
        started = self.timer()
        summary = IngestSummary()
        if not self.root.is_dir():
            summary.errors.append(f"{self.root}: not a directory")
            summary.corpus_version = CorpusState.current_version()
            return summary
        chunks, failed = self.read_chunks(summary)
        existing = {
            _key(*row[:3]): row[3:]
            for row in KnowledgeChunk.objects.values_list(
                "source_file", "heading_path", "part", "id", "content_hash"
            )
        }
        wanted = {_key(c.source_file, c.heading_path, c.part): c for c in chunks}
        to_add: list[Chunk] = []
        to_update: list[tuple[int, Chunk]] = []
        for key, chunk in wanted.items():
            if key not in existing:
                to_add.append(chunk)
            elif self.rebuild or existing[key][1] != chunk.content_hash:
                to_update.append((existing[key][0], chunk))
            else:
                summary.unchanged += 1
        stale = [
            row_id
            for key, (row_id, _) in existing.items()
            if key not in wanted and key[0] not in failed
        ]
        vectors = self._vectors([*to_add, *(c for _, c in to_update)], summary)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            version = CorpusState.current_version()
            if to_add or to_update or stale or self.rebuild:
                version = CorpusState.bump()
            KnowledgeChunk.objects.filter(id__in=stale).delete()
            rows = [self._row(c, vectors[c.content_hash], version) for c in to_add]
            KnowledgeChunk.objects.bulk_create(rows, batch_size=500)
            updates = []
            for row_id, chunk in to_update:
                row = self._row(chunk, vectors[chunk.content_hash], version)
                row.id = row_id
                updates.append(row)
            KnowledgeChunk.objects.bulk_update(
                updates,
                [
                    "namespace",
                    "title",
                    "heading",
                    "ordinal",
                    "text",
                    "tags",
                    "content_hash",
                    "token_count",
                    "corpus_version",
                    "embedding",
                ],
                batch_size=500,
            )
        summary.added, summary.updated, summary.deleted = len(to_add), len(to_update), len(stale)
        summary.corpus_version = version
        summary.seconds = self.timer() - started
        return summary

    def _vectors(self, chunks: list[Chunk], summary: IngestSummary) -> dict[str, np.ndarray]:
        """Vectors by content hash: reused from rows with the same content, else embedded."""
        hashes = {c.content_hash for c in chunks}
        reuse: dict[str, np.ndarray] = {}
        if not self.rebuild:
            for content_hash, embedding in KnowledgeChunk.objects.filter(
                content_hash__in=hashes
            ).values_list("content_hash", "embedding"):
                reuse[content_hash] = np.asarray(embedding, dtype=np.float32)
        pending: dict[str, str] = {}
        for chunk in chunks:
            if chunk.content_hash not in reuse:
                pending.setdefault(chunk.content_hash, chunk.embed_text)
        if pending:
            embedded = self.embed(list(pending.values()))
            reuse.update(zip(pending.keys(), embedded, strict=True))
        summary.embedded = len(pending)
        return reuse

    @staticmethod
    def _row(chunk: Chunk, vector: np.ndarray, version: int) -> KnowledgeChunk:
        return KnowledgeChunk(
            namespace=chunk.namespace,
            title=chunk.title,
            heading=chunk.heading,
            heading_path=chunk.heading_path,
            part=chunk.part,
            ordinal=chunk.ordinal,
            text=chunk.text,
            tags=chunk.tags,
            source_file=chunk.source_file,
            content_hash=chunk.content_hash,
            token_count=chunk.token_count,
            corpus_version=version,
            embedding=vector,
        )


def ingest_knowledge(
    root: Path | None = None, rebuild: bool = False, stream: IO[str] | None = None
) -> IngestSummary:
    """Bring the chunk table in line with the knowledge folder (see ``KnowledgeIngestor``)."""
    return KnowledgeIngestor(root=root, rebuild=rebuild, stream=stream).run()
