"""Tests of kamgen/cli: the kamgen command."""
