"""Helpers for tests and benchmarks: a tiny Marian model built on the spot."""
