"""What each LLM call cost: tokens, latency, outcome and estimated USD, sent to monitoring."""

from __future__ import annotations

import logging
from typing import Any

from core.llm.base import Usage

logger = logging.getLogger(__name__)

# USD per 1M tokens (prompt, completion), list prices; unknown models cost 0.
PRICES_PER_MTOK: dict[str, tuple[float, float]] = {
    "grok-4-fast": (0.20, 0.50),
    "grok-4-fast-non-reasoning": (0.20, 0.50),
    "grok-4": (3.00, 15.00),
    "grok-3-mini": (0.30, 0.50),
    "kimi-k2-0905-preview": (0.60, 2.50),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


def cost_microusd(model: str, usage: Usage) -> int:
    """Estimated cost in millionths of a dollar (a per-1M-token price is micro-USD per token)."""
    prompt_price, completion_price = PRICES_PER_MTOK.get(model, (0.0, 0.0))
    return round(usage.prompt_tokens * prompt_price + usage.completion_tokens * completion_price)


def _metrics() -> Any:
    try:
        from core import metrics
    except ImportError:  # monitoring not installed: calls still work, unrecorded
        return None
    return metrics


def _safely(action: str, *args: Any, **labels: Any) -> None:
    metrics = _metrics()
    if metrics is None:
        return
    try:
        getattr(metrics, action)(*args, **labels)
    except Exception:  # recording must never fail a coach answer
        logger.warning("could not record LLM metric %s", args[0], exc_info=True)


def record_success(provider: str, model: str, usage: Usage, latency_ms: float) -> int:
    """Record a finished call; returns its estimated cost in micro-USD."""
    cost = cost_microusd(model, usage)
    _safely("incr", "llm_calls", provider=provider, model=model, outcome="ok")
    _safely("incr", "llm_tokens", usage.prompt_tokens, provider=provider, kind="prompt")
    _safely("incr", "llm_tokens", usage.completion_tokens, provider=provider, kind="completion")
    _safely("observe", "llm_latency_ms", latency_ms, provider=provider)
    if cost:
        _safely("incr", "llm_cost_microusd", cost, provider=provider)
    return cost


def record_failure(
    provider: str, model: str, latency_ms: float, *, reason: str, fallback: bool
) -> None:
    """A call that failed; ``fallback`` when another provider answered instead."""
    outcome = "fallback" if fallback else "error"
    _safely("incr", "llm_calls", provider=provider, model=model, outcome=outcome)
    _safely("incr", "llm_errors", provider=provider, reason=reason)
    _safely("observe", "llm_latency_ms", latency_ms, provider=provider)
