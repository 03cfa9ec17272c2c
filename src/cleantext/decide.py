"""The decision stage: evidence from every detector in, one verdict per line out.

Detectors (``cleantext.evidence``) only propose; this module is the one place that weighs their proposals, applies
the zone logic, and resolves overlaps. Its rules, each with its own id in the audit when it takes a line itself:

- Strong evidence takes its line (or cuts its span) wherever it stands; whole-line evidence beats spans on the
  same line, and overlapping spans merge.
- Weak evidence (a generic call to action, a link list under a "recommended" header) takes a line only in the head
  or the tail *zone*: before the first or after the last body anchor, a kept line of prose that no detector
  named (a byline with a date is no anchor). Its ``where`` narrows that to the head or the tail zone alone. A line
  over ``MAX_WEAK_LINE`` characters never goes on weak evidence. With no anchor at all (a list, a poem) weak
  evidence counts nowhere.
- Head and tail rules judge the edges of what is kept: when other evidence removed a stack of head lines, the
  follow-us prompt below them is still at the head (the probe asks the rules about the lines that moved in).
- ``zone.distributor-name``: a line that is nothing but a distributor's name (revealed by a credit pattern's
  ``distributor`` group) goes wherever it stands.
- ``zone.same-site``: a short line whose only content is an address or e-mail on a domain that removed
  boilerplate already named ("Contact: help@<site>" after "Downloaded from www.<site>") goes too.
- ``zone.tail-block``: after the last body paragraph, a block of boilerplate anchored by a strong pattern takes
  with it the short slogan lines sandwiched between its boilerplate lines. The block must be mostly boilerplate
  from at least two different rules (a mark repeated between paragraphs is not a footer), lines before its first
  or after its last boilerplate line stay (a signature, a date, "（全书完）"), and a long line, a sentence or a
  heading is never taken. One exception: when the block holds a contact ad, the lines after its last boilerplate
  line that give nothing but contacts ("邮箱：…" under "QQ：…（加我请注明来意）") go with it. The head gets no
  block rule on purpose: the title sits among the head boilerplate.
- ``zone.in-block``: page furniture with no words of its own — a Markdown image line (a QR code, a follow
  banner), a rule line (``———``, ``* * *``) — in the head or tail zone whose neighbours are removed lines (or a
  removed line and the document's edge) goes with them.
- ``zone.contact-value``: the lines that give nothing but contacts ("邮箱：…", a lone URL, code fences skipped)
  right under a removed contact line or under a removed label that points down to its value ("投递到-->",
  "投稿邮箱："), wherever they stand: the rest of the ad.
- ``zone.head-source``: a "来源：<号名>" line in the head zone directly under a removed line (a follow prompt,
  so above the title): the account the page was taken from. The same line under the title is a byline and stays.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import Any, Protocol

import regex

from cleantext.domains import alternation
from cleantext.evidence import Evidence, Strength
from cleantext.extract import EDGE_PUNCT, contact_only, distributors_of
from cleantext.spans import cut as cut_spans
from cleantext.spans import kept_pieces
from cleantext.text.fold import fold
from cleantext.text.markup import heading_text, is_image_line, is_link_line, is_rule_line

# A zone takes a line only if it is short and reads like a slogan, not like a sentence or a heading.
MAX_ZONE_LINE = 30
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]")
_SENTENCE_END = regex.compile(r"[。.;；:：]$")
_HEADING = regex.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]\s*\S|第\S{1,6}[章节回卷篇部])")


@lru_cache(maxsize=256)
def _literal_scan(words: frozenset[str], ignore_case: bool) -> Any:
    """One compiled alternation per set of names (the same distributors recur across a collection)."""
    source = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(source, regex.I if ignore_case else 0)


def _lines_holding(lines: Sequence[str], text: str, scan: Any) -> list[int]:
    """Indexes (sorted) of the lines of ``text`` where ``scan`` finds something: one scan of the whole text."""
    positions = [m.start() for m in scan.finditer(text)]
    if not positions:
        return []
    starts = list(accumulate((len(l) + 1 for l in lines[:-1]), initial=0))
    return sorted({bisect_right(starts, pos) - 1 for pos in positions})


def bare_name(line: str) -> str:
    """The line without surrounding spaces, punctuation and symbols (【名称】 → 名称)."""
    return EDGE_PUNCT.sub("", line)


def distributor_lines(lines: Sequence[str], text: str, names: Iterable[str], taken: set[int]) -> list[int]:
    """Lines that are only a distributor's name (one scan of the text for the names finds the candidates)."""
    wanted = {n for n in names if n}
    if not wanted:
        return []
    candidates = _lines_holding(lines, text, _literal_scan(frozenset(wanted), False))
    return [i for i in candidates if i not in taken and bare_name(lines[i]) in wanted]


_HOST = regex.compile(
    r"(?:https?://)?(?:[\w.+-]+@)?((?:[a-z0-9-]+\.)+" + alternation() + r")(?![a-z])", regex.I)
_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "ac"}
MAX_SAME_SITE_LINE = 80
_PAGE_PATH = regex.compile(r"/[\w%-]{2,}")
MAX_SAME_SITE_REST = 16
# Two clauses: a sentence end between words. A line built of sentences is body, however short.
_CLAUSES = regex.compile(r"[\p{L}\p{N}][。！？!?；;][\s\p{P}]*[\p{L}\p{N}]")


def site_of(host: str) -> str:
    """The registrable part of a host name: ``www.a.example.com`` → ``example.com``, ``x.gov.cn`` → ``x.gov.cn``."""
    labels = host.lower().split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def sites_in(texts: Iterable[str]) -> set[str]:
    return {site_of(m.group(1)) for t in texts for m in _HOST.finditer(t)}


def same_site_lines(lines: Sequence[str], text: str, sites: set[str], taken: set[int]) -> list[int]:
    """Short lines that only give an address on one of ``sites`` (plus a label or a name). One scan of the text
    for the site names finds the few lines worth a look."""
    if not sites:
        return []
    found = []
    for i in _lines_holding(lines, text, _literal_scan(frozenset(sites), True)):
        line = lines[i]
        if i in taken or len(line) > MAX_SAME_SITE_LINE or _HEADING.match(line.strip()):
            continue  # a chapter title with the site glued to it (第12章 明天(www.<site>)) keeps its words
        hosts = [m for m in _HOST.finditer(line)]
        if not hosts or any(site_of(m.group(1)) not in sites for m in hosts):
            continue
        if any(_PAGE_PATH.match(line, m.end()) for m in hosts):
            continue  # a link to one page of the site (a question, a post) is content, not the site's address
        rest = _HOST.sub("", line)
        if _CLAUSES.search(rest):
            continue  # sentences around the address ("正文…。www.<site> 下一句。"): body that names the site
        if len(_NOT_WORD.sub("", rest)) <= MAX_SAME_SITE_REST:
            found.append(i)
    return found


def _slogan_like(line: str) -> bool:
    s = line.strip()
    return len(s) <= MAX_ZONE_LINE and not _SENTENCE_END.search(s) and not _HEADING.match(s)


def tail_block_lines(lines: Sequence[str], removed: dict[int, Evidence],
                     inline: dict[int, list[Evidence]]) -> list[int]:
    """Unnamed slogan lines of the tail block (see the module docstring)."""
    block: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        s = lines[i].strip()
        if not s or i in removed:
            block.append(i)
            continue
        if i in inline or not _slogan_like(s):
            break
        block.append(i)
    else:
        return []  # no body paragraph above: a short document is not a footer
    block.reverse()
    hits = [removed[i] for i in block if i in removed and not removed[i].rule.startswith("zone.")]
    if not any(h.anchors for h in hits) or len({h.rule for h in hits}) < 2:
        return []
    taken = [i for i in block if i in removed]
    first, last = taken[0], taken[-1]
    slogans = [i for i in block if first < i < last and i not in removed and lines[i].strip()]
    if len(slogans) > len(taken):
        return []
    after = [i for i in block if i > last and lines[i].strip()]
    if after and any(h.category == "contact" for h in hits) and all(contact_only(lines[i]) for i in after):
        slogans += after  # "邮箱：…" under a QQ ad line: the rest of the ad's contacts, not a signature
    return slogans


_AWAITS_VALUE = regex.compile(r"(?:[:：]|-+>|→|👇|⬇️?)[\s*_]*$")
_FENCE = regex.compile(r"^\s*(?:```|~~~)\S*\s*$")


def contact_value_lines(lines: Sequence[str], removed: dict[int, Evidence],
                        inline: dict[int, list[Evidence]]) -> list[int]:
    """Contact-only lines (``extract.contact_only``: "邮箱：…", a lone URL) right under a removed contact line, or
    under a removed label that points to its value below ("**投稿邮箱：**", "投递到-->"), fences between them
    skipped: the rest of the ad, wherever it stands (head, tail, a document of nothing but boilerplate)."""
    out = []
    for j in sorted(removed):  # walks down from each removed line only: a long body costs nothing
        if not (removed[j].category == "contact" or _AWAITS_VALUE.search(lines[j])):
            continue
        i = j + 1
        while i < len(lines):  # the value, and the contact-only lines right under it (邮箱 under 电话)
            if not lines[i].strip() or _FENCE.match(lines[i]) or i in removed:
                if i in removed:
                    break  # the next removed line walks on from there
                i += 1
                continue
            if i in inline or not contact_only(lines[i]):
                break
            out.append(i)
            i += 1
    return out


_SOURCE_LINE = regex.compile(r"^(?:文章|本文)?来源\s*[:：丨|]\s*(?:公众号\s*[:：]?\s*)?"
                            r"[「“]?[\p{Han}A-Za-z0-9_·]{2,16}[」”]?$")


def head_source_lines(lines: Sequence[str], removed: dict[int, Evidence],
                      bounds: tuple[int, int] | None) -> list[int]:
    """A "来源：<号名>" line of the head zone directly under a removed line (a follow nag), so above the title: the
    account the page was taken from. The same line under the title is the byline and stays."""
    if bounds is None:
        return []
    out = []
    for i in range(bounds[0]):
        if i in removed or not _SOURCE_LINE.match(lines[i].strip()):
            continue
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and j in removed:
            out.append(i)
    return out


# The categories whose evidence names the distributor's own site. A reprint notice (disclaimer) names the platform
# an article came from, whose other pages the body may well link to.
SITE_NAMING = frozenset({"site", "contact", "watermark", "credit", "brand", "promo", "ad"})
ZONE_CATEGORY = {"zone.distributor-name": "brand", "zone.tail-block": "promo", "zone.same-site": "site",
                 "zone.in-block": "social", "zone.contact-value": "contact", "zone.head-source": "credit"}
# Weak evidence never takes a line longer than this (read as text): a long line is prose, whatever it mentions.
MAX_WEAK_LINE = 80
# A body anchor is a kept, unnamed line with at least this many letters or digits, not only links or an image.
MIN_ANCHOR_CHARS = 16
_LETTERS = regex.compile(r"[\p{L}\p{N}]")
# A byline: a short line that gives a date (and usually an author or account): head matter, not body.
_DATED = regex.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}")
MAX_BYLINE_CHARS = 40


class Probe(Protocol):
    """What the decision may ask the rules about lines no detector judged up front."""

    def edge(self, i: int, scope: str) -> Evidence | None:
        """A head (``scope="head"``) or tail rule that takes line ``i``, now that it is at that edge of the text."""

    def emptied(self, i: int, rest: str) -> bool:
        """Whether what the cuts leave of line ``i`` (``rest``) is nothing, or boilerplate of its own."""

    def recut(self, i: int, segments: Sequence[tuple[int, int]]) -> list[Evidence]:
        """Inline evidence on what the cuts leave of line ``i`` (its ``segments`` joined; spans in that joined
        text): a tag that must end the line may end it only once the tag after it is cut."""

    def edge_rest(self, i: int, scope: str, segments: Sequence[tuple[int, int]]) -> Evidence | None:
        """A head or tail rule that takes what the cuts leave of line ``i`` (its ``segments``), now that it is at
        that edge."""

    def reread(self, i: int, segments: Sequence[tuple[int, int]]) -> bool:
        """Whether what the cuts leave of line ``i`` would be normalized into other text by a second clean (pieces
        glued at a cut that read as mojibake together, or compose)."""


@dataclass(frozen=True, slots=True)
class Decision:
    """Verdicts: lines that go whole (with the evidence that took each), spans cut from kept lines, and the
    distributor names the winning evidence revealed."""

    removed: dict[int, Evidence]
    cuts: dict[int, list[Evidence]]
    distributors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Lines whose cuts leave a head or tail line of their own: the rule that takes what is left.
    leftover: dict[int, Evidence] = field(default_factory=dict)


def _zone(i: int, rule: str) -> Evidence:
    return Evidence(i, rule, ZONE_CATEGORY[rule], anchors=False)


def merge_spans(spans: list[Evidence]) -> list[Evidence]:
    """Sorted, non-overlapping cuts: a span that overlaps the previous one extends it."""
    spans = sorted(spans, key=lambda e: (e.span[0], -e.span[1]))  # type: ignore[index]
    out: list[Evidence] = []
    for e in spans:
        start, end = e.span  # type: ignore[misc]
        if out and start < out[-1].span[1]:  # type: ignore[index]
            prev = out[-1]
            if end > prev.span[1]:  # type: ignore[index]
                out[-1] = replace(prev, span=(prev.span[0], end))  # type: ignore[index]
            continue
        out.append(e)
    return out


def _first_kept(lines: Sequence[str], gone: set[int], order: range, n: int,
                cut: dict[int, Any] | None = None) -> list[int]:
    """Of the first ``n`` non-blank lines in ``order`` that are not ``gone`` (a walk from one end), those that
    were not already among the first ``n`` non-blank lines of the input (the rules judged those), and those in
    ``cut`` wherever they were (the rules judged the whole line, not what its cuts leave)."""
    found: list[int] = []
    kept = rank = 0
    for i in order:
        if kept >= n:
            break
        if not lines[i].strip():
            continue
        if i not in gone:
            kept += 1
            if rank >= n or (cut is not None and i in cut):
                found.append(i)
        rank += 1
    return found


def is_anchor(line: str) -> bool:
    """A line of body text: enough letters or digits, and not only links, an image, a short byline or a short line
    of contacts ("邮箱：…")."""
    if is_link_line(line) or is_image_line(line):
        return False
    letters = len(_LETTERS.findall(line))
    if letters < MIN_ANCHOR_CHARS:
        return False
    return letters > MAX_BYLINE_CHARS or not (_DATED.search(line) or contact_only(line))


def _in_zone(i: int, where: str, bounds: tuple[int, int]) -> bool:
    """Whether line ``i`` lies in the zone ``where`` asks for: the head (before the first anchor), the tail (after
    the last), or either."""
    if where == "head":
        return i < bounds[0]
    if where == "tail":
        return i > bounds[1]
    return i < bounds[0] or i > bounds[1]


def _zone_bounds(lines: Sequence[str], named: Iterable[int] | set[int],
                 rests: dict[int, str] | None = None) -> tuple[int, int] | None:
    """First and last body anchor (lines no detector named), or None when the text has none. Walks in from each
    end only as far as the first anchor: a long document costs its head and tail, not its length. A line with cuts
    anchors by what they leave of it (``rests``): the ad glued to a short line is no body text."""
    def anchored(i: int) -> bool:
        line = lines[i] if rests is None else rests.get(i, lines[i])
        return i not in named and bool(line.strip()) and is_anchor(line)

    first = next((i for i in range(len(lines)) if anchored(i)), None)
    if first is None:
        return None
    last = next(i for i in range(len(lines) - 1, first - 1, -1) if anchored(i))
    return first, last


def _furniture_in_blocks(lines: Sequence[str], removed: dict[int, Evidence],
                         bounds: tuple[int, int] | None) -> list[int]:
    """Image and rule lines of the head or tail zone whose non-blank neighbours are removed lines (or a removed line
    and the document's edge), and rule lines that open a footer (every line after them is removed) or close a
    header. A run of them is one block: its members look past each other to the lines around the run, so that a
    QR code and a banner between two removed blocks go together."""
    if bounds is None:
        return []
    first, last = bounds
    furniture = {i for i, l in enumerate(lines)
                 if (i < first or i > last) and i not in removed and (is_image_line(l) or is_rule_line(l))}

    def gone(j: int | None) -> bool:
        return j is not None and j in removed

    taken = []
    for i in sorted(furniture):
        up = next((j for j in range(i - 1, -1, -1) if lines[j].strip() and j not in furniture), None)
        down = next((j for j in range(i + 1, len(lines)) if lines[j].strip() and j not in furniture), None)
        if (gone(up) or gone(down)) and (up is None or gone(up)) and (down is None or gone(down)):
            taken.append(i)
        elif is_rule_line(lines[i]) and (_all_gone(lines, range(i + 1, len(lines)), removed)
                                         or _all_gone(lines, range(i), removed)):
            taken.append(i)
    return taken


# A prose line: long enough, and built like a sentence (it ends like one, or holds several clause marks).
_PROSE_END = regex.compile(r"[。！？!?…][”」』\"]?$")
MIN_PROSE_CHARS = 20
# A user file whose rules would take more than this share of a document's prose (and at least MIN_PROSE_TAKEN
# lines of it) is not applied to that document: a rule like ``.*[。，].*`` passes its own examples.
MAX_PROSE_SHARE = 0.30
MIN_PROSE_TAKEN = 3


def _is_prose(line: str) -> bool:
    s = line.strip()
    return len(s) >= MIN_PROSE_CHARS and (_PROSE_END.search(s) is not None or sum(s.count(c) for c in "，。；") >= 2)


def refuse_prose_takers(lines: Sequence[str], evidence: list[Evidence],
                        guarded: frozenset[str]) -> tuple[list[Evidence], list[str]]:
    """The evidence without that of any guarded pattern file that would take more than MAX_PROSE_SHARE of the
    document's prose characters, and a warning for each file refused."""
    prose = {i for i, line in enumerate(lines) if _is_prose(line)}
    total = sum(len(lines[i].strip()) for i in prose)
    if not total:
        return evidence, []
    taken: dict[str, dict[int, int]] = {}
    for ev in evidence:
        if ev.origin in guarded and ev.line in prose:
            size = len(lines[ev.line].strip()) if ev.span is None else ev.span[1] - ev.span[0]
            per_line = taken.setdefault(ev.origin, {})
            per_line[ev.line] = max(per_line.get(ev.line, 0), size)
    refused = {o for o, per_line in taken.items()
               if len(per_line) >= MIN_PROSE_TAKEN and sum(per_line.values()) > MAX_PROSE_SHARE * total}
    warnings = [f"rules of {o} would remove {len(taken[o])} of {len(prose)} prose lines "
                f"({sum(taken[o].values()) / total:.0%} of the prose); not applied" for o in sorted(refused)]
    return [ev for ev in evidence if ev.origin not in refused], warnings


def _all_gone(lines: Sequence[str], span: range, removed: dict[int, Evidence]) -> bool:
    """Whether ``span`` holds at least one non-blank line and every one of them is removed."""
    seen = False
    for j in span:
        if lines[j].strip():
            if j not in removed:
                return False
            seen = True
    return seen


def decide(lines: Sequence[str], text: str, evidence: Iterable[Evidence], *, head_lines: int = 10,
           tail_lines: int = 15, zones: bool = True, probe: Probe | None = None, folded: bool = False,
           guarded: frozenset[str] = frozenset(),
           across: Callable[[Sequence[str], Set[int]], list[Evidence]] | None = None) -> Decision:
    """Weigh every detector's evidence (see the module docstring); ``text`` is ``"\\n".join(lines)``. ``folded``:
    the lines are the traditional→simplified fold of the document (distributor names are then looked for in both
    scripts). ``guarded``: the pattern files (evidence ``origin``) whose rules are refused on a document where they
    would take too much prose (see ``refuse_prose_takers``). ``across(lines, removed)``: the whole-line evidence a
    detector finds once the removed lines are gone (``find_structure_across``); what it adds is weighed as weak
    evidence and the zones asked again, so that a second clean finds nothing more.

    >>> ev = [Evidence(0, "watermark.study-only", "watermark"), Evidence(2, "social.cta", "social", Strength.WEAK)]
    >>> sorted(decide(["仅供学习", "今年各项工作都取得了很好的进展，群众普遍满意。", "欢迎关注我们"], "", ev).removed)
    [0, 2]
    """
    whole: dict[int, Evidence] = {}
    weak: dict[int, Evidence] = {}
    spans: dict[int, list[Evidence]] = {}
    evidence = list(evidence)
    warnings: list[str] = []
    refused: set[str] = set()
    if guarded:
        before = {ev.origin for ev in evidence}
        evidence, warnings = refuse_prose_takers(lines, evidence, guarded)
        refused = before - {ev.origin for ev in evidence}
    for ev in evidence:
        if ev.span is not None:
            spans.setdefault(ev.line, []).append(ev)
        elif ev.strength >= Strength.STRONG:
            whole.setdefault(ev.line, ev)
        else:
            weak.setdefault(ev.line, ev)
    cuts = {i: merge_spans(s) for i, s in spans.items() if i not in whole}
    if probe is not None:
        for i, es in list(cuts.items()):
            cuts[i] = recut(lines[i], es, lambda seg, i=i: [e for e in probe.recut(i, seg) if e.origin not in refused])
            if probe.reread(i, kept_segments(lines[i], cuts[i])):
                # the rest would not survive a second clean as it is ('\x80★tag★é' leaves '€é', which ftfy reads as
                # mojibake): the line stays whole, ad and all, and the output stays a fixed point
                del cuts[i]
                warnings.append(f"line {i + 1}: an inline cut was not made: what it left would read as other text")
    leftover: dict[int, Evidence] = {}
    rests = {i: _rest_after(lines[i], es) for i, es in cuts.items()}
    emptied: set[int] | None = None
    # Lines a zone takes anchor nothing on a second clean (they are gone): the zones are asked again with them
    # named until they take no new line, so that a weak line the tail block's removal leaves at the edge goes now.
    zoned: set[int] = set()
    asked: frozenset[int] | None = None  # the removed lines ``across`` was last asked about
    while True:  # zones, then head/tail rules on the edges of what is kept; again if those found more
        removed: dict[int, Evidence] = dict(whole)
        named = removed.keys() | weak.keys() | zoned
        bounds = _zone_bounds(lines, named, rests)
        if bounds is not None:
            for i, ev in weak.items():
                if (i not in removed and _in_zone(i, ev.where, bounds) and len(lines[i].strip()) <= MAX_WEAK_LINE
                        and not _HEADING.match(lines[i].strip()) and heading_text(lines[i]) is None):
                    removed[i] = ev  # never a heading: a chapter title under a split nag is the document's own
        found = [e for e in removed.values() if e.match is not None]
        found += [e for es in cuts.values() for e in es if e.match is not None]
        distributors = distributors_of((e.match, e.source) for e in found)
        if zones:
            names = distributors + [fold(n) for n in distributors] if folded else distributors
            for i in distributor_lines(lines, text, names, set(removed)):
                removed[i] = _zone(i, "zone.distributor-name")
            sites = sites_in(e.match.group() for e in found if e.category in SITE_NAMING)
            for i in same_site_lines(lines, text, sites, set(removed)):
                removed[i] = _zone(i, "zone.same-site")
            for i in tail_block_lines(lines, removed, cuts):
                removed[i] = _zone(i, "zone.tail-block")
            for i in contact_value_lines(lines, removed, cuts):
                removed[i] = _zone(i, "zone.contact-value")
            for i in head_source_lines(lines, removed, bounds):
                removed[i] = _zone(i, "zone.head-source")
            for i in _furniture_in_blocks(lines, removed, bounds):
                removed[i] = _zone(i, "zone.in-block")
            taken = {i for i, ev in removed.items() if ev.rule.startswith("zone.")}
            if not taken <= zoned:
                zoned |= taken
                continue
        if across is not None and asked != (gone := frozenset(removed)):
            asked = gone
            # a removed line between two pieces of a split call: side by side, as a second clean sees them, they
            # may make the call; weak terms only (in a zone, short, never a heading), as any weak evidence
            new = [ev for ev in across(lines, gone)
                   if ev.span is None and ev.line not in removed and ev.line not in weak]
            if new:
                weak.update((ev.line, replace(ev, strength=Strength.WEAK)) for ev in new)
                continue
        if probe is None:
            break
        if emptied is None:
            emptied = {i for i, es in cuts.items() if probe.emptied(i, _rest_after(lines[i], es))}
        if not _edge_round(lines, whole, cuts, set(removed) | emptied, probe, head_lines, tail_lines, leftover):
            break
    return Decision(removed, cuts, distributors, warnings, leftover)


def judge_rests(view: Sequence[str], decision: Decision, detect: Any) -> None:
    """Let a whole-line detector (``detect(view)``, e.g. the structure detector) judge what the cuts leave of the
    lines in the head or tail zone: ``view`` is the lines as a second clean would see them (a cut line replaced by
    what its cuts leave, a line that goes by blank). The rest of such a line is taken (into ``decision.leftover``)
    on the terms of weak evidence: in its zone, never a long line or a heading. Lines between body anchors are
    not asked (a second clean would see them as body as well)."""
    gone = decision.removed.keys() | decision.leftover.keys()
    open_cuts = [i for i in decision.cuts if i not in gone and view[i].strip()]
    if not open_cuts:
        return
    # A cut line the detector names anchors nothing on a second clean (decide counts no named line as an anchor):
    # the zone is asked about as if the cut lines were named, and each answer is checked against its own bounds.
    bounds = _zone_bounds(view, gone | set(open_cuts))
    if bounds is None:
        # Every kept line is a cut line: which rests the detector names decides where the zones lie (a rest it
        # does not name anchors the zone on a second clean).
        asked = set(open_cuts)
    elif not any(_in_zone(i, "any", bounds) for i in open_cuts):
        return
    else:
        asked = {i for i in open_cuts if _in_zone(i, "any", bounds)}
    found = [e for e in detect(view) if e.span is None and e.line in asked]
    if not found:
        return
    bounds = _zone_bounds(view, gone | {e.line for e in found}) or bounds  # a line that goes anchors nothing
    if bounds is None:
        return
    for ev in found:
        rest = view[ev.line].strip()
        if (ev.line not in decision.leftover and _in_zone(ev.line, ev.where, bounds) and len(rest) <= MAX_WEAK_LINE
                and not _HEADING.match(rest) and heading_text(rest) is None):
            decision.leftover[ev.line] = ev


def _spans(cuts: list[Evidence]) -> list[tuple[int, int]]:
    return [e.span for e in cuts]  # type: ignore[misc]


def kept_segments(line: str, cuts: list[Evidence]) -> list[tuple[int, int]]:
    """The ``(start, end)`` pieces of ``line`` that its sorted, non-overlapping cuts leave (empty ones dropped)."""
    return kept_pieces(len(line), _spans(cuts))


def map_back(ev: Evidence, segments: list[tuple[int, int]]) -> list[Evidence]:
    """A span found in what the cuts leave of a line (the ``segments`` joined) as spans of the line itself: one
    per segment it covers, so that no cut of the line is claimed twice. Only the first carries the match."""
    start, end = ev.span  # type: ignore[misc]
    out: list[Evidence] = []
    offset = 0  # where the current segment starts in the joined rest
    for s, e in segments:
        size = e - s
        lo, hi = max(start, offset), min(end, offset + size)
        if lo < hi:
            first = not out
            out.append(replace(ev, span=(s + lo - offset, s + hi - offset), match=ev.match if first else None,
                               source=ev.source if first else None))
        offset += size
    return out


def recut(line: str, cuts: list[Evidence], find: Any) -> list[Evidence]:
    """The cuts of ``line`` and those the inline rules (``find(segments)``: evidence with spans in the segments
    joined) make in what they leave, again until nothing more is found: a second clean then finds nothing to
    cut. Each round cuts at least one character, so it ends."""
    while True:
        segments = kept_segments(line, cuts)
        if not any(line[s:e].strip() for s, e in segments):
            return cuts
        found = [e for e in find(segments) if e.span is not None and e.span[1] > e.span[0]]
        if not found:
            return cuts
        cuts = merge_spans(cuts + [piece for e in merge_spans(found) for piece in map_back(e, segments)])


def _rest_after(line: str, cuts: list[Evidence]) -> str:
    """What the cuts leave of a line."""
    return cut_spans(line, _spans(cuts))


def _edge_round(lines: Sequence[str], whole: dict[int, Evidence], cuts: dict[int, list[Evidence]], gone: set[int],
                probe: Probe, head_lines: int, tail_lines: int, leftover: dict[int, Evidence]) -> bool:
    """Ask the head and tail rules about the lines that are now at the edges of what is kept (about what the cuts
    leave, for a line with cuts); repeat until no edge line changes. Returns whether any was taken (into
    ``whole``, or into ``leftover`` for a line with cuts)."""
    found = False
    changed = True
    while changed:
        changed = False
        gone = gone | whole.keys() | leftover.keys()
        edges = [(i, "head") for i in _first_kept(lines, gone, range(len(lines)), head_lines, cuts)]
        edges += [(i, "tail") for i in _first_kept(lines, gone, range(len(lines) - 1, -1, -1), tail_lines, cuts)]
        for i, scope in edges:
            if i in whole or i in leftover:
                continue
            if i in cuts:
                ev = probe.edge_rest(i, scope, kept_segments(lines[i], cuts[i]))
                if ev is not None:
                    leftover[i] = ev
                    changed = found = True
                continue
            ev = probe.edge(i, scope)
            if ev is not None:
                whole[i] = ev
                changed = found = True
    return found
