"""The GitHub Action (action.yml, codemods/github_action.py), run as GitHub would run its `check` step: the step's
`run` script and `env` are read from action.yml, its `${{ ... }}` expressions filled in, and it runs in bash with
a fake GitHub environment ($GITHUB_STEP_SUMMARY, $GITHUB_EVENT_PATH with a pull_request payload, $GITHUB_BASE_REF,
$GITHUB_OUTPUT) in a temporary git repository whose branch adds v2 code. The install step's venv is this test's
interpreter, which has the package installed."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from codemods.github_action import CUT_NOTE, InputError, cut_summary, parse_paths

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"

BASE = 'import requests\n\n\ndef labels(token):\n    return requests.get("https://api.nylas.com/labels")\n'
# Added on the branch: /send is rewritten by fix (EP005, HOST001); /calendars is left for a human (EP104).
SEND = '\n\ndef send(token, body):\n    return requests.post("https://api.nylas.com/send", json=body)\n'
CALENDARS = '\n\ndef calendars(token):\n    return requests.get("https://api.nylas.com/calendars")\n'


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _repo(tmp_path: Path, added: str) -> tuple:
    """main: mail.py with v2 code at line 5; branch feature: `added` appended (from line 7 on)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "mail.py").write_text(BASE)
    _git(repo, "add", "mail.py")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "-q", "-b", "feature")
    (repo / "mail.py").write_text(BASE + added)
    _git(repo, "commit", "-q", "-am", "feature")
    return repo, base


def _check_step() -> dict:
    steps = yaml.safe_load(ACTION.read_text())["runs"]["steps"]
    return next(s for s in steps if s.get("id") == "check")


def _expand(text: str, inputs: dict) -> str:
    """What the runner does with `${{ ... }}` in this step; an expression this test does not know fails it."""
    declared = yaml.safe_load(ACTION.read_text())["inputs"]

    def value(match):
        expr = match.group(1).strip()
        if expr.startswith("inputs."):
            name = expr[len("inputs."):]
            assert name in declared, f"action.yml uses undeclared input {name}"
            return str(inputs.get(name, declared[name].get("default", "")))
        if expr == "steps.install.outputs.python":
            return sys.executable
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"unexpected expression in the check step: {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def run_action(repo: Path, tmp_path: Path, inputs: dict = None, event: dict = None, base_ref: str = "main"):
    inputs = inputs or {}
    step = _check_step()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(event if event is not None else {}))
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs.txt"
    env.update({
        "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request" if event else "push",
        "GITHUB_EVENT_PATH": str(event_path), "GITHUB_BASE_REF": base_ref, "GITHUB_WORKSPACE": str(repo),
        "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs),
    })
    env.update({name: _expand(value, inputs) for name, value in step["env"].items()})
    done = subprocess.run([step["shell"], "-c", _expand(step["run"], inputs)], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    done.summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
    done.outputs = outputs.read_text() if outputs.exists() else ""
    return done


def _payload(base: str) -> dict:
    return {"action": "synchronize", "number": 7,
            "pull_request": {"number": 7, "base": {"ref": "main", "sha": base}, "head": {"ref": "feature"}}}


def _annotated_lines(stdout: str) -> set:
    return {int(m.group(1)) for m in re.finditer(r"^::warning file=mail\.py,line=(\d+),", stdout, re.M)}


def test_pull_request_annotates_changed_lines_only_and_writes_report_and_sarif(tmp_path):
    repo, base = _repo(tmp_path, SEND)
    done = run_action(repo, tmp_path, {"sarif": "out/nylas.sarif"}, event=_payload(base), base_ref="")
    assert done.returncode == 1, done.stderr
    warnings = [line for line in done.stdout.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == 2 and _annotated_lines(done.stdout) == {9}  # EP005 and HOST001 on the new line
    assert "title=EP005::POST /send" in done.stdout and "labels" not in done.stdout  # line 5 is the base's
    assert "only lines changed since " + base in done.stderr
    assert done.summary.startswith("## Nylas API v2 → v3 migration report")
    assert "| Files changed | 1 |" in done.summary and "| Manual sites left | 0 |" in done.summary
    assert "### mail.py" in done.summary and "api.us.nylas.com/v3/grants/me/messages/send" in done.summary
    assert done.outputs.splitlines() == ["findings=2", "manual=0"]
    sarif = json.loads((repo / "out" / "nylas.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"EP005", "HOST001"}


@pytest.mark.parametrize("added, fail_on, code", [
    (SEND, "any", 1), (SEND, "manual", 0),  # only what fix rewrites
    (CALENDARS, "manual", 1), (CALENDARS, "none", 0),  # a place left for a human
], ids=["fixable-any", "fixable-manual", "manual-manual", "manual-none"])
def test_exit_code_follows_fail_on(tmp_path, added, fail_on, code):
    repo, base = _repo(tmp_path, added)
    done = run_action(repo, tmp_path, {"fail-on": fail_on}, event=_payload(base))
    assert done.returncode == code, done.stderr
    assert _annotated_lines(done.stdout) == {9}  # annotated whatever fail-on says
    assert "migration report" in done.summary


def test_base_ref_is_used_without_a_pull_request_base_sha(tmp_path):
    repo, _ = _repo(tmp_path, CALENDARS)
    done = run_action(repo, tmp_path, event={"pull_request": {"number": 7}}, base_ref="main")
    assert done.returncode == 1 and _annotated_lines(done.stdout) == {9}
    assert "only lines changed since main" in done.stderr
    assert "manual=1" in done.outputs.splitlines()


def test_push_without_a_base_checks_every_line(tmp_path):
    repo, _ = _repo(tmp_path, SEND)
    done = run_action(repo, tmp_path, event=None, base_ref="")
    assert done.returncode == 1 and _annotated_lines(done.stdout) == {5, 9}


def test_shallow_checkout_fetches_the_base_commit(tmp_path):
    # actions/checkout clones one commit deep: the base commit is fetched from origin, as on GitHub.
    origin, base = _repo(tmp_path, SEND)
    _git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # as GitHub's servers allow
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth=1", "--branch", "feature", origin.as_uri(), str(clone))
    assert subprocess.run(["git", "cat-file", "-e", base], cwd=clone).returncode != 0
    done = run_action(clone, tmp_path, event=_payload(base))
    assert done.returncode == 1, done.stderr
    assert _annotated_lines(done.stdout) == {9}


def test_bad_fail_on_is_exit_2_with_an_error_annotation(tmp_path):
    repo, base = _repo(tmp_path, SEND)
    done = run_action(repo, tmp_path, {"fail-on": "warnings"}, event=_payload(base))
    assert done.returncode == 2
    assert done.stdout.startswith("::error title=nylas-upgrade::fail-on must be one of any, manual, none")


def test_unknown_since_is_exit_2(tmp_path):
    repo, _ = _repo(tmp_path, SEND)
    done = run_action(repo, tmp_path, {"since": "no-such-branch"}, event=None)
    assert done.returncode == 2 and "unknown git revision 'no-such-branch'" in done.stderr


def test_summary_is_cut_to_the_limit_with_a_note_and_closed_fence():
    diff = "".join(f"+line {i} ü\n" for i in range(400))
    report = "## Nylas API v2 → v3 migration report\n\n### a.py\n\n```diff\n" + diff + "```\n\n### b.py\n"
    assert cut_summary(report, limit=100_000) == report
    cut = cut_summary(report, limit=2_000)
    assert len(cut.encode("utf-8")) <= 2_000
    assert cut.startswith(report[:200]) and "### b.py" not in cut
    body, note = cut.split("\n\n**This report was cut here", 1)
    assert body.rstrip("\n").endswith("\n```")  # the diff's fence is closed before the note
    assert sum(1 for line in body.splitlines() if line.startswith("```")) == 2
    total = len(report.encode("utf-8"))
    assert f"of {total:,} bytes shown" in note and CUT_NOTE.strip().endswith("for the whole report.")


def test_paths_input_takes_lines_and_shell_quoting():
    assert parse_paths("") == ["."]
    assert parse_paths("src tests\n'my dir'\n") == ["src", "tests", "my dir"]
    with pytest.raises(InputError, match="paths: No closing quotation"):
        parse_paths("'src")


def test_summary_cut_outside_a_fence_adds_no_fence():
    tasks = "".join(f"- [ ] b.py:{i}:1 EP104 left for a human\n" for i in range(200))
    report = "## report\n\n```diff\n+x\n```\n\n### b.py\n\n" + tasks
    cut = cut_summary(report, limit=1_500)
    assert len(cut.encode("utf-8")) <= 1_500 and cut.count("```") == 2
    assert cut.split("\n\n**This report was cut here")[0].endswith("left for a human\n")
