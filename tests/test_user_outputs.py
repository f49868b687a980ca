"""SARIF and GitHub formats, inline suppressions, and [tool.nylas-upgrade] configuration."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from codemods.cli import main

V2 = 'import requests\n\n\ndef inbox(token):\n    return requests.get("https://api.nylas.com/messages", params={"offset": 1})\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "mail.py").write_text(V2)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_sarif_is_structurally_valid_2_1_0_with_help_uris_and_fixes(project):
    # The official JSON schema cannot be fetched offline; these are its required properties and shapes.
    result = invoke("check", "--format", "sarif", ".")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "nylas-upgrade"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(set(ids)) and all(r["helpUri"].startswith("https://") for r in driver["rules"])
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"] and res["level"] in ("warning", "error", "note", "none")
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    fixed = {r["ruleId"]: r for r in run["results"] if "fixes" in r}
    assert set(fixed) == {"EP001", "HOST001"}  # the fixable ones; QP001 (offset) is manual
    change = fixed["HOST001"]["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "mail.py"
    replacement = change["replacements"][0]
    assert replacement["insertedContent"]["text"] == "api.us.nylas.com"
    assert replacement["deletedRegion"]["startLine"] == 5


def test_github_annotations_escape_what_the_runner_parses(project):
    result = invoke("check", "--format", "github", ".")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=mail.py,line=5,col=25,title=EP001::GET /messages")
    assert all(line.startswith("::warning ") for line in lines)
    assert "https%3A" not in lines[0] and "https://developer.nylas.com" in lines[0]  # message part is not a property


def test_inline_suppression_silences_findings_and_stops_rewrites(project):
    (project / "mail.py").write_text(
        "import requests\n"
        "# nylas-upgrade: ignore[QP]\n"
        'a = requests.get("https://api.nylas.com/messages", params={"offset": 1})\n'
        'b = requests.get("https://api.nylas.com/threads")  # nylas-upgrade: ignore\n'
        'c = requests.get("https://api.nylas.com/drafts")\n'
    )
    checked = invoke("check", "-q", ".")
    assert [line.split(": ")[1].split()[0] for line in checked.stdout.splitlines()] == [
        "EP001", "FLD019", "HOST001", "EP006", "HOST001"]  # FLD019: the IMAP advisory, once, at the first listing
    invoke("fix", "-q", ".")
    text = (project / "mail.py").read_text()
    assert "api.us.nylas.com/v3/grants/me/messages" in text  # only QP was ignored on that line
    assert 'b = requests.get("https://api.nylas.com/threads")' in text  # untouched
    assert "api.us.nylas.com/v3/grants/me/drafts" in text


def test_pyproject_configuration_and_flags_winning(project):
    (project / "pyproject.toml").write_text(
        '[tool.nylas-upgrade]\ngrant = "grant_id"\nignore = ["QP"]\nextend-exclude = ["vendor"]\n'
    )
    (project / "vendor").mkdir()
    (project / "vendor" / "lib.py").write_text(V2)
    diff = invoke("fix", "--diff", ".")
    assert "{grant_id}" in diff.stdout and "vendor/lib.py" not in diff.stdout
    assert "QP001" not in diff.stderr
    flags = invoke("fix", "--diff", "--grant", "me", "--ignore", "HOST", ".")
    assert "/v3/grants/me/" in flags.stdout and "api.us.nylas.com" not in flags.stdout
    assert invoke("check", "vendor/lib.py").exit_code == 1  # an explicitly named file is always checked


def test_bad_configuration_is_exit_2(project):
    (project / "pyproject.toml").write_text('[tool.nylas-upgrade]\ngrnat = "x"\n')
    result = invoke("check", ".")
    assert result.exit_code == 2 and "unknown key 'grnat'" in result.stderr
    (project / "pyproject.toml").write_text('[tool.nylas-upgrade]\nselect = "EP"\n')
    assert invoke("check", ".").exit_code == 2
