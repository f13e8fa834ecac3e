"""PostgreSQL on the embedded server (``settings.DATABASES`` uses it when DATABASE_URL is unset)."""
