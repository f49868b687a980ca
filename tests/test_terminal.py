"""What a developer sees in a terminal: the summary line, the progress bar and colour."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from codemods import messages
from codemods.cli import main

V2 = 'import requests\n\ndef inbox():\n    return requests.get("https://api.nylas.com/messages", params={"offset": 5})\n'
FIXABLE_ONLY = 'import requests\n\ndef threads():\n    return requests.get("https://api.nylas.com/threads")\n'
CLEAN = "import os\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "b_mail.py").write_text(V2)
    (tmp_path / "a_threads.py").write_text(FIXABLE_ONLY)
    (tmp_path / "clean.py").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def _untimed(text: str) -> str:
    return re.sub(r" in \d+\.\d\d s\n", " in _ s\n", text)


# --- summary line ---------------------------------------------------------------------------------------------------

def test_summary_words_and_plurals():
    assert messages.summary(12, 2, 5, 3, 0, 0.414) == "12 files scanned, 2 would change, 5 findings (3 fixable), 0 errors in 0.41 s"
    assert messages.summary(1, 1, 1, 0, 1, 2, written=True) == (
        "1 file scanned, 1 changed, 1 finding (0 fixed, 1 left by hand), 1 error in 2.00 s")
    assert messages.summary(3, 0, 0, 0, 0, 0.0) == "3 files scanned, 0 would change, 0 findings, 0 errors in 0.00 s"


def test_check_summary_counts_files_changes_findings_and_errors(tree):
    (tree / "broken.py").write_text("import nylas\ndef f(:\n")
    result = invoke("check", ".")
    assert result.exit_code == 3
    assert _untimed(result.stderr.splitlines(keepends=True)[-1]) == (
        "4 files scanned, 2 would change, 5 findings (4 fixable), 1 error in _ s\n")


def test_fix_summary_says_what_was_rewritten_and_what_is_left(tree):
    result = invoke("fix", ".")
    assert _untimed(result.stderr) == "3 files scanned, 2 changed, 5 findings (4 fixed, 1 left by hand), 0 errors in _ s\n"
    again = invoke("fix", ".")
    assert _untimed(again.stderr) == "3 files scanned, 0 changed, 1 finding (0 fixed, 1 left by hand), 0 errors in _ s\n"
    diff = invoke("fix", "--diff", "clean.py")
    assert _untimed(diff.stderr) == "1 file scanned, 0 would change, 0 findings, 0 errors in _ s\n"


def test_quiet_means_no_summary(tree):
    assert invoke("check", "-q", ".").stderr == ""
    assert invoke("fix", "--quiet", "--diff", ".").stderr.count("scanned") == 0
