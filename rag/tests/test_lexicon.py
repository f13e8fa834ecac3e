"""The lay-to-clinical lexicon: what it adds, and that the full-text side then matches."""

from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from rag.ingestion import KnowledgeIngestor
from rag.lexicon import COMPILED, LEXICON, PatternSet, expand, hyperscan, matcher, warm
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


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018", "\u02bc"])
def test_a_phones_apostrophe_reads_as_the_keyboards(apostrophe):
    assert expand(f"my bench hasn{apostrophe}t moved in months") == expand(
        "my bench hasn't moved in months"
    )
    assert "runner's knee patellofemoral pain" in expand(f"runner{apostrophe}s knee again")


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


# --- the matcher: one Hyperscan scan, confirmed by re, gives what re alone gives -------------

needs_hyperscan = pytest.mark.skipif(
    hyperscan is None, reason="no Hyperscan on this platform: re alone is used"
)
PATTERNS = [pattern for pattern, _ in COMPILED]
DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


def _texts() -> list[str]:
    """The old benchmark questions and the hard set's tuning half, as expand() sees them."""
    old = json.loads((DATA / "rag_questions.json").read_text())
    hard = json.loads((DATA / "rag_questions_hard.json").read_text())
    questions = [item["question"] for item in old]
    questions += [item["question"] for item in hard if item["split"] == "tune"]
    return [" ".join(question.lower().split()) for question in questions]


@pytest.fixture(scope="module")
def one_by_one() -> PatternSet:
    return PatternSet(PATTERNS, use_hyperscan=False)


@needs_hyperscan
def test_the_scan_finds_what_each_pattern_finds_on_the_benchmark_questions(one_by_one):
    texts = _texts()
    found = [matcher().matching(text) for text in texts]

    assert found == [one_by_one.matching(text) for text in texts]
    assert sum(map(len, found)) > len(texts) // 2  # the questions do meet the lexicon


WORDS = sorted(
    {word for _, words in LEXICON for word in words.split()}
    | set(" ".join(_texts()).split())
    | {"beta-alanine", "ice", "heat", "cut", "miles", "drinking", "water", "café", "hasn\u2019t"}
)


@needs_hyperscan
@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_the_scan_finds_what_each_pattern_finds_on_any_words(one_by_one, words):
    text = " ".join(words)
    assert matcher().matching(text) == one_by_one.matching(text)


@needs_hyperscan
def test_the_compiled_set_is_kept_and_loaded_not_compiled_again(tmp_path, monkeypatch):
    first = PatternSet(PATTERNS[:20], tmp_path)
    expected = first.matching("my heel kills in the morning")
    (stored,) = tmp_path.glob("lexicon-*.hsdb")

    def no_compiling() -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(hyperscan, "Database", no_compiling)
    again = PatternSet(PATTERNS[:20], tmp_path)

    assert again.matching("my heel kills in the morning") == expected == [0, 2]
    assert list(tmp_path.glob("lexicon-*.hsdb")) == [stored]


@needs_hyperscan
def test_a_changed_set_replaces_the_file_and_a_damaged_file_is_compiled_again(tmp_path):
    PatternSet(PATTERNS[:20], tmp_path).matching("heel")
    (older,) = tmp_path.glob("lexicon-*.hsdb")
    PatternSet(PATTERNS[:21], tmp_path).matching("heel")
    (newer,) = tmp_path.glob("lexicon-*.hsdb")
    newer.write_bytes(b"not a database")

    damaged = PatternSet(PATTERNS[:21], tmp_path)

    assert newer != older
    assert damaged.matching("my heel kills in the morning") == [0, 2]
    assert hyperscan.loadb(newer.read_bytes(), hyperscan.HS_MODE_BLOCK) is not None


@needs_hyperscan
def test_threads_scan_at_once_each_with_its_own_scratch(one_by_one):
    texts = _texts() * 4
    shared = PatternSet(PATTERNS)
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(shared.matching, texts))

    assert found == [one_by_one.matching(text) for text in texts]


def test_text_outside_ascii_is_matched_one_pattern_at_a_time(one_by_one):
    # "hasn\u2019t" (a phone's apostrophe) is not ASCII: the patterns are tried one by one
    text = "my bench hasn\u2019t moved in months, my heel kills in the morning"
    assert matcher().matching(text) == one_by_one.matching(text)
    assert one_by_one.matching(text)


@needs_hyperscan
def test_warming_a_process_loads_the_matcher_before_any_question(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    matcher.cache_clear()
    try:
        warm()
        assert "database" in vars(matcher())  # ready: no question compiles or loads it
        assert len(list((tmp_path / "cache").glob("lexicon-*.hsdb"))) == 1
    finally:
        matcher.cache_clear()
