"""Password change (signed in) and the reset flow by email (signed out)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import passwords, services
from accounts.serializers import (
    DetailSerializer,
    PasswordChangedSerializer,
    PasswordChangeSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetSerializer,
    validated_password,
)
from accounts.tokens import TierTokenObtainPairSerializer

RESET_ACCEPTED = "If an account uses this email, a reset link is on its way."
ERRORS = {400: OpenApiResponse(description="Invalid fields: {error: {code, message, fields}}")}


class PasswordChangeView(APIView):
    """Old and new password; every other session's tokens stop working, this one gets new."""

    @extend_schema(
        request=PasswordChangeSerializer,
        responses={200: PasswordChangedSerializer, **ERRORS},
        summary="Change the password",
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordChangeSerializer(data=request.data, context={"user": request.user})
        serializer.is_valid(raise_exception=True)
        user = services.user_password_set(
            user=request.user, password=serializer.validated_data["new_password"]
        )
        refresh = TierTokenObtainPairSerializer.get_token(user)
        tokens = {"access": str(refresh.access_token), "refresh": str(refresh)}
        return Response({"detail": "Password changed.", "tokens": tokens})


class PasswordResetView(APIView):
    """Always 202, whether or not the email has an account."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=PasswordResetSerializer,
        responses={202: DetailSerializer, **ERRORS},
        summary="Email a password reset link",
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"]
        passwords.reset_email_send(email=email)
        return Response({"detail": RESET_ACCEPTED}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=PasswordResetConfirmSerializer,
        responses={200: DetailSerializer, **ERRORS},
        summary="Set a new password with the emailed token",
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = passwords.reset_token_user(uid=data["uid"], token=data["token"])
        if user is None:
            raise ValidationError(
                {"token": ["This reset link is invalid, already used or expired."]},
                code="invalid_token",
            )
        validated_password(data["new_password"], user)
        services.user_password_set(user=user, password=data["new_password"])
        return Response({"detail": "Password changed; sign in with the new one."})
