"""JWT authentication that refuses tokens issued before the user's last password change."""

from __future__ import annotations

from typing import Any, cast

from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.tokens import Token

from accounts.models import User

TOKEN_VERSION_CLAIM = "tv"  # noqa: S105 - a claim name, not a secret


def token_version_of(token: Token | dict[str, Any]) -> int:
    """The version a token was issued under (tokens from before versions existed count as 0)."""
    return int(token.get(TOKEN_VERSION_CLAIM, 0))


def token_is_current(token: Token | dict[str, Any], user: User) -> bool:
    return token_version_of(token) == user.token_version


class VersionedJWTAuthentication(JWTAuthentication):
    """simplejwt's lookup (one query, as before) plus the token-version check."""

    def get_user(self, validated_token: Token) -> Any:
        user = cast(User, super().get_user(validated_token))
        if not token_is_current(validated_token, user):
            raise AuthenticationFailed("Token has been revoked.", code="token_revoked")
        return user
