"""The embedder tokenises each text once, and its vectors are the model's own."""

from __future__ import annotations

import numpy as np
import pytest

from core.embeddings import TextTooLong, build_embedder, get_embedder
from core.embeddings.onnx_export import MIN_COSINE


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


def test_the_onnx_export_is_fused_and_matches_pytorch_on_a_padded_batch():
    embedder = get_embedder()
    if embedder.backend != "onnx":
        pytest.skip("PyTorch is in use: there is no ONNX export to check")
    import onnx

    graph = onnx.load(str(embedder.onnx_file), load_external_data=False).graph
    operators = {node.op_type for node in graph.node}
    # Texts of very different lengths share one padded batch: the fused attention must mask.
    texts = [
        "Protein",
        "my heel kills in the morning",
        "Easy runs should feel conversational; keep most weekly mileage at an easy pace, "
        "and save the hard efforts for two sessions a week at most.",
    ]

    candidate = embedder.encode(texts)
    reference = build_embedder("torch").encode(texts)

    assert {"Attention", "SkipLayerNormalization"} <= operators
    assert float(np.min(np.sum(candidate * reference, axis=1))) >= MIN_COSINE
