"""Routes for the training resources."""

from rest_framework.routers import SimpleRouter

from training import views
from training.checkins_api import CheckInViewSet

router = SimpleRouter(trailing_slash="/?")
router.register("exercises", views.ExerciseViewSet, basename="exercise")
router.register("workouts", views.WorkoutViewSet, basename="workout")
router.register("runs", views.RunViewSet, basename="run")
router.register("injuries", views.InjuryViewSet, basename="injury")
router.register("checkins", CheckInViewSet, basename="checkin")
router.register("personal-records", views.PersonalRecordViewSet, basename="personal-record")

urlpatterns = router.urls
