"""action.yml against GitHub's action metadata schema (SchemaStore's github-action.json, as the check-jsonschema
package ships it), and the wiring the schema cannot see: every input the steps use is declared, every declared
input reaches codemods/github_action.py, and the outputs name a step that exists."""
from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")
pytest.importorskip("check_jsonschema")

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
SCRIPT = (ROOT / "codemods" / "github_action.py").read_text()


def _schema() -> dict:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(vendor.joinpath("github-actions.json").read_text(encoding="utf-8"))


def _errors(doc) -> list:
    schema = _schema()
    return list(jsonschema.validators.validator_for(schema)(schema).iter_errors(doc))


def test_action_yml_validates_against_the_action_metadata_schema():
    assert _errors(ACTION) == []
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "since", "grant", "fail-on", "sarif"}
    assert ACTION["inputs"]["paths"]["default"] == "." and ACTION["inputs"]["fail-on"]["default"] == "any"


@pytest.mark.parametrize("broken", [
    lambda a: a["runs"].pop("using"),
    lambda a: a.pop("description"),
    lambda a: a["runs"]["steps"][1].pop("shell"),  # a composite step's run needs its shell
    lambda a: a["inputs"]["paths"].update(required="no"),
])
def test_the_schema_rejects_broken_metadata(broken):
    action = copy.deepcopy(ACTION)
    broken(action)
    assert _errors(action)


def test_inputs_are_declared_and_all_reach_the_script():
    steps = ACTION["runs"]["steps"]
    text = yaml.safe_dump(steps)
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert used == set(ACTION["inputs"])
    check = next(s for s in steps if s.get("id") == "check")
    read = set(re.findall(r'"(INPUT_[A-Z_]+)"', SCRIPT))
    assert read == {k for k in check["env"] if k.startswith("INPUT_")}
    assert "-m codemods.github_action" in check["run"]
    ids = {s.get("id") for s in steps}
    for output in ACTION["outputs"].values():
        step = re.fullmatch(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.[\w-]+\s*\}\}", output["value"]).group(1)
        assert step in ids
    install = next(s for s in steps if s.get("id") == "install")
    assert "${{ github.action_path }}" in yaml.safe_dump(install["env"]) and 'pip install' in install["run"]
