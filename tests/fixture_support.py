"""Shared helpers for fixture-driven tests: find the fixtures, run the pipeline on one, render its findings."""
from __future__ import annotations

import re
from pathlib import Path
from typing import List

from codemods.options import Options
from codemods.engine import process_bytes
from codemods.results import FileResult
from codemods.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SNAPSHOTS = ROOT / "tests" / "snapshots"
_OPTIONS = re.compile(rb"^# nylas-upgrade-test: (.*)$", re.MULTILINE)


def all_fixtures() -> List[Path]:
    """Every fixture input that parses: fixtures/<family>/*.py (the bundled example is tested on its own, and
    the files that do not parse on theirs: unparsable_fixtures)."""
    return sorted(p for p in FIXTURES.glob("*/*.py") if p.parent.name not in ("example", "unparsable"))


def unparsable_fixtures() -> List[Path]:
    """Fixtures that do not parse (Python 2, tabs mixed with spaces): tests/test_unparsable.py."""
    return sorted((FIXTURES / "unparsable").glob("*.py"))


def options_for(raw: bytes) -> Options:
    """A fixture may ask for options in a first-lines comment: `# nylas-upgrade-test: grant=grant_id`."""
    m = _OPTIONS.search(raw[:500])
    if not m:
        return Options()
    pairs = dict(item.split("=", 1) for item in m.group(1).decode().split())
    names = tuple(n for n in pairs.get("base_names", "").split(",") if n)  # as [tool.nylas-upgrade] base-names
    return Options(grant=pairs.get("grant", "me"), base_names=names)


def run_fixture(path: Path, raw: bytes = None) -> FileResult:
    raw = path.read_bytes() if raw is None else raw
    return process_bytes(raw, path.name, load_rules(), options_for(raw))


def findings_text(result: FileResult) -> str:
    lines = [
        f"{f.line}:{f.column}: {f.rule} [{'fix' if f.fixable else 'manual'}] {f.message}  <{f.doc_url}>"
        for f in result.findings
    ]
    return "\n".join(lines) + "\n"


def output_bytes(path: Path, result: FileResult) -> bytes:
    return result.new_bytes if result.new_bytes is not None else path.read_bytes()
