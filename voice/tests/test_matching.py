"""Spoken exercise names resolve to the right catalog variant, with an honest confidence."""

import pytest
from django.core.cache import cache

from training.models import Exercise
from training.selectors import catalog_version
from training.services import exercise_catalog_load
from voice.matching import ExerciseMatcher, modifiers_in, normalise

pytestmark = pytest.mark.django_db


@pytest.fixture
def matcher():
    exercise_catalog_load()
    return ExerciseMatcher()


@pytest.mark.parametrize(
    ("spoken", "normalised"),
    [
        ("Pull-Ups", "pull up"),
        ("pullups", "pull up"),
        ("DB Bench Press", "dumbbell bench press"),
        ("BB rows", "barbell row"),
        ("T-Bar Rows", "t bar row"),
        ("one-arm dumbbell rows", "single arm dumbbell row"),
        ("incline dumbbell presses", "incline dumbbell press"),
        ("dumbbell flyes", "dumbbell fly"),
        ("   ", ""),
    ],
)
def test_normalise_folds_spelling_variants(spoken, normalised):
    assert normalise(spoken) == normalised


def test_modifiers_are_found_as_words():
    assert modifiers_in(normalise("close grip bench")) == {"close grip"}
    assert modifiers_in(normalise("frontal raise")) == frozenset()


@pytest.mark.parametrize(
    ("spoken", "name"),
    [
        ("bench press", "Barbell Bench Press"),
        ("close grip bench", "Close-Grip Bench Press"),
        ("sumo deadlift", "Sumo Deadlift"),
        ("romanian deadlift", "Romanian Deadlift"),
        ("rdl", "Romanian Deadlift"),
        ("RDLs", "Romanian Deadlift"),
        ("front squat", "Front Squat"),
        ("incline db press", "Incline Dumbbell Bench Press"),
        ("dumbbell incline press", "Incline Dumbbell Bench Press"),
        ("seated dumbbell shoulder press", "Seated Dumbbell Shoulder Press"),
        ("one arm dumbbell row", "One-Arm Dumbbell Row"),
        ("single arm db row", "One-Arm Dumbbell Row"),
        ("t-bar row", "T-Bar Row"),
        ("benchpress", "Barbell Bench Press"),
        ("dead lift", "Conventional Deadlift"),
        ("pull ups", "Pull-Up"),
        ("chin-ups", "Chin-Up"),
        ("squats", "Barbell Back Squat"),
        ("paused squat", "Pause Squat"),
        ("deficit deadlifts", "Deficit Deadlift"),
        ("single leg rdl", "Single-Leg Romanian Deadlift"),
        ("romainian deadlift", "Romanian Deadlift"),
        ("dumbell curls", "Dumbbell Curl"),
    ],
)
def test_spoken_names_pick_the_specific_exercise(matcher, spoken, name):
    match = matcher.match(spoken)
    assert match.exercise is not None
    assert match.exercise.name == name
    assert not match.needs_confirmation
    assert 0.75 <= match.confidence <= 1


def test_exact_alias_is_certain_and_fuzzy_is_not(matcher):
    assert matcher.match("close grip bench").confidence == 1.0
    fuzzy = matcher.match("romainian deadlift")
    assert fuzzy.method == "fuzzy"
    assert fuzzy.confidence < 1.0


def test_modifier_said_but_missing_from_candidate_lowers_confidence(matcher):
    base = matcher.match("close grip bench press")
    paused = matcher.match("close grip bench press with a pause")
    assert base.confidence == 1.0
    assert paused.confidence < matcher.threshold
    assert paused.needs_confirmation


def test_candidate_with_unsaid_modifier_is_penalised(matcher):
    plain = matcher.penalty(frozenset(), frozenset())
    extra = matcher.penalty(frozenset(), frozenset({"incline"}))
    missing = matcher.penalty(frozenset({"sumo"}), frozenset())
    assert plain == 0
    assert extra > 0
    assert missing > extra


def test_low_confidence_offers_three_candidates(matcher):
    match = matcher.match("sumo bench")
    assert match.needs_confirmation
    assert 1 <= len(match.candidates) <= 3
    confidences = [c.confidence for c in match.candidates]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 <= c <= 1 for c in confidences)


def test_nonsense_matches_nothing(matcher):
    for spoken in ["blorp", "", "drop table users", "\U0001f4aa\U0001f4aa"]:
        match = matcher.match(spoken)
        assert match.needs_confirmation
        assert match.exercise is None or match.confidence < matcher.threshold


def test_match_is_cached_under_the_catalog_version(matcher):
    version = catalog_version()
    key = f"exercise_match:{version}:incline dumbbell press"
    cache.delete(key)
    first = matcher.match("Incline Dumbbell Presses")
    assert cache.get(key) is not None
    again = ExerciseMatcher().match("incline dumbbell press")
    assert again.exercise == first.exercise
    assert again.confidence == first.confidence


def test_cached_match_is_used_without_the_index(matcher):
    matcher.match("front squat")
    ExerciseMatcher.reset()
    fresh = ExerciseMatcher()
    fresh.index = None  # a cache hit must not need the index
    assert fresh.match("front squat").exercise.name == "Front Squat"


def test_catalog_change_builds_a_new_index(matcher):
    before = matcher.index()
    Exercise.objects.filter(slug="front-squat").update(aliases=["fsq"])
    exercise = Exercise.objects.get(slug="front-squat")
    exercise.save()
    after = ExerciseMatcher()
    assert after.version != before.version
    assert after.match("fsq").exercise.name == "Front Squat"


def test_embedding_fallback_is_used_only_below_the_threshold(matcher):
    import numpy as np

    calls = []

    def encode(texts):
        calls.append(len(texts))
        vectors = np.zeros((len(texts), 8))
        for row, text in enumerate(texts):
            vectors[row, hash(text.split()[-1]) % 8] = 1.0 if text else 0.0
        return vectors

    class EmbeddingMatcher(ExerciseMatcher):
        use_cache = False
        encoder_source = staticmethod(lambda: encode)

    embedding = EmbeddingMatcher()
    assert embedding.match("front squat").method == "alias"
    assert calls == []
    embedding.match("zzzz qqqq")
    assert calls  # the fuzzy pass found nothing, so the model was asked
