"""A program's deload week counts as the last lighter week; a draft program's does not."""

from datetime import timedelta

import pytest

from analytics.athlete import athlete_for
from analytics.deload import weeks_since_deload
from analytics.tests.history import AS_OF, FIRST_MONDAY, build
from programs.models import Program, ProgramWeek

pytestmark = pytest.mark.django_db


def _program(user, status: str) -> Program:
    program = Program.objects.create(
        user=user,
        kind="strength",
        goal="strength",
        status=status,
        start_date=FIRST_MONDAY + timedelta(weeks=4),  # 2 November
        week_count=4,
        generator="test",
        generator_version="1",
    )
    for index in range(1, 5):
        ProgramWeek.objects.create(program=program, index=index, deload=index == 2)
    return program


def test_a_followed_programs_deload_week_resets_the_count(user):
    build(user)
    athlete = athlete_for(user)
    assert weeks_since_deload(athlete, AS_OF) == 7  # lifting since 5 October, never lighter
    _program(user, "draft")
    assert weeks_since_deload(athlete, AS_OF) == 7
    _program(user, "active")  # week 2 (from 9 November) was a deload week
    assert weeks_since_deload(athlete, AS_OF) == 1  # the week of 16 November since
