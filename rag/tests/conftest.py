"""Fixtures for rag tests: the real embedding model once per test run, small knowledge trees."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from core.embeddings import Embedder, get_embedder

BACK_SQUAT = """\
---
title: Back squat basics
namespace: strength
tags: [squat]
---

## Squat depth
A full-depth back squat takes the crease of the hip just below the top of the knee. Deeper
squats train the glutes and adductors through a longer range of motion.

## Squat programming
Train the squat two or three times a week for three to five sets of three to six reps.
"""

EASY_RUNS = """\
---
title: Easy runs
namespace: running
tags: [running]
---

## Why easy runs matter
Easy runs build aerobic capacity; keep them conversational, at a pace where full sentences
are still possible, and do most weekly mileage this way.
"""

MOBILITY = """\
---
title: Ankle mobility
namespace: mobility
tags: [ankle]
---

## Ankle dorsiflexion drills
Knee-to-wall rocks improve ankle dorsiflexion for deeper squats and smoother running strides.
"""


class CountingEmbedder:
    """The real embedder, counting how many texts it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def encode(self, texts: list[str], batch_size: int = 32):  # type: ignore[no-untyped-def]
        self.texts.extend(texts)
        return self.inner.encode(texts, batch_size)

    def embed_query(self, text: str):  # type: ignore[no-untyped-def]
        return self.inner.embed_query(text)


@pytest.fixture(autouse=True)
def _leave_no_rag_state():  # type: ignore[no-untyped-def]
    """Other apps' tests count cache keys and hit rates: remove what these tests recorded."""
    yield
    from django.core.cache import cache

    from core import metrics

    cache.delete_pattern("rag:*")
    metrics.recorder.reset()


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return get_embedder()


@pytest.fixture
def counting_embedder(embedder: Embedder) -> CountingEmbedder:
    return CountingEmbedder(embedder)


def write(root: Path, relative: str, content: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(content))
    return path


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    write(root, "strength/back-squat.md", BACK_SQUAT)
    write(root, "running/easy-runs.md", EASY_RUNS)
    write(root, "mobility/ankle.md", MOBILITY)
    return root


ANKLE_ASKED = """\
---
title: Ankle mobility
namespace: mobility
tags: [ankle]
asked_as:
  "Ankle dorsiflexion drills":
    - "my heels lift off the floor when i go down"
    - "stiff ankles when squatting"
---

## Ankle dorsiflexion drills
Knee-to-wall rocks improve ankle dorsiflexion for deeper squats and smoother running strides.
"""


@pytest.fixture
def asked_dir(knowledge_dir: Path) -> Path:
    """The small tree, with the ankle file asking its section two questions."""
    write(knowledge_dir, "mobility/ankle.md", ANKLE_ASKED)
    return knowledge_dir
