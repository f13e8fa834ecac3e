"""Injuries told in words: extraction, analysis against the training, the log and analyze endpoints."""
