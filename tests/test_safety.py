"""The guarantees of the README's Safety section: hostile input never stops a run, writes are whole or absent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from codemods.engine import process_bytes, run
from codemods.options import Options
from codemods.prefilter import Prefilter
from codemods.results import Status
from codemods.rules import load_rules

RULES = load_rules()
V2 = b'import requests\n\ndef inbox():\n    return requests.get("https://api.nylas.com/messages")\n'
V2_FIXED = b'import requests\n\ndef inbox():\n    return requests.get("https://api.us.nylas.com/v3/grants/me/messages")\n'


def process(data: bytes):
    return process_bytes(data, "x.py", RULES, Options())


def test_a_600_literal_chain_is_processed_and_the_next_file_too(tmp_path):
    chain = "x = (" + " + ".join(["'a'"] * 600) + ")\n"
    (tmp_path / "a_deep.py").write_text("URL = 'https://api.nylas.com/threads'\n" + chain)
    (tmp_path / "b_next.py").write_bytes(V2)
    result = run([tmp_path], RULES, Options(), jobs=1)
    statuses = {r.path.split(os.sep)[-1]: r.status for r in result.files}
    assert statuses == {"a_deep.py": Status.CHANGED, "b_next.py": Status.CHANGED}


def test_valid_python_libcst_cannot_parse_is_reported_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.py").write_text("import nylas\n(x): int = 1\n")
    (tmp_path / "b.py").write_bytes(V2)
    result = run([tmp_path], RULES, Options(), jobs=1)
    a, b = result.files
    assert a.status is Status.FAILED and a.error.startswith("cannot parse")
    assert b.status is Status.CHANGED


def test_nesting_cpython_rejects_is_reported_not_blamed_on_a_rule():
    deep = V2 + b"x = " + b"(" * 300 + b"1" + b")" * 300 + b"\n"
    result = process(deep)
    assert result.status is Status.FAILED
    assert "CPython cannot parse" in result.error and "rule" not in result.error


@pytest.mark.parametrize(
    "data, status, error",
    [
        (b"", Status.SKIPPED, None),
        (b"nylas = 1\x00\n", Status.FAILED, "null bytes"),
        (b"# nylas\nx = '\xff\xfe'\n", Status.FAILED, "cannot decode"),
        (b"# -*- coding: klingon -*-\nnylas = 1\n", Status.FAILED, "cannot decode"),
        (b'print "nylas"\n', Status.FAILED, "cannot parse"),
    ],
)
def test_hostile_bytes_give_one_clear_error(data, status, error):
    result = process(data)
    assert result.status is status
    assert (error is None and result.error is None) or error in result.error


def test_a_50k_line_module_with_a_few_nylas_urls(tmp_path):
    filler = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(16_000))
    data = V2 + filler.encode() + b'URL = "https://api.nylas.com/threads"\n'
    assert data.count(b"\n") > 48_000
    result = process(data)
    assert result.status is Status.CHANGED
    assert result.new_bytes.count(b"api.us.nylas.com/v3/grants/me/") == 2
    assert len(result.new_bytes) - len(data) == 2 * len(".us") + 2 * len("/v3/grants/me")


def test_a_file_that_vanishes_after_discovery_is_an_error_line(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_bytes(V2)
    import codemods.sweep as sweep

    def listing(paths, errors, excluded=None):
        yield str(tmp_path / "gone.py")
        yield str(tmp_path / "a.py")

    monkeypatch.setattr(sweep, "walk_names", listing)
    result = run([tmp_path], RULES, Options(), jobs=1)
    by_name = {Path(r.path).name: r for r in result.files}
    assert by_name["gone.py"].status is Status.FAILED and "cannot read" in by_name["gone.py"].error
    assert by_name["a.py"].status is Status.CHANGED


def test_symlink_loops_do_not_hang(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_bytes(V2)
    (tmp_path / "pkg" / "loop").symlink_to(tmp_path / "pkg", target_is_directory=True)
    (tmp_path / "self.py").symlink_to(tmp_path / "self.py")
    started = time.monotonic()
    result = run([tmp_path], RULES, Options(), jobs=1)
    assert time.monotonic() - started < 10
    assert [r.path.split(os.sep)[-1] for r in result.files if r.status is Status.CHANGED] == ["a.py"]


def test_read_only_target_is_reported_and_others_are_written(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    locked = tmp_path / "a.py"
    locked.write_bytes(V2)
    (tmp_path / "b.py").write_bytes(V2)
    tmp_path.chmod(0o555)
    try:
        result = run([tmp_path], RULES, Options(), write=True, jobs=1)
    finally:
        tmp_path.chmod(0o755)
    assert all(r.status is Status.FAILED for r in result.files)


def _many_files(root: Path, count: int) -> None:
    for i in range(count):
        (root / f"m{i:03d}.py").write_bytes(V2)


def _spawn_fix(root: Path):
    return subprocess.Popen([sys.executable, "-m", "codemods", "fix", "-q", "-j", "1", "."], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_a_killed_run_leaves_every_file_old_or_new(tmp_path, sig):
    _many_files(tmp_path, 300)
    proc = _spawn_fix(tmp_path)
    first = tmp_path / "m000.py"
    deadline = time.monotonic() + 60
    while proc.poll() is None and first.read_bytes() == V2 and time.monotonic() < deadline:
        time.sleep(0.005)  # wait until rewriting has begun: the signal must land mid-run
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    contents = [p.read_bytes() for p in sorted(tmp_path.glob("m*.py"))]
    assert all(c in (V2, V2_FIXED) for c in contents)
    if sig != signal.SIGKILL:
        if proc.returncode == 130:
            assert b"interrupted;" in err and b"Every file is either unchanged or fully rewritten" in err
        else:  # the run finished before the signal arrived
            assert proc.returncode == 1 and all(c == V2_FIXED for c in contents)
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_dirty_files_are_named_and_require_clean_refuses(tmp_path):
    from click.testing import CliRunner

    from codemods.cli import main

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    (tmp_path / "a.py").write_bytes(V2)
    git("add", "a.py")
    git("commit", "-qm", "v2")
    (tmp_path / "a.py").write_bytes(V2 + b"# my own edit\n")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        refused = CliRunner().invoke(main, ["fix", "--require-clean", "."])
        assert refused.exit_code == 2 and "a.py" in refused.stderr
        assert (tmp_path / "a.py").read_bytes() == V2 + b"# my own edit\n"
        warned = CliRunner().invoke(main, ["fix", "."])
        assert warned.exit_code == 1 and "uncommitted changes: a.py" in warned.stderr
    finally:
        os.chdir(cwd)


def _stdlib_sample(count):
    lib = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in lib.rglob("*.py") if "site-packages" not in p.parts)
    if os.environ.get("NYLAS_UPGRADE_FULL_SWEEP"):
        return files
    step = max(1, len(files) // count)
    return files[::step][:count]


def test_no_touch_sweep_over_the_standard_library(monkeypatch):
    """Every sampled stdlib file goes through parsing and analysis (the prefilter is bypassed): nothing is
    rewritten or reported. NYLAS_UPGRADE_FULL_SWEEP=1 sweeps every file."""
    import codemods.engine as engine

    everything = Prefilter([""])  # the empty word is in every file
    unparsable = []
    for path in _stdlib_sample(120):
        result = engine.process_bytes(path.read_bytes(), str(path), RULES, Options(), everything)
        assert result.status is not Status.CHANGED, path
        assert result.findings == (), (path, result.findings)
        if result.status is Status.FAILED:
            unparsable.append((path.name, result.error))
    assert all(e.startswith(("cannot parse", "cannot decode", "CPython cannot")) for _, e in unparsable), unparsable


@pytest.mark.parametrize("errno_name", ["EACCES", "ENOSPC"])
def test_a_refused_or_full_write_is_reported_and_the_original_is_kept(tmp_path, monkeypatch, errno_name):
    """Root ignores permissions and CI runs as root, so the refusal (read-only target, full temp dir) is
    injected where the bytes go down: the original stays, no temp file is left, the run goes on."""
    import errno

    import codemods.writer as writer

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc to tell the temp files apart")

    (tmp_path / "a.py").write_bytes(V2)
    (tmp_path / "b.py").write_bytes(V2)
    real_fdopen = os.fdopen

    def failing_fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        temp_name = Path(os.readlink(f"/proc/self/fd/{fd}")).name  # the writer's temp file: .a.py.<random>...
        if temp_name.startswith(".a.py."):
            handle.close()
            raise OSError(getattr(errno, errno_name), os.strerror(getattr(errno, errno_name)))
        return handle

    monkeypatch.setattr(writer.os, "fdopen", failing_fdopen)
    result = run([tmp_path], RULES, Options(), write=True, jobs=1)
    by_name = {Path(r.path).name: r for r in result.files}
    assert by_name["a.py"].status is Status.FAILED and "cannot write" in by_name["a.py"].error
    assert (tmp_path / "a.py").read_bytes() == V2
    assert by_name["b.py"].status is Status.CHANGED and (tmp_path / "b.py").read_bytes() == V2_FIXED
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_interrupt_during_a_write_is_held_until_the_file_is_whole(tmp_path, monkeypatch):
    """A Ctrl-C that lands inside write_atomic (here: right after the temporary file is created) is delivered
    once the file is replaced: the file is new, and no temporary file is left behind."""
    import tempfile

    from codemods import writer

    target = tmp_path / "a.py"
    target.write_bytes(V2)
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_ctrl_c(*args, **kwargs):
        made = real_mkstemp(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # the handler runs before mkstemp's caller reaches its try block
        return made

    monkeypatch.setattr(writer.tempfile, "mkstemp", mkstemp_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        writer.write_atomic(target, V2_FIXED, V2)
    assert target.read_bytes() == V2_FIXED
    assert [p.name for p in tmp_path.iterdir()] == ["a.py"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_check_exits_130_and_says_so(tmp_path, sig):
    _many_files(tmp_path, 300)
    proc = subprocess.Popen([sys.executable, "-m", "codemods", "check", "-q", "-j", "1", "."], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.6)  # the analysis has begun (libcst alone takes ~0.2 s to load)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    if proc.returncode == 130:
        assert b"interrupted before every file was checked; check changes no file" in err
    else:  # the run finished before the signal arrived: every file's findings
        assert proc.returncode == 1 and len({line.split(b":")[0] for line in out.splitlines()}) == 300


def test_ctrl_c_while_the_plans_are_made_is_an_interrupted_run(tmp_path, monkeypatch):
    """Before any module is processed (the walk, the whole-project plans): the run says it was interrupted, and
    both entry points exit 130 with their message, not a traceback."""
    from click.testing import CliRunner

    from codemods import fastpath
    from codemods.analysis import plans
    from codemods.cli import main
    from codemods.engine import Interrupted

    (tmp_path / "a.py").write_bytes(V2)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(plans, "plan_run", interrupted)
    with pytest.raises(Interrupted) as stop:
        run([tmp_path], RULES, Options(), write=True, jobs=1)
    assert stop.value.partial.files == () and (tmp_path / "a.py").read_bytes() == V2
    monkeypatch.chdir(tmp_path)
    for args in (["check", "."], ["check", "--format", "json", "."], ["fix", "."]):
        done = CliRunner().invoke(main, args)
        assert done.exit_code == 130 and "interrupted" in done.stderr, (args, done.output)
    assert fastpath._run_pipeline(["check", "-q", "."], None) == 130
    assert fastpath._run_pipeline(["fix", "--diff", "."], None) == 130
