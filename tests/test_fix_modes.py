"""fix --add-todos, --since REF (check and fix) and fix --split-by-rule DIR: through click's runner and real
processes, on small sources built to sit where the placement is hard, and on copies of the fixtures."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from codemods import fastpath
from codemods.cli import main
from codemods.results import Edit, FileResult, Status
from codemods.since import parse_diff
from codemods.split_patches import plan
from codemods.todos import logical_line_starts

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
QP001 = ("# TODO(nylas-v3): QP001 v3 has no offset: read `next_cursor` from each response and pass it back as "
         "`page_token` until it is absent")

HARD_PLACES = '''\
import requests

BASE = "https://api.nylas.com"


def places(token):
    x = """a string
spanning lines"""; r = requests.get(BASE + "/messages", params={"offset": 5})
    if token: r = requests.get(BASE + "/messages", params={"offset": 5})
    r = requests.get(
        BASE + "/messages",
        params={"limit": 1,
                "offset": 5},
    )
    y = 1 + \\
        requests.get(BASE + "/messages", params={"offset": 5}).status_code
    return x, y
'''

HARD_PLACES_FIXED = f'''\
import requests

BASE = "https://api.us.nylas.com"


def places(token):
    {QP001}
    x = """a string
spanning lines"""; r = requests.get(BASE + "/v3/grants/me/messages", params={{"offset": 5}})
    {QP001}
    if token: r = requests.get(BASE + "/v3/grants/me/messages", params={{"offset": 5}})
    {QP001}
    r = requests.get(
        BASE + "/v3/grants/me/messages",
        params={{"limit": 1,
                "offset": 5}},
    )
    {QP001}
    y = 1 + \\
        requests.get(BASE + "/v3/grants/me/messages", params={{"offset": 5}}).status_code
    return x, y
'''

OFFSET = 'import requests\n\ndef inbox():\n    return requests.get("https://api.nylas.com/messages", params={"offset": 5})\n'
THREADS = 'import requests\n\ndef threads():\n    return requests.get("https://api.nylas.com/threads")\n'


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=cwd,
                          capture_output=True, check=True, timeout=60)


# -- --add-todos -------------------------------------------------------------------------------------------------

def test_todos_go_above_the_statement_never_inside_a_string_or_a_continuation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text(HARD_PLACES)
    result = invoke("fix", "-q", "--add-todos", "m.py")
    assert result.exit_code == 1, result.output
    assert (tmp_path / "m.py").read_text() == HARD_PLACES_FIXED
    ast.parse(HARD_PLACES_FIXED)


def test_todos_are_idempotent_and_check_still_reports_the_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text(HARD_PLACES)
    invoke("fix", "-q", "--add-todos", "m.py")
    again = invoke("fix", "--add-todos", "m.py")
    assert (tmp_path / "m.py").read_text() == HARD_PLACES_FIXED
    assert "0 changed, 4 findings (0 fixed, 4 left by hand)" in again.stderr
    check = invoke("check", "-q", "m.py")
    assert check.exit_code == 1  # a TODO documents the work; it does not silence the finding
    assert [line.split(": ")[1].split()[0] for line in check.stdout.splitlines()] == ["QP001"] * 4


def test_a_place_already_marked_gets_no_second_todo(tmp_path, monkeypatch):
    """Any TODO(nylas-v3) directly above marks the place, whatever its rule: once a module is migrated a call
    can draw a new finding (a v5 call left on a now-v6 Client), and a second run must still change nothing."""
    monkeypatch.chdir(tmp_path)
    source = OFFSET.replace("    return", "    # TODO(nylas-v3): RESP001 something\n    return")
    (tmp_path / "m.py").write_text(source)
    invoke("fix", "-q", "--add-todos", "m.py")
    assert (tmp_path / "m.py").read_text().count("TODO(nylas-v3)") == 1
    (tmp_path / "n.py").write_text(OFFSET.replace("    return", "    # TODO(nylas-v3): RESP001 x\n\n    return"))
    invoke("fix", "-q", "--add-todos", "n.py")
    assert (tmp_path / "n.py").read_text().count("TODO(nylas-v3)") == 2  # not directly above: not this one's


def test_add_todos_on_every_fixture_parses_and_a_second_run_changes_nothing(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES, tmp_path / "fixtures", ignore=shutil.ignore_patterns("unparsable"))  # exit 3 there
    monkeypatch.chdir(tmp_path)
    assert invoke("fix", "-q", "--add-todos", "fixtures").exit_code == 1
    after = {p: p.read_bytes() for p in (tmp_path / "fixtures").rglob("*.py")}
    assert sum(b.count(b"# TODO(nylas-v3): ") for b in after.values()) > 50
    for data in after.values():
        ast.parse(data)
    again = invoke("fix", "--add-todos", "fixtures")
    assert "0 changed," in again.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "fixtures").rglob("*.py")} == after


def test_todos_keep_crlf_and_a_missing_final_newline(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = OFFSET.rstrip("\n").replace("\n", "\r\n").encode()
    (tmp_path / "w.py").write_bytes(source)
    invoke("fix", "-q", "--add-todos", "w.py")
    data = (tmp_path / "w.py").read_bytes()
    assert b"\r\n    " + QP001.encode() + b"\r\n    return" in data
    assert data.count(b"\n") == data.count(b"\r\n") and not data.endswith(b"\n")


def test_todo_inside_another_rewrite_moves_above_it(tmp_path, monkeypatch):
    """SDK052 sits on the last line of a drafts idiom that fix folds into one statement."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "sdk" / "draft_send.py", tmp_path / "d.py")
    result = invoke("fix", "-q", "--add-todos", "d.py")
    assert result.exit_code == 1
    text = (tmp_path / "d.py").read_text()
    ast.parse(text)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "TODO(nylas-v3): SDK052" in line)
    assert lines[at + 1].startswith("    sent = nylas.messages.send(")


def test_todos_in_a_latin1_file_stay_encodable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    """RESP001's message has an arrow (→), which latin-1 cannot hold: without care the whole file would fail."""
    source = "# -*- coding: latin-1 -*-\n# café\n" + OFFSET.replace(")\n", ").json()\n")
    (tmp_path / "l.py").write_bytes(source.encode("latin-1"))
    result = invoke("fix", "--add-todos", "l.py")
    assert result.exit_code == 1, result.output
    text = (tmp_path / "l.py").read_bytes().decode("latin-1")
    assert "# café" in text and QP001 in text
    assert "# TODO(nylas-v3): RESP001 v3 wraps list results: read `.json()[\"data\"]`, and page with `next_cursor` -> " \
           "page_token" in text


def test_todos_follow_select_and_ignore(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text(OFFSET)
    invoke("fix", "-q", "--add-todos", "--ignore", "QP001", "m.py")
    assert "TODO" not in (tmp_path / "m.py").read_text()


def test_logical_line_starts_skip_continuations_and_string_lines():
    assert logical_line_starts(HARD_PLACES) == [1, 3, 6, 7, 9, 10, 15, 17]
    assert logical_line_starts("x = (\n") is None


# -- --since ---------------------------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "changed.py").write_text(OFFSET)
    (tmp_path / "untouched.py").write_text(THREADS)
    (tmp_path / "broken.py").write_text("import nylas\ndef (:\n")  # would be exit 3 if it were parsed
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "v2")
    (tmp_path / "changed.py").write_text(OFFSET + THREADS.replace("import requests\n\n", "\n"))
    (tmp_path / "new.py").write_text(THREADS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_since_reports_only_changed_lines_and_untracked_files(repo):
    result = invoke("check", "-q", "--since", "HEAD", ".")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "changed.py:7:25: EP003 GET /threads → GET /v3/grants/{grant}/threads",
        "changed.py:7:25: HOST001 US host api.nylas.com moves to api.us.nylas.com",
        "new.py:4:25: EP003 GET /threads → GET /v3/grants/{grant}/threads",
        "new.py:4:25: HOST001 US host api.nylas.com moves to api.us.nylas.com",
    ]
    only_file = invoke("check", "-q", "--since", "HEAD", "untouched.py", "broken.py")
    assert only_file.exit_code == 0 and only_file.stdout == ""


def test_since_from_a_subdirectory_with_relative_paths(repo, monkeypatch):
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    result = invoke("check", "-q", "--since", "HEAD", "..", "../changed.py")
    assert result.exit_code == 1, result.output
    assert sorted({line.split(":")[0] for line in result.stdout.splitlines()}) == ["../changed.py", "../new.py"]
    assert "changed.py:4:" not in result.stdout


def test_fix_since_rewrites_a_touched_file_whole_and_leaves_the_rest(repo):
    result = invoke("fix", "--since", "HEAD", ".")
    assert result.exit_code == 1
    changed = (repo / "changed.py").read_text()
    assert changed.count("https://api.us.nylas.com/v3/grants/me/") == 2  # the unchanged line too: no half-v3 module
    assert "offset" in changed and "QP001" not in result.stdout  # line 4 did not change: not reported
    assert (repo / "untouched.py").read_text() == THREADS


def test_since_with_a_bad_ref_or_outside_git_exits_2_with_one_line(repo, tmp_path_factory):
    bad = invoke("check", "--since", "no-such-ref", ".")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "no-such-ref" in bad.stderr
    dash = invoke("check", "--since", "--output=x", ".")
    assert dash.exit_code == 2
    outside = tmp_path_factory.mktemp("nogit")
    (outside / "a.py").write_text(OFFSET)
    not_git = invoke("check", "--since", "HEAD", str(outside / "a.py"))
    assert not_git.exit_code == 2 and "not in a git work tree" in not_git.stderr


def test_parse_diff_reads_hunks_counts_and_quoted_paths():
    diff = (b'diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n@@ -5,0 +6,2 @@\n+c\n+d\n'
            b'@@ -9,2 +10,0 @@\n-e\n-f\n+++ "b/t\\tab.py"\n@@ -0,0 +1,3 @@\n+++ /dev/null\n@@ -1,3 +0,0 @@\n')
    assert parse_diff(diff) == {b"x.py": {1, 6, 7}, b"t\tab.py": {1, 2, 3}}


def test_new_flags_never_take_the_fast_path(tmp_path):
    (tmp_path / "clean.py").write_text("x = 1\n")
    name = str(tmp_path / "clean.py")
    for flags in (["--since", "HEAD"], ["--since=HEAD"], ["--add-todos"], ["--split-by-rule", "out"]):
        assert fastpath._clean_files(["fix", *flags, name]) == (None, None)


# -- --split-by-rule -------------------------------------------------------------------------------------------

SPLIT_SOURCES = ["example", "http/crlf_line_endings.py", "http/latin1_cookie.py", "http/utf8_bom.py",
                 "http/base_constants.py", "http/auth_and_headers.py", "http/manual_notes.py", "sdk/draft_send.py",
                 "sdk/collections.py", "sdk/model_methods.py", "fields"]


def test_split_patches_applied_in_order_with_git_give_exactly_what_fix_writes(tmp_path):
    split, whole = tmp_path / "split", tmp_path / "whole"
    for name in SPLIT_SOURCES:
        for target in (split, whole):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            copy = shutil.copytree if (FIXTURES / name).is_dir() else shutil.copy
            copy(FIXTURES / name, target / name)
    git(split, "init", "-q")
    git(split, "add", "-A")
    git(split, "commit", "-qm", "v2")
    before = {p: p.read_bytes() for p in split.rglob("*.py")}
    cmd = [sys.executable, "-m", "codemods", "fix", "--add-todos", "--split-by-rule", str(tmp_path / "patches"), "."]
    made = subprocess.run(cmd, cwd=split, capture_output=True, text=True, timeout=300)
    assert made.returncode == 1, made.stderr
    assert {p: p.read_bytes() for p in split.rglob("*.py")} == before  # writes no source file
    patches = sorted((tmp_path / "patches").iterdir())
    names = [p.name for p in patches]
    assert names[:3] == ["01-HOST.patch", "02-EP.patch", "03-SRCH.patch"] and names[-1].endswith("-TODO.patch")
    assert any("SDK" in n for n in names) and any("FLD" in n for n in names)
    for patch in patches:
        git(split, "apply", "--whitespace=nowarn", str(patch))
        for path in split.rglob("*.py"):
            ast.parse(path.read_bytes())  # every step of the series is valid Python
    fixed = subprocess.run([sys.executable, "-m", "codemods", "fix", "-q", "--add-todos", "."], cwd=whole,
                           capture_output=True, timeout=300)
    assert fixed.returncode == 1
    got = {p.relative_to(split): p.read_bytes() for p in split.rglob("*.py") if ".git" not in p.parts}
    want = {p.relative_to(whole): p.read_bytes() for p in whole.rglob("*.py")}
    assert got == want and got != {p.relative_to(split): b for p, b in before.items()}


def test_a_family_whose_step_does_not_parse_is_merged_with_the_next():
    old = "x = f(1)\n"
    by_id = {"AAA001": SimpleNamespace(family="HOST"), "BBB001": SimpleNamespace(family="EP")}
    edits = (Edit(4, 5, "g(", "AAA001"), Edit(7, 8, "))", "BBB001"))  # alone, "x = g((1)\n" does not parse
    new = "x = g((1))\n"
    result = FileResult("m.py", Status.CHANGED, old_text=old, new_text=new, edits=edits)
    assert plan([result], by_id) == [(("HOST", "EP"), {"m.py": (old, new)})]
    ok = FileResult("m.py", Status.CHANGED, old_text=old, new_text="x = g(2)\n",
                    edits=(Edit(4, 5, "g", "AAA001"), Edit(6, 7, "2", "BBB001")))
    assert [families for families, _ in plan([ok], by_id)] == [("HOST",), ("EP",)]


def test_split_with_diff_or_nothing_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.py").write_text("import nylas\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "03-QP.patch").write_text("stale")
    result = invoke("fix", "--split-by-rule", "out", "clean.py")
    assert result.exit_code == 0
    assert list((tmp_path / "out").iterdir()) == []  # a previous run's series is not left to mix in


def test_split_puts_notebooks_whole_in_a_last_patch_that_adds_up_to_fix(tmp_path):
    """A notebook's edits are spans on its cells, not on its JSON: it cannot be split by family, so it comes
    whole, last, as fix writes it; the series still adds up to fix's result."""
    split, whole = tmp_path / "split", tmp_path / "whole"
    for target in (split, whole):
        target.mkdir()
        shutil.copy(FIXTURES / "notebooks" / "inbox_v2.ipynb", target / "inbox.ipynb")
        shutil.copy(FIXTURES / "http" / "fstrings.py", target / "app.py")
    git(split, "init", "-q")
    git(split, "add", "-A")
    git(split, "commit", "-qm", "v2")
    cmd = [sys.executable, "-m", "codemods", "fix", "-q", "--split-by-rule", str(tmp_path / "patches"), "."]
    made = subprocess.run(cmd, cwd=split, capture_output=True, text=True, timeout=300)
    assert made.returncode == 1, made.stderr
    names = sorted(p.name for p in (tmp_path / "patches").iterdir())
    assert names[-1].endswith("-NOTEBOOKS.patch") and "inbox.ipynb" not in "".join(
        (tmp_path / "patches" / n).read_text() for n in names[:-1])
    for name in names:
        git(split, "apply", str(tmp_path / "patches" / name))
    subprocess.run([sys.executable, "-m", "codemods", "fix", "-q", "."], cwd=whole, capture_output=True, timeout=300)
    for name in ("inbox.ipynb", "app.py"):
        assert (split / name).read_bytes() == (whole / name).read_bytes() != (FIXTURES / "http" / "fstrings.py").read_bytes()


def test_since_counts_a_touched_notebook_whole(tmp_path):
    """git's changed lines are JSON lines; a notebook's findings are on cell lines, so they can't be compared:
    a notebook with any change is checked whole (and an untouched one not at all)."""
    import json

    shutil.copy(FIXTURES / "notebooks" / "inbox_v2.ipynb", tmp_path / "touched.ipynb")
    shutil.copy(FIXTURES / "notebooks" / "inbox_v2.ipynb", tmp_path / "untouched.ipynb")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "v2")
    touched = tmp_path / "touched.ipynb"  # one JSON line changes, far below every cell's lines
    touched.write_text(touched.read_text().replace('"version": "3.11.4"', '"version": "3.11.7"'))
    assert json.loads(touched.read_text())["metadata"]["language_info"]["version"] == "3.11.7"
    out = subprocess.run([sys.executable, "-m", "codemods", "check", "-q", "--since", "HEAD", "."], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "touched.ipynb:cell_" in out.stdout and "untouched.ipynb" not in out.stdout


def test_check_recognises_the_todos_add_todos_wrote(tmp_path, monkeypatch):
    """After fix --add-todos, check still reports each place (exit 1) but says its TODO is in place; a finding
    whose rule is not named in the TODO lines above its statement is not marked."""
    import json

    from codemods.results import Finding
    from codemods.todos import mark_existing

    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text(OFFSET)
    assert CliRunner().invoke(main, ["fix", "-q", "--add-todos", "m.py"]).exit_code == 1
    checked = CliRunner().invoke(main, ["check", "-q", "m.py"])
    assert checked.exit_code == 1 and checked.stdout.strip().endswith("(TODO in place)")
    doc = json.loads(CliRunner().invoke(main, ["check", "--format", "json", "m.py"]).stdout)
    assert [f["todo"] for f in doc["findings"] if not f["fixable"]] == [True]

    text = "x = 1\n# TODO(nylas-v3): QP001 offset\n# TODO(nylas-v3): EP104 path\ncall(\n    a)\n"
    found = [Finding("m.py", 5, 5, rule, "m", "u", False) for rule in ("QP001", "EP104", "AUTH002")]
    assert [f.todo for f in mark_existing(text, found)] == [True, True, False]
