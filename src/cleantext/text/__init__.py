"""Bytes to normalized text: decoding, normalization, the traditional-to-simplified fold. Knows nothing of rules."""
