"""core.redis.PendingWrites: writes that failed are kept until one send succeeds."""

from __future__ import annotations

import threading

import pytest

from core.redis import PendingWrites


class Down(ConnectionError):
    pass


def test_nothing_pending_calls_nothing() -> None:
    calls: list[list[int]] = []
    pending = PendingWrites()
    assert not pending
    assert pending.send(calls.append) == 0
    assert calls == []


def test_a_failed_send_keeps_every_id_and_raises() -> None:
    pending = PendingWrites()
    for user_id in (3, 1, 2):
        pending.add(user_id)

    def down(user_ids: list[int]) -> None:
        raise Down("refused")

    with pytest.raises(Down):
        pending.send(down)
    sent: list[list[int]] = []
    assert pending.send(sent.append) == 3
    assert sent == [[1, 2, 3]]  # one call, sorted, each id once
    assert not pending
    assert pending.send(sent.append) == 0
    assert sent == [[1, 2, 3]]


def test_an_id_added_again_is_sent_once() -> None:
    pending = PendingWrites()
    pending.add(7)
    pending.add(7)
    sent: list[list[int]] = []
    pending.send(sent.append)
    assert sent == [[7]]


def test_concurrent_senders_send_each_id_once() -> None:
    pending = PendingWrites()
    for user_id in range(50):
        pending.add(user_id)
    sent: list[int] = []
    start = threading.Barrier(4)

    def sender() -> None:
        start.wait()
        pending.send(sent.extend)

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == list(range(50))


def test_clear_forgets() -> None:
    pending = PendingWrites()
    pending.add(1)
    pending.clear()
    assert not pending
