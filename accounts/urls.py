"""Routes for /api/auth/* (/api/me is routed by portability, whose view adds DELETE)."""

from django.urls import path
from rest_framework_simplejwt.views import TokenRefreshView

from accounts.lockout import LockedOutTokenObtainPairView
from accounts.password_views import (
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetView,
)
from accounts.views import RegisterView

urlpatterns = [
    path("auth/register", RegisterView.as_view(), name="auth-register"),
    path("auth/token", LockedOutTokenObtainPairView.as_view(), name="auth-token"),
    path("auth/token/refresh", TokenRefreshView.as_view(), name="auth-token-refresh"),
    path("auth/password/change", PasswordChangeView.as_view(), name="auth-password-change"),
    path("auth/password/reset", PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "auth/password/reset/confirm",
        PasswordResetConfirmView.as_view(),
        name="auth-password-reset-confirm",
    ),
]
