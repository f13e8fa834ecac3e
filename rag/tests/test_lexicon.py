"""The lay-to-clinical lexicon: what it adds, and that the full-text side then matches."""

from __future__ import annotations

import io

import pytest

from rag.ingestion import KnowledgeIngestor
from rag.lexicon import expand
from rag.search import HybridRetriever
from rag.selector import SmartNamespaceSelector
from rag.tests.conftest import write

HEEL = """\
---
title: Plantar heel pain (plantar fasciitis)
namespace: injury
tags: [plantar-fasciitis, heel-pain]
---

## What plantar fasciitis is
Plantar fasciitis causes pain under the heel, sharpest with the first steps after rest.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("my heel kills in the morning", "plantar fasciitis heel pain"),
        ("why do i die at mile 20", "hitting the wall glycogen fuelling carbohydrate"),
        ("bench stuck for months", "plateau progress stalls progression"),
        ("rolled my ankle on a trail", "ankle sprain"),
        ("my HRV is low today", "heart rate variability"),
        ("how many days between two hard runs", "recovery time between hard sessions"),
        ("low bar squats wreck my elbows", "shoulder external rotation low-bar squat"),
    ],
)
def test_lay_words_gain_the_knowledge_base_words(question, expected):
    assert expected in expand(question)


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        (
            "pulled my calf, ice or heat",
            "first steps after an acute soft-tissue injury",
            "running in hot weather heat",
        ),
        ("cut my miles before the marathon?", "tapering taper", "calorie deficit cutting"),
        (
            "beta alanine makes my face tingle",
            "beta-alanine tingling",
            "numbness tingling red flags",
        ),
        (
            "always cold and tired since training hard",
            "RED-S low energy availability menstrual",
            "training with a cold illness",
        ),
        (
            "hips feel stuck when i squat",
            "hip mobility for squat depth",
            "plateau progress stalls progression",
        ),
    ],
)
def test_a_lay_word_that_means_something_else_in_context(question, expected, not_expected):
    found = expand(question)
    assert expected in found
    assert not_expected not in found


def test_the_same_words_keep_their_first_meaning_elsewhere():
    assert "running in hot weather heat" in expand("running in the heat destroys me")
    assert "calorie deficit cutting" in expand("how fast should i be cutting")
    assert "training with a cold illness" in expand("got a cold, can i still go to the gym")
    assert "numbness tingling red flags" in expand("tingling in my foot after squats")


def test_a_question_in_the_knowledge_base_words_gains_nothing():
    assert expand("how many sets per week for hypertrophy") == []


def test_each_expansion_is_added_once():
    found = expand("heel pain in the morning, my heel hurts in the morning")
    assert len(found) == len(set(found))


def test_the_selector_reads_the_expansion():
    selector = SmartNamespaceSelector()
    assert "injury" in selector.keyword_matches("my heel kills in the morning")
    selector.lexicon = False
    assert "injury" not in selector.keyword_matches("my heel kills in the morning")


@pytest.mark.django_db
def test_full_text_finds_the_diagnosis_only_through_the_lexicon(knowledge_dir, embedder):
    write(knowledge_dir, "injury/plantar-fasciitis.md", HEEL)
    KnowledgeIngestor(
        root=knowledge_dir, stream=io.StringIO(), embedder_factory=lambda: embedder
    ).run()
    question = "my heel kills in the morning"
    vector = embedder.embed_query(question)
    retriever = HybridRetriever()

    with_lexicon = retriever.candidates(vector, ["injury", "strength"], 5, question, False)
    retriever.lexicon = False
    without = retriever.candidates(vector, ["injury", "strength"], 5, question, False)

    assert without.text_ranking == []
    assert [with_lexicon.rows[i].heading for i in with_lexicon.text_ranking] == [
        "What plantar fasciitis is"
    ]
