"""Django database backends of this project (``ENGINE = "core.db.backends.<name>"``)."""
