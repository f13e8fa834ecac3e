"""Which provider is configured: read from Django settings each time it is asked."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

OFFLINE = "offline"
COMPATIBLE = "compatible"

# name -> (base URL, API-key setting, model setting)
REMOTE_PROVIDERS: dict[str, tuple[str, str, str]] = {
    "xai": ("https://api.x.ai/v1", "XAI_API_KEY", "XAI_MODEL"),
    "kimi": ("https://api.moonshot.ai/v1", "KIMI_API_KEY", "KIMI_MODEL"),
    "openai": ("https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_MODEL"),
}
# Without LLM_PROVIDER, the first configured of these is used.
AUTO_ORDER = (COMPATIBLE, "xai", "kimi", "openai")
KNOWN = (*AUTO_ORDER, OFFLINE)


@dataclass(frozen=True)
class ProviderConfig:
    """Everything needed to build one provider; hashable, so built providers can be reused."""

    name: str
    model: str
    timeout_s: float
    max_retries: int
    retry_base_s: float
    retry_after_cap_s: float
    breaker_threshold: int
    breaker_cooldown_s: float
    base_url: str = ""
    api_key: str = ""

    def __repr__(self) -> str:  # the key must not end up in logs
        return f"ProviderConfig(name={self.name!r}, model={self.model!r}, url={self.base_url!r})"


def _str(name: str) -> str:
    return str(getattr(settings, name)).strip()


def _is_configured(name: str) -> bool:
    if name == COMPATIBLE:
        return bool(_str("LLM_BASE_URL"))
    if name == OFFLINE:
        return True
    return bool(_str(REMOTE_PROVIDERS[name][1]))


def configured_name() -> str:
    """``LLM_PROVIDER`` if set, else the first provider with credentials, else offline."""
    explicit = _str("LLM_PROVIDER").lower()
    if explicit:
        if explicit not in KNOWN:
            raise ImproperlyConfigured(
                f"LLM_PROVIDER={explicit!r} is not one of {', '.join(KNOWN)}"
            )
        if not _is_configured(explicit):
            needs = "LLM_BASE_URL" if explicit == COMPATIBLE else REMOTE_PROVIDERS[explicit][1]
            raise ImproperlyConfigured(f"LLM_PROVIDER={explicit!r} needs {needs}")
        return explicit
    return next((name for name in AUTO_ORDER if _is_configured(name)), OFFLINE)


def fallback_name() -> str:
    """``LLM_FALLBACK_PROVIDER`` (validated), or "" for none."""
    name = _str("LLM_FALLBACK_PROVIDER").lower()
    if name and name not in KNOWN:
        raise ImproperlyConfigured(f"LLM_FALLBACK_PROVIDER={name!r} is not one of {KNOWN}")
    if name and not _is_configured(name):
        raise ImproperlyConfigured(f"LLM_FALLBACK_PROVIDER={name!r} is not configured")
    return name


def provider_config(name: str) -> ProviderConfig:
    tuned = ProviderConfig(
        name=name,
        model="offline-v1" if name == OFFLINE else "",
        timeout_s=float(settings.LLM_TIMEOUT_S),
        max_retries=int(settings.LLM_MAX_RETRIES),
        retry_base_s=float(settings.LLM_RETRY_BASE_S),
        retry_after_cap_s=float(settings.LLM_RETRY_AFTER_CAP_S),
        breaker_threshold=int(settings.LLM_BREAKER_THRESHOLD),
        breaker_cooldown_s=float(settings.LLM_BREAKER_COOLDOWN_S),
    )
    if name == OFFLINE:
        return tuned
    if name == COMPATIBLE:
        model = _str("LLM_MODEL")
        if not model:
            raise ImproperlyConfigured("LLM_BASE_URL is set but LLM_MODEL is not")
        return replace(
            tuned,
            model=model,
            base_url=_str("LLM_BASE_URL").rstrip("/"),
            # Local servers usually ignore the key, but the client needs one.
            api_key=_str("LLM_API_KEY") or "not-needed",
        )
    base_url, key_setting, model_setting = REMOTE_PROVIDERS[name]
    return replace(tuned, model=_str(model_setting), base_url=base_url, api_key=_str(key_setting))
