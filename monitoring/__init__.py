"""Monitoring: shared metrics, health, alerts and the operators' dashboard."""
