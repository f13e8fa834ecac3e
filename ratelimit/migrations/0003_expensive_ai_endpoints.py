"""The second wave's AI endpoints are expensive: add those the seed's patterns do not cover."""

from django.db import migrations

# Frozen here (a migration must not change when the defaults do); the same paths are in
# ratelimit.defaults.EXPENSIVE_ENDPOINTS for a fresh seed.
AI_ENDPOINTS = (
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
)


def _covered(path, patterns):
    for pattern in patterns:
        if pattern.endswith(("*", "/")) and path.startswith(pattern.rstrip("*")):
            return True
        if path.rstrip("/") == pattern.rstrip("/"):
            return True
    return False


def add(apps, schema_editor):
    model = apps.get_model("ratelimit", "ExpensiveEndpoint")
    patterns = list(model.objects.values_list("pattern", flat=True))
    for path in AI_ENDPOINTS:
        if not _covered(path, patterns):
            model.objects.get_or_create(pattern=path)


class Migration(migrations.Migration):
    dependencies = [("ratelimit", "0002_seed_policy")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
