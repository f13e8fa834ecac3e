"""Shared fixtures for the portability tests: the catalog, a private media folder, uploads."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portability.mapping import CatalogMapper
from training.services import exercise_catalog_load
from voice.matching import ExerciseMatcher

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STRONG = "strong_4_months_lb.csv"
HEVY = "hevy_4_months_kg.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class WordMatcher(ExerciseMatcher):
    """The voice matcher without its embedding stage: every test reloads the catalog, and
    embedding the whole catalog again costs seconds per test. ``test_mapping`` keeps it."""

    encoder_source = staticmethod(lambda: None)


@pytest.fixture(autouse=True)
def word_matcher(monkeypatch) -> None:
    monkeypatch.setattr(CatalogMapper, "matcher_class", WordMatcher)


@pytest.fixture
def catalog(db) -> None:
    exercise_catalog_load()


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def upload(client, files, format: str, **fields):
    """POST /api/imports/ with (name, bytes) files as multipart parts named ``file``."""
    parts = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(
        "/api/imports/", {"file": parts, "format": format, **fields}, format="multipart"
    )
