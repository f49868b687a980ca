"""The migration report as Markdown, ready to paste into a pull-request comment (GitHub-flavoured).

A summary table (files scanned and changed, sites rewritten and manual sites left per rule family,
files that failed), then one section per file: its diff in a ```diff block and the places left for a
human as a task list, `- [ ] path:line:col RULE message ([doc](url))`, which GitHub renders as
checkboxes a reviewer can tick.

User code only ever appears inside a fenced block whose fence is longer than any backtick run in it
(CommonMark's rule), so a diff that contains ``` cannot close its block early.
"""
from __future__ import annotations

import re
from typing import IO, List

from codemods.report_data import FileReport, Report
from codemods.results import Finding

_BACKTICKS = re.compile(r"`{3,}")
_PATH_SPECIAL = re.compile(r"[\\`*\[\]<>]")


def fence(text: str) -> str:
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)


def _cell(text: str) -> str:
    """Table cells end at a pipe and at a newline."""
    return text.replace("|", "\\|").replace("\n", " ")


def _inline(text: str) -> str:
    """One line of Markdown: no line breaks, and no raw HTML tag outside `code spans` (GitHub renders
    some tags). Inside a code span `<` is shown as is, so it must stay `<` there."""
    parts = " ".join(text.split()).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code span to protect
        return "\\`".join(p.replace("<", "&lt;") for p in parts)
    return "`".join(p if i % 2 else p.replace("<", "&lt;") for i, p in enumerate(parts))


def _path(path: str) -> str:
    """A path as Markdown text: characters that would start a link, emphasis, code or a tag are escaped."""
    return _PATH_SPECIAL.sub(r"\\\g<0>", " ".join(path.split()))


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def task(f: Finding) -> str:
    doc = f" ([doc]({_url(f.doc_url)}))" if f.doc_url.startswith(("https://", "http://")) else ""
    return f"- [ ] {_path(f.path)}:{f.line}:{f.column} {f.rule} {_inline(f.message)}{doc}"


def summary(report: Report) -> List[str]:
    rewritten, manual = report.rewritten_by_family, report.manual_by_family
    lines = [
        "| | |",
        "|---|---:|",
        f"| Files scanned | {report.files_scanned} |",
        f"| Files changed | {report.files_changed} |",
        f"| Sites rewritten | {sum(rewritten.values())} |",
        f"| Manual sites left | {report.manual_left} |",
        f"| Files that failed | {len(report.failed)} |",
        "",
    ]
    if report.families:
        lines += ["| Rule family | Sites rewritten | Manual sites left |", "|---|---:|---:|"]
        for family in report.families:
            title = _cell(report.title(family))
            lines.append(f"| {family} ({title}) | {rewritten.get(family, 0)} | {manual.get(family, 0)} |")
        lines.append("")
    return lines


def file_section(f: FileReport) -> List[str]:
    lines = [f"### {_path(f.path)}", ""]
    if f.error:
        lines += [f"**Failed:** {_inline(f.error)}", ""]
    if f.diff:
        mark = fence(f.diff)
        lines += [f"{mark}diff", f.diff.rstrip("\n"), mark, ""]
    if f.manual:
        lines += [f"Left for a human ({len(f.manual)}):", ""]
        lines += [task(m) for m in f.manual]
        lines.append("")
    return lines


def write(report: Report, out: IO[str]) -> None:
    lines = ["## Nylas API v2 → v3 migration report", ""]
    lines += summary(report)
    if report.errors:
        lines += ["**Errors:**", ""] + [f"- {_inline(e)}" for e in report.errors] + [""]
    for f in report.files:
        lines += file_section(f)
    if not report.files:
        lines += ["Nothing to migrate: no Nylas API v2 usage found.", ""]
    out.write("\n".join(lines))

