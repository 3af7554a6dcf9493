"""Tests of kamgen/data: reading YAML, the schema, validation messages, history, the dossier cache."""
