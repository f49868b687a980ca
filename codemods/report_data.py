"""The reviewer's migration report: one data model, built once from a `fix --diff` run, that every
report format (codemods/reporters/report_json.py, report_md.py, report_html.py) renders.

A site rewritten is one Edit the pipeline made (FileResult.edits); a manual site is a finding that
`fix` cannot rewrite. Both are grouped by rule family (the prefix of the rule ID, as in rules/*.yaml),
so a reviewer sees how much of each kind of change the migration holds. Files that were skipped by
the prefilter, or parsed with nothing to say, are counted as scanned but not listed.

Formats are chosen by the output file's suffix; each module has `write(report, out)`, like semgrep's
formatter/ package: one model, one small module per format.
"""
from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass
from typing import IO, Dict, Mapping, Optional, Tuple

from codemods.results import Finding, Status
from codemods.rules import family_of_id

# Output file suffix -> module under codemods.reporters.
FORMATS = {".json": "report_json", ".md": "report_md", ".html": "report_html"}



@dataclass(frozen=True)
class FileReport:
    """One file with something to review: a rewrite, findings, or an error."""

    path: str
    status: str  # a codemods.results.Status value: "changed", "unchanged" or "failed"
    diff: str  # unified diff (codemods.reporters.diff), "" when unchanged
    findings: Tuple[Finding, ...]  # all of them; `manual` is what fix leaves for a human
    error: Optional[str]
    rewritten_by_family: Mapping[str, int]  # edits made in this file, per rule family
    families: Tuple[str, ...]  # every family with an edit or a finding here, sorted

    @property
    def manual(self) -> Tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.fixable)


@dataclass(frozen=True)
class Report:
    files_scanned: int
    files: Tuple[FileReport, ...]  # sorted by path
    errors: Tuple[str, ...]  # run-level problems (a missing path, an unreadable directory)
    family_titles: Mapping[str, str]  # family prefix -> title, from rules/*.yaml
    rule_families: Mapping[str, str]  # rule ID -> family, for every rule this report mentions

    def family(self, rule_id: str) -> str:
        return self.rule_families.get(rule_id) or family_of_id(rule_id)

    @property
    def files_changed(self) -> int:
        return sum(1 for f in self.files if f.status == Status.CHANGED.value)

    @property
    def failed(self) -> Tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status == Status.FAILED.value)

    @property
    def rewritten_by_family(self) -> Dict[str, int]:
        total: Counter = Counter()
        for f in self.files:
            total.update(f.rewritten_by_family)
        return dict(sorted(total.items()))

    @property
    def manual_by_family(self) -> Dict[str, int]:
        return dict(sorted(Counter(self.family(m.rule) for f in self.files for m in f.manual).items()))

    @property
    def manual_left(self) -> int:
        return sum(len(f.manual) for f in self.files)

    @property
    def families(self) -> Tuple[str, ...]:
        """Every family the report mentions, sorted: the HTML filter offers these."""
        return tuple(sorted({fam for f in self.files for fam in f.families}))

    def title(self, family: str) -> str:
        return self.family_titles.get(family, family)

    @property
    def has_changes(self) -> bool:
        return bool(self.files_changed or self.manual_left)


def build(run_result, rules) -> Report:
    """The report of a run made with write=False (as `fix --diff` makes it)."""
    from codemods.reporters.diff import file_diff

    by_id = rules.by_id()

    def family(rule_id: str) -> str:
        rule = by_id.get(rule_id)
        return rule.family if rule is not None else family_of_id(rule_id)

    files = []
    for result in sorted(run_result.files, key=lambda r: r.path):
        if result.status is Status.SKIPPED or (result.status is Status.UNCHANGED and not result.findings):
            continue
        rewritten = Counter(family(e.rule) for e in result.edits) if result.changed else Counter()
        families = set(rewritten) | {family(f.rule) for f in result.findings}
        files.append(FileReport(
            path=result.path,
            status=result.status.value,
            diff=file_diff(result) if result.changed else "",
            findings=tuple(sorted(result.findings)),
            error=result.error,
            rewritten_by_family=dict(sorted(rewritten.items())),
            families=tuple(sorted(families)),
        ))
    seen = {e.rule for r in run_result.files for e in r.edits} | {f.rule for r in run_result.files for f in r.findings}
    return Report(len(run_result.files), tuple(files), tuple(run_result.errors), dict(rules.families),
                  {rule_id: family(rule_id) for rule_id in sorted(seen)})


def format_for(filename: str) -> Optional[str]:
    """The reporter module name for an output file, or None when its suffix is not a known format."""
    lower = filename.lower()
    for suffix, module in FORMATS.items():
        if lower.endswith(suffix):
            return module
    return None


def write(report: Report, filename: str, out: IO[str]) -> None:
    """Render `report` in the format `filename`'s suffix names (format_for must have accepted it)."""
    importlib.import_module(f"codemods.reporters.{format_for(filename)}").write(report, out)


def summary_line(report: Report, filename: str) -> str:
    failed = f", {len(report.failed)} file(s) failed" if report.failed else ""
    return (f"Wrote {filename}: {report.files_changed} of {report.files_scanned} file(s) to rewrite, "
            f"{report.manual_left} place(s) left for a human{failed}.")
