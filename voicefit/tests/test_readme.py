"""README.md runs as written: its shell blocks against a live test server, its commands exist.

The fenced shell blocks run in order in one bash (so ``ACCESS`` set in one is used by the next),
with ``localhost:8000`` pointed at pytest-django's live server and curl failing on any 4xx or 5xx.
Management commands run as the README writes them (``.venv/bin/python manage.py ...``), on the
test database. ``make`` lines are checked with ``make -n`` instead of run: they install, serve
until stopped, or run the whole suite. Commands named in the text must exist.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.db import connection

from core.redis import resolve_url
from portability.models import ImportJob, ImportStatus
from training.models import Exercise, SetLog
from training.services import exercise_catalog_load
from voicefit.celery import app as celery_app

BASE_DIR = Path(settings.BASE_DIR)
README = BASE_DIR / "README.md"
SHELL_LANGUAGES = {"sh", "bash", "shell"}
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
README_HOST = "localhost:8000"
MAKE_TARGET = re.compile(r"`make ([\w-]+)")
MANAGE_COMMAND = re.compile(r"([\w./]*python) manage\.py ([\w-]+)")
BENCH_MODULE = re.compile(r"([\w./]*python) -m (bench\.\w+)")
VENV_PYTHON = ".venv/bin/python"
MAKE = shutil.which("make") or "make"
BASH = shutil.which("bash") or "bash"

# A Strong export with one name the catalog knows and one it cannot be sure of, so the import
# waits for the README's confirm.
STRONG_CSV = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    """\
2024-01-01 17:23:18,"Push","56m","Bench Press (Barbell)",1,135.0,5.0,0,0.0,"","",
2024-01-01 17:23:18,"Push","56m","Leg Raise Parallel Bars",1,0,12.0,0,0.0,"","",
"""
)


def shell_blocks(text: str) -> list[str]:
    return [body for language, body in FENCE.findall(text) if language in SHELL_LANGUAGES]


def logical_lines(block: str) -> list[str]:
    """The block's commands: continuation lines joined, blank and comment-only lines dropped."""
    joined = re.sub(r"\\\n", " ", block)
    return [line for line in joined.splitlines() if line.strip() and not line.startswith("#")]


def make_target(line: str) -> str | None:
    words = shlex.split(line, comments=True)
    return words[1] if words[:1] == ["make"] and len(words) > 1 else None


def script(blocks: list[str], host: str) -> str:
    """One bash script of every runnable line of the blocks, in order."""
    lines = ["set -euo pipefail", 'curl() { command curl --fail-with-body --show-error "$@"; }']
    for block in blocks:
        for line in logical_lines(block):
            if make_target(line) is None:
                line = line.replace(README_HOST, host)
                lines += [f"echo '>>> '{shlex.quote(line)}", line]
    return "\n".join(lines) + "\n"


def test_the_extraction_reads_every_kind_of_line():
    text = (
        "intro\n```sh\nmake run   # serve\nA=$(curl -s localhost:8000/x \\\n  -d '{}')\n```\n"
        "```python\nprint(1)\n```\n```sh\n# a comment\ncurl localhost:8000/y\n```\n"
    )
    blocks = shell_blocks(text)
    assert len(blocks) == 2
    joined = "A=$(curl -s localhost:8000/x    -d '{}')"
    assert logical_lines(blocks[0]) == ["make run   # serve", joined]
    assert make_target("make run   # serve") == "run"
    body = script(blocks, "localhost:4321")
    assert "localhost:4321/x" in body
    assert "localhost:4321/y" in body
    assert "localhost:8000" not in body
    assert "make run" not in body


def _readme() -> str:
    return README.read_text()


def test_every_make_target_the_readme_names_exists():
    text = _readme()
    targets = set(MAKE_TARGET.findall(text))
    targets |= {
        target
        for block in shell_blocks(text)
        for line in logical_lines(block)
        if (target := make_target(line))
    }
    assert {"run", "test", "fuzz", "asgi"} <= targets
    for target in sorted(targets):
        done = subprocess.run(
            [MAKE, "-n", target], cwd=BASE_DIR, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"make {target}: {done.stderr}"


def test_every_command_and_benchmark_the_readme_names_exists_in_the_form_shown():
    text = _readme()
    commands = MANAGE_COMMAND.findall(text)
    modules = BENCH_MODULE.findall(text)
    assert commands
    assert modules
    for python, _ in commands + modules:
        assert python == VENV_PYTHON, f"{python}: shown without the virtualenv's python"
    known = get_commands()
    for _, name in commands:
        assert name in known, f"manage.py {name}: no such command"
    for _, module in modules:
        assert importlib.util.find_spec(module) is not None, f"-m {module}: no such module"


def _test_database_url() -> str:
    """The test database as a URL, for the README's management commands in their own process."""
    connection.ensure_connection()
    db = connection.settings_dict
    host = quote(str(db["HOST"]), safe="")
    password = f":{quote(str(db['PASSWORD']))}" if db.get("PASSWORD") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{db['USER']}{password}@{host}{port}/{db['NAME']}"


@pytest.fixture(scope="module", autouse=True)
def reseeded(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The transactional test's flush empties the tables migrations seed (rate-limit tiers, the
    catalog); after this module the database is as the migrations left it again."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(
            connection._test_serialized_contents  # type: ignore[attr-defined]
        )


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Imports run their Celery tasks in the server's thread (no worker in the test)."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_readme_shell_blocks_run_against_the_server(
    live_server, eager_tasks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded export, kept out of var/
    exercise_catalog_load()  # as ``make run``'s bootstrap does
    host = urlsplit(live_server.url).netloc
    (tmp_path / ".venv").symlink_to(BASE_DIR / ".venv")
    (tmp_path / "manage.py").symlink_to(BASE_DIR / "manage.py")
    (tmp_path / "strong.csv").write_text(STRONG_CSV)
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": resolve_url(settings.REDIS_URL),
        "REDIS_KEY_PREFIX": settings.REDIS_KEY_PREFIX,
    }
    done = subprocess.run(
        [BASH, "-c", script(shell_blocks(_readme()), host)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    out = done.stdout
    assert '"email":"me@example.com"' in out  # GET /api/me with the token from /api/auth/token
    assert '"sections":{' in out  # GET /api/, the index
    assert '"workouts":[' in out
    assert "event: done" in out  # the streamed coach answer
    job = ImportJob.objects.get(user__email="me@example.com")  # the import, confirmed
    assert job.status == ImportStatus.DONE
    chosen = Exercise.objects.get(id=job.overrides["Leg Raise Parallel Bars"])
    assert "leg raise" in chosen.name.lower()
    assert SetLog.objects.filter(session__user=job.user, exercise=chosen).count() == 1
