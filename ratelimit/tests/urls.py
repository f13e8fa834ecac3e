"""The project's routes plus cheap test views: a general one, an expensive one, a public one."""

from django.urls import path
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from voicefit.urls import urlpatterns as project_urlpatterns


class Ping(APIView):
    def get(self, request):  # type: ignore[no-untyped-def]
        return Response({"ok": True})

    post = get


class PublicPing(Ping):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []


urlpatterns = [
    path("api/rltest/cheap", Ping.as_view()),
    path("api/rltest/expensive", Ping.as_view()),
    path("api/rltest/exempt", Ping.as_view()),
    path("api/rltest/public", PublicPing.as_view()),
    *project_urlpatterns,
]
