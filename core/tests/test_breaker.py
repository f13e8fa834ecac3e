"""The one circuit breaker: an outage reported once, a recovery once, settings read when used."""

from __future__ import annotations

from core.breaker import CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_outage_is_reported_when_it_opens_and_its_end_when_it_closes(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(CircuitBreaker, "clock", clock)
    breaker = CircuitBreaker("dep", threshold=2, cooldown_s=5)
    assert [breaker.record_failure(), breaker.record_failure()] == [False, True]  # opens
    clock.now = 5
    assert breaker.allow() is True  # the half-open probe
    assert breaker.record_failure() is False  # a failed probe: the same outage, not a new one
    assert (breaker.state, breaker.retry_in()) == (CircuitBreaker.OPEN, 5)
    clock.now = 10
    assert breaker.allow() is True
    assert breaker.record_success() is True  # the recovery
    assert breaker.record_success() is False
    assert breaker.state == CircuitBreaker.CLOSED


def test_threshold_and_cooldown_are_read_when_used(monkeypatch):
    monkeypatch.setattr(CircuitBreaker, "clock", Clock())
    limits = {"failures": 3, "seconds": 60.0}
    breaker = CircuitBreaker(
        "dep", threshold=lambda: limits["failures"], cooldown_s=lambda: limits["seconds"]
    )
    assert breaker.record_failure() is False
    limits["failures"] = 2
    assert breaker.record_failure() is True
    assert breaker.allow() is False
    limits["seconds"] = 0
    assert breaker.allow() is True
