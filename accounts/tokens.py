"""JWT pairs whose access token carries the user's tier, re-read on every refresh."""

from __future__ import annotations

from typing import Any, cast

from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.serializers import (
    TokenObtainPairSerializer,
    TokenRefreshSerializer,
)
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.authentication import TOKEN_VERSION_CLAIM, token_is_current
from accounts.models import User

TIER_CLAIM = "tier"


class TierTokenObtainPairSerializer(TokenObtainPairSerializer):
    @classmethod
    def get_token(cls, user: Any) -> RefreshToken:
        token = cast(RefreshToken, super().get_token(user))
        token[TIER_CLAIM] = user.tier
        token[TOKEN_VERSION_CLAIM] = user.token_version
        return token


class TierTokenRefreshSerializer(TokenRefreshSerializer):
    """Refreshing issues an access token with the tier as it is now, not as it was at login.

    A refresh token issued before the last password change (or reset) is refused.
    """

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        refresh = self.token_class(attrs["refresh"])
        user_id = refresh.payload.get(api_settings.USER_ID_CLAIM)
        user = (
            User.objects.filter(pk=user_id, is_active=True)
            .only("id", "tier", "token_version")
            .first()
            if user_id is not None
            else None
        )
        if user is None:
            raise AuthenticationFailed(
                "No active account found for the given token.", code="no_active_account"
            )
        if not token_is_current(refresh.payload, user):
            raise AuthenticationFailed("Token has been revoked.", code="token_revoked")
        access = refresh.access_token
        access[TIER_CLAIM] = user.tier
        access[TOKEN_VERSION_CLAIM] = user.token_version
        return {"access": str(access)}
