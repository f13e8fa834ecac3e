"""Programs: strength and running programs and their generators."""
