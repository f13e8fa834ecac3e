"""Print what retrieval returns for a query (namespaces, reasons, ranked chunks)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rag.namespaces import NAMESPACES


class Command(BaseCommand):
    help = "Search the knowledge base the way the API does and print the ranked chunks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("-k", type=int, default=5)
        parser.add_argument("--namespace", action="append", choices=NAMESPACES, dest="namespaces")

    def handle(self, *args: Any, **options: Any) -> None:
        from rag.service import rag_service

        result = rag_service.search(
            options["query"], k=options["k"], namespaces=options["namespaces"]
        )
        self.stdout.write(f"namespaces: {', '.join(result['namespaces'])}")
        for reason in result["reasons"]:
            self.stdout.write(f"  - {reason}")
        for rank, item in enumerate(result["results"], start=1):
            self.stdout.write(
                f"{rank:2}. [{item['id']}] {item['score']:.4f} {item['namespace']:<12} "
                f"{item['source_file']} # {item['heading']}"
            )
