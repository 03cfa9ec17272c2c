"""datatrove: a pipeline step that cleans each ``Document.text`` and keeps the audit in ``Document.metadata``.

:class:`CleantextFormatter` is a formatter (datatrove's ``BaseFormatter``: text in, text out) that also writes what
cleantext learned under ``metadata["cleantext"]``: ``title``, ``encoding``, ``contacts``, ``distributors``,
``removed`` (how many spans or lines), ``categories`` and ``rules`` (how many removals of each), and with
``audit=True`` every removal (``removals``: rule, category, line, start, end, text, why). The step is pickled to
datatrove's workers as its small :class:`~cleantext.CleanerConfig`; each worker process builds one Cleaner for it.

A document that cannot be cleaned (a rule time-out, a text over ``max_bytes``) is passed on unchanged, with
``metadata["cleantext"] = {"error": "Class: message", "error_detail": {"type": …, "message": …, …}}`` (the detail
as :func:`cleantext.errors.error_record` gives it: the error's fields, such as ``rule_id`` and ``line``), or
dropped with ``on_error="drop"``; either way it is counted in the step's stats (``cleantext_error``), so that one
bad document never fails a task.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from cleantext.cleaner import CleanerConfig
from cleantext.errors import error_record
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import cleaner_for, describe_error, log_unexpected

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine(err.name or "datatrove", "datatrove") from err

METADATA_KEY = "cleantext"


class CleantextFormatter(BaseFormatter):
    """Clean ``Document.text`` with cleantext; the audit goes to ``metadata[metadata_key]``.

    ``config`` or keyword ``options`` (those of :class:`~cleantext.CleanerConfig`: ``patterns=``, ``disable=``…)
    choose the Cleaner; ``audit=True`` keeps every removal, not only the counts; ``on_error`` keeps (default) or
    drops a document that cannot be cleaned."""

    name = "🧹 cleantext"

    def __init__(self, config: CleanerConfig | None = None, *, metadata_key: str = METADATA_KEY,
                 audit: bool = False, on_error: Literal["keep", "drop"] = "keep", **options: Any) -> None:
        super().__init__()
        if on_error not in ("keep", "drop"):
            raise ValueError(f"on_error must be 'keep' or 'drop', not {on_error!r}")
        self.config = cleaner_for(config, **options).config  # checked here, in the driver; pickled small
        self.metadata_key, self.audit, self.on_error = metadata_key, audit, on_error

    def format(self, text: str) -> str:
        """The clean text alone (datatrove's formatter interface; :meth:`run` also keeps the audit)."""
        return cleaner_for(self.config).clean(text).text

    def clean_document(self, text: str) -> tuple[str | None, dict[str, Any]]:
        """(clean text, metadata entry) of one document's text; (None, ``{"error": …}``) when it cannot be cleaned."""
        try:
            result = cleaner_for(self.config).clean(text)
        except Exception as err:  # one bad document must not fail the task: it is reported in its metadata
            log_unexpected(err)
            return None, {"error": describe_error(err), "error_detail": error_record(err)}
        meta = result.metadata.to_dict()
        entry: dict[str, Any] = {
            "title": meta["title"], "encoding": meta["encoding"], "contacts": meta["contacts"],
            "distributors": meta["distributors"], "removed": len(result.removed),
            "categories": dict(Counter(r.category for r in result.removed)),
            "rules": dict(Counter(r.rule for r in result.removed)),
        }
        if self.audit:
            entry["removals"] = [r.to_dict() for r in result.removed]
        return result.text, entry

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                text, entry = self.clean_document(doc.text)
            if text is None:
                self.stat_update("cleantext_error")
                if self.on_error == "drop":
                    self.stat_update(StatHints.dropped)
                    continue
            else:
                self.stat_update("cleantext_removed", value=entry["removed"])
                for category, count in entry["categories"].items():
                    self.stat_update(f"cleantext_{category}", value=count)
                if entry["removed"]:
                    self.stat_update("cleantext_changed")
                doc.text = text
            doc.metadata[self.metadata_key] = entry
            yield doc
