"""Which database errors mean "the database cannot be reached", answered with 503 not 500."""

from __future__ import annotations

import logging

from django import db

logger = logging.getLogger(__name__)

# SQLSTATE classes of a lost or refused connection: 08 (connection exception) and 57P (operator
# intervention: admin or crash shutdown, "the database system is starting up").
_UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P")


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True for Django's wrapped errors of a connection that failed, was refused or was lost.

    A refused connect carries no SQLSTATE; a deadlock or a statement timeout is an
    OperationalError too, but with its own SQLSTATE, and stays a 500.
    """
    if isinstance(exc, db.InterfaceError):
        return True
    if not isinstance(exc, db.OperationalError):
        return False
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES)


def drop_broken_connections() -> None:
    """Close connections an error left unusable, so the next query reconnects (no restart).

    Django does this at each request's start and end; doing it here as well recovers the
    connection of a process that serves no request cycle (tests, long-lived workers).
    """
    for conn in db.connections.all(initialized_only=True):
        try:
            if conn.connection is not None and not conn.in_atomic_block and not conn.is_usable():
                conn.close()
        except db.Error:  # closing a broken connection may itself fail; it is dropped anyway
            logger.debug("closing a broken database connection failed", exc_info=True)
