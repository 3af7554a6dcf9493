"""Model → docs tree: everything that turns validated data into pages."""
