"""JWT authentication that refuses tokens issued before the user's last password change."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from accounts.auth_cache import auth_user_get
from accounts.models import User

TOKEN_VERSION_CLAIM = "tv"  # noqa: S105 - a claim name, not a secret


def token_version_of(token: Token | dict[str, Any]) -> int:
    """The version a token was issued under (tokens from before versions existed count as 0)."""
    return int(token.get(TOKEN_VERSION_CLAIM, 0))


def token_is_current(token: Token | dict[str, Any], user: User) -> bool:
    return token_version_of(token) == user.token_version


class VersionedJWTAuthentication(JWTAuthentication):
    """simplejwt's checks (the user exists and is active) plus the token version, against the
    user's row as ``accounts.auth_cache`` keeps it (Redis between writes, else the database)."""

    def get_user(self, validated_token: Token) -> Any:
        try:
            user_id = int(validated_token[api_settings.USER_ID_CLAIM])
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidToken("Token contained no recognizable user identification") from exc
        user = auth_user_get(user_id)
        if user is None:
            raise AuthenticationFailed("User not found", code="user_not_found")
        if not user.is_active:
            raise AuthenticationFailed("User is inactive", code="user_inactive")
        if not token_is_current(validated_token, user):
            raise AuthenticationFailed("Token has been revoked.", code="token_revoked")
        return user
