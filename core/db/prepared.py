"""Queries the ORM builds and compiles once, then runs with new values on every call.

Building a ``QuerySet`` and compiling it to SQL costs the ORM about half a millisecond per
query, every time, although a request's reads differ only in their values (the user, the days).
A :class:`PreparedQuery` builds its queryset with :class:`Arg` placeholders where the values go,
compiles it once per thread and per *shape* (what changes the SQL text itself, such as a time
zone), and binds each call's values into the compiled parameters::

    SETS = PreparedQuery(
        lambda zone: SetLog.objects.filter(session__user_id=Arg("user_id", IntegerField()))
        .annotate(day=TruncDate("session__started_at", tzinfo=zone))
        .values_list("day", "reps")
    )
    rows = SETS.bind({"user_id": 7}, zone=zone).rows()

An argument's value goes to the database as given (the ORM's per-field preparation is skipped:
pass what the column holds, e.g. an aware ``datetime`` for a ``DateTimeField``). Rows are
converted as Django converts the queryset's own; ``core.db.batch.fetch_together`` reads several
bound queries in one round trip.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Expression, Field, QuerySet
from django.db.models.query import ValuesListIterable


@dataclass(frozen=True)
class _Slot:
    """Where a named argument's value goes in the compiled parameters."""

    name: str


class Arg(Expression):
    """A named value of a prepared query, given when the query is bound."""

    def __init__(self, name: str, output_field: Field[Any, Any]) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler: Any, connection: Any) -> Any:  # ("%s", [the slot])
        return "%s", [_Slot(self.name)]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]  # constants and ``_Slot``s
    compiler: Any  # the SQL compiler, for its converters and its column count

    def bind(self, args: dict[str, Any]) -> BoundQuery:
        params = [args[p.name] if type(p) is _Slot else p for p in self.params]
        return BoundQuery(self.sql, params, self.compiler)


@dataclass(frozen=True)
class BoundQuery:
    """A prepared query with its values: the SQL, its parameters and the compiler that made it."""

    sql: str
    params: list[Any]
    compiler: Any

    @property
    def using(self) -> str:
        return str(self.compiler.using)

    def convert(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Fetched rows as the queryset would return them (Django's converters applied)."""
        compiler = self.compiler
        if compiler.has_extra_select:  # columns added for ordering only
            rows = [row[: compiler.col_count] for row in rows]
        return list(compiler.results_iter(results=[rows], tuple_expected=True))

    def rows(self) -> list[tuple[Any, ...]]:
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            return self.convert(cursor.fetchall())


class PreparedQuery:
    """``build(**shape)`` returns a ``values_list`` queryset with :class:`Arg` placeholders."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]]) -> None:
        self.build = build
        self._local = threading.local()  # compilers hold their thread's connection

    def bind(self, args: dict[str, Any], **shape: Hashable) -> BoundQuery:
        cache: dict[tuple[Any, ...], _Compiled] | None = getattr(self._local, "compiled", None)
        if cache is None:
            cache = self._local.compiled = {}
        key = tuple(sorted(shape.items()))
        compiled = cache.get(key)
        if compiled is None:
            compiled = cache[key] = self._compile(shape)
        return compiled.bind(args)

    def _compile(self, shape: dict[str, Any]) -> _Compiled:
        queryset = self.build(**shape)
        if queryset._iterable_class is not ValuesListIterable:
            raise ValueError("a prepared query is a values_list queryset (not flat)")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        return _Compiled(sql, tuple(params), compiler)
