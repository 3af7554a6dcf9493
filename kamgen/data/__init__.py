"""Data layer: YAML sources → validated pydantic model, with positions for every message."""
