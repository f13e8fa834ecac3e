"""Asked-as questions: embedded once per text, incremental with their file, counted once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rag.chunking import KnowledgeFileError, chunk_file
from rag.ingestion import KnowledgeIngestor
from rag.models import ChunkQuestion, KnowledgeChunk
from rag.search import Candidates, HybridRetriever
from rag.service import RAGIntegrationService
from rag.tests.conftest import ANKLE_ASKED, write

pytestmark = pytest.mark.django_db

QUESTIONS = ["my heels lift off the floor when i go down", "stiff ankles when squatting"]


def ingest(root: Path, embedder, rebuild: bool = False):  # type: ignore[no-untyped-def]
    return KnowledgeIngestor(
        root=root, rebuild=rebuild, stream=io.StringIO(), embedder_factory=lambda: embedder
    ).run()


def questions() -> dict[str, tuple[int, int, str]]:
    return {
        q.text: (q.id, q.chunk_id, q.namespace)
        for q in ChunkQuestion.objects.select_related("chunk")
    }


def test_questions_point_at_their_chunk_and_are_embedded_once(asked_dir, counting_embedder):
    summary = ingest(asked_dir, counting_embedder)

    ankle = KnowledgeChunk.objects.get(heading="Ankle dorsiflexion drills")
    assert {text: (chunk, ns) for text, (_, chunk, ns) in questions().items()} == {
        q: (ankle.id, "mobility") for q in QUESTIONS
    }
    assert (summary.questions_added, summary.questions_embedded) == (2, 2)
    assert sorted(counting_embedder.texts[-2:]) == sorted(QUESTIONS)
    assert len(counting_embedder.texts) == 4 + 2


def test_unchanged_files_embed_no_question(asked_dir, counting_embedder):
    ingest(asked_dir, counting_embedder)
    before = questions()
    counting_embedder.texts.clear()

    summary = ingest(asked_dir, counting_embedder)

    assert counting_embedder.texts == []
    assert (summary.questions_added, summary.questions_deleted, summary.updated) == (0, 0, 0)
    assert questions() == before


def test_editing_one_question_embeds_only_that_question(asked_dir, counting_embedder):
    ingest(asked_dir, counting_embedder)
    kept = questions()["stiff ankles when squatting"]
    counting_embedder.texts.clear()
    write(asked_dir, "mobility/ankle.md", ANKLE_ASKED.replace("when i go down", "in a squat"))

    summary = ingest(asked_dir, counting_embedder)

    assert counting_embedder.texts == ["my heels lift off the floor in a squat"]
    assert (summary.embedded, summary.questions_added, summary.questions_deleted) == (0, 1, 1)
    assert (summary.updated, summary.unchanged) == (1, 3)
    assert questions()["stiff ankles when squatting"] == kept
    assert "my heels lift off the floor when i go down" not in questions()


def test_editing_a_section_embeds_only_its_chunk_and_keeps_its_questions(
    asked_dir, counting_embedder
):
    ingest(asked_dir, counting_embedder)
    before = questions()
    counting_embedder.texts.clear()
    write(asked_dir, "mobility/ankle.md", ANKLE_ASKED.replace("smoother", "smoother, safer"))

    summary = ingest(asked_dir, counting_embedder)

    assert len(counting_embedder.texts) == 1
    assert "smoother, safer" in counting_embedder.texts[0]
    assert (summary.questions_added, summary.questions_deleted) == (0, 0)
    assert questions() == before


def test_a_question_naming_no_heading_fails_the_file_and_keeps_its_rows(
    asked_dir, counting_embedder
):
    ingest(asked_dir, counting_embedder)
    before = questions()
    write(
        asked_dir,
        "mobility/ankle.md",
        ANKLE_ASKED.replace('"Ankle dorsiflexion drills":', '"Ankle drills":'),
    )

    summary = ingest(asked_dir, counting_embedder)

    assert any("asked_as names no heading" in error for error in summary.errors)
    assert questions() == before
    with pytest.raises(KnowledgeFileError):
        chunk_file(asked_dir / "mobility/ankle.md", asked_dir, len, 256)


def test_removing_a_file_removes_its_questions(asked_dir, counting_embedder):
    ingest(asked_dir, counting_embedder)
    (asked_dir / "mobility" / "ankle.md").unlink()

    ingest(asked_dir, counting_embedder)

    assert not ChunkQuestion.objects.exists()


def test_rebuild_embeds_the_questions_again(asked_dir, counting_embedder):
    ingest(asked_dir, counting_embedder)
    counting_embedder.texts.clear()

    summary = ingest(asked_dir, counting_embedder, rebuild=True)

    assert sorted(counting_embedder.texts[-2:]) == sorted(QUESTIONS)
    assert summary.questions_embedded == 2
    assert set(questions()) == set(QUESTIONS)


def test_a_question_brings_its_chunk_first(asked_dir, embedder):
    ingest(asked_dir, embedder)
    service = RAGIntegrationService(embedder_factory=lambda: embedder)
    query = "my heels lift off the floor when i go down"

    result = service.search(query, k=3, namespaces=["mobility", "strength", "running"])

    assert result["results"][0]["heading"] == "Ankle dorsiflexion drills"
    hits = HybridRetriever().search(
        embedder.embed_query(query), ["mobility", "strength", "running"], k=3
    )
    ankle = hits[0]
    assert ankle.question_distance is not None
    assert ankle.distance is not None
    assert ankle.question_distance < ankle.distance
    assert len({hit.id for hit in hits}) == len(hits)


def test_a_chunk_reached_by_several_questions_counts_once():
    found = Candidates(
        vector_hits=[(2, 0.30), (1, 0.50)],
        question_hits=[(1, 0.10), (1, 0.20), (3, 0.40)],
    )
    assert found.question_ranking == [1, 3]
    assert found.merged_ranking == [1, 2, 3]


def test_the_nearest_two_questions_rank_a_chunk_that_several_lines_describe_first():
    hits = [(1, 0.30), (1, 0.32), (2, 0.28), (3, 0.60)]
    nearest_only = Candidates(question_hits=hits)
    two = Candidates(question_hits=hits, second_question_weight=0.5)

    assert nearest_only.question_ranking == [2, 1, 3]
    # 1: (0.30 + 0.5 * 0.32) / 1.5; 2 has one fetched question: d2 = the farthest fetched, 0.60
    assert dict(two.question_distances()) == pytest.approx({1: 0.46 / 1.5, 2: 0.58 / 1.5, 3: 0.60})
    assert two.question_ranking == [1, 2, 3]
    assert two.merged_ranking == [1, 2, 3]


def test_the_asked_as_words_reach_the_full_text_and_follow_an_edit(asked_dir, counting_embedder):
    ingest(asked_dir, counting_embedder)
    ankle = KnowledgeChunk.objects.get(heading="Ankle dorsiflexion drills")
    retriever = HybridRetriever()
    retriever.question_table = None
    vector = counting_embedder.embed_query("unrelated")

    # "heels" and "stiff" are in the chunk's questions only, not in its title, tags or body.
    found = retriever.candidates(vector, ["mobility"], 5, "stiff heels", False)
    assert ankle.keywords == "ankle " + " ".join(QUESTIONS)
    assert found.text_ranking == [ankle.id]

    path = asked_dir / "mobility" / "ankle.md"
    path.write_text(path.read_text().replace("stiff ankles", "wobbly ankles"))
    counting_embedder.texts.clear()
    ingest(asked_dir, counting_embedder)

    assert counting_embedder.texts == ["wobbly ankles when squatting"]
    assert retriever.candidates(vector, ["mobility"], 5, "stiff heels", False).text_ranking == []
    assert retriever.candidates(vector, ["mobility"], 5, "wobbly", False).text_ranking == [ankle.id]
