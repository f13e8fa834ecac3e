"""Routes for programs: /api/programs/ (+ activate, calendar.ics) and /api/program/jobs/{id}."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from programs import views

router = SimpleRouter(trailing_slash="/?")
router.register("programs", views.ProgramViewSet, basename="program")

urlpatterns = [
    path("program/jobs/<uuid:pk>", views.GenerationJobView.as_view(), name="program-job"),
    *router.urls,
]
