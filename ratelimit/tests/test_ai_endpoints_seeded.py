"""Every AI endpoint of the second wave is seeded as expensive (ratelimit/0003)."""

import pytest

from ratelimit.models import ExpensiveEndpoint
from ratelimit.policy import PathMatcher

pytestmark = pytest.mark.django_db

AI_ENDPOINTS = [
    "/api/workout/insights",
    "/api/analytics/fatigue",
    "/api/analytics/deload",
    "/api/running/analyze",
    "/api/program/generate/strength",
    "/api/program/generate/running",
    "/api/adherence/report",
    "/api/injury/analyze",
    "/api/chat/swap-exercise-enhanced",
    "/api/onboarding/extract",
    "/api/onboarding/conversational",
    "/api/coach/ask",
]


@pytest.mark.parametrize("path", AI_ENDPOINTS)
def test_ai_endpoint_is_expensive(path):
    matcher = PathMatcher(ExpensiveEndpoint.objects.values_list("pattern", flat=True))
    assert matcher.matches(path)
    assert not matcher.matches("/api/checkins/")
