"""Programs in the shared owner-scoping tests: another user cannot list, read, change or delete
them (the resource-independent tests of training.tests.test_ownership, run over /api/programs/)."""

import pytest

from programs.models import Program
from programs.tests.factories import ProgramFactory
from training.tests.test_ownership import (
    Resource,
    test_anonymous_gets_401,
    test_other_user_cannot_change,
    test_other_user_cannot_delete,
    test_other_user_cannot_list,
    test_other_user_cannot_read,
    test_owner_can_delete,
    test_owner_can_read_and_list,
)

pytestmark = pytest.mark.django_db

RESOURCES = [
    Resource(
        "/api/programs/",
        Program,
        lambda user: ProgramFactory(user=user),
        {"goal": "hijacked"},
        writable=False,
    ),
]

__all__ = [
    "test_anonymous_gets_401",
    "test_other_user_cannot_change",
    "test_other_user_cannot_delete",
    "test_other_user_cannot_list",
    "test_other_user_cannot_read",
    "test_owner_can_delete",
    "test_owner_can_read_and_list",
]


@pytest.fixture(params=RESOURCES, ids=str)
def resource(request) -> Resource:
    return request.param
