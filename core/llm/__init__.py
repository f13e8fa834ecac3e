"""The LLM layer every app uses: one interface over xAI, Kimi, OpenAI, any compatible server
or the offline coach, with timeouts, retries, a circuit breaker, fallback and cost accounting.

    from core import llm

    provider = llm.get_provider()
    result = provider.complete(llm.ChatRequest(message="...", context_blocks=[...]))
    for delta in provider.stream(request): ...
    async with contextlib.aclosing(provider.astream(request)) as deltas: ...

Errors are ``llm.LLMError`` (``LLMUnavailable`` for timeouts, 429/5xx after retries and an open
breaker); both are DRF exceptions that render as a 503 (502 for a refused request) in the API's
error shape. Response caches should include ``prompt_cache_tag(request)`` and the model.
"""

from __future__ import annotations

from core.llm.base import (
    ChatRequest,
    ChatResult,
    CircuitOpen,
    Delta,
    LLMError,
    LLMRequestError,
    LLMUnavailable,
    Provider,
    Usage,
)
from core.llm.prompts import PROMPT_VERSION, TEMPLATES, build_messages, prompt_cache_tag
from core.llm.providers import get_provider, reset_providers

__all__ = [
    "PROMPT_VERSION",
    "TEMPLATES",
    "ChatRequest",
    "ChatResult",
    "CircuitOpen",
    "Delta",
    "LLMError",
    "LLMRequestError",
    "LLMUnavailable",
    "Provider",
    "Usage",
    "build_messages",
    "get_provider",
    "prompt_cache_tag",
    "reset_providers",
]
