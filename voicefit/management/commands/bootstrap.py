"""Prepare a server to serve: migrate, load shipped data, ensure a staff user, collect static."""

import secrets
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from accounts.services import staff_user_ensure
from core.embedded import ensure_secret_key, var_dir

DEMO_EMAIL = "demo-admin@voicefit.local"


class Command(BaseCommand):
    help = "Migrate, load the exercise catalog and knowledge base, ensure the staff user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skip-knowledge",
            action="store_true",
            help="Do not ingest the knowledge base (it embeds every changed section).",
        )

    def handle(self, *args: Any, skip_knowledge: bool = False, **options: Any) -> None:
        ensure_secret_key()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_exercises", stdout=self.stdout)
        if not skip_knowledge:
            call_command("ingest_knowledge", stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        self._staff_user()

    def _staff_user(self) -> None:
        email, password = settings.VOICEFIT_ADMIN_EMAIL, settings.VOICEFIT_ADMIN_PASSWORD
        if email and password:
            staff_user_ensure(email=email, password=password)
            self.stdout.write(f"staff user: {email} (from VOICEFIT_ADMIN_EMAIL)")
            return
        password_file = var_dir() / "demo-admin-password"
        if not password_file.exists():
            password_file.write_text(secrets.token_urlsafe(12))
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        staff_user_ensure(email=DEMO_EMAIL, password=password)
        self.stdout.write(
            self.style.WARNING(
                f"demo staff user: {DEMO_EMAIL} / {password}  "
                "(set VOICEFIT_ADMIN_EMAIL and VOICEFIT_ADMIN_PASSWORD to choose your own)"
            )
        )
