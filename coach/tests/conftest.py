"""Fixtures for the coach: a small real knowledge base and a local OpenAI-compatible server."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from django.conf import settings

from rag.ingestion import KnowledgeIngestor
from voicefit.tests.conftest import LLM_SETTINGS

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
def offline(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from voicefit.llm import reset_providers

    for name in LLM_SETTINGS:
        setattr(settings, name, "")
    reset_providers()
    yield
    reset_providers()


@pytest.fixture
def remote(settings, llm_server):  # type: ignore[no-untyped-def]
    """The coach talking to the local OpenAI-compatible server."""
    from voicefit.llm import reset_providers

    for name in LLM_SETTINGS:
        setattr(settings, name, "")
    settings.LLM_BASE_URL = llm_server.url
    settings.LLM_MODEL = "test-model"
    settings.LLM_TIMEOUT_S = 1.0
    settings.LLM_MAX_RETRIES = 1
    settings.LLM_RETRY_BASE_S = 0.01
    settings.LLM_BREAKER_THRESHOLD = 50
    reset_providers()
    yield llm_server
    reset_providers()
