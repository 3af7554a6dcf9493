"""Tests of kamgen/insights: figures, alerts, audiences."""
