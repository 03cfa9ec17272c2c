"""cleantext: dirty text documents in, clean ones out.

Bytes of unknown encoding go in; the clean body (title line included), its metadata and an audit of every removal
come out. ``clean()`` for one document, ``Cleaner`` to reuse compiled patterns over many.
"""

from __future__ import annotations

from cleantext.cleaner import Cleaner, CleanerConfig, clean
from cleantext.errors import (
    CleantextError,
    DecodingError,
    InputTooLargeError,
    NotTextError,
    PatternError,
    RuleTimeoutError,
)
from cleantext.result import (
    SCHEMA_VERSION,
    CleanResult,
    EncodingInfo,
    Metadata,
    MetadataDict,
    Removal,
    RemovalDict,
    ResultDict,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION", "CleanResult", "Cleaner", "CleanerConfig", "CleantextError", "DecodingError", "EncodingInfo",
    "InputTooLargeError", "Metadata", "MetadataDict", "NotTextError", "PatternError", "Removal", "RemovalDict",
    "ResultDict", "RuleTimeoutError", "__version__", "clean",
]
