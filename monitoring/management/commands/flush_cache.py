"""flush_cache: remove cached values by scope (and user), with SCAN, reporting what went."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import metrics
from monitoring import cachekeys


class Command(BaseCommand):
    help = "Flush cached values: --scope user_context|rag|ai|exercise_match|all [--user ID]."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scope", required=True, choices=[*cachekeys.CACHE_TYPES, "all"])
        parser.add_argument("--user", type=int, help="only this user's keys (user_context, ai)")
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args: Any, scope: str, user: int | None, dry_run: bool, **kw: Any) -> None:
        found = cachekeys.patterns(scope, user)
        if not found:
            raise CommandError(f"--user does not apply to scope {scope!r}")
        verb = "would remove" if dry_run else "removed"
        total = 0
        try:
            for cache_type, pattern in found.items():
                count = cachekeys.delete(pattern, dry_run=dry_run)
                total += count
                if not dry_run:
                    metrics.incr("cache_flushed", count, cache=cache_type)
                self.stdout.write(f"{cache_type}: {verb} {count} keys ({pattern})")
        except Exception as exc:
            raise CommandError(f"Redis unreachable: {exc}") from exc
        metrics.flush()
        self.stdout.write(f"total: {verb} {total} keys")
