"""Exercise swaps: the catalog in memory, what a reason rules out, and the ranked alternatives."""
