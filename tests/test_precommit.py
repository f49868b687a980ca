"""The pre-commit hooks, run for real: a throwaway git repo whose .pre-commit-config.yaml points at this
project (cloned by pre-commit at the commit under test), then `pre-commit run --all-files`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
V2 = 'import requests\n\n\ndef inbox():\n    return requests.get("https://api.nylas.com/messages", params={"offset": 5})\n'
CLEAN = "import os\n"


def _pre_commit() -> list:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    return [exe]


def _repo(tmp_path: Path, files: dict, hook: str) -> Path:
    repo = tmp_path / "user-repo"
    repo.mkdir()
    for name, text in files.items():
        (repo / name).write_text(text)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: {hook}\n"
    )
    for args in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    return repo


def _run(repo: Path, tmp_path: Path):
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path.parent / "pre-commit-home"), NO_COLOR="1")
    return subprocess.run(_pre_commit() + ["run", "--all-files"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=600)


def test_check_hook_fails_the_commit_with_clickable_lines(tmp_path):
    repo = _repo(tmp_path, {"mail.py": V2, "clean.py": CLEAN}, "nylas-upgrade-check")
    result = _run(repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "mail.py:5:25: EP001 GET /messages" in result.stdout
    assert "mail.py:5:67: QP001" in result.stdout
    assert (repo / "mail.py").read_text() == V2


def test_fix_hook_rewrites_and_is_quiet_when_clean(tmp_path):
    repo = _repo(tmp_path, {"mail.py": V2}, "nylas-upgrade-fix")
    result = _run(repo, tmp_path)
    assert result.returncode == 1  # files were modified, so pre-commit fails the commit
    assert "api.us.nylas.com/v3/grants/me/messages" in (repo / "mail.py").read_text()
    (tmp_path / "again").mkdir()
    quiet = _run(_repo(tmp_path / "again", {"clean.py": CLEAN}, "nylas-upgrade-check"), tmp_path)
    assert quiet.returncode == 0
    assert "clean.py" not in quiet.stdout
