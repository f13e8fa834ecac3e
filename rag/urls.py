"""Routes for retrieval inspection."""

from django.urls import path

from rag.views import RagSearchView

urlpatterns = [path("rag/search", RagSearchView.as_view(), name="rag-search")]
