"""Start, inspect or stop the embedded PostgreSQL and Valkey servers."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from core import embedded


class Command(BaseCommand):
    help = "Manage the embedded database and Redis servers (status | stop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["status", "stop"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "status":
            self.stdout.write(f"database: {settings.DATABASES['default']['HOST'] or 'external'}")
            self.stdout.write(f"redis: {settings.REDIS_URL}")
            return
        stopped_pg = embedded.stop_postgres()
        stopped_valkey = embedded.stop_valkey()
        self.stdout.write(
            f"postgres: {'stopped' if stopped_pg else 'not running'}; "
            f"valkey: {'stopped' if stopped_valkey else 'not running'}"
        )
