"""The offline coach: deterministic, grounded in the chunks and numbers it is given, cites."""

from __future__ import annotations

import asyncio
import math

from core import llm
from core.llm.offline import OfflineProvider

BLOCKS = [
    {
        "n": 1,
        "chunk_id": "c-1",
        "title": "Squat depth",
        "namespace": "strength",
        "text": "Squat to a depth you control. Keep the bar over mid-foot throughout the lift.",
    },
    {
        "n": 2,
        "chunk_id": "c-2",
        "title": "Deadlift frequency",
        "namespace": "strength",
        "text": (
            "Heavy deadlifts are taxing, so most lifters deadlift heavy once per week. "
            "Light technique pulls can be added on a second day."
        ),
    },
]
# The shape coach.context builds (sections), rendered to words by the registered renderer.
CONTEXT = {
    "profile": {"unit_system": "metric", "experience_level": "intermediate"},
    "recent_training": {
        "days": 14,
        "sessions": [],
        "weekly_sets_by_muscle": {"this_week": {"chest": 12, "triceps": 6}},
    },
    "strength": {
        "estimated_1rm": {
            "hinge": {"exercise": "Deadlift", "e1rm_kg": 182.5, "date": "2026-11-20"},
        }
    },
    "injuries": {
        "open": [
            {
                "region": "knee",
                "side": "left",
                "severity": 3,
                "status": "active",
                "since": "2026-11-01",
            }
        ],
        "avoid_regions": ["knee"],
    },
}


def ask(message: str, **kw) -> llm.ChatRequest:  # type: ignore[no-untyped-def]
    return llm.ChatRequest(message=message, context_blocks=BLOCKS, **kw)


def test_no_configuration_means_the_offline_provider(llm_settings):
    provider = llm.get_provider()
    assert isinstance(provider, OfflineProvider)
    assert provider.describe() == {"provider": "offline", "model": "offline-v1"}


def test_answer_is_deterministic_labelled_and_cites_the_relevant_chunk(llm_settings):
    first = llm.get_provider().complete(ask("How often should I deadlift heavy?"))
    second = llm.get_provider().complete(ask("How often should I deadlift heavy?"))
    assert first.text == second.text
    assert first.text.startswith("Offline coach")
    assert "most lifters deadlift heavy once per week. [2]" in first.text
    lines = [line for line in first.text.splitlines() if line.endswith("]")]
    assert lines[0].endswith("[2]")  # the most overlapping sentence comes first
    assert (first.provider, first.model, first.complete) == ("offline", "offline-v1", True)


def test_answer_speaks_to_the_users_numbers_and_the_computed_facts(llm_settings):
    result = llm.get_provider().complete(
        ask("How is my training going?", user_context=CONTEXT, facts={"acwr": 1.32})
    )
    assert "Deadlift 182.5 kg" in result.text
    assert "chest 12" in result.text
    assert "left knee (severity 3/10" in result.text
    assert "Acwr: 1.32." in result.text
    assert "{" not in result.text
    assert "[]" not in result.text


def test_facts_may_be_a_list(llm_settings):
    result = llm.get_provider().complete(ask("Summary?", facts=["Volume rose 12% week on week."]))
    assert "- Volume rose 12% week on week." in result.text


def test_pain_questions_get_red_flags_and_a_professional(llm_settings):
    result = llm.get_provider().complete(ask("My knee hurts when I squat, what should I do?"))
    assert "red flags" in result.text
    assert "physiotherapist" in result.text
    plain = llm.get_provider().complete(ask("How deep should I squat?"))
    assert "red flags" not in plain.text


def test_without_matching_chunks_it_says_so_and_cites_nothing(llm_settings):
    result = llm.get_provider().complete(llm.ChatRequest(message="What about swimming?"))
    assert "nothing specific" in result.text
    assert "[" not in result.text


def test_usage_is_approximated_from_words(llm_settings):
    result = llm.get_provider().complete(ask("How often should I deadlift heavy?"))
    assert result.usage.completion_tokens == math.ceil(len(result.text.split()) * 1.3)
    assert result.usage.prompt_tokens > 0
    assert result.cost_microusd == 0


def test_max_tokens_truncates_and_marks_the_answer_incomplete(llm_settings):
    result = llm.get_provider().complete(ask("How often should I deadlift heavy?", max_tokens=26))
    assert len(result.text.split(" ")) <= 26 / 1.3
    assert (result.finish_reason, result.complete) == ("length", False)


def test_stream_yields_word_chunks_that_add_up_to_the_answer(llm_settings):
    request = ask("How often should I deadlift heavy?", user_context=CONTEXT)
    deltas = list(llm.get_provider().stream(request))
    assert len(deltas) > 20
    assert all(d.provider == "offline" for d in deltas)
    final = deltas[-1].result
    assert final is not None
    assert (
        "".join(d.text for d in deltas) == final.text == llm.get_provider().complete(request).text
    )


def test_async_variants_match_the_sync_answer(llm_settings):
    request = ask("How often should I deadlift heavy?")

    async def run() -> tuple[llm.ChatResult, str]:
        result = await llm.get_provider().acomplete(request)
        text = "".join([d.text async for d in llm.get_provider().astream(request)])
        return result, text

    result, streamed = asyncio.run(run())
    assert result.text == streamed == llm.get_provider().complete(request).text
