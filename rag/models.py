"""Knowledge chunks and the questions they are asked as, with their embeddings, and the corpus
version that keys RAG caches."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from pgvector.django import HnswIndex, VectorField

from rag.namespaces import (
    ALL_NAMESPACES,
    NAMESPACE_CHOICES,
    NAMESPACES,
    hnsw_index_name,
    question_index_name,
)

EMBEDDING_DIMENSIONS = 384


def vector_indexes(name_for: Callable[[str], str]) -> list[models.Index]:
    """One HNSW index over every row and one partial index per namespace, named by ``name_for``."""

    def index(name: str, condition: Q | None = None) -> HnswIndex:
        return HnswIndex(
            name=name_for(name),
            fields=["embedding"],
            opclasses=["vector_cosine_ops"],
            m=16,
            ef_construction=64,
            condition=condition,
        )

    return [
        index(ALL_NAMESPACES),
        *(index(namespace, Q(namespace=namespace)) for namespace in NAMESPACES),
    ]


class KnowledgeChunk(models.Model):
    """One heading section (or a part of one) of a knowledge file, embedded for retrieval."""

    namespace = models.CharField(max_length=32, choices=NAMESPACE_CHOICES)
    title = models.CharField(max_length=300)
    heading = models.CharField(max_length=300, blank=True)
    heading_path = models.CharField(max_length=600, blank=True)
    part = models.PositiveIntegerField(default=0)
    ordinal = models.PositiveIntegerField(default=0)
    text = models.TextField()
    tags = models.JSONField(default=list, blank=True)
    # The tags as words, weighted above the body text in the full-text rank.
    keywords = models.TextField(blank=True, default="")
    source_file = models.CharField(max_length=300)
    content_hash = models.CharField(max_length=64, db_index=True)
    token_count = models.PositiveIntegerField()
    corpus_version = models.PositiveIntegerField(default=0)
    embedding = VectorField(dimensions=EMBEDDING_DIMENSIONS)
    search_vector = models.GeneratedField(
        # Title and heading weigh most (A), tags next (B), the body least (D): a question that
        # names what a section is about ranks it above one that merely mentions the words.
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("heading", weight="A", config="english")
        + SearchVector("keywords", weight="B", config="english")
        + SearchVector("text", weight="D", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source_file", "ordinal"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_file", "heading_path", "part"], name="rag_chunk_unique_position"
            )
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="rag_chunk_search_gin"),
            *vector_indexes(hnsw_index_name),
        ]

    def __str__(self) -> str:
        return f"{self.namespace}: {self.title} / {self.heading_path}"


class ChunkQuestion(models.Model):
    """One "asked as" question of a section, embedded as an extra vector pointing at its chunk."""

    chunk = models.ForeignKey(KnowledgeChunk, on_delete=models.CASCADE, related_name="questions")
    namespace = models.CharField(max_length=32, choices=NAMESPACE_CHOICES)
    text = models.CharField(max_length=300)
    embedding = VectorField(dimensions=EMBEDDING_DIMENSIONS)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["chunk_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["chunk", "text"], name="rag_question_unique_text")
        ]
        indexes = vector_indexes(question_index_name)

    def __str__(self) -> str:
        return f"{self.namespace}: {self.text}"


class CorpusState(models.Model):
    """A single row whose ``version`` grows with every ingestion that changes the corpus."""

    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"corpus v{self.version}"

    @classmethod
    def current_version(cls) -> int:
        row = cls.objects.filter(pk=1).values_list("version", flat=True).first()
        return row or 0

    @classmethod
    def bump(cls) -> int:
        """Increment the version (creating the row if needed), retire the cache generation and
        return the new value."""
        from rag.generation import retire_generation

        cls.objects.get_or_create(pk=1)
        cls.objects.filter(pk=1).update(version=F("version") + 1)
        retire_generation()
        return cls.current_version()
