"""Rate limiting: tier-based sliding windows in Redis, tuned from the admin."""
