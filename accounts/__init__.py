"""Accounts: users with tiers, athlete profiles, JWT authentication."""
