"""Factories for the training domain."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from training.checkins import CheckIn
from training.models import Exercise, Injury, PersonalRecord, RunSession, SetLog, WorkoutSession


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-exercise-{n}")
    name = factory.Sequence(lambda n: f"Test Exercise {n}")
    aliases = factory.LazyFunction(list)
    primary_muscles = factory.LazyFunction(lambda: ["chest"])
    equipment = factory.LazyFunction(lambda: ["barbell"])
    pattern = "horizontal_push"
    loads_regions = factory.LazyFunction(lambda: ["shoulder"])


class WorkoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkoutSession

    user = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))


class SetLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SetLog

    session = factory.SubFactory(WorkoutFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    reps = 5
    weight_kg = Decimal("100.00")


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RunSession

    user = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    distance_m = 5000.0
    duration_s = 1500


class InjuryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Injury

    user = factory.SubFactory(UserFactory)
    body_region = "knee"
    severity = 4
    onset_date = factory.LazyFunction(lambda: date.today() - timedelta(days=3))


class PersonalRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalRecord

    user = factory.SubFactory(UserFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    kind = "e1rm"
    value_kg = Decimal("120.00")
    achieved_at = factory.LazyFunction(timezone.now)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(date.today)
    readiness = 4
    soreness = 2
