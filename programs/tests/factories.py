"""Factories for programs: a small running program without the catalog."""

from datetime import date

import factory

from accounts.tests.factories import UserFactory
from programs.models import PrescribedRun, Program, ProgramSession, ProgramWeek


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    kind = "running"
    goal = "base"
    start_date = date(2027, 1, 4)
    week_count = 1
    generator = "test"
    generator_version = "1"

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        week = ProgramWeek.objects.create(program=self, index=1, focus="base")
        session = ProgramSession.objects.create(
            week=week, weekday=1, planned_date=self.start_date, title="Easy run"
        )
        PrescribedRun.objects.create(
            session=session,
            type="easy",
            distance_m=5000,
            duration_s=1800,
            pace_min_s_per_km=330,
            pace_max_s_per_km=370,
            hr_zone=2,
        )
