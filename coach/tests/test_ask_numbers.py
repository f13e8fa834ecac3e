"""coach/ask answers personal questions from the athlete's computed numbers, in words."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from coach.cache import context_invalidate
from coach.wording import weight
from training.models import Injury, SetLog, WorkoutSession
from training.science.strength import epley
from training.tests.factories import ExerciseFactory
from training.units import to_kg

pytestmark = pytest.mark.django_db

IMPERIAL = {"profile": {"unit_system": "imperial"}}
BENCH_LB = [165, 170, 180, 185]
# A dict, list or None printed by Python, or a JSON object: never in an answer.
LITERAL = re.compile(r"\{'|'\}|\[\{|\[\]|\{\}|': |\bNone\b|\"\w+\": ")


@pytest.fixture
def bench_history(user):
    bench = ExerciseFactory(slug="bb-bench", name="Barbell Bench Press")
    start = timezone.now() - timedelta(days=30)
    for week, pounds in enumerate(BENCH_LB):
        session = WorkoutSession.objects.create(
            user=user, started_at=start + timedelta(weeks=week), session_rpe=7
        )
        for order in range(3):
            SetLog.objects.create(
                session=session, exercise=bench, order=order, reps=5, weight_kg=to_kg(pounds, "lb")
            )
    context_invalidate(user.pk)
    return bench


def _ask(client, question):
    response = client.post("/api/coach/ask", {"question": question})
    assert response.status_code == 200, response.data
    return response.data["answer"]


def test_bench_progress_names_the_athletes_e1rms(
    knowledge, llm_settings, bench_history, auth_client
):
    answer = _ask(auth_client, "How has my bench press progressed?")
    first = weight(epley(float(to_kg(BENCH_LB[0], "lb")), 5), IMPERIAL)
    last = weight(epley(float(to_kg(BENCH_LB[-1], "lb")), 5), IMPERIAL)
    assert "Your numbers, as calculated" in answer
    assert (
        f"Barbell Bench Press estimated one-rep max (Epley, best set of each session) went "
        f"from {first}" in answer
    )
    assert f"to {last}" in answer
    assert "+12.1 %" in answer  # (185 - 165) / 165
    assert not LITERAL.search(answer)


def test_estimated_max_question_gets_the_number(
    knowledge, llm_settings, bench_history, auth_client
):
    answer = _ask(auth_client, "What is my estimated one rep max on bench?")
    assert weight(epley(float(to_kg(185, "lb")), 5), IMPERIAL) in answer
    assert not LITERAL.search(answer)


def test_no_answer_prints_a_python_or_json_literal(knowledge, llm_settings, user, auth_client):
    Injury.objects.create(
        user=user, body_region="knee", side="left", severity=5, onset_date=date.today()
    )
    context_invalidate(user.pk)
    for question in (
        "Should I squat heavy this week given my training?",
        "Am I overreaching?",
        "How was my last run?",
        "How sore am I lately, should I train?",
        "My knee hurts when I squat, what should I do?",
    ):
        answer = _ask(auth_client, question)
        assert not LITERAL.search(answer), (question, answer)
    assert "left knee (severity 5/10" in answer


def test_the_safety_paragraph_appears_once(knowledge, llm_settings, auth_client):
    answer = _ask(auth_client, "My knee hurts below the kneecap when I squat, what should I do?")
    assert answer.lower().count("red flags") == 1
    assert "physiotherapist" in answer


def test_fatigue_question_states_the_load_ratio(knowledge, llm_settings, user, auth_client):
    from analytics.tests.history import build

    build(user)
    context_invalidate(user.pk)
    answer = _ask(auth_client, "Am I overreaching with my training load?")
    assert "acute:chronic load ratio" in answer
    assert "not an injury probability" in answer
