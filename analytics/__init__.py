"""Numbers over a user's training: insights, fatigue, deload and running analysis (no narrative)."""
