"""The JSON Schemas of what cleantext writes, shipped in the package: ``result`` (``CleanResult.to_dict()``,
``clean --format json``, the ``--jsonl`` audit as ``$defs/audit``) and ``manifest`` (one manifest record).
``cleantext schema --what result|manifest`` prints them."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["SCHEMAS", "schema", "schema_text"]

SCHEMAS = ("result", "manifest")


def schema_text(what: str = "result") -> str:
    """The text of the JSON Schema ``what`` (one of :data:`SCHEMAS`), as shipped."""
    if what not in SCHEMAS:
        raise ValueError(f"no schema {what!r}: one of {', '.join(SCHEMAS)}")
    return resources.files(__name__).joinpath(f"{what}.schema.json").read_text(encoding="utf-8")


def schema(what: str = "result") -> dict[str, Any]:
    """The JSON Schema ``what`` as a dict (for ``jsonschema.validate``)."""
    loaded: dict[str, Any] = json.loads(schema_text(what))
    return loaded
