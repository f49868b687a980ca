"""codemods/discovery.py: which files a run reads (and so may write)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from codemods.discovery import iter_files


def found(paths, root):
    errors = []
    files = sorted(str(p.relative_to(root)) for p in iter_files(paths, errors))
    return files, errors


def touch(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_walks_python_files_and_skips_tool_and_build_dirs(tmp_path):
    for rel in ["a.py", "pkg/b.py", "pkg/data.txt", "pkg/c.pyi", ".git/hooks/h.py", "node_modules/m/x.py",
                "build/lib/x.py", "pkg/__pycache__/x.py", "env/lib/x.py", "proj.egg-info/x.py", "venv/x.py"]:
        touch(tmp_path / rel)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")  # a virtualenv under any name
    files, errors = found([tmp_path], tmp_path)
    assert files == ["a.py", "pkg/b.py"] and errors == []


def test_explicit_files_are_always_taken_even_in_skipped_places(tmp_path):
    odd = touch(tmp_path / "build" / "script")  # no .py suffix, inside build/
    files, errors = found([odd, tmp_path / "build"], tmp_path)
    assert files == ["build/script"] and errors == []


def test_a_missing_path_is_an_error_not_a_crash(tmp_path):
    touch(tmp_path / "a.py")
    files, errors = found([tmp_path / "nope.py", tmp_path], tmp_path)
    assert files == ["a.py"]
    assert errors == [f"{tmp_path / 'nope.py'}: no such file or directory"]


def test_a_file_named_twice_is_read_once(tmp_path):
    a = touch(tmp_path / "a.py")
    files, _ = found([a, tmp_path, a], tmp_path)
    assert files == ["a.py"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not available")
def test_gitignored_files_are_skipped_inside_a_git_repo(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("generated/\nsecret_*.py\n")
    for rel in ["keep.py", "generated/g.py", "secret_x.py", "sub/ok.py"]:
        touch(tmp_path / rel)
    files, _ = found([tmp_path], tmp_path)
    assert files == ["keep.py", "sub/ok.py"]  # untracked but not ignored files are still taken
    files, _ = found([tmp_path / "sub"], tmp_path)
    assert files == ["sub/ok.py"]
    files, _ = found([tmp_path / "secret_x.py"], tmp_path)
    assert files == ["secret_x.py"]  # named explicitly: taken although ignored
    files, _ = found([tmp_path / "generated"], tmp_path)
    assert files == ["generated/g.py"]  # an ignored directory the user names is walked


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinks_never_lead_outside_the_root(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    touch(root / "a.py")
    touch(outside / "o.py")
    touch(outside / "dir" / "d.py")
    (root / "link_file.py").symlink_to(outside / "o.py")
    (root / "link_dir").symlink_to(outside / "dir", target_is_directory=True)
    (root / "inner.py").symlink_to(root / "a.py")  # inside the root: fine
    (root / "dangling.py").symlink_to(tmp_path / "gone.py")
    files, errors = found([root], root)
    assert files == ["a.py", "inner.py"] and errors == []
