"""What a developer sees in a terminal: the summary line, the progress bar and colour."""
from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner

from codemods import messages, progress
from codemods.cli import main
from codemods.engine import run
from codemods.options import Options
from codemods.rules import load_rules

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


# --- progress bar ---------------------------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_only_for_many_files_on_a_terminal_and_not_when_quiet():
    assert progress.wanted(progress.MIN_FILES, quiet=False, stream=_Terminal())
    assert not progress.wanted(progress.MIN_FILES - 1, quiet=False, stream=_Terminal())
    assert not progress.wanted(500, quiet=True, stream=_Terminal())
    assert not progress.wanted(500, quiet=False, stream=io.StringIO())  # a pipe or a file
    assert not progress.wanted(500, quiet=False, stream=object())  # a stream without isatty
    closed = io.StringIO()
    closed.close()
    assert not progress.wanted(500, quiet=False, stream=closed)  # isatty raises ValueError


def _many(tmp_path, count=progress.MIN_FILES + 5):
    for i in range(count):
        (tmp_path / f"m{i:02}.py").write_text(FIXABLE_ONLY)
    return count


def test_the_bar_counts_every_parsed_file_and_erases_itself(tmp_path):
    count = _many(tmp_path)
    (tmp_path / "clean.py").write_text(CLEAN)  # prefiltered out: not counted
    screen = _Terminal()
    result = run([tmp_path], load_rules(), Options(), jobs=1, progress=progress.factory(False, screen))
    drawn = screen.getvalue()
    assert len(result.files) == count + 1
    assert f"] {count}/{count} files" in drawn and drawn.startswith("\r[")
    assert drawn.endswith("\r\x1b[K")


def test_no_bar_in_output_that_is_not_a_terminal(tmp_path, monkeypatch):
    _many(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("check", ".")  # CliRunner's streams are not terminals
    assert "\r" not in result.stderr and "\x1b" not in result.stderr and " files\r" not in result.stderr
    assert result.stderr.count("\n") == 1 and "scanned" in result.stderr
