"""Voice: spoken transcripts become structured training data."""
