"""App configuration for RAG."""

from django.apps import AppConfig


class RagConfig(AppConfig):
    name = "rag"
