"""Routes for the coach's endpoints."""

from django.urls import path

from coach.programs import AdherenceReportView, RunningGenerateView, StrengthGenerateView
from coach.views import CoachAskView

urlpatterns = [
    path("coach/ask", CoachAskView.as_view(), name="coach-ask"),
    path("program/generate/strength", StrengthGenerateView.as_view(), name="program-strength"),
    path("program/generate/running", RunningGenerateView.as_view(), name="program-running"),
    path("adherence/report", AdherenceReportView.as_view(), name="adherence-report"),
]
