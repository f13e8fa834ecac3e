"""App configuration for RAG."""

from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def set_session_ef_search(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Every new PostgreSQL connection starts with the HNSW search width retrieval wants, so
    that a search is one statement (no transaction to scope a ``SET LOCAL``)."""
    if connection.vendor != "postgresql":
        return
    from django.conf import settings
    from django.db import DatabaseError

    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('hnsw.ef_search', %s, false)", [str(settings.RAG_EF_SEARCH)]
            )
    except DatabaseError:  # the search then sets it per query
        connection.rag_ef_search = None
        return
    connection.rag_ef_search = settings.RAG_EF_SEARCH


class RagConfig(AppConfig):
    name = "rag"

    def ready(self) -> None:
        connection_created.connect(set_session_ef_search, dispatch_uid="rag_session_ef_search")
