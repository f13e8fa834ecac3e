"""Every AI endpoint of this wave: its transformer's queries retrieve chunks of its namespaces,
over real knowledge files (a slice of knowledge/, committed once for the module)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from rag.ingestion import KnowledgeIngestor
from rag.models import CorpusState, KnowledgeChunk
from rag.questionnaires import transformer_for
from rag.service import RAGIntegrationService

pytestmark = pytest.mark.django_db

FILES = [
    "strength/one-rep-max.md",
    "strength/back-squat.md",
    "strength/accessory-exercises.md",
    "hypertrophy/training-volume.md",
    "hypertrophy/exercise-selection-principles.md",
    "programming/deloads.md",
    "programming/adherence.md",
    "programming/training-splits.md",
    "programming/progression-schemes.md",
    "programming/templates-by-goal.md",
    "running/race-half-marathon.md",
    "running/pace-and-heart-rate-zones.md",
    "running/mileage-progression.md",
    "running/long-runs.md",
    "injury/runners-knee-pfps.md",
    "injury/low-back-strain.md",
    "injury/injury-management-principles.md",
    "recovery/acute-chronic-workload-ratio.md",
    "recovery/training-monotony-and-strain.md",
    "recovery/fatigue-management.md",
    "nutrition/protein.md",
    "mobility/hip-mobility.md",
    "technique/squat-technique.md",
]

KNEE = {"open": [{"region": "knee", "side": "left", "severity": "moderate", "status": "active"}]}

# (endpoint, request as the endpoint's view builds it, user context, namespaces expected)
CASES = [
    ("/api/workout/insights", {"lifts": ["Barbell Back Squat"]}, {}, None),
    ("/api/analytics/fatigue", {}, {}, None),
    ("/api/analytics/deload", {}, {}, None),
    ("/api/running/analyze", {"run": {"distance_m": 21100}}, {}, None),
    (
        "/api/program/generate/strength",
        {"goal": "strength", "days_per_week": 3, "experience": "beginner"},
        {"injuries": KNEE},
        None,
    ),
    ("/api/program/generate/running", {"goal": "half marathon", "current_weekly_km": 30}, {}, None),
    (
        "/api/adherence/report",
        {"question": "training consistency, missed sessions and getting back on track"},
        {},
        None,
    ),
    ("/api/injury/log", {"body_part": "knee", "description": "hurts on stairs"}, {}, None),
    (
        "/api/injury/analyze",
        {"body_part": "lower_back", "description": "tweaked it deadlifting"},
        {},
        None,
    ),
    (
        "/api/chat/swap-exercise-enhanced",
        {"exercise": "Barbell back squat", "reason": "knee pain"},
        {"injuries": KNEE},
        None,
    ),
    ("/api/chat/classify", {"message": "my knee hurts going down stairs"}, {}, {"injury"}),
    (
        "/api/onboarding/extract",
        {"text": "I want to get stronger, I can train 3 days a week and I'm a beginner"},
        {},
        None,
    ),
    ("/api/onboarding/conversational", {"message": "I can train four days a week"}, {}, None),
]


@pytest.fixture(scope="module")
def real_slice(django_db_setup, django_db_blocker, tmp_path_factory, embedder):  # type: ignore[no-untyped-def]
    """A slice of the real knowledge base, committed for this module and removed after it."""
    root = tmp_path_factory.mktemp("knowledge")
    for relative in FILES:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(settings.RAG_KNOWLEDGE_DIR) / relative, target)
    with django_db_blocker.unblock():
        KnowledgeIngestor(root=root, stream=io.StringIO(), embedder_factory=lambda: embedder).run()
        yield root
        KnowledgeChunk.objects.all().delete()
        CorpusState.bump()


@pytest.mark.parametrize(("endpoint", "request_data", "user_context", "expected"), CASES)
def test_the_endpoint_queries_retrieve_its_namespaces(
    real_slice, embedder, endpoint, request_data, user_context, expected
):
    service = RAGIntegrationService(embedder_factory=lambda: embedder)
    questionnaire = transformer_for(endpoint).transform(request_data, user_context)
    allowed = expected or set(questionnaire["namespaces"])

    result = service.get_rag_context(
        endpoint=endpoint,
        request_data=request_data,
        user_context=user_context,
        max_chunks=5,
        use_cache=False,
    )

    assert result["queries"]
    assert {chunk["namespace"] for chunk in result["chunks"][:3]} <= allowed
    for query in result["queries"]:
        vector = embedder.embed_query(query)
        top = service.retrieve([query], [vector], result["namespaces"], 3)
        assert top, query
        assert top[0].namespace in allowed, (query, top[0].source_file)


def test_insights_queries_name_the_athletes_lifts():
    """InsightsView passes the lifts of its metrics; the transformer asks about them."""
    queries = transformer_for("/api/workout/insights").queries(
        {"lifts": ["Barbell Back Squat", "Barbell Bench Press"]}, {}
    )
    assert any("Barbell Back Squat, Barbell Bench Press" in query for query in queries)
