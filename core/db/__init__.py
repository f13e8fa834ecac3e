"""Database plumbing: the backend that runs on the embedded PostgreSQL."""
