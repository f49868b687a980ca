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
        "pkg/a_threads.py:4:25: FLD019 (said once per run) v3 keeps IMAP messages in a 90-day rolling window: older "
        "messages cannot be listed or read through Nylas, so store the ones you need before they age out",
        "pkg/b_mail.py:4:67: QP001 v3 has no offset: read `next_cursor` from each response and pass it back as "
        "`page_token` until it is absent",
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


# --- stream discipline, path display, selection and invocation errors ---------------------------------------------

FINDING_LINE = r"^[^:\s]+\.py:\d+:\d+: [A-Z]{2,5}\d{3} \S.*$"


def test_check_stdout_is_only_finding_lines_and_the_summary_is_on_stderr(tree):
    import re

    result = invoke("check", ".")
    assert result.exit_code == 1 and result.stdout.endswith("\n")
    assert all(re.match(FINDING_LINE, line) for line in result.stdout.splitlines()), result.stdout
    # 6 findings: 5 places plus the run's IMAP advisory (FLD019)
    assert re.fullmatch(r"3 files scanned, 2 would change, 6 findings \(4 fixable\), 0 errors in \d+\.\d\d s\n",
                        result.stderr), result.stderr
    assert "scanned" not in result.stdout


def test_json_findings_all_have_exactly_the_documented_keys(tree):
    result = invoke("check", "--format", "json", "-q", ".")
    doc = json.loads(result.stdout)
    assert result.stdout.endswith("\n") and result.stderr == ""
    keys = {"path", "line", "column", "rule", "fixable", "message", "doc_url"}
    assert doc["findings"] and all(set(f) == keys for f in doc["findings"])
    assert [(f["path"], f["line"], f["column"]) for f in doc["findings"]] == sorted(
        (f["path"], f["line"], f["column"]) for f in doc["findings"])
    assert all(isinstance(f["line"], int) and isinstance(f["fixable"], bool) for f in doc["findings"])


def test_json_lists_file_errors_and_exits_3(tree):
    (tree / "pkg" / "broken.py").write_text("import nylas\ndef f(:\n")
    result = invoke("check", "--format", "json", "-q", ".")
    assert result.exit_code == 3
    doc = json.loads(result.stdout)
    assert len(doc["errors"]) == 1 and doc["errors"][0].startswith("pkg/broken.py: cannot parse")
    assert {f["path"] for f in doc["findings"]} == {"pkg/a_threads.py", "pkg/b_mail.py"}


def test_check_exits_3_when_one_file_fails_and_still_reports_the_others(tree):
    (tree / "pkg" / "c_broken.py").write_text("import nylas\ndef f(:\n")
    result = invoke("check", "-q", ".")
    assert result.exit_code == 3
    assert "pkg/a_threads.py:4:25: EP003" in result.stdout and "pkg/b_mail.py" in result.stdout
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert "error: pkg/c_broken.py: cannot parse" in result.stderr and "c_broken" not in result.stdout


def test_paths_are_relative_to_cwd_and_sorted_however_they_are_named(tree, monkeypatch):
    by_abs = invoke("check", "-q", str(tree / "pkg" / "b_mail.py"), str(tree / "pkg"))
    assert by_abs.exit_code == 1
    paths = [line.split(":")[0] for line in by_abs.stdout.splitlines()]
    assert paths == sorted(paths) and set(paths) == {"pkg/a_threads.py", "pkg/b_mail.py"}
    monkeypatch.chdir(tree / "pkg")
    from_sub = invoke("check", "-q", "..")
    assert {line.split(":")[0] for line in from_sub.stdout.splitlines()} == {"a_threads.py", "b_mail.py"}


def test_check_on_a_clean_tree_exits_0_and_prints_no_findings(tmp_path, monkeypatch):
    import re

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "slack.py").write_text(CLEAN)
    (tmp_path / "v3.py").write_text('import requests\nrequests.get("https://api.us.nylas.com/v3/grants/me/threads")\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("check", ".")
    assert (result.exit_code, result.stdout) == (0, "")
    assert re.fullmatch(r"2 files scanned, 0 would change, 0 findings, 0 errors in \d+\.\d\d s\n", result.stderr)
    assert invoke("fix", "--diff", ".").stdout == ""


def test_fix_diff_touches_nothing_and_names_files_a_and_b(tree):
    before = {p: p.read_bytes() for p in tree.rglob("*.py")}
    result = invoke("fix", "--diff", "-q", ".")
    assert result.exit_code == 1
    headers = [line for line in result.stdout.splitlines() if line.startswith(("--- ", "+++ "))]
    assert headers == ["--- a/pkg/a_threads.py", "+++ b/pkg/a_threads.py", "--- a/pkg/b_mail.py", "+++ b/pkg/b_mail.py"]
    assert {p: p.read_bytes() for p in tree.rglob("*.py")} == before
    assert "\npkg/b_mail.py:4:67: QP001 " in result.stderr  # manual places go to stderr with --diff


def test_fix_then_check_agrees_with_what_was_left(tree):
    fixed = invoke("fix", "-q", ".")
    assert fixed.exit_code == 1  # files rewritten and a place left for a human
    assert invoke("fix", "--diff", "-q", ".").stdout == ""  # a second run changes nothing
    left = invoke("check", "-q", ".")

    def where_and_rule(out):  # the column moves: the URL before the offset parameter grew
        return [(line.split(":")[0], line.split(":")[1], line.split(" ")[1]) for line in out.splitlines()]

    advisory = ("pkg/a_threads.py", "4", "FLD019")  # said while migrating; the v3 code is not told again
    assert left.exit_code == 1 and where_and_rule(left.stdout) == [
        w for w in where_and_rule(fixed.stdout) if w != advisory] == [("pkg/b_mail.py", "4", "QP001")]
    assert advisory in where_and_rule(fixed.stdout)


def test_select_and_ignore_by_exact_id_and_comma_lists(tree):
    one = invoke("check", "-q", "--select", "QP001", ".")
    assert [line.split(" ")[1] for line in one.stdout.splitlines()] == ["QP001"]
    both = invoke("check", "-q", "--select", "QP001,EP003", ".")
    assert {line.split(" ")[1] for line in both.stdout.splitlines()} == {"QP001", "EP003"}
    repeated = invoke("check", "-q", "--select", "QP001", "--select", "EP003", ".")
    assert repeated.stdout == both.stdout
    ignored = invoke("check", "-q", "--ignore", "QP001", ".")
    assert "QP001" not in ignored.stdout and "EP003" in ignored.stdout
    selected_fix = invoke("fix", "--diff", "-q", "--select", "HOST", ".")
    assert "api.us.nylas.com/threads" in selected_fix.stdout and "v3/grants" not in selected_fix.stdout


@pytest.mark.parametrize("args", [
    ["check", "--select", "ZZ", "."], ["check", "--ignore", "QP999", "."], ["fix", "--select", "QP,NOPE", "."],
    ["check", "--grant", "1 +", "."], ["fix", "--diff", "--grant", "def", "."], ["check", "--format", "xml", "."],
    ["check"], ["rules", "EP999"], ["bogus"],
])
def test_usage_errors_exit_2_with_a_short_message_and_no_traceback(tree, args):
    result = invoke(*args)
    assert result.exit_code == 2, (args, result.output)
    assert result.stdout == "" and result.stderr.strip()
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_grant_expression_goes_into_an_fstring(tree):
    result = invoke("fix", "--diff", "-q", "--grant", "grant_id", "pkg/a_threads.py")
    assert '+    return requests.get(f"https://api.us.nylas.com/v3/grants/{grant_id}/threads")' in result.stdout


def _bad_rules_env(factory, text):
    bad = factory.mktemp("badrules")
    (bad / "broken.yaml").write_text(text)
    return bad


@pytest.mark.parametrize("text, expected", [
    ("family: XX\nrules: [\n", "broken.yaml: not valid YAML (line 3, column 1)"),
    ("family: XX\ntitle: t\nrules:\n  - id: XX001\n    kind: url_userinfo\n    summary: s\n"
     "    doc_url: https://developer.nylas.com/\n    example: {before: a}\n    message: m\n    colour: red\n",
     "broken.yaml: rule XX001: unknown field(s) for kind 'url_userinfo': colour"),
])
@pytest.mark.parametrize("command", [["check", "."], ["fix", "--diff", "."], ["rules"]])
def test_invalid_rules_through_the_cli_are_one_line_and_exit_2(tree, monkeypatch, tmp_path_factory, text, expected,
                                                               command):
    from codemods import rules as rules_module

    monkeypatch.setenv("NYLAS_UPGRADE_RULES_DIR", str(_bad_rules_env(tmp_path_factory, text)))
    rules_module._CACHE.clear()
    try:
        result = invoke(*command)
    finally:
        rules_module._CACHE.clear()
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("nylas-upgrade: invalid rules: ")
    assert expected in result.stderr, result.stderr


def test_real_process_bad_rules_and_streams(tree, tmp_path_factory):
    import os

    env = dict(os.environ, NYLAS_UPGRADE_RULES_DIR=str(_bad_rules_env(tmp_path_factory, "family: XX\nrules: [\n")),
               XDG_CACHE_HOME=str(tmp_path_factory.mktemp("cache")))
    bad = subprocess.run([sys.executable, "-m", "codemods", "check", "."], cwd=tree, capture_output=True, text=True,
                         env=env, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr and "broken.yaml" in bad.stderr
    good = _run([sys.executable, "-m", "codemods", "fix", "--diff", "."], tree)
    assert good.returncode == 1 and good.stdout.startswith("--- a/pkg/a_threads.py\n")
    assert "QP001" in good.stderr and "QP001" not in good.stdout
    rules = _run([sys.executable, "-m", "codemods", "rules", "nope"], tree)
    assert rules.returncode == 2 and rules.stdout == "" and "Traceback" not in rules.stderr


def test_version_and_help():
    assert invoke("--version").stdout.startswith("nylas-upgrade, version ")
    helped = invoke("--help")
    assert helped.exit_code == 0 and "check" in helped.stdout and "fix" in helped.stdout


def test_shell_completion_through_the_console_script(tmp_path):
    """click's completion works through the fast-path entry point (README: Shell completion)."""
    import os

    script = shutil.which("nylas-upgrade", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("console script not installed next to this interpreter")
    env = dict(os.environ, _NYLAS_UPGRADE_COMPLETE="bash_complete", COMP_WORDS="nylas-upgrade ch", COMP_CWORD="1")
    words = subprocess.run([script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert words.stdout.split() == ["plain,check"]
    env = dict(os.environ, _NYLAS_UPGRADE_COMPLETE="bash_complete", COMP_WORDS="nylas-upgrade fix --sp",
               COMP_CWORD="2")
    assert "plain,--split-by-rule" in subprocess.run([script], env=env, cwd=tmp_path, capture_output=True,
                                                       text=True, timeout=60).stdout.split()
