"""The command line, through click's runner and through real processes: output formats and the exit-code contract."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from codemods.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "http"

V2 = 'import requests\n\ndef inbox():\n    return requests.get("https://api.nylas.com/messages", params={"offset": 5})\n'
FIXABLE_ONLY = 'import requests\n\ndef threads():\n    return requests.get("https://api.nylas.com/threads")\n'
CLEAN = 'import requests\n\ndef slack():\n    return requests.get("https://slack.com/api/messages")\n'


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "b_mail.py").write_text(V2)
    (tmp_path / "pkg" / "a_threads.py").write_text(FIXABLE_ONLY)
    (tmp_path / "clean.py").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_check_prints_sorted_clickable_lines_and_exits_1(tree):
    result = invoke("check", "-q", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == sorted(lines)
    assert lines[0].startswith("pkg/a_threads.py:4:25: EP003 ")
    assert "pkg/b_mail.py:4:67: QP001 v3 has no offset" in result.stdout
    assert (tree / "pkg" / "b_mail.py").read_text() == V2  # check writes nothing


def test_check_on_clean_code_exits_0(tree):
    result = invoke("check", "clean.py")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_check_json_has_the_documented_fields(tree):
    result = invoke("check", "--format", "json", ".")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert set(doc) == {"findings", "errors"} and doc["errors"] == []
    finding = doc["findings"][0]
    assert set(finding) >= {"path", "line", "column", "rule", "fixable", "message", "doc_url"}
    assert finding["doc_url"].startswith("https://developer.nylas.com/")
    assert {f["fixable"] for f in doc["findings"]} == {True, False}


def test_fix_diff_writes_nothing_and_keeps_findings_off_stdout(tree):
    result = invoke("fix", "--diff", ".")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/pkg/a_threads.py\n+++ b/pkg/a_threads.py\n")
    assert result.stdout.index("a/pkg/a_threads.py") < result.stdout.index("a/pkg/b_mail.py")
    assert "QP001" not in result.stdout and "QP001" in result.stderr
    assert (tree / "pkg" / "b_mail.py").read_text() == V2


def test_fix_writes_and_reports_what_is_left(tree):
    result = invoke("fix", ".")
    assert result.exit_code == 1
    assert "api.us.nylas.com/v3/grants/me/messages" in (tree / "pkg" / "b_mail.py").read_text()
    assert result.stdout.strip().splitlines() == [
        "pkg/b_mail.py:4:67: QP001 v3 has no offset: read `next_cursor` from each response and pass it back as "
        "`page_token` until it is absent"
    ]
    again = invoke("fix", "pkg/a_threads.py")
    assert again.exit_code == 0  # nothing left to do in a file whose rewrite was complete


def test_syntax_error_among_good_files_exits_3_and_the_rest_is_processed(tree):
    (tree / "pkg" / "broken.py").write_text("import requests\nrequests.get('https://api.nylas.com/messages'\n")
    (tree / "pkg" / "py2.py").write_text('print "https://api.nylas.com/messages"\n')
    result = invoke("fix", ".")
    assert result.exit_code == 3
    assert "pkg/broken.py: cannot parse" in result.stderr and "pkg/py2.py: cannot parse" in result.stderr
    assert "v3/grants/me/threads" in (tree / "pkg" / "a_threads.py").read_text()


def test_rules_lists_and_explains(tree):
    listing = invoke("rules")
    assert listing.exit_code == 0 and "EP005" in listing.stdout and "QP001" in listing.stdout
    one = invoke("rules", "ep005")
    assert one.exit_code == 0
    assert "POST /send" in one.stdout and "before:" in one.stdout and "https://developer.nylas.com/" in one.stdout
    assert invoke("rules", "NOPE999").exit_code == 2


def test_select_and_ignore_by_id_and_family(tree):
    only_qp = invoke("check", "-q", "--select", "QP", ".")
    assert only_qp.exit_code == 1 and all(": QP" in line for line in only_qp.stdout.splitlines())
    no_ep = invoke("check", "-q", "--ignore", "EP,HOST", ".")
    assert "EP00" not in no_ep.stdout and "HOST" not in no_ep.stdout
    assert invoke("check", "--select", "ZZ", ".").exit_code == 2


def test_bad_grant_expression_is_a_usage_error(tree):
    result = invoke("check", "--grant", "1 +", ".")
    assert result.exit_code == 2


def test_malformed_rules_exit_2_with_one_line_and_no_traceback(tree, monkeypatch):
    bad = tree / "rules"
    bad.mkdir()
    (bad / "x.yaml").write_text("family: XX\ntitle: t\nrules:\n  - id: XX001\n    kind: host\n    bogus: 1\n")
    monkeypatch.setenv("NYLAS_UPGRADE_RULES_DIR", str(bad))
    from codemods import rules as rules_module

    rules_module._CACHE.clear()
    try:
        result = invoke("check", ".")
    finally:
        rules_module._CACHE.clear()
    assert result.exit_code == 2
    assert "x.yaml: rule XX001: missing field(s)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def _run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_real_process_module_and_console_script(tree):
    module = _run([sys.executable, "-m", "codemods", "check", "-q", "."], tree)
    assert module.returncode == 1 and module.stdout.endswith("\n")
    assert module.stdout.splitlines()[0].startswith("pkg/a_threads.py:4:25: EP003")
    script = shutil.which("nylas-upgrade", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("console script not installed next to this interpreter")
    assert _run([script, "check", "-q", "."], tree).stdout == module.stdout


def test_real_process_diff_applies_with_git_to_the_same_bytes_as_fix(tree):
    if shutil.which("git") is None:
        pytest.skip("git not available")
    crlf = tree / "pkg" / "crlf.py"
    crlf.write_bytes(b'import requests\r\nURL = "https://api.nylas.com/drafts"\r\n')
    diff = subprocess.run([sys.executable, "-m", "codemods", "fix", "--diff", "."], cwd=tree, capture_output=True)
    assert diff.returncode == 1  # bytes: text mode would turn the CRLF lines of the diff into LF
    patched = tree.parent / (tree.name + "-patched")
    shutil.copytree(tree, patched)
    _run(["git", "init", "-q"], patched)
    applied = subprocess.run(["git", "apply", "-"], cwd=patched, input=diff.stdout, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert _run([sys.executable, "-m", "codemods", "fix", "-q", "."], tree).returncode == 1
    for path in ["pkg/a_threads.py", "pkg/b_mail.py", "pkg/crlf.py"]:
        assert (patched / path).read_bytes() == (tree / path).read_bytes(), path
    assert b"\r\n" in (tree / "pkg" / "crlf.py").read_bytes()
