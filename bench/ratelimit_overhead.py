"""What the throttle costs per request: none vs DRF's UserRateThrottle vs ours, one run.

Serves one cheap endpoint three ways through gunicorn on 127.0.0.1 (against a private Valkey,
so Redis can be killed at the end), measures sequential latency and 4-thread throughput, then
prints Redis time per script call, memory per client at full quota, and the latency with Redis
dead once the breaker has tripped.  Run: python -m bench.ratelimit_overhead
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

VARIANTS = ("none", "drf", "ours")
LATENCY_REQUESTS, ROUNDS, THROUGHPUT_REQUESTS, CLIENT_THREADS = 1500, 6, 1200, 4
CLIENT_IPS = [f"198.51.100.{i}" for i in range(1, 201)]


def __getattr__(name: str) -> Any:
    """``urlpatterns``, built on first use (Django is set up by then, inside gunicorn)."""
    if name != "urlpatterns":
        raise AttributeError(name)
    from django.urls import path
    from rest_framework.permissions import AllowAny
    from rest_framework.response import Response
    from rest_framework.throttling import UserRateThrottle
    from rest_framework.views import APIView

    from ratelimit.policy import Policy, TierPolicy
    from ratelimit.throttling import TierRateThrottle

    class FixedPolicy:
        # What a general endpoint checks for the seeded tiers: the hourly window.
        policy = Policy(tiers={"anonymous": TierPolicy(hourly=10**7)})

        def get(self) -> Policy:
            return self.policy

    class OurThrottle(TierRateThrottle):
        policy_source = FixedPolicy()

    class DrfThrottle(UserRateThrottle):
        rate = "10000000/hour"

    def view(throttles: list) -> Any:  # type: ignore[type-arg]
        class Cheap(APIView):
            authentication_classes: list = []
            permission_classes = [AllowAny]
            throttle_classes = throttles

            def get(self, request):  # type: ignore[no-untyped-def]
                return Response({"ok": True})

        return Cheap.as_view()

    return [
        path("none", view([])),
        path("drf", view([DrfThrottle])),
        path("ours", view([OurThrottle])),
    ]


_app = None


def application(environ, start_response):  # type: ignore[no-untyped-def]
    global _app
    if _app is None:
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        _app = get_wsgi_application()
        settings.ROOT_URLCONF = __name__
    return _app(environ, start_response)


def _get(port: int, path: str, ip: str) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"X-Forwarded-For": ip})
    response = conn.getresponse()
    response.read()
    conn.close()
    elapsed = time.perf_counter() - start
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed


def _latencies(port: int, variant: str, count: int, offset: int = 0) -> list[float]:
    return [
        _get(port, f"/{variant}", CLIENT_IPS[(i + offset) % len(CLIENT_IPS)]) for i in range(count)
    ]


def _throughput(port: int, variant: str) -> float:
    per_thread = THROUGHPUT_REQUESTS // CLIENT_THREADS
    threads = [
        threading.Thread(target=_latencies, args=(port, variant, per_thread, t * 50))
        for t in range(CLIENT_THREADS)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return per_thread * CLIENT_THREADS / (time.perf_counter() - start)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(port, "/none", CLIENT_IPS[0])
            return
        except (OSError, RuntimeError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _memory_per_client(redis_url: str) -> dict[str, int]:
    import redis

    from ratelimit.limiter import RedisLimiter, Window

    client = redis.Redis.from_url(redis_url)
    tiers = {"free": (60, 10), "premium": (300, 50)}
    usage = {}
    for tier, (hourly, expensive) in tiers.items():
        limiter, ident = RedisLimiter(), f"u:mem-{tier}"
        windows = [Window("hour", hourly, 3600), Window("ai-minute", expensive, 60)]
        for _ in range(expensive):
            limiter.hit(ident, windows, client=client)
        for _ in range(hourly - expensive):
            limiter.hit(ident, windows[:1], client=client)
        keys = [limiter.key(ident, w) for w in windows]
        usage[tier] = sum(client.memory_usage(key) or 0 for key in keys)
    return usage


def _script_usec_three_windows(admin: Any, redis_url: str, calls: int = 2000) -> float:
    """Redis server time per EVALSHA when a request counts against three windows."""
    import redis

    from ratelimit.limiter import RedisLimiter, Window

    client = redis.Redis.from_url(redis_url)
    limiter = RedisLimiter()
    windows = [
        Window("hour", 10**7, 3600),
        Window("minute", 10**6, 60),
        Window("ai-minute", 10**6, 60),
    ]
    admin.config_resetstat()
    for _ in range(calls):
        limiter.hit("u:three-windows", windows, client=client)
    return float(admin.info("commandstats").get("cmdstat_evalsha", {}).get("usec_per_call", 0))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    from core.embedded import _free_port, start_valkey, stop_valkey_at

    workdir = Path(tempfile.mkdtemp(prefix="vf-rl-bench-"))
    valkey_port = start_valkey(workdir / "valkey")
    redis_url = f"redis://127.0.0.1:{valkey_port}"
    os.environ.update(REDIS_URL=redis_url, REDIS_KEY_PREFIX=f"vfbench-{uuid.uuid4().hex[:8]}")
    django.setup()
    import redis

    admin = redis.Redis.from_url(redis_url)
    port = _free_port()
    env = {**os.environ, "TRUSTED_PROXIES": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench.ratelimit_overhead:application",
        ],
        env=env,
    )
    try:
        _wait_for(port)
        for variant in VARIANTS:  # warm every worker
            _latencies(port, variant, 100)
        admin.config_resetstat()
        lat: dict[str, list[float]] = {v: [] for v in VARIANTS}
        for round_ in range(ROUNDS):
            for variant in VARIANTS:
                lat[variant] += _latencies(port, variant, LATENCY_REQUESTS // ROUNDS, round_)
        rps = {v: 0.0 for v in VARIANTS}
        for _ in range(2):
            for variant in VARIANTS:
                rps[variant] += _throughput(port, variant) / 2
        stats = admin.info("commandstats")
        memory = _memory_per_client(redis_url)
        three_windows_usec = _script_usec_three_windows(admin, redis_url)

        print(
            f"gunicorn 2 workers x 4 threads on loopback, {LATENCY_REQUESTS} sequential requests "
            f"per variant "
            f"(interleaved in {ROUNDS} rounds), {THROUGHPUT_REQUESTS} x2 with "
            f"{CLIENT_THREADS} client threads for throughput"
        )
        print(f"{'variant':8s} {'p50 ms':>8s} {'p99 ms':>8s} {'req/s':>8s}")
        for v in VARIANTS:
            print(f"{v:8s} {_pct(lat[v], 0.5):8.3f} {_pct(lat[v], 0.99):8.3f} {rps[v]:8.0f}")
        base50, base99 = _pct(lat["none"], 0.5), _pct(lat["none"], 0.99)
        for v in ("drf", "ours"):
            print(
                f"{v}: +{_pct(lat[v], 0.5) - base50:.3f} ms p50, +{_pct(lat[v], 0.99) - base99:.3f}"
                f" ms p99 over none; throughput {rps[v] / rps['none']:.1%} of none"
            )
        print(
            f"ours/drf p50 ratio {_pct(lat['ours'], 0.5) / _pct(lat['drf'], 0.5):.3f}, "
            f"throughput ratio {rps['ours'] / rps['drf']:.3f}"
        )
        evalsha = stats.get("cmdstat_evalsha", {})
        print(
            f"Redis time per script call: {evalsha.get('usec_per_call', 0):.1f} us "
            f"({evalsha.get('calls', 0)} EVALSHA calls, one window); with three windows "
            f"{three_windows_usec:.1f} us (target <= 100)"
        )
        print(
            f"memory per client at full quota: free {memory['free']} B, "
            f"premium {memory['premium']} B (MEMORY USAGE of its keys)"
        )

        stop_valkey_at(valkey_port)
        dead = _latencies(port, "ours", 40)
        dead_none = _latencies(port, "none", 200)
        dead_after = _latencies(port, "ours", 200)
        print(
            "Redis killed: first 6 requests to ours (ms): "
            + ", ".join(f"{x * 1000:.2f}" for x in dead[:6])
        )
        print(
            f"after the breaker tripped: ours p50 {_pct(dead_after, 0.5):.3f} ms vs none "
            f"{_pct(dead_none, 0.5):.3f} ms (+{_pct(dead_after, 0.5) - _pct(dead_none, 0.5):.3f})"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        stop_valkey_at(valkey_port)


if __name__ == "__main__":
    main()
