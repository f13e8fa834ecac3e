"""Ingest knowledge files: chunk, embed only what changed (chunks and their "asked as"
questions), write, bump the corpus version."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from rag.chunking import Chunk, KnowledgeFileError, chunk_file, embed_text, knowledge_files
from rag.models import EMBEDDING_DIMENSIONS, ChunkQuestion, CorpusState, KnowledgeChunk

EMBED_BATCH = 64
BULK_BATCH = 500
UPDATED_FIELDS = [
    "namespace",
    "title",
    "heading",
    "ordinal",
    "text",
    "tags",
    "keywords",
    "content_hash",
    "token_count",
    "corpus_version",
    "embedding",
]

Key = tuple[str, str, int]


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    embedded: int = 0
    questions_added: int = 0
    questions_deleted: int = 0
    questions_embedded: int = 0
    seconds: float = 0.0
    corpus_version: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.deleted
            or self.questions_added
            or self.questions_deleted
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, deleted {self.deleted}, "
            f"unchanged {self.unchanged} (embedded {self.embedded}); questions added "
            f"{self.questions_added}, deleted {self.questions_deleted} (embedded "
            f"{self.questions_embedded}) in {self.seconds:.1f} s; "
            f"corpus version {self.corpus_version}"
        )


@dataclass
class IngestPlan:
    """What one run changes: chunks to add, to update (by row id) and to delete."""

    to_add: list[Chunk] = field(default_factory=list)
    to_update: list[tuple[int, Chunk]] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)

    @property
    def touched(self) -> list[Chunk]:
        return [*self.to_add, *(chunk for _, chunk in self.to_update)]

    def __bool__(self) -> bool:
        return bool(self.to_add or self.to_update or self.stale)


def _key(source_file: str, heading_path: str, part: int) -> Key:
    return (source_file, heading_path, part)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


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
        with tqdm(total=len(texts), unit="text", disable=not show, file=self.stream) as bar:
            for start in range(0, len(texts), EMBED_BATCH):
                batch = texts[start : start + EMBED_BATCH]
                vectors.append(embedder.encode(batch))
                bar.update(len(batch))
        if not vectors:
            return np.zeros((0, EMBEDDING_DIMENSIONS), dtype=np.float32)
        return np.vstack(vectors)

    def run(self) -> IngestSummary:
        started = self.timer()
        summary = IngestSummary()
        if not self.root.is_dir():
            summary.errors.append(f"{self.root}: not a directory")
            summary.corpus_version = CorpusState.current_version()
            return summary
        chunks, failed = self.read_chunks(summary)
        plan = self.plan(chunks, failed, summary)
        vectors = self.chunk_vectors(plan, summary)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            version = CorpusState.current_version()
            if plan or self.rebuild:
                version = CorpusState.bump()
            ids = self.write_chunks(plan, vectors, version)
            self.write_questions(ids, summary)
        summary.added, summary.updated = len(plan.to_add), len(plan.to_update)
        summary.deleted = len(plan.stale)
        summary.corpus_version = version
        summary.seconds = self.timer() - started
        return summary

    def plan(self, chunks: list[Chunk], failed: set[str], summary: IngestSummary) -> IngestPlan:
        """Compare the files' chunks with the rows by position and content hash."""
        existing = {
            _key(*row[:3]): row[3:]
            for row in KnowledgeChunk.objects.values_list(
                "source_file", "heading_path", "part", "id", "content_hash"
            )
        }
        wanted = {_key(c.source_file, c.heading_path, c.part): c for c in chunks}
        plan = IngestPlan()
        for key, chunk in wanted.items():
            if key not in existing:
                plan.to_add.append(chunk)
            elif self.rebuild or existing[key][1] != chunk.content_hash:
                plan.to_update.append((existing[key][0], chunk))
            else:
                summary.unchanged += 1
        plan.stale = [
            row_id
            for key, (row_id, _) in existing.items()
            if key not in wanted and key[0] not in failed
        ]
        return plan

    def chunk_vectors(self, plan: IngestPlan, summary: IngestSummary) -> dict[str, np.ndarray]:
        """Vectors by hash of the embedded text: reused from rows that embedded the same text
        (the row being updated, or a moved section), else embedded now."""
        touched = plan.touched
        reuse: dict[str, np.ndarray] = {}
        if not self.rebuild and touched:
            rows = KnowledgeChunk.objects.filter(
                id__in=[row_id for row_id, _ in plan.to_update]
            ) | KnowledgeChunk.objects.filter(content_hash__in={c.content_hash for c in touched})
            for title, heading_path, text, embedding in rows.values_list(
                "title", "heading_path", "text", "embedding"
            ):
                reuse[text_hash(embed_text(title, heading_path, text))] = np.asarray(
                    embedding, dtype=np.float32
                )
        pending = {
            text_hash(c.embed_text): c.embed_text
            for c in touched
            if text_hash(c.embed_text) not in reuse
        }
        reuse.update(self._embed_pending(pending))
        summary.embedded = len(pending)
        return reuse

    def _embed_pending(self, pending: dict[str, str]) -> dict[str, np.ndarray]:
        if not pending:
            return {}
        return dict(zip(pending.keys(), self.embed(list(pending.values())), strict=True))

    def write_chunks(
        self, plan: IngestPlan, vectors: dict[str, np.ndarray], version: int
    ) -> dict[int, Chunk]:
        """Delete, insert and update chunk rows; the written chunks by row id."""
        KnowledgeChunk.objects.filter(id__in=plan.stale).delete()
        added = KnowledgeChunk.objects.bulk_create(
            [self._row(c, vectors[text_hash(c.embed_text)], version) for c in plan.to_add],
            batch_size=BULK_BATCH,
        )
        updates = []
        for row_id, chunk in plan.to_update:
            row = self._row(chunk, vectors[text_hash(chunk.embed_text)], version)
            row.id = row_id
            updates.append(row)
        KnowledgeChunk.objects.bulk_update(updates, UPDATED_FIELDS, batch_size=BULK_BATCH)
        written = {row.id: chunk for row, chunk in zip(added, plan.to_add, strict=True)}
        written.update({row_id: chunk for row_id, chunk in plan.to_update})
        return written

    def write_questions(self, written: dict[int, Chunk], summary: IngestSummary) -> None:
        """Bring the questions of the written chunks in line: keep, add, delete; embed only
        question texts that no row has embedded yet (a rebuild re-embeds them all)."""
        if not written:
            return
        existing = {
            (chunk_id, text): row_id
            for row_id, chunk_id, text in ChunkQuestion.objects.filter(
                chunk_id__in=written
            ).values_list("id", "chunk_id", "text")
        }
        wanted = {(row_id, q): chunk for row_id, chunk in written.items() for q in chunk.questions}
        if self.rebuild:
            gone, new = list(existing.values()), list(wanted)
        else:
            gone = [row_id for key, row_id in existing.items() if key not in wanted]
            new = [key for key in wanted if key not in existing]
        vectors = self.question_vectors({text for _, text in new}, summary)
        ChunkQuestion.objects.filter(id__in=gone).delete()
        self._follow_namespaces(written)
        ChunkQuestion.objects.bulk_create(
            [
                ChunkQuestion(
                    chunk_id=chunk_id,
                    namespace=wanted[(chunk_id, text)].namespace,
                    text=text,
                    embedding=vectors[text],
                )
                for chunk_id, text in new
            ],
            batch_size=BULK_BATCH,
        )
        summary.questions_added, summary.questions_deleted = len(new), len(gone)

    @staticmethod
    def _follow_namespaces(written: dict[int, Chunk]) -> None:
        """Kept questions of a file that moved namespace move with it (their partial index)."""
        by_namespace: dict[str, list[int]] = {}
        for row_id, chunk in written.items():
            by_namespace.setdefault(chunk.namespace, []).append(row_id)
        for namespace, row_ids in by_namespace.items():
            ChunkQuestion.objects.filter(chunk_id__in=row_ids).exclude(namespace=namespace).update(
                namespace=namespace
            )

    def question_vectors(self, texts: Iterable[str], summary: IngestSummary) -> dict[str, Any]:
        texts = set(texts)
        reuse: dict[str, Any] = {}
        if not self.rebuild and texts:
            reuse = dict(
                ChunkQuestion.objects.filter(text__in=texts)
                .values_list("text", "embedding")
                .distinct("text")
                .order_by("text")
            )
        pending = sorted(texts - set(reuse))
        if pending:
            reuse.update(zip(pending, self.embed(pending), strict=True))
        summary.questions_embedded = len(pending)
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
            keywords=chunk.keywords,
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
