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


def _rules_by_path(result):
    return {(f.path, f.rule) for f in result.findings}


def test_a_client_and_all_its_users_move_together(tmp_path, monkeypatch):
    """Package __init__, relative import, aliased import and a factory: every module moves in one run."""
    result = _run(FIXTURES / "projects" / "imported_instance", tmp_path, monkeypatch)
    assert sorted(r.path for r in result.changed) == ["app/__init__.py", "app/tasks.py", "app/views.py",
                                                       "services/mail.py", "tasks.py"]
    assert not {rule for _, rule in _rules_by_path(result)} & {"SDK090", "SDK091", "SDK092"}


def test_one_module_that_cannot_move_keeps_every_module_of_the_client_on_v2(tmp_path, monkeypatch):
    result = _run(FIXTURES / "projects" / "shared_client_held", tmp_path, monkeypatch)
    assert not result.changed
    blocker = "app/calendar.py:5 nylas.events.where(...)"
    ctor = [f for f in result.findings if f.rule == "SDK090"]
    assert [f.path for f in ctor] == ["app/__init__.py"] and blocker in ctor[0].message
    uses = [f for f in result.findings if f.rule == "SDK092"]
    assert {f.path for f in uses} == {"app/views.py", "app/calendar.py"}
    assert all(blocker in f.message for f in uses)


def _run_on(project, tmp_path, monkeypatch, *names):
    copy = tmp_path / project
    shutil.copytree(FIXTURES / "projects" / project, copy)
    monkeypatch.chdir(copy)
    return run([copy / n for n in names], load_rules(), Options(), jobs=1)


@pytest.mark.parametrize("names", [("app/views.py",), ("app/__init__.py",), ("app/__init__.py", "app/views.py"),
                                   ("app",)])
def test_fix_on_a_subset_of_the_project_moves_nothing_of_a_shared_client(tmp_path, monkeypatch, names):
    """Pre-commit passes only the changed files: a client whose users may lie outside them stays whole on v2,
    and the findings say to fix the project in one run."""
    result = _run_on("imported_instance", tmp_path, monkeypatch, *names)
    assert not [r.path for r in result.changed if r.path.startswith("app/")]
    assert any("one run over the project" in f.message for f in result.findings)


def test_a_second_run_over_a_moved_project_changes_nothing(tmp_path, monkeypatch):
    copy = tmp_path / "imported_instance"
    shutil.copytree(FIXTURES / "projects" / "imported_instance", copy)
    monkeypatch.chdir(copy)
    first = run([copy], load_rules(), Options(), write=True, jobs=1)
    assert first.changed
    again = run([copy], load_rules(), Options(), jobs=1)
    assert not again.changed


def test_a_parameter_and_an_attribute_every_caller_fills_with_the_client_move_with_it(tmp_path, monkeypatch):
    result = _run(FIXTURES / "projects" / "parameter_and_attribute", tmp_path, monkeypatch)
    assert sorted(r.path for r in result.changed) == ["app/client.py", "app/helpers.py", "app/mailbox.py"]
    assert not {f.rule for f in result.findings} & {"SDK006", "SDK090", "SDK092", "SDK093"}


def test_one_call_site_without_the_client_keeps_the_parameter_untraced_and_the_client_on_v2(tmp_path, monkeypatch):
    result = _run(FIXTURES / "projects" / "parameter_held", tmp_path, monkeypatch)
    assert not result.changed
    ctor = next(f for f in result.findings if f.rule == "SDK090")
    assert "app/views.py:9 count_unread(...) receives it, untraced" in ctor.message
    assert {(f.path, f.line, f.rule) for f in result.findings if f.rule in ("SDK092", "SDK093")} == {
        ("app/helpers.py", 5, "SDK093"), ("app/helpers.py", 9, "SDK092"), ("app/mailbox.py", 10, "SDK092")}


def test_a_client_handed_out_by_a_context_manager_moves_with_its_users(tmp_path, monkeypatch):
    result = _run(FIXTURES / "projects" / "context_manager", tmp_path, monkeypatch)
    assert sorted(r.path for r in result.changed) == ["mail/jobs.py", "mail/session.py"]
    one = _run_on("context_manager", tmp_path / "one", monkeypatch, "mail/jobs.py")
    assert not one.changed and [f.rule for f in one.findings] == ["SDK092"]


def test_a_client_kept_in_app_state_moves_with_every_reader_or_none_of_them(tmp_path, monkeypatch):
    """Shape 4: traced by its path (`app.state.nylas`, `current_app.config["NYLAS"]`, `g.nylas`), not by a name."""
    moved = _run(FIXTURES / "projects" / "fastapi_state", tmp_path, monkeypatch)
    assert sorted(r.path for r in moved.changed) == ["app/folders.py", "app/main.py", "app/routes.py"]
    held = _run(FIXTURES / "projects" / "flask_g_held", tmp_path, monkeypatch)
    assert not held.changed
    assert {(f.path, f.line) for f in held.findings if f.rule == "SDK092"} == {("app/views.py", 8), ("app/views.py", 13)}


def test_an_http_client_on_a_nylas_base_moves_with_every_path_sent_through_it_in_every_module(tmp_path, monkeypatch):
    """Shape 7: `nylas_http = httpx.Client(base_url=...)` in one module, its paths in others (by name, aliased,
    through the module): the base and every path move together; a Calendar path in one module holds them all."""
    moved = _run(FIXTURES / "projects" / "base_client_imported", tmp_path, monkeypatch)
    assert sorted(r.path for r in moved.changed) == ["app/http.py", "app/tasks.py", "app/views.py"]
    assert not {f.rule for f in moved.findings} & {"EP109", "EP111", "EP112", "EP113", "EP120", "EP121"}
    held = _run(FIXTURES / "projects" / "base_client_held", tmp_path, monkeypatch)
    assert not held.changed
    base = next(f for f in held.findings if f.rule == "EP111")
    assert base.path == "app/http.py" and "app/calendar.py:5 /events" in base.message
    assert {(f.path, f.line) for f in held.findings if f.rule == "EP121"} == {("app/views.py", 5), ("app/views.py", 9)}
    assert all("app/calendar.py:5 /events" in f.message for f in held.findings if f.rule == "EP121")


def test_a_base_constant_used_from_other_modules_moves_with_all_its_urls_or_none(tmp_path, monkeypatch):
    moved = _run(FIXTURES / "projects" / "base_constant_imported", tmp_path, monkeypatch)
    assert sorted(r.path for r in moved.changed) == ["core/constants.py", "core/nylas/emails.py", "core/nylas/threads.py"]
    held = _run(FIXTURES / "projects" / "base_constant_held", tmp_path, monkeypatch)
    assert not held.changed
    base = next(f for f in held.findings if f.rule == "EP111")
    assert "core/nylas/calendars.py:7" in base.message and "core/nylas/links.py:5" in base.message
    assert {(f.path, f.line) for f in held.findings if f.rule == "EP121"} == {("core/nylas/emails.py", 12),
                                                                             ("core/nylas/emails.py", 17)}


@pytest.mark.parametrize("project,names", [("base_client_imported", ("app/views.py",)),
                                           ("base_client_imported", ("app/http.py", "app/views.py")),
                                           ("base_constant_imported", ("core/nylas/emails.py",))])
def test_a_one_file_run_keeps_the_urls_on_an_imported_nylas_base_on_v2_and_says_so(tmp_path, monkeypatch, project,
                                                                                    names):
    """Pre-commit passes the changed files: the users of a base outside them may not move, so none of it does."""
    result = _run_on(project, tmp_path, monkeypatch, *names)
    assert not result.changed
    said = [f for f in result.findings if f.rule == "EP121"]
    assert len(said) == 2 and all("one run over the project" in f.message for f in said)


def test_a_second_run_over_a_project_whose_base_moved_changes_nothing(tmp_path, monkeypatch):
    for project in ("base_client_imported", "base_client_async", "base_constant_imported"):
        copy = tmp_path / project
        shutil.copytree(FIXTURES / "projects" / project, copy)
        monkeypatch.chdir(copy)
        assert run([copy], load_rules(), Options(), write=True, jobs=1).changed
        again = run([copy], load_rules(), Options(), jobs=1)
        assert not again.changed and not {f.rule for f in again.findings} & {"EP111", "EP113", "EP121"}


PADDING = 'import requests\n\n\ndef inbox{i}(token):\n    return requests.get("https://api.nylas.com/threads", headers={{"Authorization": f"Bearer {{token}}"}})\n'


def test_the_pool_gives_what_one_process_gives_on_every_project(tmp_path, monkeypatch):
    """With the pool (-j 2) every project gives what -j 1 gives: the plans are made before the workers start, and
    the tests' mocks go in a second batch after the requests they answer. Eight more Nylas files beside each
    project make the run big enough for the pool."""

    def outcome(result):
        return [(r.path, r.status, r.findings, r.new_text) for r in result.files]

    for project in PROJECTS:
        copy = tmp_path / project.name
        shutil.copytree(project, copy)
        for i in range(8):
            (copy / f"zz_padding_{i}.py").write_text(PADDING.format(i=i))
        monkeypatch.chdir(copy)
        alone = run([copy], load_rules(), Options(), jobs=1)
        pooled = run([copy], load_rules(), Options(), jobs=2)
        assert outcome(pooled) == outcome(alone), project.name
