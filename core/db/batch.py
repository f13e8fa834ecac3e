"""Several ``values_list`` querysets (or bound prepared queries) read in one round trip.

Each query still runs as Django compiles it; the statements are sent together (the client-side
binding cursor of Django's PostgreSQL backend, its default, takes several statements in one
``execute``; with ``server_side_binding`` they go one by one) and each result set is converted as
Django converts its own (time zones, arrays, dates). On a loaded machine every round trip waits
for a core, so a request that needs five independent reads pays for one wait instead of five.

    profile_rows, checkin_rows = fetch_together(
        Profile.objects.filter(user_id=1).values_list("timezone"),
        CheckIn.objects.filter(user_id=1).values_list("date", "readiness"),
    )
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable
from psycopg import ClientCursor

from core.db.prepared import BoundQuery


def fetch_together(
    *queries: QuerySet[Any, Any] | BoundQuery,
) -> list[list[tuple[Any, ...]]]:
    """The rows of each ``values_list`` queryset (not flat) or bound prepared query, in order,
    read in one round trip.

    All must use one database. A queryset that can match nothing (``id__in=[]``) gets ``[]``
    without a statement.
    """
    if not queries:
        return []
    bound: list[BoundQuery | None] = [_bound(query) for query in queries]
    using = next((query.using for query in bound if query is not None), None)
    if any(query is not None and query.using != using for query in bound):
        raise ValueError("fetch_together reads from one database")
    statements = [query for query in bound if query is not None]
    results: list[list[tuple[Any, ...]]] = []
    if not statements:
        return [[] for _query in bound]
    with connections[statements[0].using].cursor() as cursor:
        if not isinstance(cursor.cursor, ClientCursor):  # server-side binding: one by one
            return [query.rows() if query is not None else [] for query in bound]
        cursor.execute(
            "; ".join(query.sql for query in statements),
            [param for query in statements for param in query.params],
        )
        first = True
        for query in bound:
            if query is None:
                results.append([])
                continue
            if not first:
                cursor.nextset()
            first = False
            results.append(query.convert(cursor.fetchall()))
    return results


def _bound(query: QuerySet[Any, Any] | BoundQuery) -> BoundQuery | None:
    """A queryset compiled now, as a bound query (None: it can match nothing)."""
    if isinstance(query, BoundQuery):
        return query
    if query._iterable_class is not ValuesListIterable:
        raise ValueError("fetch_together takes values_list querysets (not flat)")
    compiler = query.query.get_compiler(using=query.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    return BoundQuery(sql, list(params), compiler)
