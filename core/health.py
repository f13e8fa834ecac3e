"""Health checks: a registry of named component checks, each timed, with required ones deciding 503.

Other apps register theirs from ``AppConfig.ready`` (monitoring imports no domain app)::

    from core.health import register_check
    register_check("embedding_model", lambda: {"status": "ok", "dimension": 384})

A check returns a dict with at least ``status`` (``ok``, ``down``, ``degraded``, ``not_loaded``)
or raises, which counts as ``down``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis
from django.conf import settings
from django.db import connections

from core import metrics
from core.redis import get_redis, resolve_url

CheckFunc = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Check:
    name: str
    func: CheckFunc
    required: bool = False


_REGISTRY: dict[str, Check] = {}


def register_check(name: str, func: CheckFunc, required: bool = False) -> None:
    """Add (or replace) a named component check."""
    _REGISTRY[name] = Check(name, func, required)


def unregister_check(name: str) -> None:
    _REGISTRY.pop(name, None)


class DatabaseCheck:
    """Which connection alias the database checks use (a seam for tests)."""

    alias = "default"


def _pgvector() -> dict[str, Any]:
    with connections[DatabaseCheck.alias].cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        row = cursor.fetchone()
    if row is None:
        return {"status": "down", "detail": "extension not installed"}
    return {"status": "ok", "version": row[0]}


def _database() -> dict[str, Any]:
    with connections[DatabaseCheck.alias].cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version')")
        version = cursor.fetchone()[0]
    return {"status": "ok", "version": version}


def _redis() -> dict[str, Any]:
    get_redis().ping()
    return {"status": "ok"}


def _celery_broker() -> dict[str, Any]:
    url = resolve_url(settings.CELERY_BROKER_URL)
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return {"status": "unchecked", "detail": url.split("://", 1)[0]}
    client = redis.Redis.from_url(url, socket_connect_timeout=0.1, socket_timeout=0.1)
    try:
        client.ping()
    finally:
        client.close()
    return {"status": "ok"}


def register_core_checks() -> None:
    """The checks of the services every process needs; called from ``CoreConfig.ready``."""
    register_check("database", _database, required=True)
    register_check("pgvector", _pgvector, required=True)
    register_check("redis", _redis, required=True)
    register_check("celery_broker", _celery_broker)


def _run(check: Check, timer: Callable[[], float]) -> dict[str, Any]:
    started = timer()
    try:
        result = dict(check.func())
    except Exception as exc:
        result = {"status": "down", "detail": f"{type(exc).__name__}: {str(exc)[:200]}"}
    result.setdefault("status", "ok")
    result["required"] = check.required
    result["latency_ms"] = round((timer() - started) * 1000, 2)
    return result


def run_checks(timer: Callable[[], float] = time.perf_counter) -> dict[str, Any]:
    """Every registered check, and the overall status: ``ok``, ``degraded`` or ``down``."""
    components = {name: _run(check, timer) for name, check in list(_REGISTRY.items())}
    bad = {n for n, c in components.items() if c["status"] in {"down", "error"}}
    required_down = any(components[name]["required"] for name in bad)
    for name, component in components.items():
        metrics.flag(f"health_{name}_down", name in bad, component.get("detail", ""))
    status = "down" if required_down else ("degraded" if bad else "ok")
    return {"status": status, "components": components}
