"""The gunicorn settings of `make run`: an idle keep-alive connection is still served later."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

APP = """
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
"""
# Longer than gunicorn's default keep-alive (2 s), as a client or proxy pauses between requests.
IDLE_S = 3.5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A tiny WSGI app under gunicorn with ``voicefit.gunicorn``; yields its port."""
    (tmp_path / "tinyapp.py").write_text(APP)
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "python:voicefit.gunicorn", "tinyapp:app"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"]
    command += ["--pythonpath", str(tmp_path)]
    server = subprocess.Popen(
        command, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "gunicorn exited"
                assert time.monotonic() < deadline, "gunicorn did not listen"
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(conn: http.client.HTTPConnection) -> int:
    conn.request("GET", "/")
    response = conn.getresponse()
    response.read()
    return response.status


def test_a_keep_alive_connection_idle_for_seconds_is_still_served(served):
    conn = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    try:
        assert _get(conn) == 200
        sock = conn.sock
        time.sleep(IDLE_S)
        assert _get(conn) == 200  # with gunicorn's 2 s default: RemoteDisconnected
        assert conn.sock is sock  # the same connection, not a new one
    finally:
        conn.close()
