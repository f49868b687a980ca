"""Multi-module fixtures (fixtures/projects/<shape>/): the pipeline over the whole project directory, with a
snapshot of every rewritten file and of the findings; each *_no_touch twin stays untouched and silent."""
from __future__ import annotations

import shutil

import pytest

from codemods.engine import run
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules
from fixture_support import FIXTURES, SNAPSHOTS

PROJECTS = sorted(p for p in (FIXTURES / "projects").iterdir() if p.is_dir())


def _run(project, tmp_path, monkeypatch):
    copy = tmp_path / project.name
    shutil.copytree(project, copy)
    monkeypatch.chdir(copy)
    return run([copy], load_rules(), Options(), jobs=1)


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_project_snapshot(project, tmp_path, monkeypatch, snapshot):
    result = _run(project, tmp_path, monkeypatch)
    snapshot.snapshot_dir = SNAPSHOTS / "projects" / project.name
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{'fix' if f.fixable else 'manual'}] {f.message}"
             for f in result.findings]
    snapshot.assert_match("\n".join(lines) + "\n", "findings.txt")
    changed = {r.path: r.new_text for r in result.files if r.status is Status.CHANGED}
    for path, text in sorted(changed.items()):
        snapshot.assert_match(text, path.replace("/", "__"))
    assert not [r for r in result.files if r.status is Status.FAILED]
    if project.name.endswith("_no_touch"):
        assert not changed and not result.findings


def test_a_client_imported_elsewhere_is_not_half_migrated(tmp_path, monkeypatch):
    """The module that builds a client used only by other modules keeps it on v2, and every use is reported."""
    result = _run(FIXTURES / "projects" / "imported_instance", tmp_path, monkeypatch)
    assert not result.changed
    rules = {(f.path, f.rule) for f in result.findings}
    assert ("app/__init__.py", "SDK090") in rules and ("services/mail.py", "SDK090") in rules
    assert ("app/views.py", "SDK092") in rules and ("tasks.py", "SDK092") in rules
