"""Fixtures for the coach: a small real knowledge base, and answer caches emptied per test."""

from __future__ import annotations

import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from django.conf import settings

from rag.ingestion import KnowledgeIngestor

if TYPE_CHECKING:
    from django_redis.cache import RedisCache

KNOWLEDGE_FILES = [
    "injury/red-flags.md",
    "injury/patellar-tendinopathy.md",
    "nutrition/protein.md",
    "strength/back-squat.md",
    "running/easy-runs.md",
]


@pytest.fixture(autouse=True)
def _fresh_answer_caches() -> Iterator[None]:
    """Redis outlives each test's database transaction: start every test without answers."""
    from django.core.cache import cache

    yield
    for pattern in ("ai:*", "rag:*"):
        cast("RedisCache", cache).delete_pattern(pattern)


@pytest.fixture
def knowledge(db, tmp_path: Path) -> Path:
    """A few real knowledge files, ingested with the real embedding model."""
    root = tmp_path / "knowledge"
    source = Path(settings.BASE_DIR) / "knowledge"
    for relative in KNOWLEDGE_FILES:
        if (source / relative).exists():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source / relative, root / relative)
    KnowledgeIngestor(root=root, stream=io.StringIO()).run()
    return root


@pytest.fixture
def redis_round_trips(monkeypatch):
    """Every packet the Redis clients send (one per round trip: a pipeline is one packet)."""
    from redis.connection import Connection

    sent: list[object] = []
    send = Connection.send_packed_command
    caller = threading.get_ident()  # not the metrics flusher's thread

    def recording(self, command, check_health=True):
        if threading.get_ident() == caller:
            sent.append(command)
        return send(self, command, check_health)

    monkeypatch.setattr(Connection, "send_packed_command", recording)
    return sent
