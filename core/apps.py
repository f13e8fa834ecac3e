"""The shared plumbing as an app: it registers the health checks of the services it wraps."""

from django.apps import AppConfig


def _llm_status() -> dict[str, object]:
    from core.llm import get_provider

    return {"status": "ok", **get_provider().describe()}


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core services"

    def ready(self) -> None:
        from core.embeddings import status as embedding_status
        from core.health import register_check, register_core_checks

        register_core_checks()
        register_check("embedding_model", embedding_status)
        register_check("llm_provider", _llm_status)
