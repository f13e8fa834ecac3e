"""Safety for coach answers: pain, injury and medical questions always get red-flag guidance."""

from __future__ import annotations

import re
from typing import Any

from core.llm.offline import RED_FLAGS, is_medical
from rag.models import KnowledgeChunk

RED_FLAG_SOURCE = "injury/red-flags.md"
_PROFESSIONAL = re.compile(
    r"\b(doctor|physio|physiotherapist|clinician|medical|professional)", re.I
)

__all__ = ["is_medical", "red_flag_block", "safety_note"]


def red_flag_block(n: int) -> dict[str, Any] | None:
    """The knowledge base's red-flag overview as citation ``n`` (None if not ingested)."""
    chunk = (
        KnowledgeChunk.objects.filter(source_file__endswith=RED_FLAG_SOURCE)
        .order_by("ordinal", "part", "id")
        .only("id", "title", "heading", "namespace", "text")
        .first()
    )
    if chunk is None:
        return None
    return {
        "n": n,
        "chunk_id": chunk.id,
        "title": chunk.heading or chunk.title,
        "namespace": chunk.namespace,
        "text": chunk.text,
    }


def safety_note(answer: str, red_flag_n: int | None) -> str:
    """What to append so the answer recommends a professional and names the red flags."""
    if RED_FLAGS in answer:  # the offline coach already wrote its red-flag paragraph
        return ""
    cite = f" [{red_flag_n}]" if red_flag_n else ""
    note = (
        "Safety first: stop anything that causes sharp or worsening pain, and see a doctor or "
        "physiotherapist to get it assessed. Get urgent medical care for red flags such as chest "
        "pain, fainting, numbness or weakness, loss of bladder or bowel control, night pain, a "
        f"hot swollen joint with fever, or a suspected fracture{cite}."
    )
    if _PROFESSIONAL.search(answer) and (not red_flag_n or f"[{red_flag_n}]" in answer):
        return ""
    return "\n\n" + note
