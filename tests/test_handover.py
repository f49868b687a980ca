"""codemods/handover.py: a directory run loads the analysis in a forked child while this process walks, then
hands the walk over. The child's output and exit code must be exactly the run's without the hand-over, and a
clean walk must end without the child having done anything (timings live in bench/, not here)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from codemods import handover

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no fork here")

RUN = "import sys; sys.argv = ['nylas-upgrade'] + sys.argv[1:]; from codemods.fastpath import main; main()"
FORCED = "import codemods.handover as h; h.worth_it = lambda paths: True; " + RUN
WITHOUT = "import codemods.handover as h; h.worth_it = lambda paths: False; " + RUN
V2 = 'import requests\nrequests.get("https://api.nylas.com/messages", params={"offset": 5})\n'
BROKEN = 'import requests\nrequests.get("https://api.nylas.com/messages"\n'


def _tree(root: Path, files: dict) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _run(code: str, cwd: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def _no_seconds(text: str) -> str:
    return re.sub(r"in [0-9.]+ ?s", "in Xs", text)


@pytest.mark.parametrize("args", [["check", "."], ["check", "-q", "."], ["fix", "--diff", "."],
                                  ["fix", "--diff", "-q", "-j", "2", "."], ["check", "pkg", "a.py"]])
def test_the_handed_over_run_says_what_the_run_without_it_says(tmp_path, args):
    tree = _tree(tmp_path, {"a.py": "x = 1\n", "pkg/clean.py": "y = 2\n", "pkg/mail/nylas_v2.py": V2,
                            "pkg/mail/broken.py": BROKEN, "z/nylas_too.py": V2})
    handed, alone = _run(FORCED, tree, *args), _run(WITHOUT, tree, *args)
    assert handed.returncode == alone.returncode == 3  # findings and a file that cannot be parsed
    assert handed.stdout == alone.stdout and "QP001" in handed.stdout + handed.stderr
    assert _no_seconds(handed.stderr) == _no_seconds(alone.stderr)


def test_a_clean_walk_ends_in_this_process_without_libcst(tmp_path):
    tree = _tree(tmp_path, {"a.py": "x = 1\n", "pkg/clean.py": "import requests\nrequests.get('https://slack.com')\n"})
    probe = FORCED.replace("main()", "\ntry:\n    main()\nexcept SystemExit as exc:\n"
                                     "    print(exc.code, 'libcst' in sys.modules, os.getpid() == pid)")
    marker = tmp_path / "child-ran"  # what the child would write, had it run the command
    probe = (f"import os; pid = os.getpid(); import codemods.handover as h; "
             f"h.leave = lambda code: (open({str(marker)!r}, 'w').write('ran'), os._exit(code)); ") + probe
    done = _run(probe, tree, "check", ".")
    assert done.stdout.split() == ["0", "False", "True"], done.stderr
    assert "2 files scanned, 0 would change, 0 findings" in done.stderr
    assert not marker.exists()


def test_findings_exit_with_the_childs_code_and_this_process_never_loads_libcst(tmp_path):
    tree = _tree(tmp_path, {"pkg/nylas_v2.py": V2})
    probe = "import os; pid = os.getpid(); " + FORCED.replace(
        "main()", "\ntry:\n    main()\nexcept SystemExit as exc:\n    print(exc.code, 'libcst' in sys.modules)")
    done = _run(probe, tree, "check", "-q", ".")
    assert done.returncode == 0  # this process printed after main(): it left through SystemExit, not os._exit
    assert done.stdout.splitlines()[-1] == "1 False"  # the child's exit code (findings); libcst only there
    assert "pkg/nylas_v2.py:2:" in done.stdout


def test_worth_it_only_for_a_directory(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(handover, "_can_fork", lambda: True)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert handover.worth_it([str(tmp_path)])
    assert not handover.worth_it([str(tmp_path / "a.py")])  # pre-commit names its files
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not handover.worth_it([str(tmp_path)])  # one CPU: loading meanwhile would slow a clean walk
