"""A local OpenAI-compatible chat server for tests, scripted reply by reply."""

from __future__ import annotations

import json
import select
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer. ``kind``: ok | error | slow | hold.

    ok     -> the text as JSON, or as SSE word deltas if the request asked to stream
    error  -> ``status`` with an OpenAI-style error body and optional ``Retry-After``
    slow   -> waits ``delay_s`` (or until the server closes), then answers like ok
    hold   -> streams ``hold_after`` deltas, then waits for ``server.release`` before the rest
    """

    kind: str = "ok"
    text: str = "Train hard, recover well [1]."
    status: int = 200
    retry_after: str | None = None
    delay_s: float = 0.0
    hold_after: int = 1
    usage: dict[str, int] = field(
        default_factory=lambda: {"prompt_tokens": 120, "completion_tokens": 30}
    )


def ok(text: str = "Train hard, recover well [1].", **kw: Any) -> Reply:
    return Reply("ok", text=text, **kw)


def error(status: int, retry_after: str | None = None) -> Reply:
    return Reply("error", status=status, retry_after=retry_after)


def slow(delay_s: float) -> Reply:
    return Reply("slow", delay_s=delay_s)


def hold(text: str, hold_after: int = 1) -> Reply:
    return Reply("hold", text=text, hold_after=hold_after)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up (the point of several tests) are not errors."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LLMTestServer:
    """``POST /v1/chat/completions`` on 127.0.0.1, a free port. Replies come from ``script``
    (then the default ``ok()``); every request body lands in ``requests``."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # lets held streams finish
        self.disconnected = threading.Event()  # a held stream's client went away
        self.finished_streams = 0  # streams whose every delta was sent
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self.httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/v1"

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    def push(self, *replies: Reply) -> None:
        self.script.extend(replies)

    def start(self) -> LLMTestServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            return self.script.popleft() if self.script else ok()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as separate writes

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._json(404, {"error": {"message": "not found"}})
                    return
                reply = server._next(body)
                if reply.kind == "error":
                    self._error(reply)
                    return
                if reply.kind == "slow" and server._closing.wait(reply.delay_s):
                    return
                if body.get("stream"):
                    self._stream(body, reply)
                else:
                    self._json(200, completion(body, reply))

            def _json(self, status: int, payload: dict[str, Any], **headers: str) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _error(self, reply: Reply) -> None:
                headers = {"Retry-After": reply.retry_after} if reply.retry_after else {}
                payload = {"error": {"message": f"scripted {reply.status}", "type": "test"}}
                self._json(reply.status, payload, **headers)

            def _event(self, payload: dict[str, Any] | str) -> None:
                data = payload if isinstance(payload, str) else json.dumps(payload)
                chunk = f"data: {data}\n\n".encode()
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()

            def _client_gone(self) -> bool:
                readable, _, _ = select.select([self.connection], [], [], 0)
                if not readable:
                    return False
                try:
                    return self.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    return True

            def _stream(self, body: dict[str, Any], reply: Reply) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                words = [w + " " for w in reply.text.split(" ")]
                words[-1] = words[-1].rstrip()
                try:
                    for index, word in enumerate(words):
                        if reply.kind == "hold" and index == reply.hold_after:
                            while not server.release.wait(0.01):
                                if self._client_gone():
                                    server.disconnected.set()
                                    self.close_connection = True
                                    return
                        self._event(chunk(body, {"content": word}))
                    with server._lock:  # counted before the client can see the end
                        server.finished_streams += 1
                    self._event(chunk(body, {}, finish_reason="stop"))
                    self._event({**chunk(body, None), "usage": usage(reply)})
                    self._event("[DONE]")
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    server.disconnected.set()
                    self.close_connection = True

        return Handler


def usage(reply: Reply) -> dict[str, int]:
    return {**reply.usage, "total_tokens": sum(reply.usage.values())}


def completion(body: dict[str, Any], reply: Reply) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.text},
                "finish_reason": "stop",
            }
        ],
        "usage": usage(reply),
    }


def chunk(
    body: dict[str, Any], delta: dict[str, str] | None, finish_reason: str | None = None
) -> dict[str, Any]:
    choices = (
        [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish_reason}]
    )
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": body.get("model", ""),
        "choices": choices,
    }
