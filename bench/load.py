"""A load test of the served API, plain and with its dependencies failing under it.

    python -m bench.load                      # all three passes, 4-5 minutes on a busy machine
    python -m bench.load --pass plain --duration 60 --users 30

It serves the project as ``make run`` does (``manage.py bootstrap``, then gunicorn with
``voicefit.gunicorn`` and two workers) on a free local port, on the checkout's embedded PostgreSQL
and Valkey, in production settings (``DJANGO_HTTPS`` behind a TLS proxy's ``X-Forwarded-Proto``,
``DEBUG`` off, JSON logs, a metrics token), and drives it with locust in headless mode
(``bench/load_locustfile.py``): athletes reading their workouts and records, logging by voice
(parse, then log) and by hand, asking the coach; and a burst of free-tier users meeting their
limits.

Passes (``--pass``, default ``all``), each with fresh accounts:

- ``plain``: throughput, p50/p95/p99 per endpoint, the 429 share, 5xx and 503 counts.
- ``redis``: the same load; the Valkey is killed (SIGKILL) a third of the way in and started
  again ``--outage`` seconds later (same port, its append-only file).
- ``postgres``: the same load; PostgreSQL is stopped a third of the way in and started again.

A fault pass also prints the 503s, the time to recover (from the dependency being back to the
first successful request, to the last failed one, and to the health endpoint answering ok), and
the accepted writes lost: every 201 the load got (voice logs, workouts, runs) is looked up in the
database after the pass. Targets: no 5xx but the 503s of an outage, no 503 in the plain pass, no
write lost, recovery within 5 s. The exit status is 1 when a target is missed.

Latency and throughput depend on the machine's load: note ``uptime`` beside them. The server's log
and locust's own CSV statistics are kept under ``var/bench-load/<time>/``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "load_locustfile.py"
VOICE_DATA = Path(__file__).resolve().parent / "data" / "voice_utterances.json"
QUESTION_DATA = Path(__file__).resolve().parent / "data" / "rag_questions.json"
PASSES = ("plain", "redis", "postgres")
EMAIL_DOMAIN = "load.voicefit.invalid"
RECOVERY_TARGET_S = 5.0
HEALTH_POLL_S = 0.25
SERVER_START_TIMEOUT_S = 180.0
WORKOUTS_PER_ATHLETE = 4
# The settings of production behind a TLS-ending proxy (the README's production section).
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_HTTPS": "true",
    "DJANGO_PROXY_SSL_HEADER": "true",
    "LOG_FORMAT": "json",
}
# Behind the TLS-ending proxy of production (DJANGO_PROXY_SSL_HEADER): no redirect to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
TRACEBACK = "Traceback (most recent call last)"
FREE_LABEL = "free: "  # before the name of a free-tier user's request in the figures


# --- the server ----------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, headers: dict[str, str] | None = None, timeout: float = 5.0) -> tuple[int, Any]:
    """Status and JSON body of a GET (0 and None when nothing answered)."""
    request = urllib.request.Request(url, headers={**PROXY_HEADERS, **(headers or {})})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http://127.0.0.1)
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    except OSError:
        return 0, None
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, None


class Server:
    """gunicorn as ``make run`` starts it, in production settings, its output in ``log``."""

    def __init__(self, port: int, log: Path, workers: int, metrics_token: str) -> None:
        self.port, self.log, self.workers = port, log, workers
        self.url = f"http://127.0.0.1:{port}"
        self.env = {**os.environ, **PRODUCTION_ENV, "MONITORING_METRICS_TOKEN": metrics_token}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "gunicorn", "-c", "python:voicefit.gunicorn"]
        command += ["voicefit.wsgi", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", str(self.workers)]
        # Its own control socket (the default is one per machine user, shared by every gunicorn).
        command += ["--control-socket", str(self.log.with_name("gunicorn.ctl"))]
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while _get(f"{self.url}/api/monitoring/health")[0] != 200:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {SERVER_START_TIMEOUT_S} s")
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_size(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def tracebacks_since(self, offset: int) -> int:
        with open(self.log, "rb") as fh:
            fh.seek(offset)
            return fh.read().decode(errors="replace").count(TRACEBACK)


class HealthPoller(threading.Thread):
    """Polls /api/monitoring/health during a pass: (time, status, database, redis)."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = f"{url}/api/monitoring/health"
        self.samples: list[tuple[float, int, str, str]] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            started = time.time()
            status, body = _get(self.url, timeout=3)
            components = (body or {}).get("components", {}) if isinstance(body, dict) else {}
            self.samples.append(
                (
                    started,
                    status,
                    components.get("database", {}).get("status", "?"),
                    components.get("redis", {}).get("status", "?"),
                )
            )
            self._stop_event.wait(HEALTH_POLL_S)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=10)


# --- accounts and what the load sends ------------------------------------------------------------
@functools.cache
def _transcripts() -> list[dict[str, str]]:
    """Utterances of the voice data set the rules log without asking for a confirmation."""
    from voice.interpretation import TranscriptInterpreter

    chosen = []
    for item in json.loads(VOICE_DATA.read_text()):
        unit = item.get("unit") or "kg"
        parsed = TranscriptInterpreter(unit).interpret(item["transcript"]).as_dict()
        entries = parsed["entries"]
        if entries and not any(entry["needs_confirmation"] for entry in entries):
            chosen.append({"transcript": item["transcript"], "unit": unit})
    return chosen[:40]


def _account(email: str, tier: str) -> Any:
    from accounts.services import user_register

    user = user_register(email=email, password=None)  # handed tokens: no password to hash
    if tier != user.tier:  # tiers are an operator's choice (the admin), never the user's
        user.tier = tier
        user.save(update_fields=["tier"])  # a save: the cached authenticated row is retired
    return user


def _token(user: Any) -> str:
    from accounts.tokens import TierTokenObtainPairSerializer

    return str(TierTokenObtainPairSerializer.get_token(user).access_token)


def build_plan(tag: str, users: int) -> dict[str, Any]:
    """Fresh accounts for one pass: athletes (premium, with workouts) and free-tier users."""
    from accounts.models import Tier
    from training.models import Exercise
    from training.services import workout_log_create

    exercise_ids = list(Exercise.objects.order_by("id").values_list("id", flat=True)[:60])
    athletes = []
    for i in range(max(1, users - users // 5)):
        user = _account(f"{tag}-athlete-{i}@{EMAIL_DOMAIN}", Tier.PREMIUM)
        workout_ids = []
        for day in range(WORKOUTS_PER_ATHLETE):
            session, _ = workout_log_create(
                user=user,
                data={"started_at": datetime.now(UTC) - timedelta(days=2 * day + 1)},
                sets=[
                    {
                        "exercise_id": exercise_ids[(i + day + k) % len(exercise_ids)],
                        "order": k,
                        "reps": 5 + k,
                        "weight_kg": 60 + 5 * day,
                    }
                    for k in range(3)
                ],
            )
            workout_ids.append(session.pk)
        athletes.append({"token": _token(user), "workout_ids": workout_ids})
    free_users = [
        _account(f"{tag}-free-{i}@{EMAIL_DOMAIN}", Tier.FREE) for i in range(max(1, users // 5))
    ]
    free = [{"token": _token(user), "id": user.pk} for user in free_users]
    questions = [item["question"] for item in json.loads(QUESTION_DATA.read_text())[:40]]
    return {
        "athletes": athletes,
        "free": free,
        "exercise_ids": exercise_ids,
        "transcripts": _transcripts(),
        "questions": questions,
    }


def delete_accounts(tag: str) -> int:
    from accounts.models import User

    _database_reconnect()
    deleted, _ = User.objects.filter(
        email__startswith=f"{tag}-", email__endswith=EMAIL_DOMAIN
    ).delete()
    return deleted


def _database_reconnect() -> None:
    """This process's connections may predate a database restart: start afresh."""
    from django import db

    db.connections.close_all()


# --- a pass --------------------------------------------------------------------------------------
@dataclass
class Sample:
    start: float
    ms: float
    name: str
    status: int

    @property
    def end(self) -> float:
        return self.start + self.ms / 1000


@dataclass
class PassResult:
    name: str
    duration: float
    samples: list[Sample]
    created: dict[str, list[int]]
    health: list[tuple[float, int, str, str]]
    tracebacks: int
    started: float
    down_at: float | None = None
    back_at: float | None = None
    lost: dict[str, int] = field(default_factory=dict)
    unanswered: Counter[str] = field(default_factory=Counter)


def _read_log(path: Path) -> tuple[list[Sample], dict[str, list[int]], Counter[str]]:
    samples: list[Sample] = []
    created: dict[str, list[int]] = defaultdict(list)
    unanswered: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        row = json.loads(line)
        if row[0] == "created":
            created[row[1]].append(row[2])
        else:
            samples.append(Sample(float(row[0]), float(row[1]), str(row[2]), int(row[3])))
            if len(row) > 4:
                unanswered[f"{row[2]}: {row[4]}"] += 1
    return samples, created, unanswered


def _kill_valkey() -> None:
    """SIGKILL, not a shutdown: what a crash or an OOM kill does."""
    from core import embedded

    pid_file = embedded.var_dir() / "valkey" / "valkey.pid"
    pid = int(pid_file.read_text().strip())
    os.kill(pid, signal.SIGKILL)
    port = embedded.stored_valkey_port()
    while port and embedded.valkey_running():
        time.sleep(0.02)


def counted_this_hour(user_ids: list[int]) -> int:
    """Requests the limiter holds in the free-tier users' hour windows (0 when unreachable)."""
    from redis.exceptions import RedisError

    from core.redis import get_redis
    from ratelimit.limiter import RedisLimiter, Window
    from ratelimit.policy import HOUR

    window = Window(HOUR, 0, 3600)
    keys = [RedisLimiter().key(f"u:{pk}", window) for pk in user_ids]
    try:
        return sum(int(get_redis().zcard(key)) for key in keys)
    except RedisError:
        return 0


def _fault(kind: str) -> tuple[Any, Any]:
    from core import embedded

    if kind == "redis":
        return _kill_valkey, embedded.ensure_valkey
    return embedded.stop_postgres, embedded.ensure_postgres


def run_pass(
    kind: str, server: Server, args: argparse.Namespace, out: Path, tag: str
) -> PassResult:
    _database_reconnect()
    plan_path, log_path = out / f"{kind}-plan.json", out / f"{kind}-requests.jsonl"
    built = time.monotonic()
    plan = build_plan(tag, args.users)
    plan_path.write_text(json.dumps(plan))
    free_ids = [account["id"] for account in plan["free"]]
    print(f"  accounts and their workouts made in {time.monotonic() - built:.0f} s", flush=True)
    log_path.write_text("")
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
    command += ["--users", str(args.users), "--spawn-rate", str(args.users)]
    command += ["--run-time", f"{args.duration}s", "--stop-timeout", "10"]
    command += ["--host", server.url, "--only-summary", "--loglevel", "WARNING"]
    command += ["--csv", str(out / kind)]
    env = {**os.environ, "LOAD_PLAN": str(plan_path), "LOAD_LOG": str(log_path)}
    offset = server.log_size()
    poller = HealthPoller(server.url)
    poller.start()
    started = time.time()
    down_at = back_at = None
    with open(out / f"{kind}-locust.log", "wb") as locust_out:
        load = subprocess.Popen(command, cwd=ROOT, env=env, stdout=locust_out, stderr=locust_out)
        if kind != "plain":
            stop, start = _fault(kind)
            time.sleep(args.duration / 3)
            counted_before = counted_this_hour(free_ids)
            stop()
            down_at = time.time()
            print(f"  {kind} down at +{down_at - started:.1f} s", flush=True)
            time.sleep(args.outage)
            start()
            back_at = time.time()
            print(f"  {kind} back at +{back_at - started:.1f} s", flush=True)
            if kind == "redis":
                kept = counted_this_hour(free_ids)
                print(
                    f"  free-tier hour windows: {counted_before} requests counted just before "
                    f"the kill, {kept} after the restart (the append-only file, fsync each second)",
                    flush=True,
                )
        load.wait(timeout=args.duration + 120)
    poller.stop()
    samples, created, unanswered = _read_log(log_path)
    result = PassResult(
        kind,
        args.duration,
        samples,
        dict(created),
        poller.samples,
        server.tracebacks_since(offset),
        started,
        down_at,
        back_at,
    )
    result.lost = writes_lost(result.created)
    result.unanswered = unanswered
    return result


def writes_lost(created: dict[str, list[int]]) -> dict[str, int]:
    """Every write the load got a 201 for, looked up in the database: how many are missing."""
    from training.models import RunSession, WorkoutSession

    _database_reconnect()
    models = {"workout": WorkoutSession, "run": RunSession}
    lost = {}
    for kind, ids in created.items():
        found = models[kind].objects.filter(pk__in=ids).count()
        lost[kind] = len(set(ids)) - found
    return lost


# --- the figures ---------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _ok(status: int) -> bool:
    return 200 <= status < 300


@dataclass
class Recovery:
    first_success_s: float | None
    last_failure_s: float
    health_ok_s: float | None

    @property
    def worst_s(self) -> float | None:
        parts = [self.first_success_s, self.last_failure_s, self.health_ok_s]
        return None if None in parts else max(p for p in parts if p is not None)


def recovery(result: PassResult) -> Recovery | None:
    """From the dependency being back: to the first success, the last failure, health ok."""
    back = result.back_at
    if back is None:
        return None
    after = [s for s in result.samples if s.start >= back]
    first = min((s.end for s in after if _ok(s.status)), default=None)
    failed = [s.end for s in after if s.status >= 500 or s.status == 0]
    component = "redis" if result.name == "redis" else "database"
    index = 3 if component == "redis" else 2
    health = min((h[0] for h in result.health if h[0] >= back and h[index] == "ok"), default=None)
    return Recovery(
        None if first is None else first - back,
        max(failed) - back if failed else 0.0,
        None if health is None else health - back,
    )


def summarise(result: PassResult) -> dict[str, Any]:
    statuses = Counter(s.status for s in result.samples)
    total = len(result.samples)
    server_errors = sum(n for code, n in statuses.items() if code >= 500 and code != 503)
    return {
        "requests": total,
        "throughput": total / result.duration,
        "ok": sum(n for code, n in statuses.items() if _ok(code)),
        "429": statuses[429],
        "429_share": statuses[429] / total if total else 0.0,
        "503": statuses[503],
        "5xx_not_503": server_errors,
        "no_answer": statuses[0],
        "other_4xx": sum(n for code, n in statuses.items() if 400 <= code < 500 and code != 429),
        "statuses": dict(sorted(statuses.items())),
    }


def print_pass(result: PassResult) -> list[str]:
    """Prints the pass's figures; returns the targets it missed."""
    figures = summarise(result)
    print(f"\n== pass: {result.name} ({result.duration:.0f} s)")
    print(
        f"requests {figures['requests']}   throughput {figures['throughput']:.1f} req/s   "
        f"2xx {figures['ok']}   429 share {100 * figures['429_share']:.1f} %   "
        f"5xx (not 503) {figures['5xx_not_503']}   503 {figures['503']}   "
        f"no answer {figures['no_answer']}   other 4xx {figures['other_4xx']}"
    )
    print(f"statuses {figures['statuses']}")
    for reason, count in result.unanswered.most_common():
        print(f"  no answer x{count}: {reason}")
    by_name: dict[str, list[Sample]] = defaultdict(list)
    for sample in result.samples:
        by_name[sample.name].append(sample)
    print(
        f"{'endpoint':22} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'429':>6} {'5xx':>5}"
    )
    for name in sorted(by_name):
        samples = by_name[name]
        answered = [s.ms for s in samples if s.status]
        print(
            f"{name:22} {len(samples):6d} {percentile(answered, 0.50):8.0f} "
            f"{percentile(answered, 0.95):8.0f} {percentile(answered, 0.99):8.0f} "
            f"{sum(s.status == 429 for s in samples):6d} "
            f"{sum(s.status >= 500 for s in samples):5d}"
        )
    accepted = {kind: len(ids) for kind, ids in result.created.items()}
    print(f"accepted writes (201) {accepted}   lost {result.lost or {}}")
    print(f"server log tracebacks {result.tracebacks}")
    missed = []
    if figures["5xx_not_503"]:
        missed.append(f"{result.name}: {figures['5xx_not_503']} server errors")
    if result.name == "plain" and figures["503"]:
        missed.append(f"plain: {figures['503']} 503s without an outage")
    if figures["no_answer"]:
        missed.append(f"{result.name}: {figures['no_answer']} requests got no answer")
    if sum(result.lost.values()):
        missed.append(f"{result.name}: {sum(result.lost.values())} accepted writes lost")
    if result.tracebacks:
        missed.append(f"{result.name}: {result.tracebacks} tracebacks in the server log")
    back = recovery(result)
    if back is not None and result.down_at is not None and result.back_at is not None:
        outage = [s for s in result.samples if result.down_at <= s.start < result.back_at]
        during = Counter(s.status for s in outage)
        print(
            f"outage {result.back_at - result.down_at:.1f} s: {len(outage)} requests, "
            f"{during[503]} answered 503, {sum(n for c, n in during.items() if _ok(c))} 2xx"
        )

        def shown(value: float | None) -> str:
            return "never" if value is None else f"{value:.2f} s"

        print(
            f"recovery after back: first success {shown(back.first_success_s)}, "
            f"last failure {shown(back.last_failure_s)}, health ok {shown(back.health_ok_s)}"
        )
        worst = back.worst_s
        if worst is None or worst > RECOVERY_TARGET_S:
            missed.append(
                f"{result.name}: recovered in {shown(worst)} (target {RECOVERY_TARGET_S} s)"
            )
    return missed


# --- the run -------------------------------------------------------------------------------------
def _warm_up(server: Server, token: str, requests: int = 12) -> None:
    """A few coach answers and voice parses, so both workers have their models loaded."""
    headers = {**PROXY_HEADERS, "Authorization": f"Bearer {token}"}
    bodies = [
        ("/api/coach/ask", {"question": "how do I warm up for squats"}),
        ("/api/voice/parse", {"transcript": "bench press 3 sets of 8 at 60 kilos"}),
    ]

    def post(path: str, body: dict[str, str]) -> None:
        data = json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 (the server's own http://127.0.0.1 URL)
            f"{server.url}{path}",
            data=data,
            headers={**headers, "Content-Type": "application/json"},
        )
        with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310
            answer.read()

    threads = [threading.Thread(target=post, args=bodies[i % 2]) for i in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _bootstrap_options() -> list[str]:
    """``--skip-knowledge`` once the knowledge base is in (``make run`` re-reads it each start,
    which takes minutes on a busy machine and changes nothing the load sees)."""
    from rag.models import KnowledgeChunk

    return ["--skip-knowledge"] if KnowledgeChunk.objects.exists() else []


def _passes(choice: str) -> Iterator[str]:
    yield from PASSES if choice == "all" else (choice,)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=40, help="seconds per pass (40)")
    parser.add_argument("--users", type=int, default=20, help="simulated users (20; a fifth free)")
    parser.add_argument("--pass", dest="passes", choices=[*PASSES, "all"], default="all")
    parser.add_argument("--outage", type=float, default=8.0, help="seconds a dependency is down")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (make run: 2)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--skip-bootstrap", action="store_true", help="the database is ready")
    parser.add_argument("--keep-accounts", action="store_true", help="keep the load's accounts")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")
    import django

    django.setup()
    from django.conf import settings

    if settings.DATABASE_URL or not settings.REDIS_URL.startswith("embedded"):
        print("bench.load stops and starts the embedded servers: unset DATABASE_URL and REDIS_URL")
        return 2
    from core.embedded import ensure_postgres, ensure_valkey, var_dir

    out = var_dir() / "bench-load" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    out.mkdir(parents=True)
    ensure_postgres()
    ensure_valkey()
    if not args.skip_bootstrap:
        bootstrap = ["manage.py", "bootstrap", *_bootstrap_options()]
        print(f"{' '.join(bootstrap)} (as make run) ...", flush=True)
        subprocess.run(
            [sys.executable, *bootstrap], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    server = Server(
        args.port or _free_port(), out / "server.log", args.workers, secrets.token_urlsafe(24)
    )
    run_tag = f"load-{int(time.time())}"
    missed: list[str] = []
    print(f"gunicorn ({args.workers} workers) on {server.url}, log {server.log}", flush=True)
    try:
        server.start()
        warm = _account(f"{run_tag}-warm@{EMAIL_DOMAIN}", "premium")
        warming = time.monotonic()
        _warm_up(server, _token(warm))
        print(f"served and warmed up in {time.monotonic() - warming:.0f} s", flush=True)
        print(f"load: {args.users} users, {args.duration} s per pass; uptime: {_uptime()}")
        for kind in _passes(args.passes):
            print(f"\npass {kind} ...", flush=True)
            result = run_pass(kind, server, args, out, f"{run_tag}-{kind}")
            missed += print_pass(result)
            (out / f"{kind}-summary.json").write_text(json.dumps(summarise(result), indent=1))
    finally:
        server.stop()
        ensure_postgres()
        ensure_valkey()
        if not args.keep_accounts:
            delete_accounts(run_tag)
    print(f"\nuptime after: {_uptime()}")
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()  # noqa: S607


if __name__ == "__main__":
    sys.exit(main())
