"""``manage.py import_history``: the API's import path with a progress bar, for operators."""

import io

import pytest
from django.core.management import CommandError, call_command

from portability.models import ImportJob
from portability.tests.conftest import FIXTURES, HEVY, STRONG
from training.models import RunSession, SetLog

pytestmark = pytest.mark.django_db


def _call(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_history", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_unsure_names_stop_the_command_until_confirmed(catalog, user):
    out, _ = _call("--user", user.email, "--unit", "lb", str(FIXTURES / STRONG))
    assert "Leg Raise Parallel Bars -> " in out
    assert "<- confirm" in out
    assert ImportJob.objects.get(user=user).status == "needs_confirmation"
    assert SetLog.objects.filter(session__user=user).count() == 0


def test_yes_and_map_import_with_progress_bars(catalog, user):
    out, err = _call(
        "--user",
        user.email,
        "--map",
        "Leg Raise Parallel Bars=hanging-leg-raise",
        str(FIXTURES / HEVY),
    )
    assert "53 sessions, 1179 sets" in out
    assert "writing" in err  # the tqdm bar
    assert "100%" in err
    assert (
        SetLog.objects.filter(session__user=user, exercise__slug="hanging-leg-raise").count() == 15
    )
    again, _ = _call("--user", user.email, "--yes", str(FIXTURES / HEVY))
    assert "Already imported" in again


def test_recordings_need_no_confirmation(user):
    out, _ = _call("--user", user.email, str(FIXTURES / "run_5k.gpx"), str(FIXTURES / "run_5k.tcx"))
    assert "1 runs" in out
    assert RunSession.objects.filter(user=user).count() == 1


def test_bad_input_is_a_command_error(user):
    with pytest.raises(CommandError, match="No user"):
        _call("--user", "nobody@example.com", str(FIXTURES / STRONG))
    with pytest.raises(CommandError, match="unsupported_file"):
        _call("--user", user.email, "--format", "strong", str(FIXTURES / "run_5k.fit"))
