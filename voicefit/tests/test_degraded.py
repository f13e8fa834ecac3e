"""With Redis gone, training is still logged: caches, limits and metrics degrade, data does not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for
from core import embedded, metrics
from ratelimit.resilience import limiter
from training.models import Exercise, RunSession, SetLog, WorkoutSession
from training.services import exercise_catalog_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_redis(settings, tmp_path):
    """A private Valkey that is started, then killed: every Redis call afterwards fails."""
    port = embedded.start_valkey(tmp_path / "valkey")
    embedded.stop_valkey_at(port)
    url = f"redis://127.0.0.1:{port}"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": url,
        }
    }
    yield url
    limiter.reset()  # the breaker and the fallback are per process: leave them closed and empty
    metrics.recorder.reset()


def test_workouts_and_voice_logs_are_saved_while_redis_is_down(user, dead_redis):
    exercise_catalog_load()
    bench = Exercise.objects.get(slug="barbell-bench-press")
    client = client_for(user)
    workout = client.post(
        "/api/workouts/",
        {
            "started_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "sets": [{"exercise": bench.pk, "reps": 5, "weight_kg": 100}],
        },
    )
    voice = client.post(
        "/api/voice/log",
        {"transcript": "bench press 3 sets of 5 at 185, then ran 5k in 25 minutes"},
    )
    assert workout.status_code == 201, workout.data
    assert voice.status_code == 201, voice.json()
    assert WorkoutSession.objects.filter(user=user).count() == 2
    assert SetLog.objects.filter(session__user=user).count() == 4
    assert RunSession.objects.filter(user=user, distance_m=5000).exists()
    assert client.get("/api/workouts/").data["count"] == 2
    assert metrics.recorder.local_flags()["redis_unreachable"]["active"]
