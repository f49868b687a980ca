"""The migration report as one self-contained HTML page: inline CSS and JS, no external asset, no
network (a Content-Security-Policy meta tag forbids every fetch, so even a bug here cannot load one).

Same content as the Markdown report: the summary tables, then per file a coloured diff (header,
hunk, added and removed lines; within a changed line the changed characters are marked) and the
places left for a human as a checklist. Checkboxes per rule family filter what is shown: a finding
whose family is unticked is hidden, and so is a file none of whose families is ticked.

Everything that comes from the user's code or the rule files (paths, diff lines, messages, errors)
is escaped with html.escape: the input is untrusted. Only http(s) doc links become hrefs, and the
script never writes HTML; it only toggles `hidden` and counts ticked boxes.
"""
from __future__ import annotations

import difflib
import re
from html import escape
from typing import IO, List

from codemods import __version__
from codemods.report_data import FileReport, Report
from codemods.results import Finding

TITLE = "Nylas API v2 → v3 migration report"
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
_CODE_SPAN = re.compile(r"`([^`]+)`")
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --add: #dafbe1; --add-strong: #a4eab6;
  --del: #ffebe9; --del-strong: #ffb8b3; --hunk: #ddf4ff; --accent: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg);
  margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 0; } h3 { font-size: 14px; margin: 12px 0 6px; }
.tool, .muted { color: var(--muted); }
table { border-collapse: collapse; margin: 12px 0; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 16px 0; }
.filter { position: sticky; top: 0; z-index: 1; background: #fff; }
.filter label { display: inline-block; margin: 2px 12px 2px 0; white-space: nowrap; }
.filter button { margin-right: 6px; }
.file { border: 1px solid var(--line); border-radius: 6px; margin: 16px 0; overflow: hidden; }
.file > header { background: #f6f8fa; border-bottom: 1px solid var(--line); padding: 8px 12px; }
.file > .body { padding: 0 12px 8px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; margin-left: 6px;
  border: 1px solid var(--line); background: #fff; }
.badge.changed { border-color: #1a7f37; color: #1a7f37; } .badge.failed { border-color: #cf222e; color: #cf222e; }
.error { color: #cf222e; white-space: pre-wrap; }
pre.diff { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 8px 0;
  border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; padding: 4px 0; }
pre.diff span.l { display: block; padding: 0 10px; white-space: pre; min-height: 1.45em; }
.l.meta { color: var(--muted); font-weight: 600; } .l.hunk { background: var(--hunk); color: var(--accent); }
.l.add { background: var(--add); } .l.del { background: var(--del); }
.l.note { color: var(--muted); font-style: italic; }
.l.add ins { background: var(--add-strong); text-decoration: none; }
.l.del del { background: var(--del-strong); text-decoration: none; }
ul.checklist { list-style: none; padding: 0; margin: 0; }
ul.checklist li { padding: 4px 0; border-top: 1px solid #eef1f4; }
ul.checklist li:first-child { border-top: 0; }
ul.checklist label { cursor: pointer; }
ul.checklist input:checked ~ .what { text-decoration: line-through; color: var(--muted); }
.rule { font-weight: 600; } code { font-size: 12px; }
a { color: var(--accent); }
"""

SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.family-filter"));
  function selected() {
    var on = {};
    boxes.forEach(function (b) { if (b.checked) { on[b.value] = true; } });
    return on;
  }
  function applyFilter() {
    var on = selected();
    document.querySelectorAll("li.finding").forEach(function (li) {
      li.hidden = !on[li.getAttribute("data-family")];
    });
    document.querySelectorAll("article.file").forEach(function (file) {
      var families = (file.getAttribute("data-families") || "").split(" ").filter(Boolean);
      file.hidden = families.length > 0 && !families.some(function (f) { return on[f]; });
    });
  }
  function countDone() {
    var all = document.querySelectorAll("li.finding input[type=checkbox]");
    var done = Array.prototype.filter.call(all, function (b) { return b.checked; }).length;
    var out = document.getElementById("progress");
    if (out) { out.textContent = done + " of " + all.length + " manual sites done"; }
  }
  boxes.forEach(function (b) { b.addEventListener("change", applyFilter); });
  function setAll(value) { boxes.forEach(function (b) { b.checked = value; }); applyFilter(); }
  var all = document.getElementById("filter-all"), none = document.getElementById("filter-none");
  if (all) { all.addEventListener("click", function () { setAll(true); }); }
  if (none) { none.addEventListener("click", function () { setAll(false); }); }
  document.addEventListener("change", function (e) {
    if (e.target && e.target.classList.contains("done")) { countDone(); }
  });
  applyFilter();
  countDone();
}());
"""


def _marked(text: str, other: str, tag: str) -> str:
    """`text` escaped, with the words and symbols that differ from `other` wrapped in <tag>. Whole
    words are compared, so `files` → `attachments` marks the word, not scattered letters."""
    mine, theirs = _TOKENS.findall(text), _TOKENS.findall(other)
    out = []
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes():
        piece = escape("".join(mine[i1:i2]))
        out.append(piece if op == "equal" or not piece else f"<{tag}>{piece}</{tag}>")
    return "".join(out)


def _line(cls: str, body_html: str) -> str:
    return f'<span class="l {cls}">{body_html}</span>'


def _changed_block(removed: List[str], added: List[str]) -> List[str]:
    """A run of - lines followed by + lines; when they pair up one to one, mark what changed in each."""
    if len(removed) != len(added):
        return [_line("del", escape(r)) for r in removed] + [_line("add", escape(a)) for a in added]
    dels = [_line("del", "-" + _marked(r[1:], a[1:], "del")) for r, a in zip(removed, added)]
    adds = [_line("add", "+" + _marked(a[1:], r[1:], "ins")) for r, a in zip(removed, added)]
    return dels + adds


def diff_html(diff: str) -> str:
    """A unified diff from codemods.reporters.diff as coloured lines (the first two lines of a file
    diff are its headers by position: a removed line "--x" also starts with "---")."""
    lines = [line.rstrip("\r") for line in diff.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    out: List[str] = []
    removed: List[str] = []
    added: List[str] = []

    def flush() -> None:
        out.extend(_changed_block(removed, added))
        removed.clear()
        added.clear()

    for i, line in enumerate(lines):
        if i < 2:
            out.append(_line("meta", escape(line)))
            continue
        if line.startswith("-") and not added:
            removed.append(line)
            continue
        if line.startswith("+"):
            added.append(line)
            continue
        flush()
        if line.startswith("-"):
            removed.append(line)
        elif line.startswith("@@"):
            out.append(_line("hunk", escape(line)))
        elif line.startswith("\\"):
            out.append(_line("note", escape(line)))
        else:
            out.append(_line("ctx", escape(line)))
    flush()
    return '<pre class="diff">' + "".join(out) + "</pre>"


def _doc_link(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        return ""
    return f' <a class="doc" href="{escape(url)}" target="_blank" rel="noreferrer">doc</a>'


def message_html(message: str) -> str:
    """A rule message, escaped, with its `code spans` as <code> (added after escaping: no user markup)."""
    return _CODE_SPAN.sub(r"<code>\1</code>", escape(message))


def finding_item(f: Finding, family: str) -> str:
    return (
        f'<li class="finding" data-family="{escape(family)}"><label>'
        f'<input type="checkbox" class="done"> <span class="what">'
        f'<code>{escape(f.path)}:{f.line}:{f.column}</code> <span class="rule">{escape(f.rule)}</span> '
        f"{message_html(f.message)}</span></label>{_doc_link(f.doc_url)}</li>"
    )


def file_article(index: int, f: FileReport, report: Report) -> str:
    badges = "".join(f'<span class="badge fam">{escape(fam)}</span>' for fam in f.families)
    parts = [
        f'<article class="file" id="file-{index}" data-families="{escape(" ".join(f.families))}">',
        f'<header><h2><code>{escape(f.path)}</code><span class="badge {escape(f.status)}">{escape(f.status)}</span>'
        f"{badges}</h2></header>",
        '<div class="body">',
    ]
    if f.error:
        parts.append(f'<p class="error">Failed: {escape(f.error)}</p>')
    if f.diff:
        parts.append(diff_html(f.diff))
    if f.manual:
        parts.append(f"<h3>Left for a human ({len(f.manual)})</h3>")
        items = "".join(finding_item(m, report.family(m.rule)) for m in f.manual)
        parts.append(f'<ul class="checklist">{items}</ul>')
    parts.append("</div></article>")
    return "\n".join(parts)


def summary_html(report: Report) -> str:
    rewritten, manual = report.rewritten_by_family, report.manual_by_family
    rows = [("Files scanned", report.files_scanned), ("Files changed", report.files_changed),
            ("Sites rewritten", sum(rewritten.values())), ("Manual sites left", report.manual_left),
            ("Files that failed", len(report.failed))]
    html = ['<table class="summary"><tbody>']
    html += [f'<tr><th scope="row">{name}</th><td class="n">{value}</td></tr>' for name, value in rows]
    html.append("</tbody></table>")
    if report.families:
        html.append('<table class="families"><thead><tr><th>Rule family</th><th>Sites rewritten</th>'
                    "<th>Manual sites left</th></tr></thead><tbody>")
        for fam in report.families:
            html.append(f"<tr><td><b>{escape(fam)}</b> {escape(report.title(fam))}</td>"
                        f'<td class="n">{rewritten.get(fam, 0)}</td><td class="n">{manual.get(fam, 0)}</td></tr>')
        html.append("</tbody></table>")
    return "\n".join(html)


def filter_html(report: Report) -> str:
    if not report.families:
        return ""
    boxes = "".join(
        f'<label><input type="checkbox" class="family-filter" value="{escape(fam)}" checked> '
        f'<b>{escape(fam)}</b> <span class="muted">{escape(report.title(fam))}</span></label>'
        for fam in report.families
    )
    return (
        '<section class="panel filter" id="filter"><h2>Filter by rule family</h2>'
        f'<div>{boxes}</div><div><button type="button" id="filter-all">All</button>'
        '<button type="button" id="filter-none">None</button>'
        f'<span class="muted" id="progress">0 of {report.manual_left} manual sites done</span></div></section>'
    )


def write(report: Report, out: IO[str]) -> None:
    body = [f"<header><h1>{escape(TITLE)}</h1><p class=\"tool\">nylas-upgrade {escape(__version__)}</p></header>",
            f'<section class="panel" id="summary">{summary_html(report)}</section>', filter_html(report)]
    if report.errors:
        body.append('<section class="panel" id="errors"><h2>Errors</h2><ul>'
                    + "".join(f'<li class="error">{escape(e)}</li>' for e in report.errors) + "</ul></section>")
    if not report.files:
        body.append("<p>Nothing to migrate: no Nylas API v2 usage found.</p>")
    body += [file_article(i, f, report) for i, f in enumerate(report.files, 1)]
    out.write(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(TITLE)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + f"\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
