"""Several ``values_list`` querysets read in one round trip to the database.

Each query still runs as Django compiles it; the statements are sent together (the client-side
binding cursor of Django's PostgreSQL backend takes several statements in one ``execute``) and
each result set is converted as Django converts its own (time zones, arrays, dates). On a loaded
machine every round trip waits for a core, so a request that needs five independent reads pays
for one wait instead of five.

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


def fetch_together(*querysets: QuerySet[Any, Any]) -> list[list[tuple[Any, ...]]]:
    """The rows of each ``values_list`` queryset (not flat), in order, read in one round trip.

    All querysets must use one database. A queryset that can match nothing (``id__in=[]``)
    gets ``[]`` without a statement.
    """
    if not querysets:
        return []
    using = querysets[0].db
    compilers: list[Any] = []
    statements: list[str] = []
    params: list[Any] = []
    for queryset in querysets:
        if queryset._iterable_class is not ValuesListIterable or queryset.db != using:
            raise ValueError("fetch_together takes values_list querysets of one database")
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, sql_params = compiler.as_sql()
        except EmptyResultSet:
            compilers.append(None)
            continue
        compilers.append(compiler)
        statements.append(sql)
        params.extend(sql_params)
    results: list[list[tuple[Any, ...]]] = []
    with connections[using].cursor() as cursor:
        if statements:
            cursor.execute("; ".join(statements), params)
        first = True
        for compiler in compilers:
            if compiler is None:
                results.append([])
                continue
            if not first:
                cursor.nextset()
            first = False
            rows = cursor.fetchall()
            if compiler.has_extra_select:  # columns added for ordering only
                rows = [row[: compiler.col_count] for row in rows]
            results.append(list(compiler.results_iter(results=[rows], tuple_expected=True)))
    return results
