"""Factories for users and profiles."""

import factory

from accounts.models import Profile, Tier, User

TEST_PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"athlete{n}@example.com")
    tier = Tier.FREE
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)
    profile = factory.RelatedFactory("accounts.tests.factories.ProfileFactory", "user")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory, profile=None)
    unit_system = "imperial"
