"""Patterns are data that carry their own proof.

A pattern file is TOML: a ``[meta]`` table and ``[[pattern]]`` entries, each with an id, a category, a scope,
keywords (the cheap prefilter), a regex and its own examples: ``match`` (must be removed), ``keep`` (must stay) and,
for inline patterns, ``examples = [{text, clean}]``. :func:`load_file` refuses a file with any problem (all problems
listed at once, each with file, pattern id and reason); :func:`check_pattern` is the one function that runs the
examples, used at load time, by the test suite and by ``cleantext patterns check``.
"""

from __future__ import annotations

import contextvars
import functools
import importlib.resources
import time
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from cleantext.domains import BARE_TLDS, alternation
from cleantext.errors import PatternError, RuleTimeoutError
from cleantext.evidence.redos import exponential_shapes
from cleantext.result import CONTACT_KINDS
from cleantext.spans import cut as cut_spans

CATEGORIES = frozenset(
    {"watermark", "brand", "disclaimer", "credit", "contact", "promo", "ad", "site", "page", "social", "nav"})
SCOPES = frozenset({"line", "inline", "head", "tail"})
# The named groups that give a contact: one per kind of contact the metadata reports.
CONTACT_GROUPS = frozenset(CONTACT_KINDS)
KNOWN_GROUPS = CONTACT_GROUPS | {"distributor"}
_PATTERN_KEYS = frozenset({"id", "category", "scope", "keywords", "regex", "match", "keep", "examples",
                           "max_length", "shadow", "description", "strong"})
_REQUIRED = ("id", "category", "scope", "keywords", "regex")
DEFAULT_MAX_LENGTH = 120

# Shapes shared by many families, written once. A pattern's regex may use them as %NAME%; they hold no groups, so a
# pattern wraps them in its own named group: (?P<qq>%QQNUM%).
MACROS: dict[str, str] = {
    # 5–13 digits, ASCII or full-width, with at most one space or dash between two digits (no nested quantifier).
    "QQNUM": r"[0-9０-９](?:[ 　\-－]?[0-9０-９]){4,12}",
    "WXID": r"[A-Za-z][A-Za-z0-9_\-]{4,19}",
    "URL": r"(?:https?://)?(?:www\.)?[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,3}"
           r"\." + alternation() + r"(?![A-Za-z])"
           r"(?:/[A-Za-z0-9_./?=&%#\-]*)?",
    "EMAIL": r"[A-Za-z0-9._+\-]{1,64}(?:@|\s*[（(\[]\s*(?:at|AT|艾特)\s*[)）\]]\s*)[A-Za-z0-9\-]{1,63}"
             r"(?:\.[A-Za-z0-9\-]{1,63}){1,3}",
    "PHONE": r"(?:\+?86[ \-]?)?1[3-9][0-9](?:[ \-]?[0-9]){8}|0[0-9]{2,3}[ \-－]?[0-9]{7,8}",
    "QQ": r"(?:QQ|Q\s?Q|ＱＱ|qq|扣扣|企鹅|抠抠|Q号)",
    "WX": r"(?:微信|V信|v信|薇信|威信|徽信|vx|VX|wx|WX|Vx|威芯|卫星)",
    # The top-level domains of ``cleantext.domains``: after a dot (TLD), and glued on once the dots are gone
    # (BARETLD, for shadow rules that read ``wwwexamplenovelcom``).
    "TLD": alternation(),
    "BARETLD": alternation(BARE_TLDS),
}
_MACRO = regex.compile(r"%([A-Z]+)%")


def expand_macros(source: str) -> str:
    """Replace %NAME% by its shape; an unknown name is left as is (and then fails to compile or match)."""
    return _MACRO.sub(lambda m: "(?:" + MACROS[m.group(1)] + ")" if m.group(1) in MACROS else m.group(0), source)
# Budget of one regex on one adversarial input at load time, and on one line at run time.
CHECK_TIMEOUT = 0.25
RUN_TIMEOUT = 1.0
# The time all rules together may take on one document (CleanerConfig.rule_budget; see document_budget).
DOCUMENT_BUDGET = 10.0

# (deadline on the monotonic clock, the budget in seconds) of the document being cleaned, or None outside one.
_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("cleantext_rule_deadline",
                                                                                      default=None)


@contextmanager
def document_budget(seconds: float | None) -> Iterator[None]:
    """Give every rule run inside the block ``seconds`` in total: each regex call gets at most what is left (and
    at most ``RUN_TIMEOUT``), and a call that finds it spent raises :class:`RuleTimeoutError` with ``document=True``.
    A per-call timeout alone lets a slow rule take 1 s on each of thousands of lines. ``None`` or 0: no budget.
    Inside an enclosing budget the sooner deadline holds (a caller's budget is never widened by the cleaner's).

    >>> with document_budget(5.0):
    ...     0 < _call_timeout("x.y") <= RUN_TIMEOUT
    True
    """
    if not seconds or seconds <= 0:
        yield
        return
    deadline = (time.monotonic() + seconds, seconds)
    outer = _DEADLINE.get()
    token = _DEADLINE.set(outer if outer is not None and outer[0] <= deadline[0] else deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _call_timeout(rule: str) -> float:
    """The timeout of the next regex call of ``rule``: what is left of the document's budget, capped by RUN_TIMEOUT."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return RUN_TIMEOUT
    left = deadline[0] - time.monotonic()
    if left <= 0:
        raise RuleTimeoutError(rule, deadline[1], document=True)
    return min(RUN_TIMEOUT, left)


def _timed_out(rule: str, timeout: float) -> RuleTimeoutError:
    """The error of a call that ran over ``timeout``: the document's budget when that was what limited it."""
    deadline = _DEADLINE.get()
    if deadline is not None and timeout < RUN_TIMEOUT:
        return RuleTimeoutError(rule, deadline[1], document=True)
    return RuleTimeoutError(rule, RUN_TIMEOUT)


_GROUP_NAME = regex.compile(r"\(\?P?<([A-Za-z_]\w*)>")
# Whole-line verdicts a rule remembers (see ``LazyRegex.memo``), then it starts again.
MATCH_MEMO = 256
_UNSEEN = object()


class LazyRegex:
    """A rule's regex, compiled on first use: the ``regex`` module compiles slowly (seconds for a library of 300+
    rules), and a document meets only the few rules whose keywords it holds. Pickles as its source."""

    __slots__ = ("_rx", "memo", "source")

    def __init__(self, source: str, compiled: Any = None) -> None:
        self.source = source
        self._rx = compiled
        # Whole-line verdicts of this rule (stripped line → match or None): a removed line is asked again by the
        # contact harvest, and a distributor's lines recur across the documents of a collection.
        self.memo: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:  # fullmatch, finditer, groupindex…: compile, then delegate
        rx = self._rx
        if rx is None:
            rx = self._rx = regex.compile(expand_macros(self.source), regex.V0)
        return getattr(rx, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyRegex, (self.source,))


@functools.cache
def group_names(source: str) -> frozenset[str]:
    """The named groups of a rule's regex, read from its (macro-expanded) source without compiling it."""
    return frozenset(_GROUP_NAME.findall(expand_macros(source)))


@dataclass(frozen=True, slots=True)
class Pattern:
    """One rule. ``scope``: ``line`` removes a whole line the regex matches entirely (never a line longer than
    ``max_length``); ``head``/``tail`` do the same only near the start/end of the document; ``inline`` removes
    just the matched spans. ``strong`` marks lines that anchor a boilerplate block (see zones)."""

    id: str
    category: str
    scope: str
    keywords: tuple[str, ...]
    source: str
    compiled: Any = field(repr=False, compare=False)
    match: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    examples: tuple[tuple[str, str], ...] = ()
    max_length: int = DEFAULT_MAX_LENGTH
    strong: bool = True
    shadow: bool = False
    path: str = ""

    @property
    def groups(self) -> frozenset[str]:
        """The named groups of the regex (``qq``, ``distributor``…), known without compiling it."""
        return group_names(self.source)

    def matches_line(self, line: str) -> Any:
        """The match object when this whole-line rule removes ``line`` (stripped), else None. A ``shadow`` rule
        judges the line's shadow (see :func:`shadow_of`)."""
        stripped = shadow_of(line) if self.shadow else line.strip()
        if not stripped or len(stripped) > self.max_length:
            return None
        memo = getattr(self.compiled, "memo", None) if type(self.compiled) is LazyRegex else None
        if memo is not None:
            found = memo.get(stripped, _UNSEEN)
            if found is not _UNSEEN:
                return found
        timeout = _call_timeout(self.id)
        try:
            m = self.compiled.fullmatch(stripped, timeout=timeout)
        except TimeoutError:
            raise _timed_out(self.id, timeout) from None
        if memo is not None:
            if len(memo) >= MATCH_MEMO:
                memo.clear()
            memo[stripped] = m
        return m

    def matches_between(self, line: str, start: int, end: int) -> Any:
        """The match when this (non-shadow) whole-line rule takes ``line[start:end]`` whole, with offsets in
        ``line`` (an ad that ends where a story sentence glued after it begins)."""
        if end - start > self.max_length:
            return None
        timeout = _call_timeout(self.id)
        try:
            return self.compiled.fullmatch(line, start, end, timeout=timeout)
        except TimeoutError:
            raise _timed_out(self.id, timeout) from None

    def spans(self, line: str) -> list[Any]:
        """Matches of this inline rule in ``line`` (empty matches ignored)."""
        timeout = _call_timeout(self.id)
        try:
            return [m for m in self.compiled.finditer(line, timeout=timeout) if m.end() > m.start()]
        except TimeoutError:
            raise _timed_out(self.id, timeout) from None


_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def shadow_of(line: str) -> str:
    """A line as an obfuscated watermark means it: NFKC-folded (full-width → ASCII), lower-cased, and stripped of
    everything but letters and digits. ``ｗＷw．exＡmpleＴXT.cＯm`` → ``wwwexampletxtcom``;
    ``示!例!小!说`` → ``示例小说``."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", line).lower())


def apply_inline(pattern: Pattern, text: str) -> str:
    """``text`` with the spans of an inline pattern cut out (what an ``examples`` entry's ``clean`` must equal)."""
    return cut_spans(text, [m.span() for m in pattern.spans(text)])


def _adversarial_inputs(p: Pattern) -> Iterator[str]:
    """Inputs that make a regex with nested or overlapping quantifiers backtrack for ever."""
    seeds = list(p.match) + [t for t, _ in p.examples] + list(p.keywords)
    chars = {c for s in seeds for c in s}
    for c in sorted(chars)[:40]:
        yield c * 3000 + "\x00"
    for s in seeds[:6]:
        yield (s * (3000 // max(len(s), 1) + 1))[:3000] + "\x00"
        yield s + " " * 3000 + "\x00"
    for kw in p.keywords[:3]:
        yield kw + "1 " * 1500 + "\x00"
        yield kw + ("1" * 50 + " ") * 60 + "\x00"


def _keyword_in(keywords: tuple[str, ...], text: str) -> bool:
    low = text.lower()
    return any(k.lower() in low for k in keywords)


def check_pattern(p: Pattern) -> list[str]:
    """Every problem of one pattern: its examples, its keywords, its speed. Empty when it is sound."""
    problems: list[str] = []
    n_pos = len(p.match) + len(p.examples)
    if n_pos < 2:
        problems.append(f"needs at least 2 positive examples (match/examples), has {n_pos}")
    if len(p.keep) < 1:
        problems.append("needs at least 1 keep example")
    try:
        for text in p.match:
            if not _keyword_in(p.keywords, shadow_of(text) if p.shadow else text):
                problems.append(f"match example holds none of the keywords, the prefilter would hide it: {text!r}")
            elif p.scope == "inline":
                if not p.spans(text):
                    problems.append(f"match example not matched: {text!r}")
            elif not p.matches_line(text):
                problems.append(f"match example not matched as a whole line: {text!r}")
        for text, clean in p.examples:
            if not _keyword_in(p.keywords, text):
                problems.append(f"example holds none of the keywords, the prefilter would hide it: {text!r}")
            got = apply_inline(p, text) if p.scope == "inline" else ("" if p.matches_line(text) else text)
            if got != clean:
                problems.append(f"example {text!r} gives {got!r}, expected {clean!r}")
        for text in p.keep:
            hit = p.spans(text) if p.scope == "inline" else p.matches_line(text)
            if hit:
                problems.append(f"keep example would be removed: {text!r}")
        # Run each regex the way it runs for real: inline ones scan whole lines of any length, whole-line ones
        # only ever see a line of at most max_length characters.
        for bad in _adversarial_inputs(p):
            if p.scope == "inline":
                for _ in p.compiled.finditer(bad, timeout=CHECK_TIMEOUT):
                    pass
            else:
                p.compiled.fullmatch(bad[: p.max_length], timeout=CHECK_TIMEOUT)
                p.compiled.fullmatch(bad[-p.max_length :], timeout=CHECK_TIMEOUT)
    except (TimeoutError, RuleTimeoutError):
        problems.append(f"catastrophic backtracking: the regex ran over {CHECK_TIMEOUT}s on an adversarial input "
                        "(nested or overlapping quantifiers?)")
    # Running cannot try every input: also read the regex for the shapes that backtrack exponentially (one reason
    # is enough when running already showed it).
    if not any(why.startswith("catastrophic backtracking") for why in problems):
        problems.extend(f"catastrophic backtracking: {why}" for why in exponential_shapes(expand_macros(p.source))[:1])
    return problems


def _as_str_tuple(value: Any, what: str, problems: list[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{what} must be a list of strings")
        return ()
    return tuple(value)


def _build(entry: Any, path: str, index: int,
           verify: bool = True) -> tuple[Pattern | None, list[tuple[str, str | None, str]]]:
    """One ``[[pattern]]`` table → a Pattern, or the problems that stop it."""
    if not isinstance(entry, dict):
        return None, [(path, None, f"pattern #{index + 1} is not a table")]
    pid = entry.get("id") if isinstance(entry.get("id"), str) else None
    label = pid or f"#{index + 1}"
    problems: list[str] = []
    for key in _REQUIRED:
        if key not in entry:
            problems.append(f"missing field {key!r}")
    unknown = sorted(set(entry) - _PATTERN_KEYS)
    if unknown:
        problems.append(f"unknown key(s) {', '.join(map(repr, unknown))} (allowed: {', '.join(sorted(_PATTERN_KEYS))})")
    if problems:
        return None, [(path, label, why) for why in problems]
    category, scope = entry["category"], entry["scope"]
    if category not in CATEGORIES:
        problems.append(f"unknown category {category!r} (one of: {', '.join(sorted(CATEGORIES))})")
    if scope not in SCOPES:
        problems.append(f"unknown scope {scope!r} (one of: {', '.join(sorted(SCOPES))})")
    if not isinstance(pid, str) or not regex.fullmatch(r"[a-z0-9_-]+(\.[a-z0-9_-]+)+", pid):
        problems.append("id must look like 'category.name' (lower-case letters, digits, - and _)")
    elif pid.split(".")[0] != category:
        problems.append(f"id prefix {pid.split('.')[0]!r} differs from category {category!r}")
    keywords = _as_str_tuple(entry["keywords"], "keywords", problems)
    if not keywords or any(not k.strip() for k in keywords):
        problems.append("needs at least one non-empty keyword")
    match = _as_str_tuple(entry.get("match", []), "match", problems)
    keep = _as_str_tuple(entry.get("keep", []), "keep", problems)
    examples: list[tuple[str, str]] = []
    for ex in entry.get("examples", []):
        if not (isinstance(ex, dict) and isinstance(ex.get("text"), str) and isinstance(ex.get("clean"), str)):
            problems.append("each of examples must be a table {text = ..., clean = ...}")
            break
        examples.append((ex["text"], ex["clean"]))
    if entry.get("shadow") and scope == "inline":
        problems.append("shadow matching is for whole-line scopes (line, head, tail), not inline")
    max_length = entry.get("max_length", DEFAULT_MAX_LENGTH)
    if not isinstance(max_length, int) or max_length < 1:
        problems.append("max_length must be a positive integer")
    source = entry["regex"]
    compiled = None
    if not isinstance(source, str) or not source:
        problems.append("regex must be a non-empty string")
    else:
        try:
            # Verified files are compiled now (a bad regex is reported at load); trusted ones on first use.
            compiled = LazyRegex(source, regex.compile(expand_macros(source), regex.V0) if verify else None)
        except regex.error as err:
            problems.append(f"invalid regex: {err}")
        else:
            unknown_macros = sorted(set(_MACRO.findall(source)) - set(MACROS))
            if unknown_macros:
                problems.append(f"unknown macro(s) {unknown_macros} (known: {', '.join(sorted(MACROS))})")
            unknown_groups = sorted(group_names(source) - KNOWN_GROUPS)
            if unknown_groups:
                problems.append(f"unknown named group(s) {unknown_groups} (known: {', '.join(sorted(KNOWN_GROUPS))})")
    if problems or pid is None:  # no problem means the id was checked: a str
        return None, [(path, label, why) for why in problems]
    pattern = Pattern(id=pid, category=category, scope=scope, keywords=keywords, source=source, compiled=compiled,
                      match=match, keep=keep, examples=tuple(examples), max_length=max_length,
                      strong=bool(entry.get("strong", True)), shadow=bool(entry.get("shadow", False)), path=path)
    return pattern, [(path, pid, why) for why in check_pattern(pattern)] if verify else []


def parse_toml(text: str, path: str,
               verify: bool = True) -> tuple[list[Pattern], list[tuple[str, str | None, str]]]:
    """Patterns of one file's text and every problem found in it (``verify=False``: the format only, not the
    examples and speed of each rule)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return [], [(path, None, f"invalid TOML: {err}")]
    unknown = sorted(set(data) - {"meta", "pattern"})
    problems: list[tuple[str, str | None, str]] = []
    if unknown:
        problems.append((path, None, f"unknown top-level key(s) {unknown} (allowed: meta, pattern)"))
    entries = data.get("pattern", [])
    if not isinstance(entries, list):
        return [], [*problems, (path, None, "'pattern' must be an array of tables: [[pattern]]")]
    patterns: list[Pattern] = []
    for i, entry in enumerate(entries):
        p, errs = _build(entry, path, i, verify)
        problems.extend(errs)
        if p is not None and not errs:
            patterns.append(p)
    return patterns, problems


def load_file(path: str | Path, verify: bool = True) -> list[Pattern]:
    """Load one pattern file; raise :class:`PatternError` listing every problem. ``verify=False`` skips running
    each rule's examples and adversarial inputs (the bundled files: the test suite and ``patterns check`` run them).

    >>> load_file("does-not-exist.toml")
    Traceback (most recent call last):
    ...
    cleantext.errors.PatternError: unusable pattern file:
      does-not-exist.toml: cannot read: No such file or directory
    """
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise PatternError([(path, None, f"cannot read: {err.strerror or err}")]) from err
    except UnicodeDecodeError as err:
        raise PatternError([(path, None, f"not UTF-8: {err}")]) from err
    patterns, problems = parse_toml(text, path, verify)
    if problems:
        raise PatternError(problems)
    return patterns


def pattern_files(path: str | Path) -> list[Path]:
    """A file, or every ``*.toml`` under a folder (sorted, recursive)."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.rglob("*.toml") if f.is_file())
    return [p]


def builtin_pattern_dir() -> Path:
    """The bundled ``patterns/`` folder: inside the installed wheel, or at the top of a source checkout."""
    packaged = importlib.resources.files("cleantext") / "patterns"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "patterns"


def builtin_pattern_files() -> list[Path]:
    return [f for f in pattern_files(builtin_pattern_dir()) if f.name != "negatives.toml"]


def collect_patterns(paths: Iterable[str | Path], seen: dict[str, str] | None = None, verify: bool = True,
                     ) -> tuple[list[Pattern], list[tuple[str, str | None, str]]]:
    """The sound patterns of files and folders and every problem found (ids must be unique, also against
    ``seen``: id → where it was loaded before). Nothing is raised: the caller decides."""
    patterns: list[Pattern] = []
    problems: list[tuple[str, str | None, str]] = []
    seen = {} if seen is None else seen
    for path in paths:
        for f in pattern_files(path):
            try:
                loaded = load_file(f, verify)
            except PatternError as err:
                problems.extend(err.problems)
                continue
            for p in loaded:
                if p.id in seen:
                    problems.append((str(f), p.id, f"duplicate id (also in {seen[p.id]})"))
                    continue
                seen[p.id] = str(f)
                patterns.append(p)
    return patterns, problems


def load_patterns(paths: Iterable[str | Path], verify: bool = True, seen: dict[str, str] | None = None,
                  ) -> list[Pattern]:
    """Load files and folders; every problem of every file is reported at once; ids must be unique (also against
    ``seen``). ``verify``: run every rule's examples and adversarial inputs (see :func:`load_file`)."""
    patterns, problems = collect_patterns(paths, seen, verify)
    if problems:
        raise PatternError(problems)
    return patterns


def load_negatives(path: str | Path | None = None) -> list[str]:
    """The shared hard negatives: body lines that must survive the whole pattern set. They are the top-level
    ``keep`` list and the ``keep`` list of every table (one table per kind of source: ``[wechat]``, ``[novel]``…)."""
    f = Path(path) if path else builtin_pattern_dir() / "negatives.toml"
    data = tomllib.loads(f.read_text(encoding="utf-8"))
    lines = [str(x) for x in data.get("keep", [])]
    for section in data.values():
        if isinstance(section, dict):
            lines.extend(str(x) for x in section.get("keep", []))
    return lines


# A user rule that cuts this share of a line of prose (or removes it whole) takes prose: `patterns check` refuses it.
PROSE_SHARE = 0.3


@functools.cache
def prose_lines() -> tuple[str, ...]:
    """Running prose of our own (``evidence/prose.txt``): sentences no rule may remove."""
    text = (importlib.resources.files("cleantext.evidence") / "prose.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.cache
def _negatives() -> tuple[str, ...]:
    try:
        return tuple(load_negatives())
    except (OSError, tomllib.TOMLDecodeError):  # a wheel without negatives.toml still checks against the prose
        return ()


def prose_problems(p: Pattern) -> list[str]:
    """Why ``p`` takes body text: it removes a line of our running prose or of the shared hard negatives whole, or
    (inline) cuts at least PROSE_SHARE of one. ``.*[。，].*`` passes its own examples and would leave only titles."""
    problems: list[str] = []
    for what, lines in (("running prose", prose_lines()), ("a hard negative", _negatives())):
        taken = []
        for line in lines:
            if not _keyword_in(p.keywords, shadow_of(line) if p.shadow else line):
                continue  # the keyword prefilter never lets the rule see this line
            try:
                if p.scope == "inline":
                    cut = sum(m.end() - m.start() for m in p.spans(line))
                    hit = cut > 0 and cut >= PROSE_SHARE * len(line.strip())
                else:
                    hit = p.matches_line(line) is not None
            except RuleTimeoutError:
                hit = True
            if hit:
                taken.append(line)
        if taken:
            more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
            problems.append(f"takes body text: it would remove {what}: {taken[0]!r}{more}")
    return problems

