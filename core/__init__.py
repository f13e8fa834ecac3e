"""Shared plumbing below every app: Redis, caches, metrics, errors, embedded servers, the LLM."""
