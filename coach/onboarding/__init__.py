"""Onboarding by conversation: profile fields read from free text, and the per-user dialogue."""
