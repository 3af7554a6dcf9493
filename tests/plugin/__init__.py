"""Tests of kamgen/plugin: the MkDocs plugin, serve, the page cache."""
