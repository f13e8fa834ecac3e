"""The sentence embedder: loaded lazily once per process, ONNX Runtime when it matches PyTorch."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
from django.conf import settings
from tokenizers import Encoding

from core.embeddings.model_files import embedding_model_path

logger = logging.getLogger(__name__)


class TextTooLong(ValueError):
    """Raised instead of letting the model silently truncate a text."""


class Embedder:
    """Base class: ``_encode`` turns texts into L2-normalised float32 vectors."""

    backend = "base"
    max_tokens = 256
    query_cache_size = 2048

    def __init__(self, model_path: Path) -> None:
        from core.embeddings.tokens import TokenCounter

        self.model_path = model_path
        self.counter = TokenCounter(model_path)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Embed texts in batches; a text longer than ``max_tokens`` is refused, never cut.

        Each text is tokenised once: the counts that check the limit and sort the batches are
        the word-pieces the model is then given."""
        encodings = self.counter.encode_many(texts)
        counts = [len(encoding.ids) for encoding in encodings]
        for text, count in zip(texts, counts, strict=True):
            if count > self.max_tokens:
                raise TextTooLong(f"{count} tokens > {self.max_tokens}: {text[:60]!r}")
        order = np.argsort(counts, kind="stable")
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            indexes = order[start : start + batch_size]
            vectors[indexes] = self._encode_tokens(
                [texts[i] for i in indexes], [encodings[i] for i in indexes]
            )
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        """One query's vector, from an in-process LRU cache when seen before."""
        with self._cache_lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self.encode([text])[0]
        vector.flags.writeable = False
        with self._cache_lock:
            self._cache[text] = vector
            while len(self._cache) > self.query_cache_size:
                self._cache.popitem(last=False)
        return vector

    def clear_query_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    @property
    def dimensions(self) -> int:
        raise NotImplementedError

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _encode_tokens(self, texts: list[str], encodings: list[Encoding]) -> np.ndarray:
        """The texts' vectors, given their word-pieces too (a backend that tokenises by itself
        ignores them)."""
        return self._encode(texts)


class OnnxEmbedder(Embedder):
    """BERT forward pass in ONNX Runtime, then mean pooling and normalisation in numpy."""

    backend = "onnx"

    def __init__(self, model_path: Path, onnx_file: Path) -> None:
        import onnxruntime

        super().__init__(model_path)
        self.onnx_file = onnx_file
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        if settings.EMBEDDING_THREADS:
            options.intra_op_num_threads = settings.EMBEDDING_THREADS
        # Idle worker threads sleep instead of spinning: a query's embedding is followed at
        # once by its database search, which spinning threads would take CPU from (on two
        # cores: embedding + search p50 -13 %, p95 -10 %, measured interleaved).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self._dimensions = int(self.session.get_outputs()[0].shape[-1])

    @property
    def dimensions(self) -> int:
        return self._dimensions

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._encode_tokens(texts, self.counter.encode_many(texts))

    def _encode_tokens(self, texts: list[str], encodings: list[Encoding]) -> np.ndarray:
        width = max(len(encoding.ids) for encoding in encodings)
        input_ids = np.zeros((len(texts), width), dtype=np.int64)
        attention = np.zeros_like(input_ids)
        for row, encoding in enumerate(encodings):
            input_ids[row, : len(encoding.ids)] = encoding.ids
            attention[row, : len(encoding.ids)] = 1
        (hidden,) = self.session.run(
            None,
            {
                "input_ids": input_ids,
                "attention_mask": attention,
                "token_type_ids": np.zeros_like(input_ids),
            },
        )
        mask = attention[..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


class TorchEmbedder(Embedder):
    """sentence-transformers on PyTorch (CPU): the reference implementation."""

    backend = "torch"

    def __init__(self, model_path: Path) -> None:
        from sentence_transformers import SentenceTransformer

        super().__init__(model_path)
        self.model = SentenceTransformer(str(model_path), device="cpu")
        max_seq_length = self.model.max_seq_length
        if max_seq_length is None:
            raise TypeError(f"{model_path} declares no max_seq_length")
        self.max_tokens = min(self.max_tokens, int(max_seq_length))

    @property
    def dimensions(self) -> int:
        dimensions = self.model.get_embedding_dimension()
        if dimensions is None:
            raise TypeError("the sentence-transformers model declares no embedding dimension")
        return int(dimensions)

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(
            texts, batch_size=len(texts), normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)


_embedder: Embedder | None = None
_embedder_lock = threading.Lock()


def build_embedder(backend: str | None = None) -> Embedder:
    """A new embedder for the configured model; ``auto`` prefers a verified ONNX export."""
    from core.embeddings.onnx_export import ensure_onnx_export

    backend = backend or settings.EMBEDDING_BACKEND
    model_path = embedding_model_path()
    if backend in {"auto", "onnx"}:
        try:
            onnx_file = ensure_onnx_export(settings.EMBEDDING_CACHE_DIR, model_path)
        except ImportError:
            onnx_file = None
        if onnx_file is not None:
            return OnnxEmbedder(model_path, onnx_file)
        logger.warning("ONNX embedding unavailable or not identical to PyTorch; using PyTorch")
    return TorchEmbedder(model_path)


def get_embedder() -> Embedder:
    """The process-wide embedder, built on first use (never at import)."""
    global _embedder
    if _embedder is None:
        with _embedder_lock:
            if _embedder is None:
                _embedder = build_embedder()
    return _embedder
