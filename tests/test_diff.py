"""codemods/reporters/diff.py: unified diffs that `git apply` takes byte for byte (CRLF, no final newline)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from codemods.reporters.diff import file_diff, render
from codemods.results import FileResult, Status


def changed(path, old, new):
    return FileResult(path, Status.CHANGED, old_text=old, new_text=new, new_bytes=new.encode())


def test_crlf_lines_keep_their_endings():
    diff = file_diff(changed("w.py", "a = 1\r\nb = 2\r\n", "a = 1\r\nb = 3\r\n"))
    assert "-b = 2\r\n+b = 3\r\n" in diff
    assert " a = 1\r\n" in diff
    assert diff.startswith("--- a/w.py\n+++ b/w.py\n@@ -1,2 +1,2 @@\n")  # headers stay LF


def test_a_last_line_without_newline_gets_the_marker():
    diff = file_diff(changed("n.py", "a = 1\nb = 2", "a = 1\nb = 3"))
    assert diff.endswith("-b = 2\n\\ No newline at end of file\n+b = 3\n\\ No newline at end of file\n")


def test_render_sorts_by_path_and_leaves_out_unchanged_files():
    results = [
        changed("z.py", "x\n", "y\n"),
        FileResult("m.py", Status.UNCHANGED),
        changed("dir\\a.py", "x\n", "y\n"),
    ]
    out = render(results)
    assert out.index("--- a/dir/a.py") < out.index("--- a/z.py") and "m.py" not in out


CASES = {
    "crlf.py": (b"import x\r\nURL = 'old'\r\nend = 1\r\n", b"import x\r\nURL = 'new'\r\nend = 1\r\n"),
    "noeol.py": (b"import x\nURL = 'old'", b"import x\nURL = 'new'"),
    "lone_cr.py": (b"a = 1\rURL = 'old'\rb = 2\r", b"a = 1\rURL = 'new'\rb = 2\r"),
    "mixed.py": (b"a = 1\r\nURL = 'old'\nb = 2", b"a = 1\r\nURL = 'new'\nb = 2"),
    "first_line.py": (b"URL = 'old'\n" + b"x = 1\n" * 10, b"URL = 'new'\n" + b"x = 1\n" * 10),
    "formfeed.py": (b"import x\n\x0c\nA = 1\x0cB = 'old'\n", b"import x\n\x0c\nA = 1\x0cB = 'new'\n"),
    "u2028.py": ("S = 'a\u2028b'\nURL = 'old'\n".encode(), "S = 'a\u2028b'\nURL = 'new'\n".encode()),
    "dashes.py": (b"x = 1\n--x", b"x = 1\n++x"),  # valid Python whose diff lines look like headers
}


@pytest.mark.skipif(shutil.which("git") is None, reason="git not available")
def test_git_apply_accepts_the_diff_and_reproduces_the_bytes(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    results = []
    for name, (old, new) in CASES.items():
        (tmp_path / name).write_bytes(old)
        results.append(FileResult(name, Status.CHANGED, old_text=old.decode(), new_text=new.decode(), new_bytes=new))
    patch = render(results).encode()
    check = subprocess.run(["git", "apply", "--check", "-"], cwd=tmp_path, input=patch, capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    applied = subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=patch, capture_output=True)
    assert applied.returncode == 0, applied.stderr.decode()
    for name, (_, new) in CASES.items():
        assert (tmp_path / name).read_bytes() == new, name
