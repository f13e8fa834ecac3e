"""Routes of the voice endpoints, mounted under /api/voice/."""

from django.urls import path

from voice.views import VoiceLogView, VoiceParseView

app_name = "voice"

urlpatterns = [
    path("parse", VoiceParseView.as_view(), name="parse"),
    path("log", VoiceLogView.as_view(), name="log"),
]
