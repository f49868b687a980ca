"""Files that do not parse (Python 2, tabs mixed with spaces): kept byte for byte with their parse error, and
their v2 lines listed by the text scan (codemods/analysis/unparsable.py)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from fixture_support import SNAPSHOTS, findings_text, run_fixture, unparsable_fixtures
from codemods.analysis.unparsable import _masked
from codemods.cli import main
from codemods.options import Options
from codemods.engine import process_bytes
from codemods.results import Status
from codemods.rules import load_rules

FIXTURES = unparsable_fixtures()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_snapshot(fixture, snapshot):
    result = run_fixture(fixture)
    assert result.status is Status.FAILED and result.error.startswith("cannot parse: ")
    assert result.new_bytes is None and not result.edits  # the file is left as it is
    snapshot.snapshot_dir = SNAPSHOTS / "unparsable" / fixture.stem
    snapshot.assert_match(findings_text(result), "findings.txt")


def test_the_no_touch_twin_keeps_its_error_and_is_silent():
    twin = next(p for p in FIXTURES if p.name.startswith("no_touch"))
    result = run_fixture(twin)
    assert result.status is Status.FAILED and result.findings == ()


def test_every_v2_line_of_the_python2_fixture_is_listed_once_and_comments_are_not():
    result = run_fixture(next(p for p in FIXTURES if p.name == "python2_sdk.py"))
    lines = [f.line for f in result.findings if f.rule != "PARSE010"]
    assert len(lines) == len(set(lines))  # one finding a line
    assert {1, 2}.isdisjoint(lines)  # the comment naming APIClient and api.nylas.com/delta
    assert {f.rule for f in result.findings} >= {"PARSE001", "PARSE002", "PARSE003", "PARSE004", "PARSE005",
                                                  "PARSE006", "PARSE007", "PARSE010"}


def test_masking_keeps_lengths_and_hides_comments_and_string_contents():
    text = 'x = "a # b"  # c\r\ny = """q\n#r"""\nprint \'it\\\'s\'\n'
    no_comments, no_strings = _masked(text)
    assert len(no_comments) == len(no_strings) == len(text)
    assert "# b" in no_comments and "# c" not in no_comments and "#r" in no_comments
    assert "a" not in no_strings.split("=")[1] and "#" not in no_strings and "\r\n" in no_strings


def test_select_ignore_and_suppressions_apply_to_the_scan():
    raw = b'import nylas\nc = nylas.APIClient(a, b, t)  # nylas-upgrade: ignore\nd = nylas.APIClient(a, b, t)\nprint c\n'
    rules = load_rules()
    result = process_bytes(raw, "w.py", rules, Options())
    assert [(f.line, f.rule) for f in result.findings] == [(3, "PARSE005"), (4, "PARSE010")]
    only = process_bytes(raw, "w.py", rules, Options(select=("PARSE010",)))
    assert [f.rule for f in only.findings] == ["PARSE010"]


def test_check_lists_the_findings_and_the_error_and_exits_3(tmp_path, monkeypatch):
    shutil.copy(next(p for p in FIXTURES if p.name == "python2_sdk.py"), tmp_path / "worker.py")
    before = (tmp_path / "worker.py").read_bytes()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "--format", "json", "."])
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert any(f["rule"] == "PARSE010" for f in data["findings"])
    assert any("worker.py: cannot parse" in e for e in data["errors"])
    fixed = subprocess.run([sys.executable, "-m", "codemods", "fix", "."], cwd=tmp_path, capture_output=True,
                           text=True, timeout=120)
    assert fixed.returncode == 3 and "worker.py:13:18: PARSE005 " in fixed.stdout
    assert (tmp_path / "worker.py").read_bytes() == before
