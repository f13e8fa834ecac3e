"""Routes of the conversational endpoints: injuries, swaps, chat intents, onboarding."""

from django.urls import path

from coach.classify.views import ClassifyView
from coach.injuries.views import InjuryAnalyzeView, InjuryLogView
from coach.onboarding.views import OnboardingConversationView, OnboardingExtractView
from coach.swap.views import SwapExerciseView

urlpatterns = [
    path("injury/log", InjuryLogView.as_view(), name="injury-log"),
    path("injury/analyze", InjuryAnalyzeView.as_view(), name="injury-analyze"),
    path("chat/swap-exercise-enhanced", SwapExerciseView.as_view(), name="chat-swap"),
    path("chat/classify", ClassifyView.as_view(), name="chat-classify"),
    path("onboarding/extract", OnboardingExtractView.as_view(), name="onboarding-extract"),
    path(
        "onboarding/conversational",
        OnboardingConversationView.as_view(),
        name="onboarding-conversational",
    ),
]
