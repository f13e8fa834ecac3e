"""Input and output serializers for the accounts endpoints."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from accounts.models import ATHLETE_FIELDS, Profile, User
from core.serializers import ModelSerializer, Serializer, TimeZoneField


class ProfileSerializer(ModelSerializer):
    timezone = TimeZoneField(required=False)
    weight_unit = serializers.CharField(read_only=True)
    distance_unit = serializers.CharField(read_only=True)

    class Meta:
        model = Profile
        fields = [*ATHLETE_FIELDS, "weight_unit", "distance_unit", "updated_at"]
        read_only_fields = ["updated_at"]


class MeSerializer(ModelSerializer):
    profile = ProfileSerializer()

    class Meta:
        model = User
        fields = ["id", "email", "tier", "is_staff", "date_joined", "profile"]
        read_only_fields = ["id", "email", "tier", "is_staff", "date_joined"]


class MeUpdateSerializer(Serializer):
    """``PATCH /api/me``: only the profile is the user's to change (never the tier)."""

    profile = ProfileSerializer(partial=True, required=False)


class RegisterSerializer(Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)
    profile = ProfileSerializer(required=False)

    def validate_email(self, value: str) -> str:
        value = value.strip().lower()
        if User.objects.filter(email__iexact=value).exists():
            raise serializers.ValidationError(
                "An account with this email already exists.", code="email_taken"
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = User(email=attrs["email"])
        try:
            password_validation.validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from exc
        return attrs


class TokenPairSerializer(Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RegisterResponseSerializer(Serializer):
    user = MeSerializer()
    tokens = TokenPairSerializer()


def validated_password(password: str, user: User | None) -> str:
    """Django's AUTH_PASSWORD_VALIDATORS, reported under the ``new_password`` field."""
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise serializers.ValidationError({"new_password": list(exc.messages)}) from exc
    return password


class PasswordChangeSerializer(Serializer):
    old_password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["user"]
        if not user.check_password(attrs["old_password"]):
            raise serializers.ValidationError(
                {"old_password": ["The current password is not correct."]}
            )
        validated_password(attrs["new_password"], user)
        return attrs


class PasswordResetSerializer(Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmSerializer(Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)


class DetailSerializer(Serializer):
    detail = serializers.CharField()


class PasswordChangedSerializer(Serializer):
    detail = serializers.CharField()
    tokens = TokenPairSerializer()
