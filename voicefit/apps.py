"""Registers the project package as an app: its management commands and its health checks."""

from django.apps import AppConfig


def _llm_status() -> dict[str, object]:
    from voicefit.llm import get_provider

    return {"status": "ok", **get_provider().describe()}


class VoicefitConfig(AppConfig):
    name = "voicefit"
    verbose_name = "VoiceFit"

    def ready(self) -> None:
        from monitoring.health import register_check
        from voicefit.embeddings import status as embedding_status

        register_check("embedding_model", embedding_status)
        register_check("llm_provider", _llm_status)
