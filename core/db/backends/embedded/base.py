"""Django's PostgreSQL backend on the embedded server, started by a process's first connection.

Settings name no host (finding the socket would start the server at import); the socket
directory is filled in when a connection is made. It is looked up once per process: a server
stopped later stays stopped (the connection fails and the API answers 503) until it is started
again, at the same socket directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db.backends.postgresql import base, client


@cache
def socket_dir() -> str:
    """Where the embedded PostgreSQL listens; starts it (and stores the secret key) if needed."""
    from core.embedded import ensure_postgres, ensure_secret_key

    ensure_secret_key()
    return ensure_postgres().socket_dir


class DatabaseClient(client.DatabaseClient):
    """``manage.py dbshell`` on the embedded server's socket."""

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict[str, Any], parameters: Iterable[str]
    ) -> tuple[list[str], dict[str, str] | None]:
        return super().settings_to_cmd_args_env({**settings_dict, "HOST": socket_dir()}, parameters)


class DatabaseWrapper(base.DatabaseWrapper):
    """The PostgreSQL backend with the embedded server's socket directory as its host."""

    client_class = DatabaseClient

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params["host"] = socket_dir()
        return params
