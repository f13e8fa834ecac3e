"""flush_cache by scope and user (SCAN, dry run) and cache_stats."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from core import metrics


@pytest.fixture
def filled():
    values = {
        "user_context:7:g1": 1,
        "user_context:8:g3": 2,
        "ai:general:abc": 3,
        "ai:user:7:g1:def": 4,
        "ai:user:8:g2:def": 5,
        "rag:context:v1:coach:123": 6,
        "exercise_match:v1:bench": 7,
    }
    cache.set_many(values, 60)
    yield values
    cache.delete_many(list(values))


def _run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_dry_run_counts_and_keeps(filled):
    out = _run("flush_cache", "--scope", "all", "--dry-run")
    assert int(re.search(r"total: would remove (\d+) keys", out).group(1)) >= 7
    assert cache.get_many(list(filled)) == filled


def test_flush_one_scope(filled):
    out = _run("flush_cache", "--scope", "ai")
    assert int(re.search(r"ai: removed (\d+) keys", out).group(1)) >= 3
    assert "user_context:" not in out
    assert cache.get("ai:general:abc") is None
    assert cache.get("user_context:7:g1") == 1


def test_flush_one_users_context_and_answers(filled):
    _run("flush_cache", "--scope", "all", "--user", "7")
    assert cache.get("user_context:7:g1") is None
    assert cache.get("ai:user:7:g1:def") is None
    assert cache.get("user_context:8:g3") == 2
    assert cache.get("ai:user:8:g2:def") == 5
    assert cache.get("rag:context:v1:coach:123") == 6


def test_user_does_not_apply_to_rag():
    with pytest.raises(CommandError, match="does not apply"):
        _run("flush_cache", "--scope", "rag", "--user", "7")


def test_cache_stats_reports_keys_memory_and_hit_rate(filled):
    metrics.incr("cache_hits", 3, cache="rag")
    metrics.incr("cache_misses", 1, cache="rag")
    metrics.flush()
    report = json.loads(_run("cache_stats", "--json"))
    assert report["rag"]["keys"] >= 1
    assert report["rag"]["memory_bytes"] > 0
    assert report["rag"]["hit_rate_hour"] == pytest.approx(0.75, abs=0.25)
    assert report["user_context"]["keys"] >= 2
    text = _run("cache_stats")
    assert "exercise_match" in text
