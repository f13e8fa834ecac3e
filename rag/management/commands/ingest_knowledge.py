"""Ingest the knowledge base: embed new or changed chunks, delete removed ones."""

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandParser

from rag.ingestion import KnowledgeIngestor


class Command(BaseCommand):
    help = "Chunk, embed and store the Markdown knowledge base (idempotent by content hash)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, help="knowledge folder (default: knowledge/)")
        parser.add_argument(
            "--rebuild", action="store_true", help="re-embed every chunk, ignoring hashes"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = KnowledgeIngestor(
            root=options["path"], rebuild=options["rebuild"], stream=cast(IO[str], self.stdout._out)
        ).run()
        for error in summary.errors:
            self.stderr.write(f"skipped {error}")
        self.stdout.write(f"knowledge: {summary}")
