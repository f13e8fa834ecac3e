"""Routes for the coach's endpoints."""

from django.urls import path

from coach.views import CoachAskView

urlpatterns = [
    path("coach/ask", CoachAskView.as_view(), name="coach-ask"),
]
