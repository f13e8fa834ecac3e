"""`manage.py check --deploy` under the README's production environment has no security warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# The production section of the README: TLS ended at a proxy that sets X-Forwarded-Proto.
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_HTTPS": "true",
    "DJANGO_PROXY_SSL_HEADER": "true",
    "DJANGO_SECRET_KEY": "production-check-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "MONITORING_METRICS_TOKEN": "production-check-token",
}
CHECK = ["check", "--deploy", "--tag", "security", "--fail-level", "WARNING"]
LEFT_OUT = {"DJANGO_SETTINGS_MODULE", *PRODUCTION_ENV}


def _deploy_check(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in LEFT_OUT}
    env.update(
        PRODUCTION_ENV,
        DJANGO_SETTINGS_MODULE="voicefit.settings",
        VOICEFIT_VAR_DIR=str(tmp_path),
        **overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *CHECK],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = _deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_https(tmp_path):
    """The same check without DJANGO_HTTPS: the redirect, cookie and HSTS warnings (it can fail)."""
    result = _deploy_check(tmp_path, DJANGO_HTTPS="false")
    assert result.returncode != 0
    report = result.stdout + result.stderr
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in report, check
