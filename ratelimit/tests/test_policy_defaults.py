"""A tier whose row is missing keeps the seed limits; it never becomes unlimited."""

import pytest

from ratelimit.models import TierLimit
from ratelimit.policy import load_policy

pytestmark = pytest.mark.django_db


def test_a_missing_tier_row_falls_back_to_the_seed_limits():
    TierLimit.objects.filter(tier="free").delete()
    TierLimit.objects.update_or_create(
        tier="premium",
        defaults={"hourly_limit": 1000, "minute_limit": None, "expensive_minute_limit": None},
    )
    policy = load_policy()
    assert [(w.name, w.limit) for w in policy.windows_for("free", expensive=True)] == [
        ("hour", 60),
        ("ai-minute", 10),
    ]
    assert [(w.name, w.limit) for w in policy.windows_for("premium", expensive=True)] == [
        ("hour", 1000)
    ]
    assert policy.windows_for("admin", expensive=True) == ()
