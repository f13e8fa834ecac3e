"""RAG: the fitness knowledge base in pgvector and retrieval for the AI endpoints."""
