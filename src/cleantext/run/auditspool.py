"""The audit line of one huge document, spooled to disk as its blocks are cleaned (issue 13 point 7, issue 17).

A block-wise clean (:mod:`cleantext.blockwise`) of a 200 MB document removes hundreds of thousands of spans; holding
them as ``Removal`` objects, then as dicts, then as one JSON string and its UTF-8 copy cost about 1 × the document
on top of the clean itself. Here each block's removals are encoded as they are decided and written to an anonymous
temporary file, and only their counts (per category, for the manifest) and the lines they touch (for the excerpt)
stay in memory. :meth:`AuditSpool.write_line` then writes the record to a file in pieces, byte for byte the line
``auditfile.json_line(result.audit_record(path))`` would be, including its fallback to ``\\u`` escapes for a record
holding text that is not valid Unicode (a file name kept as surrogates).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import IO, Any

from cleantext.report.auditfile import excerpt_of_lines
from cleantext.result import Removal

# Stand-ins for the two long arrays in the skeleton record; the skeleton is encoded once, then cut at them.
_REMOVED = "\x00cleantext-spooled-removed\x00"
_EXCERPT = "\x00cleantext-spooled-excerpt\x00"


class AuditSpool:
    """Removals in (``add``, block by block, in the order the whole clean lists them), the excerpt of the lines
    they touch (``add_excerpt``, once, while the lines are at hand), one audit line out (``write_line``)."""

    def __init__(self) -> None:
        self.count = 0
        self.categories: Counter[str] = Counter()  # first-appearance order, as the manifest's Counter of removals
        self._marked: set[int] = set()
        self._removed: IO[bytes] = tempfile.TemporaryFile(prefix="cleantext-audit-")
        self._excerpt: IO[bytes] = tempfile.TemporaryFile(prefix="cleantext-audit-")
        self._excerpts = 0
        self._escaped = False  # some piece is not valid Unicode: the whole line is written with \u escapes

    def _put(self, fh: IO[bytes], value: Any) -> None:
        piece = json.dumps(value, ensure_ascii=False)
        try:
            data = piece.encode("utf-8")
        except UnicodeEncodeError:  # kept reversibly; write_line re-encodes every piece with \u escapes
            data, self._escaped = piece.encode("utf-8", "surrogatepass"), True
        fh.write(data + b"\n")  # one piece a line: JSON never holds a raw line break

    def add(self, removals: Iterable[Removal]) -> None:
        """One block's removals, in order (global line numbers)."""
        for r in removals:
            self._put(self._removed, r.to_dict())
            self.count += 1
            self.categories[r.category] += 1
            self._marked.add(r.line)

    def add_excerpt(self, lines: Sequence[str]) -> None:
        """``auditfile.excerpt`` of the normalized text, read from its lines: each line a removal points at, whole,
        and ``CONTEXT`` lines around it cut at ``CONTEXT_CHARS``."""
        for piece in excerpt_of_lines(lines, self._marked):
            self._put(self._excerpt, piece)
            self._excerpts += 1
        self._marked = set()

    def write_line(self, record: dict[str, Any], out: IO[bytes]) -> None:
        """Write ``record`` (the document's audit record without its removals and excerpt: ``result.removed``
        empty, ``excerpt`` None) to ``out`` as one line, with the spooled removals and excerpt in their places."""
        skeleton = {**record, "result": {**record["result"], "removed": _REMOVED}}
        if self.count:
            skeleton["excerpt"] = _EXCERPT
        try:
            text = json.dumps(skeleton, ensure_ascii=False)
            text.encode("utf-8")
            escaped = self._escaped
        except UnicodeEncodeError:
            escaped = True
        if escaped:
            text = json.dumps(skeleton)
        head, rest = text.split(json.dumps(_REMOVED), 1)
        middle, tail = rest.split(json.dumps(_EXCERPT), 1) if self.count else (rest, None)
        out.write(_encoded(head, escaped))
        self._copy(self._removed, out, escaped)
        out.write(_encoded(middle, escaped))
        if tail is not None:
            self._copy(self._excerpt, out, escaped)
            out.write(_encoded(tail, escaped))
        out.write(b"\n")

    @staticmethod
    def _copy(fh: IO[bytes], out: IO[bytes], escaped: bool) -> None:
        """The spooled pieces as a JSON array, ``", "`` between them (json.dumps' own separator)."""
        fh.seek(0)
        out.write(b"[")
        first = True
        for raw in fh:
            if not first:
                out.write(b", ")
            first = False
            piece = raw[:-1]
            if escaped:
                piece = json.dumps(json.loads(piece.decode("utf-8", "surrogatepass"))).encode("ascii")
            out.write(piece)
        out.write(b"]")

    def close(self) -> None:
        self._removed.close()
        self._excerpt.close()


def _encoded(text: str, escaped: bool) -> bytes:
    return text.encode("ascii" if escaped else "utf-8")


def copy_line(path: str, out: Any) -> None:
    """Copy the audit line spooled to the file ``path`` into ``out`` (anything with ``write(bytes)``) in pieces."""
    with open(path, "rb") as fh:
        shutil.copyfileobj(fh, out, 1 << 20)
