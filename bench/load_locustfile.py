"""The users of ``python -m bench.load``: athletes and a burst of free-tier users (locust).

Run by bench.load as ``locust -f bench/load_locustfile.py --headless ...``; not a test module.
The plan (accounts, their tokens and workouts, exercise ids, transcripts, questions) is the JSON
file named by ``LOAD_PLAN``; every request is appended to the JSON-lines file named by
``LOAD_LOG`` as ``[start, ms, name, status]`` (and why, when nothing answered), and every
accepted write as ``["created", kind, id]``, for bench.load to read after the run.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, constant, events, task

from bench.load import FREE_LABEL, PROXY_HEADERS  # bench.load runs locust from the checkout

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
# Open for the life of the locust process; line-buffered, so bench.load reads every line after.
_log = open(os.environ["LOAD_LOG"], "a", buffering=1)  # noqa: SIM115
_athletes = itertools.count()
_free = itertools.count()


@events.request.add_listener
def _record(  # type: ignore[no-untyped-def]
    request_type, name, response_time, response, start_time=None, exception=None, **kwargs
) -> None:
    status = getattr(response, "status_code", 0) or 0
    row = [start_time, round(response_time, 2), name, status]
    if not status:  # no answer: say why (refused, closed, timed out)
        row.append(repr(exception)[:200])
    _log.write(json.dumps(row) + "\n")


def _created(kind: str, ident: Any) -> None:
    if isinstance(ident, int):
        _log.write(json.dumps(["created", kind, ident]) + "\n")


def _body(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except Exception:  # a connection error or a body that is not JSON: nothing to read
        return {}
    return body if isinstance(body, dict) else {}


class _ApiUser(FastHttpUser):
    abstract = True
    network_timeout = 30.0
    connection_timeout = 5.0
    account: dict[str, Any]

    def _headers(self) -> dict[str, str]:
        return {**PROXY_HEADERS, "Authorization": f"Bearer {self.account['token']}"}

    def get(self, path: str, name: str) -> Any:
        return self.client.get(path, name=name, headers=self._headers())

    def post(self, path: str, body: dict[str, Any], name: str, **headers: str) -> Any:
        return self.client.post(path, name=name, json=body, headers={**self._headers(), **headers})

    label = ""  # a prefix to the endpoint's name in the figures

    def ask_the_coach(self) -> None:
        question = {"question": random.choice(PLAN["questions"])}
        self.post("/api/coach/ask", question, f"{self.label}coach/ask")


class Athlete(_ApiUser):
    """Reads their workouts and records, logs by voice (parse, then log) and by hand, asks."""

    weight = 4
    wait_time = between(1, 3)

    def on_start(self) -> None:
        accounts = PLAN["athletes"]
        self.account = accounts[next(_athletes) % len(accounts)]

    @task(5)
    def workouts(self) -> None:
        self.get("/api/workouts/", "workouts (list)")

    @task(2)
    def workout(self) -> None:
        ident = random.choice(self.account["workout_ids"])
        self.get(f"/api/workouts/{ident}/", "workouts/{id}")

    @task(3)
    def records(self) -> None:
        self.get("/api/personal-records/", "personal-records")

    @task(2)
    def log_by_voice(self) -> None:
        spoken = random.choice(PLAN["transcripts"])
        parsed = self.post("/api/voice/parse", spoken, "voice/parse")
        if parsed.status_code != 200:
            return
        logged = self.post(
            "/api/voice/log", spoken, "voice/log", **{"Idempotency-Key": uuid.uuid4().hex}
        )
        if logged.status_code == 201:
            body = _body(logged)
            _created("workout", (body.get("session") or {}).get("id"))
            for run in body.get("runs") or []:
                _created("run", run.get("id"))

    @task(1)
    def log_by_hand(self) -> None:
        exercise = random.choice(PLAN["exercise_ids"])
        body = {
            "started_at": "2026-11-30T07:30:00Z",
            "notes": "load test",
            "sets": [{"exercise": exercise, "order": 0, "reps": 5, "weight_kg": 100}],
        }
        created = self.post("/api/workouts/", body, "workouts (create)")
        if created.status_code == 201:
            _created("workout", _body(created).get("id"))

    @task(1)
    def coach(self) -> None:
        self.ask_the_coach()


class FreeTierUser(_ApiUser):
    """A burst: free-tier users with no pause between requests, who meet their limits."""

    weight = 1
    wait_time = constant(0.1)
    label = FREE_LABEL

    def on_start(self) -> None:
        accounts = PLAN["free"]
        self.account = accounts[next(_free) % len(accounts)]

    @task(4)
    def workouts(self) -> None:
        self.get("/api/workouts/", f"{FREE_LABEL}workouts (list)")

    @task(1)
    def coach(self) -> None:
        self.ask_the_coach()
