"""Tests of kamgen/search: the index and search in the browser."""
