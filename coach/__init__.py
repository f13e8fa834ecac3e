"""Coach: the AI features built on user context, retrieval and the LLM layer."""
