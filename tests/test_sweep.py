"""codemods/sweep.py: one walk for every entry point, each clean file read once and never stat'ed or
relpath'ed, the rest of the walk in a forked child after the first hit (timings live in bench/, not here)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods import sweep as sweep_mod
from codemods.discovery import iter_files, path_str, walk_names
from codemods.engine import display_path, prefilter_pattern, run
from codemods.options import Options
from codemods.results import FileResult, Status
from codemods.rules import load_rules

RULES = load_rules()
V2 = b'import requests\nrequests.get("https://api.nylas.com/messages")\n'


def _tree(root: Path, nylas=("pkg/b/nylas_mail.py",)) -> Path:
    """Clean files in several directories (files before subdirectories, sorted), a virtualenv, a few v2 files."""
    for rel in ["a.py", "z.py", "pkg/__init__.py", "pkg/a/one.py", "pkg/a/two.py", "pkg/b/three.py",
                "pkg/c/deep/four.py", "pkg/c/five.ipynb", "pkg/c/notes.txt", "env/lib/x.py", "w/v.py"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"# {rel}\nx = 1\n")
    (root / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    for rel in nylas:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(V2)
    return root


def test_path_str_is_what_pathlib_makes_of_a_name():
    for name in ["a.py", "./a.py", "a//b.py", "a/./b.py", "a/../b.py", "/x/y.py", "//x/y.py", "///x/y.py",
                 "a/", ".", "./", "..", "../a.py", "a/.", "/"]:
        assert path_str(name) == str(Path(name)), name


def test_display_names_are_display_path(tmp_path, monkeypatch):
    (tmp_path / "cwd" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "cwd")
    here = str(tmp_path / "cwd")
    names = ["a.py", "./a.py", "sub//b.py", "sub/./b.py", "sub/../a.py", "../cwd/a.py", "../other/a.py", "..x/a.py",
             "../../a.py", here + "/a.py", here + "/sub/../a.py", here + "//sub/b.py", "/" + here + "/a.py",
             here + "/..x/a.py", str(tmp_path / "other" / "a.py"), "/a.py", "//a.py", here + "/../cwd/a.py"]
    assert sweep_mod.display_names(names) == [display_path(Path(n)) for n in names]


def test_skipped_results_are_plain_file_results(tmp_path):
    _tree(tmp_path, nylas=())
    sweep = sweep_mod.Sweep([tmp_path], prefilter_pattern(RULES))
    sweep.finish()
    results = sweep.file_results()
    assert [r.path for r in results] == [display_path(Path(n)) for n in sweep.clean]
    assert all(r == FileResult(r.path, Status.SKIPPED) for r in results)


def test_one_walk_order_for_every_entry_point(tmp_path):
    _tree(tmp_path)
    names = list(walk_names([str(tmp_path)], []))
    assert [str(p) for p in iter_files([tmp_path], [])] == names
    assert names[:3] == [str(tmp_path / "a.py"), str(tmp_path / "z.py"), str(tmp_path / "pkg" / "__init__.py")]
    assert not any("env" in Path(n).parts for n in names)  # a virtualenv, told by its pyvenv.cfg
    sweep = sweep_mod.Sweep([tmp_path], prefilter_pattern(RULES))
    sweep.finish()
    assert sweep.clean + [n for n, _ in sweep.candidates] == [n for n in names if not n.endswith("nylas_mail.py")] + [
        str(tmp_path / "pkg" / "b" / "nylas_mail.py")]


def test_a_failed_child_means_the_walk_is_done_here_again(tmp_path, monkeypatch):
    _tree(tmp_path, nylas=("pkg/a/nylas_1.py", "w/nylas_2.py"))
    reference = sweep_mod.Sweep([tmp_path], prefilter_pattern(RULES))
    monkeypatch.setattr(sweep_mod, "_can_fork", lambda: False)
    reference.finish()
    monkeypatch.setattr(sweep_mod, "_can_fork", lambda: hasattr(os, "fork"))
    monkeypatch.setattr(sweep_mod, "_child_main", lambda *args: os._exit(1))
    failed = sweep_mod.Sweep([tmp_path], prefilter_pattern(RULES))
    assert failed.until_hit()
    if not failed.go_on_in_child():
        pytest.skip("no fork here")
    failed.finish()
    assert (failed.clean, failed.candidates, failed.errors) == (reference.clean, reference.candidates, reference.errors)


def test_a_sweep_made_for_other_paths_or_words_is_not_used(tmp_path):
    _tree(tmp_path)
    other = sweep_mod.Sweep([tmp_path / "pkg"], prefilter_pattern(RULES))
    other.until_hit()
    result = run([tmp_path], RULES, Options(), jobs=1, sweep=other)
    assert len(result.files) == 10 and len(result.changed) == 1


# What the process and its forked walker do to each file, logged by both to one file: `open` (the audit
# event, which os.open and open() raise), os.stat / os.lstat (what os.path and pathlib call), os.path.relpath.
PROBE = textwrap.dedent(
    """
    import os, sys
    log = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    tree = sys.argv[2]

    def note(what, path):
        path = os.fsdecode(os.fspath(path)) if isinstance(path, (str, bytes, os.PathLike)) else ""
        if path.startswith(tree) or not path.startswith("/"):
            os.write(log, f"{what}\\t{os.path.abspath(path)}\\n".encode())

    sys.addaudithook(lambda event, args: note("open", args[0]) if event == "open" else None)
    for module, name in ((os, "stat"), (os, "lstat"), (os.path, "relpath")):
        def spy(path, *args, _real=getattr(module, name), _name=name, **kwargs):
            note(_name, path)
            return _real(path, *args, **kwargs)
        setattr(module, name, spy)
    entry, sys.argv = sys.argv[3], ["nylas-upgrade"] + sys.argv[4:]
    if entry == "fast":
        from codemods.fastpath import main
    else:
        from codemods.cli import main
    try:
        main()
    finally:
        os.close(log)
    """
)


def _trace(tmp_path, tree: Path, entry: str, *args) -> list:
    log = tmp_path / f"log-{len(list(tmp_path.glob('log-*')))}"
    proc = subprocess.run([sys.executable, "-c", PROBE, str(log), str(tree), entry, *args], cwd=tree,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    rows = [line.split("\t", 1) for line in log.read_text().splitlines()] if log.exists() else []
    return [(what, path) for what, path in rows if path.startswith(str(tree) + os.sep)]


def test_fast_and_full_paths_walk_the_same_files_in_the_same_order(tmp_path):
    clean = _tree(tmp_path / "clean", nylas=())
    fast = _trace(tmp_path, clean, "fast", "check", ".")
    full = _trace(tmp_path, clean, "cli", "check", "--format", "json", ".")
    opened = [path for what, path in fast if what == "open"]
    assert opened == [path for what, path in full if what == "open"]
    assert opened == [os.path.abspath(os.path.join(clean, n)) for n in _names_from(clean)]
    assert len(opened) == 9


def _names_from(root: Path) -> list:
    here = os.getcwd()
    os.chdir(root)
    try:
        return list(walk_names(["."], []))
    finally:
        os.chdir(here)


def test_a_run_with_nylas_files_reads_each_clean_file_once_and_never_stats_or_relpaths_it(tmp_path):
    tree = _tree(tmp_path / "repo", nylas=("pkg/a/nylas_1.py", "w/nylas_2.py", "pkg/c/deep/nylas_3.py"))
    for entry, args in (("fast", ["check", "."]), ("fast", ["fix", "--diff", "."]),
                        ("cli", ["check", "--format", "json", "."])):
        events = _trace(tmp_path, tree, entry, *args)
        clean = [os.path.abspath(os.path.join(tree, n)) for n in _names_from(tree) if "nylas_" not in n]
        assert clean
        for path in clean:
            done = [what for what, p in events if p == path]
            assert done == ["open"], (entry, args, path, done)
        opened = [p for what, p in events if what == "open"]
        walked = [os.path.abspath(os.path.join(tree, n)) for n in _names_from(tree)]
        assert opened[:len(walked)] == walked, (entry, args)  # one walk, in order; then the Nylas files' re-reads


def test_fix_that_writes_goes_on_with_the_console_scripts_walk(tmp_path):
    tree = _tree(tmp_path / "repo", nylas=("pkg/a/nylas_1.py", "w/nylas_2.py"))
    clean = [os.path.abspath(os.path.join(tree, n)) for n in _names_from(tree) if "nylas_" not in n]
    events = _trace(tmp_path, tree, "fast", "fix", ".")
    for path in clean:
        assert [what for what, p in events if p == path] == ["open"], path
    assert b"api.us.nylas.com" in (tree / "w" / "nylas_2.py").read_bytes()  # written


def test_the_fast_path_forks_its_walker_only_inside_directories(tmp_path):
    """Pre-commit names its files: no child for two more files. A directory walk: the child takes the rest."""
    tree = _tree(tmp_path / "repo", nylas=("pkg/a/nylas_1.py",))
    named = sweep_mod.Sweep([str(tree / "pkg" / "a" / "nylas_1.py"), str(tree / "a.py")], prefilter_pattern(RULES))
    assert named.until_hit() and not named.go_on_in_child()
    walked = sweep_mod.Sweep([str(tree)], prefilter_pattern(RULES))
    assert walked.until_hit()
    assert walked._in_directory


def test_the_forked_walk_gives_the_output_of_a_walk_in_one_process(tmp_path):
    tree = _tree(tmp_path / "repo", nylas=("pkg/a/nylas_1.py", "w/nylas_2.py", "pkg/c/deep/nylas_3.py"))
    code = "import sys; sys.argv = ['nylas-upgrade'] + sys.argv[1:]; from codemods.fastpath import main; main()"
    no_fork = "import codemods.sweep as s; s._can_fork = lambda: False; " + code
    for args in (["check", "."], ["fix", "--diff", "."], ["check", "pkg", "w", "a.py"]):
        forked = subprocess.run([sys.executable, "-c", code, *args], cwd=tree, capture_output=True, text=True)
        single = subprocess.run([sys.executable, "-c", no_fork, *args], cwd=tree, capture_output=True, text=True)
        assert forked.returncode == single.returncode == 1
        assert forked.stdout == single.stdout and forked.stdout
        assert _no_seconds(forked.stderr) == _no_seconds(single.stderr)


def _no_seconds(text: str) -> str:
    import re

    return re.sub(r"in [0-9.]+ ?s", "in Xs", text)


def test_a_configuration_without_exclusions_gives_the_walk_no_callback():
    from codemods.config import Config

    assert Config().excluder() is None and Config(root=Path("/p")).excluder() is None
    assert Config(root=Path("/p"), exclude=("gen/",)).excluder() is not None
