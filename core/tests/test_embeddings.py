"""The embedder tokenises each text once, and its vectors are the model's own."""

from __future__ import annotations

import numpy as np
import pytest

from core.embeddings import TextTooLong, get_embedder


class CountingCounter:
    """The embedder's token counter, counting how many texts it tokenised."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.tokenizer = inner.tokenizer
        self.tokenised: list[str] = []

    def encode_many(self, texts: list[str]):  # type: ignore[no-untyped-def]
        self.tokenised.extend(texts)
        return self.inner.encode_many(texts)

    def count_many(self, texts: list[str]) -> list[int]:
        return [len(encoding.ids) for encoding in self.encode_many(texts)]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> CountingCounter:
    embedder = get_embedder()
    counter = CountingCounter(embedder.counter)
    monkeypatch.setattr(embedder, "counter", counter)
    return counter


def test_each_text_is_tokenised_once_and_embedded_as_the_model_embeds_it(counted):
    embedder = get_embedder()
    texts = ["my heel kills in the morning", "bench stuck for months", "why do I die at mile 20"]

    vectors = embedder.encode(texts)

    assert counted.tokenised == texts
    if embedder.backend == "onnx":  # the same word-pieces through the model's own path
        reference = embedder._encode(texts)
        assert np.allclose(vectors, reference, atol=1e-6)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_text_over_the_token_limit_is_refused_after_one_tokenisation(counted):
    embedder = get_embedder()
    long_text = "squat " * (embedder.max_tokens + 5)

    with pytest.raises(TextTooLong):
        embedder.encode(["short", long_text])

    assert counted.tokenised == ["short", long_text]
