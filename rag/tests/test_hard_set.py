"""The hard evaluation set stays a fair test: labelled, split, and no asked-as line written
into the knowledge base is a near copy of a held-out question."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from django.conf import settings

from rag.chunking import asked_as, knowledge_files, parse_front_matter
from rag.namespaces import NAMESPACES

HARD_SET = Path(settings.BASE_DIR) / "bench" / "data" / "rag_questions_hard.json"
# An asked-as line this close (cosine) to a held-out question would leak that question.
NEAR_COPY = 0.70


def hard_set() -> list[dict]:
    return json.loads(HARD_SET.read_text())


def asked_as_lines() -> list[str]:
    root = Path(settings.RAG_KNOWLEDGE_DIR)
    lines: list[str] = []
    for path in knowledge_files(root):
        meta, _ = parse_front_matter(path.read_text(encoding="utf-8"))
        for questions in asked_as(meta).values():
            lines.extend(questions)
    return lines


def test_the_hard_set_covers_every_namespace_in_both_halves():
    items = hard_set()
    assert len(items) >= 120
    for split in ("tune", "heldout"):
        assert {i["namespace"] for i in items if i["split"] == split} == set(NAMESPACES)
    root = Path(settings.RAG_KNOWLEDGE_DIR)
    for item in items:
        assert item["expected"], item["question"]
        for expected in item["expected"]:
            assert (root / expected["file"].removeprefix("knowledge/")).is_file(), expected


def test_no_asked_as_line_is_a_near_copy_of_a_held_out_question(embedder):
    held_out = [i["question"] for i in hard_set() if i["split"] == "heldout"]
    lines = asked_as_lines()
    assert len(lines) > 500

    similarity = embedder.encode(lines) @ embedder.encode(held_out).T

    worst = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    assert similarity[worst] < NEAR_COPY, (lines[worst[0]], held_out[worst[1]])
