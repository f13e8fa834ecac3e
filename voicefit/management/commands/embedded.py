"""Start, inspect or stop the embedded PostgreSQL and Valkey servers."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from core import embedded
from core.redis import is_embedded


class Command(BaseCommand):
    help = "Manage the embedded database and Redis servers (start | status | stop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["start", "status", "stop"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"_{action}")()

    def _start(self) -> None:
        embedded.ensure_secret_key()
        if not settings.DATABASE_URL:
            location = embedded.ensure_postgres()
            self.stdout.write(f"postgres: running (socket {location.socket_dir})")
        if is_embedded(settings.REDIS_URL):
            self.stdout.write(f"valkey: running ({embedded.ensure_valkey()})")

    def _status(self) -> None:
        if settings.DATABASE_URL:
            self.stdout.write("postgres: external (DATABASE_URL)")
        else:
            running = embedded.postgres_running()
            self.stdout.write(f"postgres: {'running' if running else 'stopped'}")
        if not is_embedded(settings.REDIS_URL):
            self.stdout.write("valkey: external (REDIS_URL)")
        else:
            state = "running" if embedded.valkey_running() else "stopped"
            port = embedded.stored_valkey_port() or "not chosen yet"
            self.stdout.write(f"valkey: {state} (port {port})")

    def _stop(self) -> None:
        stopped_pg = embedded.stop_postgres()
        stopped_valkey = embedded.stop_valkey()
        self.stdout.write(
            f"postgres: {'stopped' if stopped_pg else 'not running'}; "
            f"valkey: {'stopped' if stopped_valkey else 'not running'}"
        )
