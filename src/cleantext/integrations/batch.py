"""The shared core of every adapter: documents in, a dict of typed columns out, one ``Cleaner`` per process.

A bad record (``None``, a wrong type, binary or undecodable bytes, an unreadable file) becomes a row whose ``text``
is ``None``, whose ``error`` says what went wrong and whose ``error_type`` names the exception's class (data to
filter and count on, beside the words), so that one bad document never fails a whole job.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any

from cleantext.cleaner import Cleaner, CleanerConfig, renamed_options
from cleantext.errors import CleantextError
from cleantext.evidence.profile import MIN_DOCS, Profile, learn_documents
from cleantext.result import CONTACT_KINDS

COLUMNS: tuple[str, ...] = ("text", "title", "encoding", "contacts", "distributors", "removed", "error", "error_type")
"""The canonical names of the columns; :func:`clean_batch` and the adapters give them prefixed (``cleantext_title``)."""

COLUMN_TYPES: dict[str, str] = {
    "text": "string", "title": "string", "encoding": "string", "contacts": "contacts", "distributors": "list<string>",
    "removed": "int64", "error": "string", "error_type": "string",
}
"""Each column's type, which every adapter declares in its engine's native terms; every column may hold nulls.
``contacts`` is a struct of one ``list<string>`` per kind of :data:`~cleantext.result.CONTACT_KINDS`, in that order;
``distributors`` a list of names; ``removed`` a count; ``error`` the words ``Class: message`` and ``error_type`` the
class alone (``NotTextError``, ``RuleTimeoutError``…), both null on a row that was cleaned. A flat string rather than
a struct of the error's fields: every engine filters and groups on it as it is (``df[df.cleantext_error_type ==
…]``, Spark's ``groupBy``), where a struct of every error's fields would be wide and nearly all null."""

DEFAULT_PREFIX = "cleantext_"
MAX_CACHED_CLEANERS = 8

Row = tuple[Any, ...]
# Where the traceback of an exception that is no CleantextError goes (a bad value, or a bug): the row says what it
# was, the debug log where it came from.
log = logging.getLogger(__name__)
_CLEANERS: dict[CleanerConfig, Cleaner] = {}


def cleaner_for(config: CleanerConfig | None = None, **options: Any) -> Cleaner:
    """This process's Cleaner for ``config`` changed by ``options``: built on first use, then reused, so that
    a worker compiles the patterns once however many batches it is given."""
    key = dataclasses.replace(config or CleanerConfig(), **renamed_options(options))
    cleaner = _CLEANERS.get(key)
    if cleaner is None:
        if len(_CLEANERS) >= MAX_CACHED_CLEANERS:
            _CLEANERS.pop(next(iter(_CLEANERS)))
        cleaner = _CLEANERS[key] = Cleaner(key)
    return cleaner


def describe_error(err: BaseException) -> str:
    """The ``error`` column's text: the exception's class and message, e.g. ``NotTextError: …``."""
    return f"{type(err).__name__}: {err}"


def log_unexpected(err: BaseException) -> None:
    """Send the traceback of the exception being handled to the debug log unless cleantext raised it on purpose."""
    if not isinstance(err, CleantextError):
        log.debug("a document could not be cleaned", exc_info=err)


def error_row(err: BaseException) -> Row:
    """The row of a document that could not be cleaned: null text and metadata, the error's words and class."""
    log_unexpected(err)
    return (None,) * (len(COLUMNS) - 2) + (describe_error(err), type(err).__name__)


def clean_row(cleaner: Cleaner, data: Any) -> Row:
    """One document as a row of :data:`COLUMNS`; any exception becomes an error row instead of escaping."""
    try:
        result = cleaner.clean(data)
    except Exception as err:
        return error_row(err)
    meta = result.metadata.to_dict()
    contacts = {kind: list(meta["contacts"].get(kind, [])) for kind in CONTACT_KINDS}
    return (result.text, meta["title"], meta["encoding"], contacts, list(meta["distributors"]),
            len(result.removed), None, None)


def as_columns(rows: list[Row], names: tuple[str, ...] = COLUMNS) -> dict[str, list[Any]]:
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


def prefixed(prefix: str = DEFAULT_PREFIX) -> tuple[str, ...]:
    """The names :func:`clean_batch` gives the columns: :data:`COLUMNS` with ``prefix``."""
    return tuple(prefix + name for name in COLUMNS)


def clean_batch(texts: Iterable[Any], config: CleanerConfig | None = None, *, profile: Profile | bool = True,
                prefix: str = DEFAULT_PREFIX, **options: Any) -> dict[str, list[Any]]:
    """Clean a batch of documents (``str`` or ``bytes`` of any encoding) into columns of equal length, named
    ``cleantext_text``, ``cleantext_title``, … (``prefix`` changes the prefix): the columns every adapter gives.

    ``options`` are those of :class:`~cleantext.CleanerConfig`. A bad record gives ``text=None``, null metadata,
    an ``error`` string and its ``error_type`` (an empty document is not bad: it gives ``text=""``). ``contacts``
    holds a dict of lists (one per contact kind), ``distributors`` a list, ``removed`` a count: each adapter keeps
    those as its engine's native struct, list and int64 types.

    ``profile``: with ``True`` (the default) and at least ``MIN_DOCS`` documents, a first pass learns a collection
    profile (:mod:`cleantext.evidence.profile`: lines and templates repeated at the heads and tails) and the
    cleaning pass uses it as extra evidence; ``False`` cleans each document on its own; a :class:`Profile` is used
    as it is (learned on another batch, or merged from shards). Two passes need the documents twice: a list or
    tuple is read twice; any other iterable (a generator, a file's lines) is first gathered into a list, so
    that it is consumed once — pass ``profile=False`` (or a profile learned beforehand) to stream it instead.

    >>> note = "仅供学习 禁止外传 用后删除\\n年度总结\\n今年完成了全部任务。\\n咨询QQ：12345678".encode("gb18030")
    >>> cols = clean_batch([note, b"\\x89PNG\\r\\n\\x1a\\n\\0\\0"])
    >>> cols["cleantext_text"], cols["cleantext_title"], cols["cleantext_removed"]
    (['年度总结\\n今年完成了全部任务。', None], ['年度总结', None], [2, None])
    >>> cols["cleantext_contacts"][0]["qq"], cols["cleantext_error_type"]
    (['12345678'], [None, 'NotTextError'])
    """
    return as_columns(clean_rows(texts, config, profile=profile, **options), prefixed(prefix))


def clean_rows(texts: Iterable[Any], config: CleanerConfig | None = None, *, profile: Profile | bool = True,
               **options: Any) -> list[Row]:
    """:func:`clean_batch` as rows in :data:`COLUMNS` order (what the adapters turn into their own columns)."""
    cleaner = cleaner_for(config, **options)
    if profile is True:
        docs = texts if isinstance(texts, (list, tuple)) else list(texts)
        texts = docs
        profile = batch_profile(docs, cleaner.config) if len(docs) >= MIN_DOCS else False
    if isinstance(profile, Profile):
        cleaner = copy.copy(cleaner)  # the cached Cleaner stays without a profile; patterns are shared
        cleaner.profile = profile
    return [clean_row(cleaner, data) for data in texts]


def batch_profile(docs: Iterable[Any], config: CleanerConfig) -> Profile:
    """The profile of a batch, each document decoded as ``config`` says (records that are no text are skipped)."""
    good = (bytes(d) if isinstance(d, bytearray) else d for d in docs if isinstance(d, (str, bytes, bytearray)))
    return learn_documents(good, encoding=config.encoding, decode_errors=config.decode_errors,
                           max_blank_lines=config.max_blank_lines)


def clean_paths(paths: Iterable[str | PathLike[str]], config: CleanerConfig | None = None, *,
                profile: Profile | bool = False, prefix: str = DEFAULT_PREFIX, **options: Any) -> dict[str, list[Any]]:
    """Read and clean files: a ``path`` column, then the columns of :func:`clean_batch`. The bytes go to the
    detector as they are on disk; a file that cannot be read gives an error row. ``profile``: ``False`` (each
    file alone) or a :class:`Profile` learned beforehand."""
    cleaner = cleaner_for(config, **options)
    if isinstance(profile, Profile):
        cleaner = copy.copy(cleaner)  # the cached Cleaner stays without a profile
        cleaner.profile = profile
    rows: list[Row] = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            rows.append((str(path), *error_row(err)))
            continue
        rows.append((str(path), *clean_row(cleaner, data)))
    return as_columns(rows, ("path", *prefixed(prefix)))


def output_names(column: str | None, into: str | None = None, prefix: str = DEFAULT_PREFIX) -> dict[str, str]:
    """Where an adapter puts each column: the clean text replaces ``column`` (or goes to ``into``; with neither,
    as in a bag of documents, to ``cleantext_text``), the metadata goes to prefixed columns (``cleantext_title``…).

    >>> output_names("content", into="text")["text"], output_names("text")["removed"], output_names(None)["text"]
    ('text', 'cleantext_removed', 'cleantext_text')
    """
    names = {"text": into or column or prefix + "text"} | {name: prefix + name for name in COLUMNS[1:]}
    if len(set(names.values())) < len(names):
        raise ValueError(f"output column names collide: {sorted(names.values())} (choose another prefix or into)")
    return names
