"""module_attrs.py: modules imported as objects (`import app`, `from services import mail`) and the uses of their
clients as module attributes (`app.nylas`, `mail.make_client(t)`)."""
from __future__ import annotations

import ast
import shutil
import textwrap

from codemods.analysis.module_attrs import module_imports, unfollowed_uses
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
