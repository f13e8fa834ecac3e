"""A Python client generated from the OpenAPI schema compiles, covers every operation and calls it.

openapi-python-client (the generator with typed models and an httpx client) writes the client
from the schema the API serves; the test imports it and calls endpoints in this process through
httpx's WSGI transport, parsing the answers into the generated models.
"""

from __future__ import annotations

import compileall
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from accounts.models import Tier
from accounts.tests.factories import UserFactory
from accounts.tokens import TierTokenObtainPairSerializer

PACKAGE = "voicefit_generated_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict]]:
    spec = SchemaGenerator().get_schema(request=None, public=True)
    root = tmp_path_factory.mktemp("client")
    schema_path = root / "schema.json"
    schema_path.write_bytes(OpenApiJsonRenderer().render(spec))
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(schema_path),
            "--output-path",
            str(root / PACKAGE),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(root))
    yield root / PACKAGE, spec
    sys.path.remove(str(root))
    for name in [m for m in sys.modules if m.startswith(PACKAGE)]:
        del sys.modules[name]


def _operation(operation_id: str) -> ModuleType:
    matches = list(Path(sys.modules[PACKAGE].__path__[0], "api").glob(f"*/{operation_id}.py"))
    assert len(matches) == 1, operation_id
    return importlib.import_module(f"{PACKAGE}.api.{matches[0].parent.name}.{operation_id}")


def test_the_client_compiles_and_has_every_operation(generated):
    package, spec = generated
    assert compileall.compile_dir(package, quiet=1)
    importlib.import_module(PACKAGE)
    operation_ids = [
        operation["operationId"] for item in spec["paths"].values() for operation in item.values()
    ]
    for operation_id in operation_ids:
        assert callable(_operation(operation_id.replace(".", "_")).sync_detailed)


@pytest.fixture
def client(db, generated):  # type: ignore[no-untyped-def]
    """The generated client, authenticated as a real athlete, talking to this process."""
    from voicefit.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    user = UserFactory(tier=Tier.ADMIN)
    token = str(TierTokenObtainPairSerializer.get_token(user).access_token)
    authenticated = importlib.import_module(PACKAGE).AuthenticatedClient(
        base_url="http://testserver",
        token=token,
        httpx_args={"transport": httpx.WSGITransport(app=application)},
    )
    yield authenticated
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_client_calls_endpoints_and_parses_their_answers(client):
    me = _operation("me_retrieve").sync_detailed(client=client)
    assert me.status_code == 200
    assert "@" in me.parsed.email
    runs = _operation("runs_list").sync_detailed(client=client)
    assert runs.status_code == 200
    assert runs.parsed.count == 0
    health = _operation("monitoring_health_retrieve").sync_detailed(client=client)
    assert health.status_code in {200, 503}
    assert health.parsed.status.value in {"ok", "degraded", "down"}
