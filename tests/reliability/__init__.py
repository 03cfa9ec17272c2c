"""Reliability tests: property tests, bad input and bad pattern files (issue 7, library half)."""
