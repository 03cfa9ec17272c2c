"""cleantext: dirty text documents in, clean ones out.

Bytes of unknown encoding go in; the clean body (title line included), its metadata and an audit of every removal
come out. ``clean()`` for one document, ``Cleaner`` to reuse compiled patterns over many.
"""

from __future__ import annotations

from cleantext.cleaner import Cleaner, CleanerConfig, InputTooLargeError, clean
from cleantext.errors import CleantextError, DecodingError, NotTextError, PatternError, RuleTimeoutError
from cleantext.result import CleanResult, EncodingInfo, Metadata, Removal

__version__ = "0.1.0"

__all__ = [
    "CleanResult", "Cleaner", "CleanerConfig", "CleantextError", "DecodingError", "EncodingInfo",
    "InputTooLargeError", "Metadata", "NotTextError", "PatternError", "Removal", "RuleTimeoutError", "__version__",
    "clean",
]
