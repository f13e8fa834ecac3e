"""Moving an athlete's data in and out: imports, exports and account deletion."""
