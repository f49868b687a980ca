"""`# nylas-upgrade: client` hints (analysis/hints.py, hint_plan.py): what they mark, and that a hint moves its uses
only with every v2 client of a run over the whole project, never half-way."""
from __future__ import annotations

import shutil

from codemods.analysis.hints import hinted_functions, hinted_lines
from codemods.engine import run
from codemods.options import Options
from codemods.rules import load_rules
from fixture_support import FIXTURES


def test_the_hint_syntax():
    text = ("a = b  # nylas-upgrade: client\n"
            "def f(x, y):  # nylas-upgrade: client=x, y\n"
            "# nylas-upgrade: client=c\n"  # alone on its line: the line below
            "c = d  # nylas-upgrade: clients are Slack's\n"
            "e = g  # nylas-upgrade: ignore\n")
    assert hinted_lines(text) == {1: None, 2: ("x", "y"), 4: ("c",)}
    source = (b"class C:\n    def __init__(self, c):  # nylas-upgrade: client=c\n        pass\n"
              b"def f(a,\n      b):  # nylas-upgrade: client=b\n    pass\n"
              b"def g(a):  # nylas-upgrade: client=z\n    pass\n")
    assert hinted_functions(source) == {"C", "f"}


def _run(project, tmp_path, monkeypatch, *names, write=False):
    copy = tmp_path / project
    shutil.copytree(FIXTURES / "projects" / project, copy)
    monkeypatch.chdir(copy)
    return run([copy / n for n in names] if names else [copy], load_rules(), Options(), write=write, jobs=1)


def test_hinted_uses_move_with_the_only_client_of_the_run_and_a_second_run_changes_nothing(tmp_path, monkeypatch):
    first = _run("hinted_client", tmp_path, monkeypatch, write=True)
    assert sorted(r.path for r in first.changed) == ["app/__init__.py", "app/helpers.py", "app/mailbox.py",
                                                    "app/registry.py"]
    assert not {f.rule for f in first.findings} & {"SDK006", "SDK045", "SDK090", "SDK092", "SDK093", "SDK095"}
    again = run([tmp_path / "hinted_client"], load_rules(), Options(), jobs=1)
    assert not again.changed


def test_a_hinted_use_that_cannot_move_keeps_every_client_of_the_run_on_v2(tmp_path, monkeypatch):
    result = _run("hinted_client_held", tmp_path, monkeypatch)
    assert not result.changed
    ctors = {f.path: f.message for f in result.findings if f.rule == "SDK090"}
    assert set(ctors) == {"app/__init__.py", "reports.py"}  # reports.py's own client would have moved alone
    assert all("app/helpers.py:9 calendar.events.where(...)" in m for m in ctors.values())
    assert {(f.path, f.line) for f in result.findings if f.rule == "SDK095"} == {
        ("app/helpers.py", 5), ("app/helpers.py", 9), ("app/registry.py", 9)}  # 9 in registry: marks nothing


def test_a_run_over_some_files_moves_no_hinted_use(tmp_path, monkeypatch):
    result = _run("hinted_client", tmp_path, monkeypatch, "app/helpers.py")
    assert not result.changed
    hinted = [f for f in result.findings if f.rule == "SDK095"]
    assert [f.line for f in hinted] == [5, 12]
    assert all("does not cover the whole project" in f.message for f in hinted)
    both = _run("hinted_client", tmp_path / "two", monkeypatch, "app/helpers.py", "app/__init__.py")
    assert not both.changed


def test_a_hint_holds_the_clients_of_its_own_project_only(tmp_path, monkeypatch):
    """One run over two projects (two import roots): the held hint of one keeps the other's clients moving."""
    for name in ("hinted_client_held", "django_settings"):
        shutil.copytree(FIXTURES / "projects" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    result = run([tmp_path], load_rules(), Options(), jobs=1)
    assert sorted(r.path for r in result.changed) == [
        "django_settings/inbox/tasks.py", "django_settings/inbox/views.py", "django_settings/mysite/settings.py"]
