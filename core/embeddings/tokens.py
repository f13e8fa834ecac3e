"""Token counting with the embedding model's own tokenizer (special tokens included)."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from tokenizers import Encoding, Tokenizer

from core.embeddings.model_files import embedding_model_path


class TokenCounter:
    """Counts word-pieces exactly as the model sees them, without truncating anything."""

    def __init__(self, model_path: Path) -> None:
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self._lock = threading.Lock()

    def count(self, text: str) -> int:
        with self._lock:
            return len(self.tokenizer.encode(text).ids)

    def count_many(self, texts: list[str]) -> list[int]:
        return [len(encoding.ids) for encoding in self.encode_many(texts)]

    def encode_many(self, texts: list[str]) -> list[Encoding]:
        """The texts' word-pieces (ids, special tokens included), untruncated and unpadded."""
        with self._lock:
            return self.tokenizer.encode_batch(texts)


@lru_cache(maxsize=4)
def _counter_for(path: str) -> TokenCounter:
    return TokenCounter(Path(path))


def get_token_counter() -> TokenCounter:
    """The process-wide counter for the configured model (loads only the tokenizer)."""
    return _counter_for(str(embedding_model_path()))
