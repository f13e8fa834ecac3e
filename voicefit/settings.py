"""Django settings: every knob is read from the environment here, and only here.

Importing this module only reads: it starts no server and writes no file. With ``DATABASE_URL`` /
``REDIS_URL`` unset the project uses its embedded PostgreSQL (with pgvector) and Valkey, which
start on their first connection (``core.db.backends.embedded``, ``core.redis``; see
docs/architecture.md); with them set it uses those servers.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from core.embedded import EMBEDDED_REDIS_URL

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def stored_or_new_secret_key(path: Path) -> str:
    """The checkout's own key from ``path``; before that file exists, a new random one.

    Only reads: the embedded start and the bootstrap write this process's key to ``path``
    (``core.embedded.ensure_secret_key``), so every later process reads the same key.
    """
    try:
        return path.read_text().strip() or secrets.token_urlsafe(50)
    except FileNotFoundError:
        return secrets.token_urlsafe(50)


# Everything the embedded services keep on disk: data, the Valkey port, the secret key, models.
VAR_DIR = Path(env_str("VOICEFIT_VAR_DIR") or BASE_DIR / "var").resolve()

DEBUG = env_bool("DJANGO_DEBUG", False)
# Without DJANGO_SECRET_KEY the checkout keeps its own key in this file (None when it is set).
SECRET_KEY_FILE = None if env_str("DJANGO_SECRET_KEY") else VAR_DIR / "secret_key"
SECRET_KEY = (
    stored_or_new_secret_key(SECRET_KEY_FILE) if SECRET_KEY_FILE else env_str("DJANGO_SECRET_KEY")
)
# Production over HTTPS (TLS ended at a proxy): DJANGO_HTTPS=true turns on the redirect to https,
# secure cookies and HSTS; DJANGO_PROXY_SSL_HEADER=true believes the proxy's X-Forwarded-Proto
# (set it only behind a proxy that overwrites that header). `manage.py check --deploy` is clean.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_PROXY_SSL_HEADER", False) else None
)
# Probes and scrapers inside the network call these over plain HTTP: no redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^api/monitoring/health$", r"^metrics$"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "voicefit",
    "accounts",
    "training",
    "voice",
    "programs",
    "rag",
    "analytics",
    "coach",
    "portability",
    "ratelimit",
    "monitoring",
    "axes",
]

MIDDLEWARE = [
    "monitoring.http.HttpMetricsMiddleware",  # outermost: times and ids every response
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ratelimit.middleware.RateLimitHeadersMiddleware",
    # Last, as django-axes asks: it turns a request it flagged as locked out into the lockout.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "voicefit.urls"
WSGI_APPLICATION = "voicefit.wsgi.application"
ASGI_APPLICATION = "voicefit.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- PostgreSQL (+ pgvector) -------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    # The embedded server: this backend starts it on the first connection and fills in its
    # socket directory as the host.
    DATABASES = {
        "default": {
            "ENGINE": "core.db.backends.embedded",
            "NAME": "voicefit",
            "USER": "postgres",
            "HOST": "",
            "PORT": "",
            "CONN_MAX_AGE": 60,
        }
    }
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["TEST"] = {"NAME": env_str("VOICEFIT_TEST_DB_NAME", "test_voicefit")}
# Seconds a client is told to wait (Retry-After) when the database cannot be reached (503).
DATABASE_RETRY_AFTER_S = env_int("DATABASE_RETRY_AFTER_S", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, rate limiter, metrics, Celery broker ----------------------------------------
# Unset, the embedded Valkey ("embedded://"): every client resolves that to the server's address,
# starting it, when it first connects (core.redis.resolve_url: the raw client, the cache's
# connection factory, Celery when it is configured, the health checks).
REDIS_URL = env_str("REDIS_URL") or EMBEDDED_REDIS_URL

# Every key this project writes to Redis starts with this prefix (tests use their own).
REDIS_KEY_PREFIX = env_str("REDIS_KEY_PREFIX", "vf")

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": REDIS_KEY_PREFIX,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "CONNECTION_FACTORY": "core.redis.ConnectionFactory",
            "CONNECTION_POOL_CLASS": "core.redis_availability.ObservedConnectionPool",
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
# Off: a traceback per cache call during an outage; core.redis_availability logs one line per
# change (unreachable, answers again) and counts the failures instead.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Auth ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out IP or account before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins (admin form, POST /api/auth/token) counted per IP and, apart, per account:
# within the cool-off, the attempt numbered this many is answered with the lockout (429) whatever
# its password, and so is every attempt after it until the cool-off has passed (or staff delete
# the attempt rows in the admin). 11: ten wrong passwords are answered as such, then locked.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 11)
AXES_HANDLER = "accounts.lockout.LoginLockHandler"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.login_client_ip"
AXES_USERNAME_CALLABLE = "accounts.lockout.login_username"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.VersionedJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": ["ratelimit.throttling.TierRateThrottle"],
    # Decimals (loads, RPE, body measures) are JSON numbers both ways, as the schema says.
    "COERCE_DECIMAL_TO_STRING": False,
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )

# --- Rate limiting (limits per tier live in the database, see ratelimit.models) ---------------
# Proxies (IPs or CIDRs) whose X-Forwarded-For is believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
RATELIMIT_FAIL_CLOSED_EXPENSIVE = env_bool("RATELIMIT_FAIL_CLOSED_EXPENSIVE", False)
RATELIMIT_FALLBACK_ENABLED = env_bool("RATELIMIT_FALLBACK_ENABLED", True)
RATELIMIT_BREAKER_FAILURES = env_int("RATELIMIT_BREAKER_FAILURES", 3)
RATELIMIT_BREAKER_SECONDS = env_int("RATELIMIT_BREAKER_SECONDS", 5)
RATELIMIT_POLICY_CHECK_SECONDS = float(env_str("RATELIMIT_POLICY_CHECK_SECONDS", "1"))
RATELIMIT_POLICY_MAX_AGE_SECONDS = env_int("RATELIMIT_POLICY_MAX_AGE_SECONDS", 5)
RATELIMIT_AUTH_PER_MINUTE = env_int("RATELIMIT_AUTH_PER_MINUTE", 10)
RATELIMIT_AUTH_PER_HOUR = env_int("RATELIMIT_AUTH_PER_HOUR", 30)

# A bearer token's user row is read from Redis for this long (seconds) between writes; every write
# to the user retires it at once (accounts.auth_cache). 0 reads the database on every request.
AUTH_USER_CACHE_SECONDS = env_int("AUTH_USER_CACHE_SECONDS", 300)

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 7)),
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env_str("JWT_SIGNING_KEY") or SECRET_KEY,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "TOKEN_OBTAIN_SERIALIZER": "accounts.tokens.TierTokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": "accounts.tokens.TierTokenRefreshSerializer",
}

# Password reset links stop working after this many seconds (and after one use).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600)
# The link in the reset email; {uid} and {token} are filled in (the app's reset screen).
PASSWORD_RESET_LINK = env_str(
    "PASSWORD_RESET_LINK", "http://127.0.0.1:8000/reset-password?uid={uid}&token={token}"
)

# --- Email: printed to the console unless an SMTP server is configured -------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VoiceFit <no-reply@voicefit.local>")

SPECTACULAR_SETTINGS = {
    "TITLE": "VoiceFit API",
    "DESCRIPTION": "Voice-logged training, a grounded AI coach, programs and analytics.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "GET_LIB_DOC_EXCLUDES": "core.schema.lib_doc_excludes",
    # One name per choice set (fields called kind, source, status name several sets).
    "ENUM_NAME_OVERRIDES": {
        "MuscleEnum": "training.vocabulary.Muscle",
        "EquipmentEnum": "accounts.models.Equipment",
        "WorkoutSourceEnum": "training.models.Source",
        "ParseSourceEnum": "voice.response_serializers.PARSE_SOURCES",
        "ProgramKindEnum": "programs.models.Kind",
        "ProgramStatusEnum": "programs.models.Status",
    },
}

# JSON request bodies nested deeper than this are refused with 400 (no RecursionError).
JSON_MAX_DEPTH = env_int("JSON_MAX_DEPTH", 32)

# Request bodies larger than this are refused with 413 before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
# Activity files (GPX, TCX, FIT) for /api/running/analyze: larger ones get a 413.
RUN_FILE_MAX_BYTES = env_int("RUN_FILE_MAX_BYTES", 20 * 1024 * 1024)

# --- LLM providers (core.llm) ----------------------------------------------------------------
# LLM_PROVIDER picks one of xai | kimi | openai | compatible | offline; unset, the first configured
# of LLM_BASE_URL, XAI_API_KEY, KIMI_API_KEY, OPENAI_API_KEY wins, and with none the offline coach.
LLM_PROVIDER = env_str("LLM_PROVIDER").lower()
XAI_API_KEY = env_str("XAI_API_KEY")
XAI_MODEL = env_str("XAI_MODEL", "grok-4-fast")
KIMI_API_KEY = env_str("KIMI_API_KEY")
KIMI_MODEL = env_str("KIMI_MODEL", "kimi-k2-0905-preview")
OPENAI_API_KEY = env_str("OPENAI_API_KEY")
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
LLM_BASE_URL = env_str("LLM_BASE_URL")  # any OpenAI-compatible server (vLLM, Ollama, llama.cpp)
LLM_MODEL = env_str("LLM_MODEL")
LLM_API_KEY = env_str("LLM_API_KEY")
LLM_FALLBACK_PROVIDER = env_str("LLM_FALLBACK_PROVIDER").lower()  # e.g. "offline"
LLM_TIMEOUT_S = float(env_str("LLM_TIMEOUT_S") or 30)
LLM_MAX_RETRIES = env_int("LLM_MAX_RETRIES", 2)
LLM_RETRY_BASE_S = float(env_str("LLM_RETRY_BASE_S") or 0.5)
LLM_RETRY_AFTER_CAP_S = float(env_str("LLM_RETRY_AFTER_CAP_S") or 8)
LLM_BREAKER_THRESHOLD = env_int("LLM_BREAKER_THRESHOLD", 5)
LLM_BREAKER_COOLDOWN_S = float(env_str("LLM_BREAKER_COOLDOWN_S") or 30)

# --- Locale, static -----------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- Retrieval (rag) -----------------------------------------------------------------------------
# EMBEDDING_MODEL: a sentence-transformers name or folder; empty = the packaged all-MiniLM-L6-v2.
EMBEDDING_MODEL = env_str("EMBEDDING_MODEL")
# auto = ONNX Runtime when its vectors match PyTorch's (checked once at export), else PyTorch.
EMBEDDING_BACKEND = env_str("EMBEDDING_BACKEND", "auto")
# Threads of one ONNX forward pass; 0 = ONNX Runtime's default (one per core; idle threads sleep,
# never spin), the fastest while the cores have room (a short query: 5.6 ms p95 against 10.4 on
# one thread). On a host with more busy workers than cores, 1 keeps each worker to one core.
EMBEDDING_THREADS = env_int("EMBEDDING_THREADS", 0)
EMBEDDING_CACHE_DIR = Path(env_str("EMBEDDING_CACHE_DIR") or VAR_DIR / "models")
RAG_KNOWLEDGE_DIR = Path(env_str("RAG_KNOWLEDGE_DIR") or BASE_DIR / "knowledge")
RAG_CACHE_TTL = env_int("RAG_CACHE_TTL", 3600)
# HNSW candidate list per scan: 40 scored the same as 100 on the hard set's tuning half and the
# old set, at search p50 -30 %; a search wanting more rows widens it (rag.search).
RAG_EF_SEARCH = env_int("RAG_EF_SEARCH", 40)
# The search statement prepared once per database session and run with a generic plan (planning
# was a quarter of it); false behind a transaction-pooling proxy (core.db.server_prepared).
RAG_PREPARED_SEARCH = env_bool("RAG_PREPARED_SEARCH", True)
RAG_MAX_CHUNK_TOKENS = env_int("RAG_MAX_CHUNK_TOKENS", 256)

# --- Monitoring and caching (coach.cache, monitoring) ---------------------------------------------
USER_CONTEXT_CACHE_TTL = env_int("USER_CONTEXT_CACHE_TTL", 3600)
AI_CACHE_TTL_GENERAL = env_int("AI_CACHE_TTL_GENERAL", 86400)
AI_CACHE_TTL_PERSONAL = env_int("AI_CACHE_TTL_PERSONAL", 3600)
MONITORING_ALERT_WINDOW_MIN = env_int("MONITORING_ALERT_WINDOW_MIN", 15)
MONITORING_CACHE_HIT_RATE_MIN = float(env_str("MONITORING_CACHE_HIT_RATE_MIN", "0.30"))
MONITORING_CACHE_MIN_REQUESTS = env_int("MONITORING_CACHE_MIN_REQUESTS", 50)
MONITORING_THROTTLE_SHARE_MAX = float(env_str("MONITORING_THROTTLE_SHARE_MAX", "0.20"))
MONITORING_THROTTLE_MIN_REQUESTS = env_int("MONITORING_THROTTLE_MIN_REQUESTS", 50)
MONITORING_LLM_ERROR_RATE_MAX = float(env_str("MONITORING_LLM_ERROR_RATE_MAX", "0.10"))
# Per route over the alert window: a 5xx share above this, or a p95 above this many ms, alerts
# once the route had this many requests.
MONITORING_HTTP_5XX_RATE_MAX = float(env_str("MONITORING_HTTP_5XX_RATE_MAX", "0.01"))
MONITORING_HTTP_P95_MS_MAX = float(env_str("MONITORING_HTTP_P95_MS_MAX", "2000"))
MONITORING_HTTP_MIN_REQUESTS = env_int("MONITORING_HTTP_MIN_REQUESTS", 20)
# /metrics and /api/monitoring/alerts accept "Authorization: Bearer <token>" (alerts also staff).
MONITORING_METRICS_TOKEN = env_str("MONITORING_METRICS_TOKEN")
# /metrics is open without the token only when this is true (or DEBUG).
MONITORING_METRICS_PUBLIC = env_bool("MONITORING_METRICS_PUBLIC", False)

# --- Data portability (portability): imports, exports, uploaded and generated files ----------
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
MEDIA_URL = "media/"  # never served as static files: exports go through an owner-only view
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000)
IMPORT_MAX_ZIP_RATIO = env_int("IMPORT_MAX_ZIP_RATIO", 100)
IMPORT_MAX_FILES = env_int("IMPORT_MAX_FILES", 500)
EXPORT_TTL_HOURS = env_int("EXPORT_TTL_HOURS", 24)

# --- Bootstrap -----------------------------------------------------------------------------------
VOICEFIT_ADMIN_EMAIL = env_str("VOICEFIT_ADMIN_EMAIL")
VOICEFIT_ADMIN_PASSWORD = env_str("VOICEFIT_ADMIN_PASSWORD")

# "json" (one JSON object a line, python-json-logger) or "plain"; JSON by default in production
# (DJANGO_HTTPS), where a log collector parses the lines. Both carry the request id.
LOG_FORMAT = env_str("LOG_FORMAT") or ("json" if HTTPS else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "monitoring.http.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}
