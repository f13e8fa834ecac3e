"""ASGI entry point (uvicorn): serves the same API, and streams server-sent events unbuffered."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")

application = get_asgi_application()
