"""`exclude` / `extend-exclude` in [tool.nylas-upgrade] follow .gitignore semantics (matched by pathspec)."""
from __future__ import annotations

from click.testing import CliRunner

from codemods.cli import main

V2 = 'import requests\nrequests.get("https://api.nylas.com/threads")\n'


def _tree(tmp_path, monkeypatch, patterns):
    for rel in ["src/generated/a.py", "src/app.py", "tests/t.py", "tests/sub/t.py", "legacy.py", "lib/legacy.py",
                "top.py", "lib/top.py", "notebooks/n.py"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(V2)
    quoted = ", ".join(f'"{p}"' for p in patterns)
    (tmp_path / "pyproject.toml").write_text(f"[tool.nylas-upgrade]\nexclude = [{quoted}]\n")
    monkeypatch.chdir(tmp_path)


def _checked(*args):
    result = CliRunner().invoke(main, ["check", "-q", *args])
    return result, {line.split(":")[0] for line in result.stdout.splitlines()}


def test_patterns_mean_what_they_mean_in_gitignore(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, ["generated/", "tests/*.py", "**/legacy.py", "/top.py"])
    result, files = _checked(".")
    assert result.exit_code == 1
    assert files == {"src/app.py", "tests/sub/t.py", "lib/top.py", "notebooks/n.py"}
    # a directory pattern at any depth; `*` stops at `/`; `**` includes the top level; a leading `/` anchors


def test_negation_re_includes_a_file(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, ["tests/", "*.py", "!app.py"])
    _, files = _checked(".")
    assert files == {"src/app.py"}


def test_a_file_named_on_the_command_line_is_always_checked(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, ["legacy.py"])
    _, files = _checked("legacy.py", "lib")
    assert files == {"legacy.py", "lib/top.py"}


def test_an_invalid_pattern_is_a_configuration_error(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, ["!"])
    result, _ = _checked(".")
    assert result.exit_code == 2 and "invalid configuration" in result.stderr and "'!'" in result.stderr
