"""A statement prepared on the server once per database session and run with a generic plan.

For statements whose planning is a large part of their cost: the hybrid retrieval search
(``rag.search``) spent 0.25-0.5 ms of a 1 ms statement planning, and PostgreSQL's own choice
kept re-planning it (its generic plan's estimate looks dearer than the custom ones). Each
statement text is prepared on first use in a session (``PREPARE`` with the text's ``%s`` as
``$n``) and executed under ``SET LOCAL plan_cache_mode = force_generic_plan``; the ``SET``, the
``PREPARE`` when it is needed and the ``EXECUTE`` travel as one message, one round trip (a
message of several statements is one transaction, so the ``SET LOCAL`` ends with it; inside
a caller's transaction it lasts to that transaction's end, where only these statements are
prepared ones).

The names prepared are remembered per driver connection (a new connection starts with none).
A statement that failed is prepared again under a new name, so a ``PREPARE`` that succeeded in
a message whose ``EXECUTE`` failed never collides. Behind a transaction-pooling proxy, where a
session's prepared statements do not follow it, callers should not use it (each loss costs a
statement inside a transaction its error): retrieval's ``RAG_PREPARED_SEARCH=false``.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError
from psycopg.errors import InvalidSqlStatementName

# Statement texts prepared per session at most (the search's text varies with the namespaces
# searched and the number of lexicon alternatives); texts beyond it run unprepared.
MAX_PREPARED = 64
GENERIC_PLAN = "SET LOCAL plan_cache_mode = force_generic_plan"
PLACEHOLDER = re.compile(r"%s")


@dataclass
class _Session:
    names: dict[str, str] = field(default_factory=dict)
    issued: int = 0

    def new_name(self) -> str:
        self.issued += 1
        return f"vf_prepared_{self.issued}"


_sessions: weakref.WeakKeyDictionary[Any, _Session] = weakref.WeakKeyDictionary()


def as_prepared(sql: str) -> str:
    """``sql`` with its ``%s`` placeholders numbered (``$1``, ``$2``, ...) for ``PREPARE``."""
    counter = iter(range(1, sql.count("%s") + 1))
    return PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)


def fetch_prepared(
    connection: Any, sql: str, params: list[Any], planner: Sequence[str] = ()
) -> list[tuple]:
    """The rows of ``sql`` run as this session's prepared statement (one round trip). When the
    session lost its prepared statements (``DEALLOCATE ALL``, a proxy's new server session),
    they are all forgotten and, outside a transaction, the search is prepared again at once.

    ``planner``: settings (``"enable_seqscan = off"``) set with ``SET LOCAL`` in the same
    message, so they shape the generic plan made at the first execution and at any re-plan."""
    connection.ensure_connection()
    session = _sessions.setdefault(connection.connection, _Session())
    try:
        return _execute(connection, session, sql, params, planner)
    except DatabaseError as exc:
        if not isinstance(exc.__cause__, InvalidSqlStatementName):
            raise
        session.names.clear()
        if connection.in_atomic_block:  # the transaction is aborted: nothing more to run
            raise
    return _execute(connection, session, sql, params, planner)


def fetch_local(
    connection: Any, sql: str, params: list[Any], planner: Sequence[str] = ()
) -> list[tuple]:
    """The rows of ``sql`` run unprepared, with the ``planner`` settings for it alone (one
    round trip, as ``fetch_prepared``)."""
    return _run(connection, [*_settings(planner), sql], params, _restores(connection, planner))


def _settings(planner: Sequence[str]) -> list[str]:
    return [f"SET LOCAL {setting}" for setting in planner]


def _restores(connection: Any, planner: Sequence[str]) -> list[str]:
    """Inside a caller's transaction, the settings back to their defaults after the statement,
    so its other statements are planned as before (outside one, the message's own transaction
    ends with the statement, and its settings with it)."""
    if not connection.in_atomic_block:
        return []
    names = [setting.split("=")[0].strip() for setting in planner]
    return [f"SET LOCAL {name} TO DEFAULT" for name in names]


def _run(connection: Any, before: list[str], params: list[Any], after: list[str]) -> list[tuple]:
    """One message: the ``before`` statements (the last one returns the rows), then ``after``."""
    with connection.cursor() as cursor:
        cursor.execute("; ".join([*before, *after]), params)
        for _ in before[1:]:
            cursor.nextset()
        return cursor.fetchall()


def _execute(
    connection: Any, session: _Session, sql: str, params: list[Any], planner: Sequence[str]
) -> list[tuple]:
    name = session.names.get(sql)
    if name is None and len(session.names) >= MAX_PREPARED:
        return fetch_local(connection, sql, params, planner)
    statements = [GENERIC_PLAN, *_settings(planner)]
    if name is None:
        name = session.new_name()
        statements.append(f"PREPARE {name} AS {as_prepared(sql)}")
    arguments = ", ".join(["%s"] * len(params))
    statements.append(f"EXECUTE {name}({arguments})")
    try:
        rows = _run(connection, statements, params, _restores(connection, planner))
    except DatabaseError:
        session.names.pop(sql, None)
        raise
    session.names[sql] = name
    return rows
