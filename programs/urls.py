"""Routes for programs: /api/programs/ (+ activate, calendar.ics) and /api/program/jobs/{id}."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from programs import views

router = SimpleRouter()
router.register("programs", views.ProgramViewSet, basename="program")
activate = views.ProgramViewSet.as_view({"post": "activate"})
calendar = views.ProgramViewSet.as_view({"get": "calendar"})

urlpatterns = [
    path("programs/<int:pk>/activate", activate, name="program-activate"),
    path("programs/<int:pk>/calendar.ics", calendar, name="program-calendar"),
    path("program/jobs/<uuid:pk>", views.GenerationJobView.as_view(), name="program-job"),
    *router.urls,
]
