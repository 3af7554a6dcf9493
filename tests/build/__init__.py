"""Tests of kamgen/build and kamgen/util: atomic builds, packing, parallel work, incremental serve."""
