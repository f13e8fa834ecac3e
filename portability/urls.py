"""Routes for /api/imports/, /api/me/export and /api/me (with DELETE)."""

from django.urls import path

from portability import views

urlpatterns = [
    path("imports/", views.ImportListCreateView.as_view(), name="import-list"),
    path("imports/<int:pk>", views.ImportDetailView.as_view(), name="import-detail"),
    path("imports/<int:pk>/confirm", views.ImportConfirmView.as_view(), name="import-confirm"),
    path("me/export", views.ExportCreateView.as_view(), name="export-create"),
    path("me/export/<int:pk>", views.ExportDetailView.as_view(), name="export-detail"),
    path("me/export/<int:pk>/download", views.ExportDownloadView.as_view(), name="export-download"),
    path("me", views.AccountView.as_view(), name="me"),
]
