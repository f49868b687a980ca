"""`check --format gitlab`: GitLab's Code Quality report, validated against its documented fields
(tests/data/gitlab_codequality.schema.json), with fingerprints that are stable across runs and unrelated edits and
distinct between findings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from codemods.cli import main

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((Path(__file__).parent / "data" / "gitlab_codequality.schema.json").read_text())

MAIL = (
    "import requests\n\n\n"
    "def inbox(token):\n"
    '    return requests.get("https://api.nylas.com/messages", params={"offset": 1})\n\n\n'
    "def again(token):\n"
    '    return requests.get("https://api.nylas.com/messages", params={"offset": 1})\n'
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mail.py").write_text(MAIL)
    (tmp_path / "broken.py").write_text('import requests\nrequests.get("https://api.nylas.com/messages"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def gitlab(*paths: str) -> list:
    result = CliRunner().invoke(main, ["check", "--format", "gitlab", *paths])
    assert result.exit_code in (1, 3), result.output
    return json.loads(result.stdout)


def validate(doc) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(doc)


def test_report_validates_against_gitlabs_documented_fields(project):
    doc = gitlab(".")
    validate(doc)
    by_rule = {}
    for issue in doc:
        by_rule.setdefault(issue["check_name"], []).append(issue)
    assert {i["location"]["lines"]["begin"] for i in by_rule["EP001"]} == {5, 9}
    assert {i["location"]["path"] for i in by_rule["EP001"]} == {"pkg/mail.py"}
    assert {i["severity"] for i in by_rule["EP001"]} == {"minor"}  # fix rewrites it
    assert {i["severity"] for i in by_rule["QP001"]} == {"major"}  # left for a human
    assert "next_cursor" in by_rule["QP001"][0]["description"]
    assert "developer.nylas.com" in by_rule["QP001"][0]["description"]
    failed = by_rule["nylas-upgrade/file-error"]  # a file that could not be checked is not silent
    assert [(i["location"]["path"], i["severity"]) for i in failed] == [("broken.py", "critical")]


@pytest.mark.parametrize("broken", [
    lambda d: d[0].pop("fingerprint"),
    lambda d: d[0].update(severity="warning"),
    lambda d: d[0]["location"]["lines"].update(begin="5"),
    lambda d: d[0]["location"].update(path="/abs/pkg/mail.py"),
    lambda d: d[0]["location"].pop("lines"),
])
def test_schema_rejects_what_gitlab_would_not_read(project, broken):
    doc = gitlab("pkg")
    broken(doc)
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)


def test_fingerprints_stable_across_runs_and_distinct_between_findings(project):
    first, second = gitlab("."), gitlab(".")
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints) == len(first) > 4  # the two identical calls' findings differ too


def test_fingerprints_survive_unrelated_edits_and_another_checkout_dir(project):
    before = {(i["check_name"], i["location"]["lines"]["begin"]): i["fingerprint"] for i in gitlab("pkg")}
    moved = MAIL.replace("import requests\n", "import requests\n# a comment\n\nTIMEOUT = 5\n", 1)
    (project / "pkg" / "mail.py").write_text(moved.replace("    return", "        return"))  # re-indented too
    after = {(i["check_name"], i["location"]["lines"]["begin"] - 3): i["fingerprint"] for i in gitlab("pkg")}
    assert after == before
    absolute = gitlab(str(project / "pkg"))  # the same tree named by an absolute path
    assert {i["fingerprint"] for i in absolute} == set(after.values())
    assert {i["location"]["path"] for i in absolute} == {"pkg/mail.py"}


def test_editing_the_line_itself_makes_a_new_finding(project):
    before = {i["fingerprint"] for i in gitlab("pkg") if i["location"]["lines"]["begin"] == 5}
    (project / "pkg" / "mail.py").write_text(MAIL.replace("def inbox(token):\n    return requests.get(",
                                                          "def inbox(token):\n    return requests.get(  ", 1))
    after = {i["fingerprint"] for i in gitlab("pkg") if i["location"]["lines"]["begin"] == 5}
    assert after and not after & before


def test_notebook_findings_are_on_the_file_and_fingerprinted_by_cell_line(tmp_path, monkeypatch):
    import shutil

    from fixture_support import FIXTURES

    shutil.copy(FIXTURES / "notebooks" / "inbox_v2.ipynb", tmp_path / "inbox.ipynb")
    monkeypatch.chdir(tmp_path)
    doc = gitlab(".")
    validate(doc)
    ep001 = next(i for i in doc if i["check_name"] == "EP001")
    assert ep001["location"] == {"path": "inbox.ipynb", "lines": {"begin": 1}}  # the cell's lines are not the file's
    assert ep001["description"].startswith("cell 3, line 2, column 18: GET /messages")
    assert len({i["fingerprint"] for i in doc}) == len(doc)
