"""module_attrs.py: modules imported as objects (`import app`, `from services import mail`) and the uses of their
clients as module attributes (`app.nylas`, `mail.make_client(t)`)."""
from __future__ import annotations

import ast
import shutil
import textwrap

import pytest

from codemods.analysis.module_attrs import UnfollowedUses, module_imports, unfollowed_uses
from codemods.engine import run
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_module_imports_resolve_as_python_binds_them(tmp_path):
    _write(tmp_path, {"app/__init__.py": "", "app/views.py": "", "services/__init__.py": "",
                      "services/mail.py": "", "services/other.py": ""})
    source = textwrap.dedent("""
        import app.views
        import services.mail as outbox
        from services import mail, MISSING
        from . import services
        import os
        import nylas
    """)
    found = {(local, str(target.relative_to(tmp_path))) for local, target, _ in
             module_imports(tmp_path / "main.py", ast.parse(source))}
    assert found == {("app.views", "app/views.py"), ("app", "app/__init__.py"), ("outbox", "services/mail.py"),
                     ("mail", "services/mail.py"), ("services", "services/__init__.py")}


def test_a_module_attribute_read_the_pass_cannot_follow_is_found(tmp_path):
    origin = tmp_path / "app" / "__init__.py"
    files = [(tmp_path / "jobs.py", b'app = import_module("app")\napp.nylas.threads.all()\n'),
             (tmp_path / "flask_side.py", b"def f(request):\n    return request.app.nylas\n"),
             (tmp_path / "views.py", b"import app\napp.nylas.threads.all()\n")]
    assert unfollowed_uses(files, origin, "nylas", {(tmp_path / "views.py").resolve()}) == [(tmp_path / "jobs.py", 2)]


def test_one_pass_finds_each_clients_unfollowed_uses_as_a_pass_per_client_would(tmp_path):
    """The project pass searches once for every client (UnfollowedUses): each client gets what its own search finds,
    when clients share a name (`client` in every package), a stem, or both, and a file holds several."""
    one, two, three = (tmp_path / "one" / "clients.py", tmp_path / "two" / "clients.py",
                       tmp_path / "two" / "__init__.py")
    files = [(tmp_path / "a.py", b"import clients\nx = 1\nclients.client.threads.all()\nclients.other.x\n"),
             (tmp_path / "b.py", b'two = import_module("two")\ntwo.client.messages.all()\n'),
             (tmp_path / "c.py", b"import clients\nmy.clients.client\n"),  # `.clients.client`: not the module
             (tmp_path / "d.txt", b"import clients\nclients.client\n"),
             (tmp_path / "e.py", b"import two\ntwo.other\n\ntwo.client\nclients.other\n")]
    pairs = [(one, "client"), (two, "client"), (one, "other"), (three, "client"), (three, "other")]
    members = {(tmp_path / "e.py").resolve()}
    together = UnfollowedUses(files, pairs)
    for origin, name in pairs:
        assert together.of(origin, name, members) == unfollowed_uses(files, origin, name, members)
    assert together.of(one, "client", members) == [(tmp_path / "a.py", 3)]
    assert together.of(one, "other", members) == [(tmp_path / "a.py", 4)]
    assert together.of(three, "client", set()) == [(tmp_path / "b.py", 2), (tmp_path / "e.py", 4)]
    assert together.of(three, "client", members) == [(tmp_path / "b.py", 2)]


def test_a_local_variable_named_like_the_module_is_not_the_module(tmp_path, monkeypatch):
    _write(tmp_path, {
        "app/__init__.py": """
            from nylas import APIClient
            nylas = APIClient("id", "secret", "token")
        """,
        "views.py": """
            import app


            def inbox():
                return app.nylas.threads.all()


            def other(make):
                app = make()
                return app.nylas.threads.first()
        """,
    })
    monkeypatch.chdir(tmp_path)
    result = run([tmp_path], load_rules(), Options(), jobs=1)
    changed = {r.path: r.new_text for r in result.files if r.status is Status.CHANGED}
    assert 'app.nylas.threads.list("me").data' in changed["views.py"]
    assert "return app.nylas.threads.first()" in changed["views.py"]  # not the module: left alone


def _project(name, tmp_path, monkeypatch, *names):
    from fixture_support import FIXTURES

    copy = tmp_path / name
    shutil.copytree(FIXTURES / "projects" / name, copy)
    monkeypatch.chdir(copy)
    return run([copy / n for n in names] if names else [copy], load_rules(), Options(), jobs=1)


def test_a_settings_client_moves_with_every_reader_of_django_conf_settings(tmp_path, monkeypatch):
    result = _project("django_settings", tmp_path, monkeypatch)
    assert sorted(r.path for r in result.changed) == ["inbox/tasks.py", "inbox/views.py", "mysite/settings.py"]
    assert not {f.rule for f in result.findings} & {"SDK090", "SDK092", "SDK093"}


def test_a_run_over_one_reader_finds_the_settings_module_and_moves_nothing(tmp_path, monkeypatch):
    result = _project("django_settings", tmp_path, monkeypatch, "inbox/views.py")
    assert not result.changed
    assert [(f.line, f.rule) for f in result.findings] == [(5, "SDK092"), (10, "SDK092")]
    assert all("mysite/settings.py:8" in f.message for f in result.findings)


def test_a_name_two_settings_modules_assign_keeps_both_clients_and_reports_each_read(tmp_path, monkeypatch):
    result = _project("django_settings_held", tmp_path, monkeypatch)
    assert not result.changed
    held = {(f.path, f.line) for f in result.findings if f.rule == "SDK090"}
    assert held == {("mysite/settings/base.py", 5), ("mysite/settings/base.py", 6), ("mysite/settings/prod.py", 9)}
    assert {f.line for f in result.findings if f.rule == "SDK092"} == {5, 10, 14}


@pytest.mark.parametrize("name", ["module_attribute", "django_settings"])
def test_a_second_run_over_a_moved_project_changes_nothing(name, tmp_path, monkeypatch):
    from fixture_support import FIXTURES

    copy = tmp_path / name
    shutil.copytree(FIXTURES / "projects" / name, copy)
    monkeypatch.chdir(copy)
    assert run([copy], load_rules(), Options(), write=True, jobs=1).changed
    again = run([copy], load_rules(), Options(), jobs=1)
    assert not again.changed and not {f.rule for f in again.findings} & {"SDK090", "SDK091", "SDK092", "SDK093"}


def test_a_run_over_one_module_that_reads_app_nylas_moves_nothing(tmp_path, monkeypatch):
    result = _project("module_attribute", tmp_path, monkeypatch, "views.py", "tasks.py")
    assert not result.changed
    assert {(f.path, f.line, f.rule) for f in result.findings} == {
        ("tasks.py", 10, "SDK092"), ("tasks.py", 14, "SDK092"), ("tasks.py", 19, "SDK092"),
        ("views.py", 6, "SDK092"), ("views.py", 10, "SDK092")}
    assert all("not part of this run" in f.message for f in result.findings)
