"""Injuries told in words: extraction, analysis against the training, and their endpoints."""
