"""Importing the settings (and setting Django up) only reads: no server starts, no file written."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

# Runs in a fresh interpreter; an audit hook sees every process start, connection and file write.
PROBE = r"""
import json, os, sys

SPAWNS = {"subprocess.Popen", "os.system", "os.fork", "os.forkpty", "os.posix_spawn", "os.exec",
          "os.spawn", "socket.connect"}
FILE_CHANGES = {"os.mkdir", "os.rename", "os.remove", "os.chmod", "os.symlink", "os.truncate"}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
events = []

def hook(event, args):
    if event in SPAWNS or event in FILE_CHANGES:
        events.append([event, repr(args)[:300]])
    elif event == "open":
        path, mode, flags = args
        writes = any(c in mode for c in "wax+") if mode else bool((flags or 0) & WRITE_FLAGS)
        if writes:
            events.append([event, repr(args)[:300]])

sys.addaudithook(hook)
import voicefit.settings as module
import django
django.setup()
print(json.dumps({
    "events": events,
    "engine": module.DATABASES["default"]["ENGINE"],
    "redis_url": module.REDIS_URL,
    "has_secret_key": bool(module.SECRET_KEY),
}))
"""

UNSET = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "DJANGO_SECRET_KEY",
    "EMBEDDING_CACHE_DIR",
    "STATIC_ROOT",
)


def test_importing_settings_on_a_fresh_checkout_starts_nothing_and_writes_nothing(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(
        DJANGO_SETTINGS_MODULE="voicefit.settings",
        VOICEFIT_VAR_DIR=str(var),
        PYTHONDONTWRITEBYTECODE="1",
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["events"] == []
    assert list(var.iterdir()) == []
    assert report["engine"] == "core.db.backends.embedded"
    assert report["redis_url"] == "embedded://"
    assert report["has_secret_key"]
