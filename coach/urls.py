"""Routes for the coach's endpoints."""

from django.urls import path

from coach.analytics_views import DeloadView, FatigueView, InsightsView, RunAnalyzeView
from coach.programs import AdherenceReportView, RunningGenerateView, StrengthGenerateView
from coach.urls_conversation import urlpatterns as conversation_urlpatterns
from coach.views import CoachAskView

urlpatterns = [
    path("coach/ask", CoachAskView.as_view(), name="coach-ask"),
    path("analytics/fatigue", FatigueView.as_view(), name="analytics-fatigue"),
    path("analytics/deload", DeloadView.as_view(), name="analytics-deload"),
    path("workout/insights", InsightsView.as_view(), name="workout-insights"),
    path("running/analyze", RunAnalyzeView.as_view(), name="running-analyze"),
    path("program/generate/strength", StrengthGenerateView.as_view(), name="program-strength"),
    path("program/generate/running", RunningGenerateView.as_view(), name="program-running"),
    path("adherence/report", AdherenceReportView.as_view(), name="adherence-report"),
]

urlpatterns += conversation_urlpatterns
