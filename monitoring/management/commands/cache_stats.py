"""cache_stats: keys and memory per cache type, and hit rates over the last hour and day."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from monitoring import cachekeys
from monitoring.store import MetricStore
from monitoring.summary import cache_rates


class Command(BaseCommand):
    help = "Show keys, memory and hit rates per cache type."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--no-memory", action="store_true", help="skip MEMORY USAGE")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            store = MetricStore()
            hour, day = cache_rates(store.window(60)), cache_rates(store.window(1440))
            report = {}
            for cache_type, pattern in cachekeys.patterns("all").items():
                found = cachekeys.stats(pattern, sample_memory=not options["no_memory"])
                report[cache_type] = {
                    "keys": found.keys,
                    "memory_bytes": found.memory_bytes,
                    "hit_rate_hour": hour.get(cache_type, {}).get("hit_rate"),
                    "hit_rate_day": day.get(cache_type, {}).get("hit_rate"),
                }
            for cache_type in sorted((set(hour) | set(day)) - set(report)):
                report[cache_type] = {
                    "keys": None,
                    "memory_bytes": None,
                    "hit_rate_hour": hour.get(cache_type, {}).get("hit_rate"),
                    "hit_rate_day": day.get(cache_type, {}).get("hit_rate"),
                }
        except Exception as exc:
            raise CommandError(f"Redis unreachable: {exc}") from exc
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        self.stdout.write(f"{'cache':<16}{'keys':>8}{'memory':>12}{'hit 1h':>9}{'hit 24h':>9}")
        for cache_type, row in report.items():
            self.stdout.write(
                f"{cache_type:<16}{_fmt(row['keys']):>8}{_fmt(row['memory_bytes']):>12}"
                f"{_pct(row['hit_rate_hour']):>9}{_pct(row['hit_rate_day']):>9}"
            )


def _fmt(value: int | None) -> str:
    return "-" if value is None else str(value)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"
