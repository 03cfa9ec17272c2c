"""Render a batch's summary as one self-contained HTML page: inline CSS, no script, no network.

File views are sections shown by the CSS ``:target`` selector, so a sample's link opens its file without any
script, and every document character reaches the page through :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cleantext.report.highlight import Segment, ViewLine, is_weak, line_segments, view_lines
from cleantext.report.summary import DEFAULT_LIMITS, Limits, Sample, Summary, summarize, view_order
from cleantext.run.atomic import write_atomic

_CSS = """
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:1em 1.5em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{padding:2px 8px;text-align:left;vertical-align:top}
tr:nth-child(even){background:#f0f0f0}.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{background:#4a7fc1;height:12px;display:inline-block;min-width:1px}
.totals span{display:inline-block;margin-right:2em}.totals b{font-size:1.3em}
details{margin:.3em 0}summary{cursor:pointer}code,.doc{font-family:ui-monospace,monospace}
ul.samples{margin:.2em 0 .6em 1em;padding:0;list-style:none}ul.samples li{white-space:pre-wrap}
.cnt{color:#777}.muted{color:#777}
section.file{display:none}section.file:target,section.file:has(:target){display:block}
body:has(section.file:target) #overview,body:has(section.file :target) #overview{display:none}
.line:target{outline:2px solid #c33}
.doc{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:.5em;overflow-wrap:anywhere}
.doc .ln{color:#aaa;user-select:none;display:inline-block;width:4em}
.rm{background:#fdd;text-decoration:line-through;text-decoration-color:#c66}
.rule{font-size:.75em;background:#c33;color:#fff;border-radius:3px;padding:0 4px;margin-left:4px}
.weak .rule{background:#d80}.gap{color:#999;font-style:italic}
"""


# The records a page is rendered from: all of them, or (read from an audit file) those of the files that may get a
# view, by their index in the batch.
Records = Sequence[Mapping[str, Any]] | Mapping[int, Mapping[str, Any]]


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _bars(counts: Sequence[tuple[str, int]], css_id: str) -> str:
    top = max((c for _, c in counts), default=0) or 1
    rows = "".join(f'<tr><td>{_e(k)}</td><td class="num">{c}</td>'
                   f'<td style="width:60%"><span class="bar" style="width:{100 * c / top:.1f}%"></span></td></tr>'
                   for k, c in counts)
    return f'<table id="{css_id}">{rows}</table>'


def _sample_item(s: Sample, summary: Summary, rule: str | None = None) -> str:
    path = summary.files[s.file].path
    count = f'<span class="cnt">×{s.count}</span> ' if s.count > 1 else ""
    tag = f'<span class="rule">{_e(rule)}</span> ' if rule else ""
    where = f"{_e(path)}:{s.line}"
    if s.file in summary.views:
        where = f'<a class="sample" href="#f{s.file}-l{s.line}">{where}</a>'
    return f'<li>{count}{tag}<code>{_e(s.text)}</code> <span class="muted">— {where}</span></li>'


def _rules(summary: Summary) -> str:
    out = []
    for r in summary.rules:
        weak = " weak" if is_weak(r.rule) else ""
        freq = "".join(_sample_item(s, summary) for s in r.frequent)
        rand = "".join(_sample_item(s, summary) for s in r.random)
        out.append(f'<details class="rule-samples{weak}" id="rule-{_e(r.rule)}"><summary><b>{_e(r.rule)}</b> '
                   f'<span class="muted">{_e(r.category)}</span> — {r.count} removals</summary>'
                   f'<div>most frequent distinct lines</div><ul class="samples">{freq}</ul>'
                   + (f'<div>random sample</div><ul class="samples">{rand}</ul>' if rand else "") + "</details>")
    return "".join(out) or '<p class="muted">nothing was removed</p>'


def _line_html(v: ViewLine, limits: Limits, file: int) -> str:
    parts, shown = [], 0
    for seg in v.segments:
        text = seg.text
        if shown + len(text) > limits.line_chars:
            text = text[: max(limits.line_chars - shown, 0)] + "…"
        shown += len(text)
        if seg.rule is None:
            parts.append(_e(text))
        else:
            weak = " weak" if is_weak(seg.rule) else ""
            parts.append(f'<span class="cut{weak}"><span class="rm">{_e(text)}</span>'
                         f'<span class="rule" title="{_e(seg.why)}">{_e(seg.rule)}</span></span>')
        if shown >= limits.line_chars:
            parts.append('<span class="gap"> (line cut for the report)</span>')
            break
    cls = "line removed" if v.whole else "line"
    return f'<div class="{cls}" id="f{file}-l{v.number}"><span class="ln">{v.number}</span>{"".join(parts)}</div>'


def _doc_lines(rec: Mapping[str, Any], limits: Limits) -> tuple[list[ViewLine], int]:
    """The lines a file view shows, in order, and the document's number of lines. From the whole normalized text
    (a longer document is cut to its removed lines with context) or from the audit's excerpt of it."""
    result = rec.get("result") or {}
    removed = result.get("removed") or []
    normalized = rec.get("normalized")
    if normalized or not rec.get("excerpt"):
        lines = view_lines(normalized or "", removed)
        total = max(int(rec.get("lines") or 0), normalized.count("\n") + 1 if normalized else 0)
        if len(lines) > limits.full_view_lines:
            marked = {k for k, v in enumerate(lines) if any(s.rule for s in v.segments)}
            keep = {j for k in marked for j in range(k - limits.context, k + limits.context + 1)
                    if 0 <= j < len(lines)}
            lines = [lines[k] for k in sorted(keep)]
        return lines, total
    by_line: dict[int, list[Mapping[str, Any]]] = {}
    for r in removed:
        by_line.setdefault(int(r["line"]), []).append(r)
    out = []
    for number, text in rec["excerpt"]:
        segs, whole = line_segments(str(text), by_line.pop(int(number), ()))
        out.append(ViewLine(int(number), segs, whole))
    for number, rs in by_line.items():  # a removal the excerpt lacks (an audit from another version)
        out += [ViewLine(number, (Segment(str(r.get("text", "")), str(r["rule"]), str(r.get("category", ""))),),
                         True) for r in rs]
    out.sort(key=lambda v: v.number)
    return out, max(int(rec.get("lines") or 0), out[-1].number if out else 0)


def _file_view(i: int, rec: Mapping[str, Any], summary: Summary, limits: Limits) -> str:
    info = summary.files[i]
    lines, total = _doc_lines(rec, limits)
    body, last = [], 0
    for v in lines:
        if v.number > last + 1:
            body.append(f'<div class="gap">… {v.number - last - 1} kept lines …</div>')
        body.append(_line_html(v, limits, i))
        last = max(last, v.number)
    if lines and last < total:
        body.append(f'<div class="gap">… {total - last} kept lines …</div>')
    if not rec.get("normalized") and not rec.get("excerpt"):
        body.insert(0, '<div class="gap">(the audit has no normalized text for this file: removed lines only)</div>')
    return (f'<section class="file" id="f{i}"><p><a href="#overview">← back to the report</a></p>'
            f'<h2>{_e(info.path)}</h2><p>{info.removals} removals, {100 * info.share:.1f}% of its text; '
            f'encoding {_e(info.encoding)}</p><div class="doc">{"".join(body)}</div></section>')


def _views(summary: Summary, records: Records, limits: Limits) -> str:
    """The file views, in priority order until their byte budget is spent; records which files have one."""
    out: list[str] = []
    budget = limits.view_bytes
    summary.views = set()
    for i in view_order(summary):
        view = _file_view(i, records[i], summary, limits)
        cost = len(view.encode("utf-8", "surrogatepass"))
        if cost <= budget:
            budget -= cost
            out.append(view)
            summary.views.add(i)
    return "".join(out)


def render(summary: Summary, records: Records, limits: Limits = DEFAULT_LIMITS,
           title: str = "cleantext report") -> str:
    """The page's HTML."""
    views = _views(summary, records, limits)  # first: the links below point only at files that have a view
    n = len(summary.files)
    share = 100 * summary.chars_removed / summary.chars_in if summary.chars_in else 0.0
    totals = (f'<div class="totals"><span><b>{n}</b> files</span>'
              + "".join(f"<span><b>{c}</b> {_e(s)}</span>" for s, c in summary.statuses.most_common())
              + f"<span><b>{summary.lines_removed}</b> removals</span><span><b>{share:.2f}%</b> of the text removed"
              "</span></div>")
    weak = "".join(_sample_item(s, summary, summary.weak_rules.get(k)) for k, s in enumerate(summary.weak))
    top_rows = []
    for i in summary.top_files:
        f = summary.files[i]
        name = f'<a href="#f{i}">{_e(f.path)}</a>' if i in summary.views else _e(f.path)
        top_rows.append(f'<tr><td>{name}</td><td class="num">{100 * f.share:.1f}%</td>'
                        f'<td class="num">{f.removals}</td></tr>')
    dups = "".join("<li>" + ", ".join(_e(summary.files[i].path) for i in g[:5])
                   + (f" and {len(g) - 5} more" if len(g) > 5 else "") + f" <span class='cnt'>({len(g)} files)</span>"
                   "</li>" for g in summary.duplicates)
    fails = "".join(f"<tr><td>{_e(summary.files[i].path)}</td><td>{_e(summary.files[i].error)}</td></tr>"
                    for i in summary.failures)
    reasons = _bars(summary.failure_reasons.most_common(20), "failure-reasons") if summary.failure_reasons else ""
    overview = f"""<div id="overview"><h1>{_e(title)}</h1><p class="muted">from {_e(summary.source)}</p>{totals}
<h2>Removals by category</h2>{_bars(summary.categories.most_common(), "by-category")}
<h2>Removals by rule</h2>{_bars([(r.rule, r.count) for r in summary.rules[:40]], "by-rule")}
<h2>Every rule and what it took</h2><p class="muted">Per rule: the most frequent distinct lines and a random sample;
each links to the line in its file.</p>{_rules(summary)}
<h2>Taken on weak evidence (structure, repetition, profile)</h2><ul class="samples" id="weak">{weak or
"<li class='muted'>none</li>"}</ul>
<h2>Files with the most removed share of their text</h2><table id="top-files"><tr><th>file</th><th>removed</th>
<th>removals</th></tr>{"".join(top_rows)}</table>
<h2>Duplicate bodies</h2><ul id="duplicates">{dups or "<li class='muted'>none</li>"}</ul>
<h2>Encodings</h2>{_bars(summary.encodings.most_common(), "encodings")}
<h2>Failures</h2>{reasons}<table id="failures">{fails or "<tr><td class='muted'>none</td></tr>"}</table>
{f"<p class='muted'>{len(summary.failures)} of {sum(summary.failure_reasons.values())} failures listed</p>"
 if summary.failure_reasons else ""}</div>"""
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
            f"<style>{_CSS}</style></head><body><main>{overview}{views}</main></body></html>\n")


def build_report(records: Iterable[Mapping[str, Any]], out_path: str | Path, *, limits: Limits = DEFAULT_LIMITS,
                 source: str = "", title: str = "cleantext report") -> Summary:
    """Write the report of a batch's records (see :mod:`cleantext.report.auditfile` for a record's shape) to
    ``out_path`` as one HTML file; returns the summary it shows. A list is used as it is; a re-iterable source
    that is not a sequence (:class:`~cleantext.report.auditfile.AuditSource`, which reads the audit file) is read
    twice, and only the records of the files that may get a view are held in memory; a one-shot iterator is
    read into a list."""
    if isinstance(records, Sequence):
        recs: Sequence[Mapping[str, Any]] | dict[int, Mapping[str, Any]] = records
        summary = summarize(records, limits, source=source)
    elif iter(records) is records:
        recs = list(records)
        summary = summarize(recs, limits, source=source)
    else:
        summary = summarize(records, limits, source=source)
        wanted = set(view_order(summary))
        pick = getattr(records, "pick", None)  # an AuditSource reads back only these records, by offset
        recs = pick(wanted) if pick else {i: rec for i, rec in enumerate(records) if i in wanted}
    page = render(summary, recs, limits, title=title)
    # Written atomically, never through a link of its name; a non-UTF-8 file name stays visible (escaped).
    write_atomic(Path(out_path), page.encode("utf-8", errors="backslashreplace"))
    return summary
