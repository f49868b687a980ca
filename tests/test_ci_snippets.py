"""The README's CI snippets are what they claim: the workflow validates against GitHub's workflow schema and passes
only inputs action.yml declares, the .gitlab-ci.yml job against GitLab's CI schema (both schemas as check-jsonschema
ships them), and every command they run is a real option of `check`."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")
pytest.importorskip("check_jsonschema")

ROOT = Path(__file__).resolve().parent.parent


def _snippets() -> list:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## CI\n", 1)[1].split("\n## ", 1)[0]
    docs = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    for doc in docs:  # PyYAML reads the key `on` as YAML 1.1's True; GitHub reads YAML 1.2
        if True in doc:
            doc["on"] = doc.pop(True)
    return docs


def _errors(schema_name: str, doc) -> list:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads(vendor.joinpath(schema_name).read_text(encoding="utf-8"))
    return [e.message for e in jsonschema.validators.validator_for(schema)(schema).iter_errors(doc)]


def test_the_readme_has_the_four_snippets():
    snippets = _snippets()
    assert len(snippets) == 4
    workflow, plain, gitlab, precommit = snippets
    assert "jobs" in workflow and "steps" in plain and "nylas-upgrade" in gitlab and "repos" in precommit


def test_the_workflow_validates_and_uses_declared_inputs():
    workflow = _snippets()[0]
    assert _errors("github-workflows.json", workflow) == []
    steps = workflow["jobs"]["nylas-upgrade"]["steps"]
    action = next(s for s in steps if s.get("uses", "").startswith("<your-org>/nylas-upgrade@"))
    declared = yaml.safe_load((ROOT / "action.yml").read_text())["inputs"]
    assert set(action["with"]) <= set(declared)
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == action["with"]["sarif"] and upload["if"] == "always()"


def test_the_plain_steps_validate_as_a_job():
    plain = _snippets()[1]
    workflow = {"on": "pull_request", "jobs": {"check": {"runs-on": "ubuntu-latest", **plain}}}
    assert _errors("github-workflows.json", workflow) == []
    assert any("check --format github --since" in s.get("run", "") for s in plain["steps"])


def test_the_gitlab_job_validates_and_reports_code_quality():
    gitlab = _snippets()[2]
    assert _errors("gitlab-ci.json", gitlab) == []
    job = gitlab["nylas-upgrade"]
    report = job["artifacts"]["reports"]["codequality"]
    assert any(line.endswith(f"check --format gitlab . > {report}") for line in job["script"])
    assert job["artifacts"]["when"] == "always"


def test_the_pre_commit_config_names_a_hook_this_repository_ships():
    precommit = _snippets()[3]
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {h["id"] for r in precommit["repos"] for h in r["hooks"]} <= hooks
    assert precommit["ci"]["autofix_prs"] is False
