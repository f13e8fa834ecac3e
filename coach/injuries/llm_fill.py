"""The remote model reads only what the rules left out of an injury report (region, severity).

Its answer is JSON checked against the vocabulary: anything else is ignored and the endpoint
asks the athlete instead. The offline provider has nothing to add, so it is never asked.
"""

from __future__ import annotations

import json
import re
from typing import Any

from core import llm
from core.llm.offline import OfflineProvider
from training.models import InjuryRegion

SYSTEM = (
    "You read an athlete's description of an injury and answer with one JSON object only, "
    "no prose. Use null for anything the words do not say. Never guess a severity the athlete "
    "did not give in numbers or words."
)
_OBJECT = re.compile(r"\{.*\}", re.S)


def _question(text: str, missing: list[str]) -> str:
    keys = ", ".join(f'"{name}"' for name in missing)
    regions = ", ".join(InjuryRegion.values)
    return (
        f"Injury report: {text!r}\nAnswer with a JSON object with the keys {keys}. body_region "
        f"is one of: {regions}. severity is an integer from 1 to 10."
    )


def _valid(name: str, value: Any) -> bool:
    if name == "body_region":
        return value in InjuryRegion.values
    if name == "severity":
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10
    return False


def llm_fill(text: str, missing: list[str]) -> dict[str, Any]:
    """The missing fields a remote model could read from ``text`` (empty when offline or unsure)."""
    provider = llm.get_provider()
    if isinstance(provider, OfflineProvider):
        return {}
    request = llm.ChatRequest(
        message=_question(text, missing), system_text=SYSTEM, max_tokens=60, temperature=0.0
    )
    try:
        result = provider.complete(request)
    except llm.LLMError:
        return {}
    if result.provider == OfflineProvider.name:  # a configured fallback answered
        return {}
    found = _OBJECT.search(result.text)
    try:
        data = json.loads(found[0]) if found else {}
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {name: data[name] for name in missing if _valid(name, data.get(name))}
