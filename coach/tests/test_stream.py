"""Streamed coach answers: server-sent events through the real ASGI application."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import jsonschema_rs
import pytest
from asgiref.sync import async_to_sync
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from accounts.tokens import TierTokenObtainPairSerializer
from coach.models import Turn
from coach.streaming import ANSWER_EVENT
from core.llm.testserver import hold
from voicefit.asgi import application

pytestmark = pytest.mark.django_db

QUESTION = "How much protein should someone eat per day to build muscle?"


@dataclass
class Exchange:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes] = field(default_factory=list)
    first_chunk_while_held: bool = False

    def events(self) -> list[tuple[str, dict[str, Any]]]:
        parsed = []
        for block in b"".join(self.chunks).decode().split("\n\n"):
            if not block.strip():
                continue
            lines = dict(line.split(": ", 1) for line in block.splitlines())
            parsed.append((lines["event"], json.loads(lines["data"])))
        return parsed


def _stream(user, server, body: dict[str, Any], *, disconnect_after_first: bool) -> Exchange:
    """POST through ``voicefit.asgi.application`` and watch the body arrive piece by piece.

    Run under ``async_to_sync`` so the app's thread-sensitive database calls use this test's
    connection (and see its uncommitted rows).
    """
    token = TierTokenObtainPairSerializer.get_token(user).access_token
    payload = json.dumps(body).encode()
    exchange = Exchange()

    async def drive() -> None:
        first = asyncio.Event()
        gone = asyncio.Event()
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": payload, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: Mapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                exchange.status = message["status"]
                exchange.headers = {k.decode().lower(): v.decode() for k, v in message["headers"]}
            elif message["type"] == "http.response.body" and message.get("body"):
                if not exchange.chunks:
                    exchange.first_chunk_while_held = not server.release.is_set()
                exchange.chunks.append(message["body"])
                first.set()

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/api/coach/ask",
            "raw_path": b"/api/coach/ask",
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"testserver"),
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"authorization", f"Bearer {token}".encode()),
            ],
            "client": ("198.18.7.7", 50000),
            "server": ("testserver", 80),
        }
        task = asyncio.create_task(application(scope, receive, send))
        await asyncio.wait_for(first.wait(), 20)
        if disconnect_after_first:
            gone.set()
        else:
            server.release.set()
        await asyncio.wait_for(task, 20)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        async_to_sync(drive)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return exchange


def test_events_arrive_before_the_provider_finishes(knowledge, remote_llm, user):
    remote_llm.push(hold("Protein at about 1.6 g per kg daily supports growth [1].", hold_after=2))
    exchange = _stream(
        user, remote_llm, {"question": QUESTION, "stream": True}, disconnect_after_first=False
    )
    assert exchange.status == 200
    assert exchange.headers["content-type"].startswith("text/event-stream")
    assert exchange.headers["x-accel-buffering"] == "no"
    assert exchange.first_chunk_while_held
    events = exchange.events()
    names = [name for name, _ in events]
    assert names[-1] == "done"
    assert names.count("delta") >= 2
    text = "".join(data["text"] for name, data in events if name == "delta")
    assert text == "Protein at about 1.6 g per kg daily supports growth [1]."
    done = events[-1][1]
    assert done["citations"]
    assert done["usage"]["completion_tokens"] == 30
    assert done["cached"] is False
    assert Turn.objects.filter(role="assistant", content=text).exists()


def test_a_finished_stream_is_cached_and_replayed(knowledge, remote_llm, user):
    remote_llm.push(hold("Eat protein across the day [1].", hold_after=1))
    _stream(user, remote_llm, {"question": QUESTION, "stream": True}, disconnect_after_first=False)
    calls = remote_llm.request_count
    replay = _stream(
        user, remote_llm, {"question": QUESTION, "stream": True}, disconnect_after_first=False
    )
    assert remote_llm.request_count == calls
    assert replay.events()[-1][1]["cached"] is True
    assert replay.events()[0][1]["text"] == "Eat protein across the day [1]."


def test_disconnect_cancels_upstream_and_caches_nothing(knowledge, remote_llm, user, auth_client):
    remote_llm.push(hold("Half an answer that never ends [1].", hold_after=1))
    exchange = _stream(
        user, remote_llm, {"question": QUESTION, "stream": True}, disconnect_after_first=True
    )
    assert exchange.first_chunk_while_held
    assert remote_llm.disconnected.wait(5)
    assert not Turn.objects.exists()
    calls = remote_llm.request_count
    remote_llm.release.set()
    after = auth_client.post("/api/coach/ask", {"question": QUESTION})
    assert after.data["cached"] is False
    assert remote_llm.request_count == calls + 1


def test_offline_provider_streams_too(knowledge, llm_settings, user):
    released = SimpleNamespace(release=threading.Event())
    released.release.set()
    exchange = _stream(
        user, released, {"question": QUESTION, "stream": True}, disconnect_after_first=False
    )
    events = exchange.events()
    assert events[-1][0] == "done"
    assert events[-1][1]["provider"] == "offline"
    assert "offline" in "".join(d["text"] for n, d in events if n == "delta").lower()


def test_every_event_matches_the_schema_documented_for_the_stream(knowledge, llm_settings, user):
    released = SimpleNamespace(release=threading.Event())
    released.release.set()
    exchange = _stream(
        user, released, {"question": QUESTION, "stream": True}, disconnect_after_first=False
    )
    validator = jsonschema_rs.validator_for(ANSWER_EVENT)
    raw = [
        dict(line.split(": ", 1) for line in block.splitlines())
        for block in b"".join(exchange.chunks).decode().split("\n\n")
        if block.strip()
    ]
    assert [event["event"] for event in raw][-1] == "done"
    for event in raw:
        validator.validate(event)  # {event, data}: what schemathesis checks each event against
