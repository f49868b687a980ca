"""Jupyter notebooks: code cells are checked and fixed; outputs, metadata and the JSON layout stay byte-identical;
IPython syntax is never touched; findings name the cell."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from fixture_support import FIXTURES, SNAPSHOTS
from codemods.cli import main
from codemods.engine import process_bytes
from codemods.notebooks import mask_ipython, source_spans
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules

NOTEBOOK = FIXTURES / "notebooks" / "inbox_v2.ipynb"
RULES = load_rules()


def _run(raw: bytes, name: str = "nb.ipynb"):
    return process_bytes(raw, name, RULES, Options())


def _lines(source: str) -> list:
    parts = source.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _notebook(*sources, as_string=False, ensure_ascii=False, indent=1, language="python") -> bytes:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": s if as_string else _lines(s)} for s in sources]
    nb = {"cells": cells, "metadata": {"kernelspec": {"language": language, "name": "k"}},
          "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(nb, indent=indent, sort_keys=True, ensure_ascii=ensure_ascii) + "\n").encode()


def _outside_sources(text: str) -> list:
    """The raw text between the cells' source values: everything fix must leave byte-identical."""
    pieces, pos = [], 0
    for start, end in sorted(source_spans(text).values()):
        pieces.append(text[pos:start])
        pos = end
    return pieces + [text[pos:]]


def test_fix_rewrites_the_code_cells_and_leaves_ipython_syntax_alone(snapshot):
    result = _run(NOTEBOOK.read_bytes(), "inbox_v2.ipynb")
    assert result.status is Status.CHANGED, result.error
    after = json.loads(result.new_bytes)
    before = json.loads(NOTEBOOK.read_bytes())
    source = ["".join(cell["source"]) for cell in after["cells"]]
    assert source[2].startswith("!ls -la\n")  # shell line kept
    assert 'requests.get("https://api.us.nylas.com/v3/grants/me/messages?limit=5"' in source[2]
    assert "client = Client(api_key=TOKEN)" in source[3] and "\nclient?\n" in source[3]  # help syntax kept
    assert source[1] == "".join(before["cells"][1]["source"])  # %pip cell: nothing Nylas to change
    assert after["cells"][4] == before["cells"][4]  # a %%bash cell is skipped whole, v2 URL and all
    snapshot.snapshot_dir = SNAPSHOTS / "notebooks" / "inbox_v2"
    snapshot.assert_match(result.new_bytes, "output.ipynb")


def test_outputs_metadata_and_layout_are_byte_identical_outside_the_sources():
    raw = NOTEBOOK.read_bytes()
    result = _run(raw)
    old_text, new_text = raw.decode(), result.new_bytes.decode()
    assert _outside_sources(old_text) == _outside_sources(new_text)
    old_nb, new_nb = json.loads(old_text), json.loads(new_text)
    for old_cell, new_cell in zip(old_nb["cells"], new_nb["cells"]):
        old_cell.pop("source"), new_cell.pop("source")
        assert old_cell == new_cell
    assert old_nb["metadata"] == new_nb["metadata"]
    # Lines of a changed cell that did not change keep their exact bytes (here: the non-ASCII comment line).
    assert '"print(f\\"fetched {len(r.json())} messages from {r.url}\\")  # ✓\\n",' in new_text


def test_second_run_changes_nothing_and_still_reports_the_manual_work():
    first = _run(NOTEBOOK.read_bytes())
    second = _run(first.new_bytes)
    assert second.status is Status.UNCHANGED, second.error
    assert {(f.cell, f.rule) for f in second.findings if not f.fixable} >= {(3, "RESP001")}


def test_findings_name_the_cell_and_the_line_within_it(tmp_path, monkeypatch):
    shutil.copy(NOTEBOOK, tmp_path / "inbox.ipynb")
    monkeypatch.chdir(tmp_path)
    text = CliRunner().invoke(main, ["check", "-q", "."])
    assert text.exit_code == 1
    assert "inbox.ipynb:cell_3:2:18: EP001 GET /messages" in text.stdout
    assert "inbox.ipynb:cell_4:4:11: SDK010" in text.stdout
    doc = json.loads(CliRunner().invoke(main, ["check", "-q", "--format", "json", "."]).stdout)
    ep001 = next(f for f in doc["findings"] if f["rule"] == "EP001")
    assert (ep001["path"], ep001["cell"], ep001["line"], ep001["column"]) == ("inbox.ipynb", 3, 2, 18)
    github = CliRunner().invoke(main, ["check", "-q", "--format", "github", "."]).stdout
    assert "::warning file=inbox.ipynb,title=EP001::cell 3, line 2, column 18: GET /messages" in github
    sarif = json.loads(CliRunner().invoke(main, ["check", "-q", "--format", "sarif", "."]).stdout)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "EP001")
    assert "region" not in result["locations"][0]["physicalLocation"]  # the JSON file's lines are not the cell's
    assert result["properties"] == {"cell": 3, "cellLine": 2, "cellColumn": 18}


def test_fix_diff_is_readable_and_applies_with_git(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(NOTEBOOK, work / "inbox.ipynb")
    diff = subprocess.run([sys.executable, "-m", "codemods", "fix", "--diff", "-q", "."], cwd=work,
                          capture_output=True, text=True)
    assert diff.returncode == 1
    lines = diff.stdout.splitlines()
    assert lines[:2] == ["--- a/inbox.ipynb", "+++ b/inbox.ipynb"]
    # One JSON line per source line: a reviewer reads the code change, not a re-serialised notebook.
    assert '-    "r = requests.get(\\"https://api.nylas.com/messages?limit=5\\", headers=' \
           '{\\"Authorization\\": f\\"Bearer {TOKEN}\\"})\\n",' in lines
    assert '+    "client = Client(api_key=TOKEN)\\n",' in lines
    assert not any(line.startswith(("-", "+")) and "output" in line for line in lines)
    patched = tmp_path / "patched"
    shutil.copytree(work, patched)
    subprocess.run(["git", "init", "-q"], cwd=patched, check=True)
    applied = subprocess.run(["git", "apply", "-"], cwd=patched, input=diff.stdout, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert subprocess.run([sys.executable, "-m", "codemods", "fix", "-q", "."], cwd=work).returncode == 1
    assert (patched / "inbox.ipynb").read_bytes() == (work / "inbox.ipynb").read_bytes()


def test_a_notebook_without_nylas_words_is_never_parsed():
    assert _run(b'{"cells": [ not even json').status is Status.SKIPPED
    assert _run(_notebook("import os\nprint(os.getcwd())")).status is Status.SKIPPED


def test_cells_share_one_namespace():
    raw = _notebook('import requests\nBASE = "https://api.nylas.com"', 'r = requests.get(BASE + "/threads")')
    result = _run(raw)
    assert result.status is Status.CHANGED, result.error
    cells = json.loads(result.new_bytes)["cells"]
    assert cells[0]["source"][1] == 'BASE = "https://api.us.nylas.com"'
    assert cells[1]["source"] == ['r = requests.get(BASE + "/v3/grants/me/threads")']


def test_single_string_sources_and_escaped_non_ascii_keep_their_style():
    raw = _notebook('import requests\n# café\nrequests.get("https://api.nylas.com/threads")\n', as_string=True,
                    ensure_ascii=True, indent=2)
    result = _run(raw)
    text = result.new_bytes.decode()
    assert result.status is Status.CHANGED and text.isascii() and "caf\\u00e9" in text
    assert json.loads(text)["cells"][0]["source"] == (
        'import requests\n# café\nrequests.get("https://api.us.nylas.com/v3/grants/me/threads")\n')
    assert _outside_sources(raw.decode()) == _outside_sources(text)


def test_magics_and_shell_lines_are_neither_reported_nor_rewritten():
    raw = _notebook('import requests\n!curl https://api.nylas.com/messages\nout = !curl https://api.nylas.com/threads\n'
                    '%time requests.get("https://api.nylas.com/folders")\nprint(out)')
    result = _run(raw)
    assert result.status is Status.UNCHANGED and result.findings == ()


def test_mask_keeps_every_position_and_only_hides_ipython_syntax():
    source = "x = 1\n  %time f()\nfiles = !ls \\\n   -la\nobj?\ny = a % b\n"
    masked, spans = mask_ipython(source)
    assert len(masked) == len(source) and masked.count("\n") == source.count("\n")
    assert masked.splitlines() == ["x = 1", "  _________", "files = _____", "   ___", "____", "y = a % b"]
    assert all(source[s:e] for s, e in spans)


def test_a_broken_cell_fails_the_notebook_unchanged_and_names_the_cell():
    raw = _notebook('import requests\nrequests.get("https://api.nylas.com/threads")', "def broken(:\n")
    result = _run(raw)
    assert result.status is Status.FAILED and result.new_bytes is None
    assert result.error.startswith("cell 2: cannot parse")
    assert [(f.cell, f.rule) for f in result.findings if f.rule == "EP003"] == [(1, "EP003")]


def test_other_kernels_are_left_alone():
    raw = _notebook('requests.get("https://api.nylas.com/threads")', language="R")
    assert _run(raw).status is Status.UNCHANGED


def test_directories_are_walked_for_notebooks_but_not_their_checkpoints(tmp_path, monkeypatch):
    shutil.copy(NOTEBOOK, tmp_path / "a.ipynb")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    shutil.copy(NOTEBOOK, tmp_path / ".ipynb_checkpoints" / "a-checkpoint.ipynb")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "-q", "."]).stdout
    assert {line.split(":")[0] for line in out.splitlines()} == {"a.ipynb"}


@pytest.mark.parametrize("broken", [b'{"cells": "nylas"}', b'["nylas"]', b'{"nylas": 1'])
def test_a_notebook_that_is_not_nbformat_4_is_an_error_not_a_crash(broken):
    result = _run(broken)
    assert result.status is Status.FAILED and result.error


def test_the_fast_path_answers_for_clean_notebooks_without_click_or_libcst(tmp_path):
    import os

    (tmp_path / "clean.ipynb").write_bytes(_notebook("import os\nprint(os.getcwd())"))
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    subprocess.run([sys.executable, "-m", "codemods", "rules"], cwd=tmp_path, env=env, capture_output=True, check=True)
    probe = ("import sys; sys.argv = ['nylas-upgrade', 'check', '.']\nfrom codemods.fastpath import main\n"
             "try:\n    main()\nexcept SystemExit as exc:\n"
             "    print(exc.code, 'click' in sys.modules, 'libcst' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["0", "False", "False"], out.stderr
    assert out.stderr.startswith("1 file scanned, 0 would change, 0 findings, 0 errors in ")


def test_the_pre_commit_check_hook_covers_notebooks(tmp_path):
    from test_precommit import _repo, _run as run_pre_commit

    repo = _repo(tmp_path, {"inbox.ipynb": NOTEBOOK.read_text(encoding="utf-8")}, "nylas-upgrade-check")
    result = run_pre_commit(repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "inbox.ipynb:cell_3:2:18: EP001 GET /messages" in result.stdout
