"""Password reset: the one-time link by email and its check (Django's token generator)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from accounts.models import User

RESET_SUBJECT = "Reset your VoiceFit password"
RESET_BODY = """Someone asked to reset the password of your VoiceFit account ({email}).

Open this link to choose a new password (it works once, for {minutes} minutes):
{link}

Or enter these in the app:
  uid: {uid}
  token: {token}

If it was not you, ignore this email: your password stays as it is.
"""


def reset_email_send(*, email: str) -> bool:
    """Email a reset link when an active account has this address; True when one was sent.

    The caller answers the same either way, so nobody learns which addresses have accounts.
    Django's tokens hash the password and the last login: once the password changes the
    token is dead, so it works once; it also dies after ``PASSWORD_RESET_TIMEOUT``.
    """
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    body = RESET_BODY.format(
        email=user.email,
        minutes=settings.PASSWORD_RESET_TIMEOUT // 60,
        link=settings.PASSWORD_RESET_LINK.format(uid=uid, token=token),
        uid=uid,
        token=token,
    )
    send_mail(RESET_SUBJECT, body, None, [user.email])
    return True


def reset_token_user(*, uid: str, token: str) -> User | None:
    """The user a reset link belongs to, or None when the link is malformed, used or expired."""
    try:
        user_id = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user
