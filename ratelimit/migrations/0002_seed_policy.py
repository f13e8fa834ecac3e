"""Seed the default tier limits, expensive endpoints and exempt paths."""

from django.db import migrations

from ratelimit.defaults import seed_policy


def seed(apps, schema_editor):
    seed_policy(
        apps.get_model("ratelimit", "TierLimit"),
        apps.get_model("ratelimit", "ExpensiveEndpoint"),
        apps.get_model("ratelimit", "ExemptPath"),
    )


class Migration(migrations.Migration):
    dependencies = [("ratelimit", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
