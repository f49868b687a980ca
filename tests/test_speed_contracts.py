"""Structural speed contracts (timings live in bench/, not here): the prefilter and lazy imports."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from codemods.engine import prefilter_pattern, process_bytes
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules

RULES = load_rules()

PROBE = textwrap.dedent(
    """
    import sys
    from codemods.cli import main
    try:
        main(["check", "-q", sys.argv[1]])
    except SystemExit:
        pass
    print("libcst" in sys.modules)
    """
)


def _imports_libcst(path) -> bool:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60)
    return out.stdout.strip().splitlines()[-1] == "True"


def test_check_on_clean_files_never_imports_libcst(tmp_path):
    clean = tmp_path / "clean.py"
    clean.write_text("import requests\nrequests.get('https://slack.com/api/messages')\n")
    assert _imports_libcst(clean) is False


def test_check_on_a_nylas_file_does_import_libcst(tmp_path):
    v2 = tmp_path / "v2.py"
    v2.write_text("import requests\nrequests.get('https://api.nylas.com/messages')\n")
    assert _imports_libcst(v2) is True


def test_files_without_nylas_words_are_skipped_before_parsing():
    assert process_bytes(b"this is not even python (((\n", "x.py", RULES, Options()).status is Status.SKIPPED
    not_skipped = process_bytes(b"NYLAS_URL = 1\n", "x.py", RULES, Options())
    assert not_skipped.status is Status.UNCHANGED  # parsed: "NYLAS" counts, case-insensitively


def test_every_rule_trigger_passes_the_prefilter():
    prefilter = prefilter_pattern(RULES)
    for word in RULES.triggers():
        assert prefilter.search(word.encode()), word
        assert prefilter.search(word.upper().encode()), word


def test_worker_pool_gives_the_same_results_as_one_process(tmp_path):
    from pathlib import Path

    from codemods.engine import run

    fixtures = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "http").glob("*.py"))[:10]
    for i, fixture in enumerate(fixtures):
        (tmp_path / f"{i:02d}_{fixture.name}").write_bytes(fixture.read_bytes())
    serial = run([tmp_path], RULES, Options(), jobs=1)
    pooled = run([tmp_path], RULES, Options(), jobs=2)
    assert [(r.path, r.status, r.findings, r.new_text) for r in serial.files] == [
        (r.path, r.status, r.findings, r.new_text) for r in pooled.files
    ]
    assert serial.changed  # the comparison is about real rewrites


def _cli(args, cwd, env_extra=None, entry="codemods.fastpath"):
    import os

    env = dict(os.environ, **(env_extra or {}))
    code = f"import sys; sys.argv = ['nylas-upgrade'] + sys.argv[1:]; from {entry} import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, env=env)


def _untimed(summary: str) -> str:
    """The summary line but its seconds, which differ from run to run."""
    return re.sub(r" in \d+\.\d\d s$", " in _ s", summary, flags=re.MULTILINE)


def test_diffs_made_in_the_workers_are_the_diffs_the_parent_would_make(tmp_path):
    """fix --diff asks run() for diff_color: each changed file then brings back its diff (coloured or not)
    instead of its texts, from the pool and from the one-process path alike."""
    from pathlib import Path

    from codemods.engine import run
    from codemods.reporters.diff import render

    root = Path(__file__).resolve().parent.parent / "fixtures"
    sources = sorted(root.glob("*/*.py")) + sorted(root.glob("*/*.ipynb"))
    for i, fixture in enumerate(sources):
        (tmp_path / f"{i:02d}_{fixture.name}").write_bytes(fixture.read_bytes())
    whole = run([tmp_path], RULES, Options(), jobs=1)
    assert whole.changed and any(r.path.endswith(".ipynb") for r in whole.changed)
    for color in (False, True):
        expected = render(whole.changed, color=color)
        for jobs in (1, 2):
            slim = run([tmp_path], RULES, Options(), jobs=jobs, diff_color=color)
            assert [(r.path, r.status, r.findings) for r in slim.files] == [
                (r.path, r.status, r.findings) for r in whole.files]
            assert all(r.diff is not None and r.old_text is None and r.new_bytes is None for r in slim.changed)
            assert render(slim.changed, color=color) == expected, (color, jobs)


def test_fast_path_says_exactly_what_the_full_cli_says(tmp_path):
    for i in range(3):
        (tmp_path / f"f{i}.py").write_text("import os\n")
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    _cli(["rules"], tmp_path, cache, entry="codemods.cli")  # the full CLI validates the rules and fills the cache
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "g.py").write_text("import sys\n")
    for args in (["check", "f0.py", "f1.py", "f2.py"], ["check", "-q", "f0.py"], ["fix", "f0.py", "f1.py"],
                 ["fix", "--diff", "f1.py"], ["fix", "--quiet", "f2.py"], ["check", "."], ["fix", "pkg", "f0.py"]):
        fast = _cli(args, tmp_path, cache)
        full = _cli(args, tmp_path, cache, entry="codemods.cli")
        assert (fast.returncode, fast.stdout, _untimed(fast.stderr)) == (
            full.returncode, full.stdout, _untimed(full.stderr)), args
        assert "-q" in args or "--quiet" in args or re.fullmatch(r".* in \d+\.\d\d s\n", fast.stderr), fast.stderr
    assert fast.returncode == 0


def _same_output(args, cwd, env):
    fast = _cli(args, cwd, env)
    full = _cli(args, cwd, env, entry="codemods.cli")
    assert (fast.returncode, fast.stdout, _untimed(fast.stderr)) == (full.returncode, full.stdout,
                                                                    _untimed(full.stderr)), args
    return fast


def test_nylas_files_without_click_say_exactly_what_the_full_cli_says(tmp_path):
    (tmp_path / "v2.py").write_text(
        'import requests\n\n\ndef inbox(token):\n    r = requests.get("https://api.nylas.com/messages?offset=5", '
        'headers={"Authorization": f"Bearer {token}"})\n    return r.json()\n')
    (tmp_path / "manual.py").write_text("import requests\nrequests.get('https://api.nylas.com/delta')\n")
    (tmp_path / "broken.py").write_text("x = 'api.nylas.com'\ndef (:\n")
    (tmp_path / "clean.py").write_text("import os\n")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    _cli(["rules"], tmp_path, env, entry="codemods.cli")
    commands = [["check"], ["check", "-q"], ["check", "--quiet"], ["fix", "--diff"], ["fix", "--diff", "-q"],
                ["fix", "--diff", "-q", "-j", "2"], ["check", "--jobs=1"], ["fix", "--diff", "-j2"],
                ["check", "--jobs", "2", "-q"]]
    codes = set()
    for files in (["v2.py"], ["v2.py", "clean.py"], ["manual.py"], ["broken.py", "v2.py"], ["."], ["nope.py", "v2.py"]):
        for command in commands:
            codes.add(_same_output(command + files, tmp_path, env).returncode)
    assert codes == {1, 3}  # findings and rewrites; unparseable or missing files
    _same_output(["fix", "--diff", "-j", "1", "-j", "2", "v2.py"], tmp_path, env)  # click: the last one counts
    for odd_jobs in (["-j0"], ["--jobs", "x"], ["-j"]):  # click's messages, exit 2
        assert _same_output(["fix", "--diff", *odd_jobs, "v2.py"], tmp_path, env).returncode == 2
    # configuration the pipeline must honour, and configuration the full CLI must report
    (tmp_path / "pyproject.toml").write_text('[tool.nylas-upgrade]\ngrant = "grant_id"\nignore = ["QP"]\n'
                                             'exclude = ["manual.py"]\n')
    for command in commands:
        _same_output(command + ["."], tmp_path, env)
    (tmp_path / "pyproject.toml").write_text('[tool.nylas-upgrade]\nselect = ["NOPE"]\n')
    assert _same_output(["check", "v2.py"], tmp_path, env).returncode == 2
    (tmp_path / "pyproject.toml").write_text('[tool.nylas-upgrade]\ngrant = "1 +"\n')
    assert _same_output(["fix", "--diff", "v2.py"], tmp_path, env).returncode == 2


def test_fast_path_runs_nylas_files_without_click(tmp_path):
    (tmp_path / "v2.py").write_text("URL = 'https://api.nylas.com/messages'\n")
    probe = ("import sys; sys.argv = ['nylas-upgrade', 'check', '-q', 'v2.py']\nfrom codemods.fastpath import main\n"
             "try:\n    main()\nexcept SystemExit as e:\n    print(e.code, 'click' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.stdout.split()[-2:] == ["1", "False"]


def test_fast_path_hands_nylas_files_and_other_options_to_the_full_cli(tmp_path):
    (tmp_path / "v2.py").write_text("URL = 'https://api.nylas.com/messages'\n")
    (tmp_path / "clean.py").write_text("import os\n")
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    _cli(["rules"], tmp_path, cache, entry="codemods.cli")
    assert _cli(["check", "-q", "clean.py", "v2.py"], tmp_path, cache).returncode == 1
    assert _cli(["check", "--format", "json", "clean.py"], tmp_path, cache).stdout.startswith("{")


def test_a_corrupt_rule_cache_is_ignored(tmp_path, monkeypatch):
    from codemods import rule_cache
    from codemods import rules as rules_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    rules_module._CACHE.clear()
    fresh = rules_module.load_rules()  # writes the cache
    written = list((tmp_path / "nylas-upgrade").glob("rules-*.cache"))
    assert len(written) == 1
    written[0].write_text("{not json")
    rules_module._CACHE.clear()
    assert rules_module.load_rules().rules == fresh.rules
    directory = rule_cache.rules_dir()
    assert rule_cache.read_triggers(directory, rule_cache.rule_files(directory)) is None
    rules_module._CACHE.clear()
