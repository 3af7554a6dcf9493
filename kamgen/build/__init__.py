"""Build layer: the pipeline from a project to a docs tree, written pages, live-serve state."""
