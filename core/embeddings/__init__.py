"""Sentence embeddings shared by every app: retrieval, and exercise matching's fallback.

The model (all-MiniLM-L6-v2 unless ``EMBEDDING_MODEL`` says otherwise) is loaded lazily, once
per process; importing this package imports neither torch nor sentence-transformers.
"""

from __future__ import annotations

import numpy as np

from core.embeddings import embedder as _embedder_module
from core.embeddings.embedder import Embedder, TextTooLong, build_embedder, get_embedder

__all__ = ["Embedder", "TextTooLong", "build_embedder", "encode", "get_embedder", "status"]


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised vectors for ``texts`` (each at most the model's 256 word-pieces)."""
    return get_embedder().encode(texts)


def status() -> dict[str, object]:
    """For health checks: whether this process has loaded the model, and its shape (no load)."""
    loaded = _embedder_module._embedder
    if loaded is None:
        return {"status": "ok", "loaded": False}
    return {
        "status": "ok",
        "loaded": True,
        "backend": loaded.backend,
        "dimension": loaded.dimensions,
    }
