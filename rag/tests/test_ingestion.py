"""Ingestion: idempotent by content hash, edits re-embed only their chunks, no truncation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from core.embeddings.tokens import get_token_counter
from rag.chunking import chunk_file
from rag.ingestion import KnowledgeIngestor
from rag.models import CorpusState, KnowledgeChunk
from rag.tests.conftest import BACK_SQUAT, write

pytestmark = pytest.mark.django_db


def ingest(root: Path, embedder, rebuild: bool = False):  # type: ignore[no-untyped-def]
    return KnowledgeIngestor(
        root=root, rebuild=rebuild, stream=io.StringIO(), embedder_factory=lambda: embedder
    ).run()


def test_first_ingest_adds_every_section(knowledge_dir, counting_embedder):
    summary = ingest(knowledge_dir, counting_embedder)
    assert (summary.added, summary.updated, summary.deleted) == (4, 0, 0)
    assert len(counting_embedder.texts) == 4
    assert KnowledgeChunk.objects.filter(namespace="strength").count() == 2
    squat = KnowledgeChunk.objects.get(heading="Squat depth")
    assert squat.source_file == "strength/back-squat.md"
    assert squat.title == "Back squat basics"
    assert squat.corpus_version == summary.corpus_version == CorpusState.current_version()


def test_reingesting_unchanged_files_embeds_nothing(knowledge_dir, counting_embedder):
    first = ingest(knowledge_dir, counting_embedder)
    counting_embedder.texts.clear()
    ids = set(KnowledgeChunk.objects.values_list("id", flat=True))

    second = ingest(knowledge_dir, counting_embedder)

    assert counting_embedder.texts == []
    assert (second.added, second.updated, second.deleted, second.unchanged) == (0, 0, 0, 4)
    assert set(KnowledgeChunk.objects.values_list("id", flat=True)) == ids
    assert second.corpus_version == first.corpus_version


def test_editing_one_file_reembeds_only_its_changed_chunks(knowledge_dir, counting_embedder):
    ingest(knowledge_dir, counting_embedder)
    counting_embedder.texts.clear()
    untouched = KnowledgeChunk.objects.get(heading="Squat programming")
    write(
        knowledge_dir,
        "strength/back-squat.md",
        BACK_SQUAT.replace("longer range of motion", "longer range of motion under control"),
    )

    summary = ingest(knowledge_dir, counting_embedder)

    assert (summary.added, summary.updated, summary.deleted, summary.unchanged) == (0, 1, 0, 3)
    assert len(counting_embedder.texts) == 1
    assert "under control" in counting_embedder.texts[0]
    untouched.refresh_from_db()
    assert untouched.corpus_version < summary.corpus_version
    assert "under control" in KnowledgeChunk.objects.get(heading="Squat depth").text


def test_removed_file_chunks_are_deleted_and_version_bumped(knowledge_dir, counting_embedder):
    first = ingest(knowledge_dir, counting_embedder)
    (knowledge_dir / "running" / "easy-runs.md").unlink()

    summary = ingest(knowledge_dir, counting_embedder)

    assert summary.deleted == 1
    assert not KnowledgeChunk.objects.filter(namespace="running").exists()
    assert summary.corpus_version == first.corpus_version + 1


def test_a_broken_file_keeps_its_rows(knowledge_dir, counting_embedder):
    ingest(knowledge_dir, counting_embedder)
    write(knowledge_dir, "running/easy-runs.md", "---\nnamespace: astrology\n---\n\n## X\nText.\n")

    summary = ingest(knowledge_dir, counting_embedder)

    assert summary.deleted == 0
    assert any("astrology" in error for error in summary.errors)
    assert KnowledgeChunk.objects.filter(namespace="running").count() == 1


def test_oversized_section_is_split_never_truncated(tmp_path, counting_embedder):
    sentences = [
        f"Sentence number {i} talks about squat depth and bracing cues." for i in range(80)
    ]
    body = " ".join(sentences)
    root = tmp_path / "k"
    write(
        root,
        "technique/long.md",
        f"---\ntitle: Long\nnamespace: technique\n---\n\n## Big\n{body}\n",
    )
    counter = get_token_counter()
    assert counter.count(body) > 256

    chunks = chunk_file(root / "technique" / "long.md", root, counter.count, 256)
    summary = ingest(root, counting_embedder)

    assert len(chunks) > 1
    assert summary.added == len(chunks)
    for chunk in chunks:
        assert chunk.token_count == counter.count(chunk.embed_text) <= 256
    rebuilt = " ".join(
        c.text for c in KnowledgeChunk.objects.filter(heading="Big").order_by("part")
    )
    assert rebuilt.split() == body.split()


def test_the_embedder_refuses_text_over_the_limit(embedder):
    from core.embeddings import TextTooLong

    with pytest.raises(TextTooLong):
        embedder.encode(["word " * 400])


def test_rebuild_reembeds_everything(knowledge_dir, counting_embedder):
    ingest(knowledge_dir, counting_embedder)
    counting_embedder.texts.clear()

    summary = ingest(knowledge_dir, counting_embedder, rebuild=True)

    assert summary.updated == 4
    assert len(counting_embedder.texts) == 4


def test_command_prints_a_summary(knowledge_dir, embedder):
    out = io.StringIO()
    call_command("ingest_knowledge", "--path", str(knowledge_dir), stdout=out)
    text = out.getvalue()
    assert "added 4" in text
    assert "deleted 0" in text
    assert "unchanged 0" in text
