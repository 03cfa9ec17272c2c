"""Detectors: each proposes evidence about lines (pattern rules, shadow matching); none edits the text."""
