"""Every rule is exercised by a fixture, and every v3 method+path an endpoint rule emits exists in the v3 spec."""
from __future__ import annotations

import re

import pytest

from fixture_support import ROOT, all_fixtures, run_fixture, unparsable_fixtures
from codemods.engine import prefilter_pattern
from codemods.rules import load_rules

RULES = load_rules()
SPEC_PATHS = ROOT / "tests" / "data" / "v3_openapi_paths.txt"


def _spec_pairs():
    pairs = set()
    for line in SPEC_PATHS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            method, path = line.split(" ", 1)
            pairs.add((method, tuple(path.strip("/").split("/"))))
    return pairs


def _exists(method: str, path: str, spec) -> bool:
    segments = tuple(path.strip("/").split("/"))
    for spec_method, spec_segments in spec:
        if spec_method != method or len(spec_segments) != len(segments):
            continue
        if all(
            a == b or (a.startswith("{") and b.startswith("{")) or (a == "me" and b.startswith("{"))
            or (a.startswith("{") and b == "me")
            for a, b in zip(segments, spec_segments)
        ):
            return True
    return False


ENDPOINT_RULES = [r for r in RULES.rules if r.kind == "endpoint"]


@pytest.mark.parametrize("rule", ENDPOINT_RULES, ids=[r.id for r in ENDPOINT_RULES])
@pytest.mark.parametrize("grant", ["{grant_id}", "me"])
def test_endpoint_targets_exist_in_the_v3_spec(rule, grant):
    spec = _spec_pairs()
    path = re.sub(r"\{id\}", "{x}", rule.get("to").replace("{grant}", grant))
    for v3_method in rule.get("methods").values():
        assert _exists(v3_method, path, spec), f"{rule.id}: {v3_method} {path} is not in the v3 OpenAPI spec"


def test_the_spec_check_can_fail():
    spec = _spec_pairs()
    assert _exists("GET", "/v3/grants/me/messages", spec)
    assert not _exists("POST", "/v3/grants/me/messages/{x}", spec)
    assert not _exists("GET", "/v3/grants/me/outbox", spec)


def test_every_rule_has_a_fixture_that_triggers_it(monkeypatch):
    from codemods.engine import run
    from codemods.options import Options

    seen = set()
    for fixture in all_fixtures() + unparsable_fixtures():
        seen.update(f.rule for f in run_fixture(fixture).findings)
    for project in sorted((ROOT / "fixtures" / "projects").iterdir()):  # rules that need several modules
        monkeypatch.chdir(project)  # read only: the run does not write
        seen.update(f.rule for f in run([project], RULES, Options(), jobs=1).findings)
    missing = sorted(r.id for r in RULES.rules if r.id not in seen)
    assert not missing, f"rules with no fixture: {missing}"


def test_every_fixture_that_reports_passes_the_prefilter():
    prefilter = prefilter_pattern(RULES)
    for fixture in all_fixtures():
        if run_fixture(fixture).findings:
            assert prefilter.search(fixture.read_bytes()), fixture
