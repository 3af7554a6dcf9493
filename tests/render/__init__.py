"""Tests of kamgen/render: generated Markdown, playbooks, charts, languages."""
