"""What each LLM call cost: tokens, latency, outcome and estimated USD, recorded in core.metrics."""

from __future__ import annotations

from core import metrics
from core.llm.base import Usage

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


def record_success(provider: str, model: str, usage: Usage, latency_ms: float) -> int:
    """Record a finished call; returns its estimated cost in micro-USD."""
    cost = cost_microusd(model, usage)
    metrics.incr("llm_calls", provider=provider, model=model, outcome="ok")
    metrics.incr("llm_tokens", usage.prompt_tokens, provider=provider, kind="prompt")
    metrics.incr("llm_tokens", usage.completion_tokens, provider=provider, kind="completion")
    metrics.observe("llm_latency_ms", latency_ms, provider=provider)
    if cost:
        metrics.incr("llm_cost_microusd", cost, provider=provider)
    return cost


def record_failure(
    provider: str, model: str, latency_ms: float, *, reason: str, fallback: bool
) -> None:
    """A call that failed; ``fallback`` when another provider answered instead."""
    outcome = "fallback" if fallback else "error"
    metrics.incr("llm_calls", provider=provider, model=model, outcome=outcome)
    metrics.incr("llm_errors", provider=provider, reason=reason)
    metrics.observe("llm_latency_ms", latency_ms, provider=provider)
