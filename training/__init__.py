"""Training: the exercise catalog and what athletes did (sessions, sets, runs, injuries, PRs)."""
