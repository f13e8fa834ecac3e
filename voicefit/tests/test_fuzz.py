"""The API holds its contract under generated input: no 5xx, every response as the schema says.

Schemathesis generates requests from the OpenAPI schema (valid and invalid ones) and sends them
to the WSGI application in this process, as an athlete and as staff; every check it has runs on
every response. ``make fuzz`` runs the same against a live server with many more examples.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from accounts.models import Tier
from accounts.tests.factories import UserFactory
from conftest import client_for
from voicefit.fuzzing import SKIP, excluded_checks, register_formats


def _schema() -> schemathesis.schemas.BaseSchema:
    from voicefit.wsgi import application

    register_formats()
    spec = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(spec)
    loaded.app = application
    return loaded


schema = _schema()


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    client = client_for(user)
    return {"Authorization": client._credentials["HTTP_AUTHORIZATION"]}


@pytest.fixture(autouse=True)
def _keep_test_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request; inside a test that
    would close the test's transaction, so, as Django's test client does, it stays open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def athlete_headers(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A real athlete's token (its limits lifted: 429s are tested with the throttle)."""
    return _bearer(UserFactory(tier=Tier.ADMIN))


@pytest.fixture
def staff_headers(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return _bearer(UserFactory(tier=Tier.ADMIN, is_staff=True))


FUZZ = settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


def _call(case, headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    if (case.method.upper(), case.path) in SKIP:
        pytest.skip("creates or deletes accounts; covered by the accounts and portability tests")
    excluded = excluded_checks(case.method.upper(), case.path)
    case.call_and_validate(headers=headers, excluded_checks=excluded)


@schema.parametrize()
@FUZZ
def test_api_contract_as_athlete(case, athlete_headers):  # type: ignore[no-untyped-def]
    _call(case, athlete_headers)


# Staff see the same API, plus the monitoring summary and alerts an athlete is refused.
@schema.include(path_regex="^/api/monitoring/").parametrize()
@FUZZ
def test_api_contract_as_staff(case, staff_headers):  # type: ignore[no-untyped-def]
    _call(case, staff_headers)
