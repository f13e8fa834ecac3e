"""Chat message intents: rules plus the embedding model's nearest examples, no LLM."""
