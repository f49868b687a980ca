"""What a developer sees in a terminal: the summary line, the progress bar and colour."""
from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner

from codemods import messages, progress
from codemods.cli import main
from codemods.engine import run
from codemods.reporters import colour
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
    assert messages.summary(12, 2, 5, 3, 0, 0.414) == (
        "12 files scanned, 2 would change, 5 findings (3 fixable), 0 errors in 0.41 s")
    assert messages.summary(1, 1, 1, 0, 1, 2, written=True) == (
        "1 file scanned, 1 changed, 1 finding (0 fixed, 1 left by hand), 1 error in 2.00 s")
    assert messages.summary(3, 0, 0, 0, 0, 0.0) == "3 files scanned, 0 would change, 0 findings, 0 errors in 0.00 s"


def test_check_summary_counts_files_changes_findings_and_errors(tree):
    (tree / "broken.py").write_text("import nylas\ndef f(:\n")
    result = invoke("check", ".")
    assert result.exit_code == 3
    assert _untimed(result.stderr.splitlines(keepends=True)[-1]) == (
        "4 files scanned, 2 would change, 6 findings (4 fixable), 1 error in _ s\n")  # one: the IMAP advisory


def test_fix_summary_says_what_was_rewritten_and_what_is_left(tree):
    result = invoke("fix", ".")
    assert _untimed(result.stderr) == (
        "3 files scanned, 2 changed, 6 findings (4 fixed, 2 left by hand), 0 errors in _ s\n")  # + IMAP advisory
    again = invoke("fix", ".")
    assert _untimed(again.stderr) == (
        "3 files scanned, 0 changed, 1 finding (0 fixed, 1 left by hand), 0 errors in _ s\n")
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


# --- colour ---------------------------------------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.mark.parametrize("choice, tty, env, expected", [
    ("always", False, {}, True),
    ("always", True, {"NO_COLOR": "1"}, True),  # an explicit flag wins over the environment
    ("never", True, {"FORCE_COLOR": "1"}, False),
    ("auto", True, {}, True),
    ("auto", False, {}, False),  # a pipe or a file
    ("auto", True, {"NO_COLOR": "1"}, False),
    ("auto", True, {"NO_COLOR": ""}, True),  # NO_COLOR counts only when non-empty
    ("auto", False, {"FORCE_COLOR": "1"}, True),
    ("auto", False, {"FORCE_COLOR": "0"}, False),
    ("auto", True, {"TERM": "dumb"}, False),
])
def test_when_colour_is_on(choice, tty, env, expected):
    stream = _Terminal() if tty else io.StringIO()
    assert colour.enabled(choice, stream, env) is expected


def test_auto_never_colours_what_is_not_a_terminal(tree, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for args in (["check", "."], ["fix", "--diff", "."], ["check", "--color", "auto", "."]):
        result = invoke(*args)
        assert result.exit_code == 1 and not ANSI.search(result.stdout + result.stderr), args


def test_always_colours_findings_and_diffs_and_only_adds_escape_codes(tree, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tree / "crlf.py").write_bytes(b'import requests\r\nrequests.get("https://api.nylas.com/drafts")\r\n')
    plain = invoke("fix", "--diff", "-q", ".")
    coloured = invoke("fix", "--diff", "-q", "--color", "always", ".")
    assert "\x1b[31m-" in coloured.stdout and "\x1b[32m+" in coloured.stdout and "\x1b[36m@@" in coloured.stdout
    assert ANSI.sub("", coloured.stdout) == plain.stdout
    assert b"\x1b[0m\r\n" in coloured.stdout_bytes  # a CRLF line keeps its ending last
    findings = invoke("check", "-q", "--color=always", ".")
    assert "\x1b[1ma_threads.py:4:25\x1b[0m: \x1b[1m\x1b[33mEP003\x1b[0m " in findings.stdout
    assert "\x1b[31mQP001" in findings.stdout  # left by hand: red
    assert ANSI.sub("", findings.stdout) == invoke("check", "-q", ".").stdout


def test_no_color_and_force_color_in_auto_mode(tree, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ANSI.search(invoke("check", "-q", ".", env={"FORCE_COLOR": "1"}).stdout)
    assert not ANSI.search(invoke("check", "-q", ".", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout)
    assert not ANSI.search(invoke("check", "-q", "--color", "never", ".", env={"FORCE_COLOR": "1"}).stdout)


def _on_a_terminal(args, cwd):
    """Run the CLI with stdout on a pseudo-terminal; return what the terminal received."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    proc = subprocess.run([sys.executable, "-m", "codemods", *args], cwd=cwd, stdout=follower,
                          stderr=subprocess.DEVNULL, env=env, timeout=120)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return proc.returncode, b"".join(chunks).decode()


def test_auto_colours_a_real_terminal_and_not_a_real_pipe(tree):
    import subprocess
    import sys

    pytest.importorskip("pty")
    code, screen = _on_a_terminal(["check", "-q", "."], tree)
    assert code == 1 and "\x1b[33mEP003" in screen
    piped = subprocess.run([sys.executable, "-m", "codemods", "check", "-q", "."], cwd=tree, capture_output=True,
                           text=True, env={k: v for k, v in __import__("os").environ.items() if k != "FORCE_COLOR"})
    assert piped.returncode == 1 and "EP003" in piped.stdout and not ANSI.search(piped.stdout)
