"""Registration, the signed-in user's account and profile."""

from __future__ import annotations

from django.db import IntegrityError
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.models import User
from accounts.serializers import (
    MeSerializer,
    MeUpdateSerializer,
    RegisterResponseSerializer,
    RegisterSerializer,
)
from accounts.tokens import TierTokenObtainPairSerializer


def _me(user: User) -> User:
    return User.objects.select_related("profile").get(pk=user.pk)


class RegisterView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(request=RegisterSerializer, responses={201: RegisterResponseSerializer})
    def post(self, request: Request) -> Response:
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            user = services.user_register(
                email=data["email"], password=data["password"], profile=data.get("profile")
            )
        except IntegrityError as exc:
            raise ValidationError(
                {"email": ["An account with this email already exists."]}, code="email_taken"
            ) from exc
        refresh = TierTokenObtainPairSerializer.get_token(user)
        body = {
            "user": MeSerializer(_me(user)).data,
            "tokens": {"access": str(refresh.access_token), "refresh": str(refresh)},
        }
        return Response(body, status=status.HTTP_201_CREATED)


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(_me(request.user)).data)

    @extend_schema(request=MeUpdateSerializer, responses=MeSerializer)
    def patch(self, request: Request) -> Response:
        serializer = MeUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.profile_update(
            user=request.user, data=serializer.validated_data.get("profile", {})
        )
        return Response(MeSerializer(_me(request.user)).data)
