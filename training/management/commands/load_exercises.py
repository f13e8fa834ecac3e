"""Load (or update) the shipped exercise catalog; safe to run any number of times."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from training.catalog import CatalogError
from training.services import CATALOG_PATH, exercise_catalog_load


class Command(BaseCommand):
    help = "Upsert the exercise catalog from training/data/exercises.json (or --path)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=CATALOG_PATH)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            result = exercise_catalog_load(path)
        except CatalogError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"exercises: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
