"""codemods/rules.py: the shipped rules load, and every kind of malformed rule file is one RuleError that names
the file, the rule and the field (rule files are untrusted input)."""
from __future__ import annotations

import textwrap

import pytest

from codemods import rules as rules_module
from codemods.rule_kinds import KINDS
from codemods.rules import RuleError, load_rules

GOOD_RULE = """\
  - id: XX001
    kind: host
    summary: "a host"
    doc_url: https://developer.nylas.com/docs/v2/upgrade-to-v3/
    host: api.nylas.com
    replace: api.us.nylas.com
    example: {before: 'a', after: 'b'}
"""


def _dir(tmp_path, monkeypatch, files):
    monkeypatch.setenv("NYLAS_UPGRADE_NO_CACHE", "1")  # never let a cached doc hide the YAML under test
    directory = tmp_path / "rules"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(textwrap.dedent(text))
    return directory


def _load(tmp_path, monkeypatch, files):
    directory = _dir(tmp_path, monkeypatch, files)
    rules_module._CACHE.pop(directory.resolve(), None)
    try:
        return load_rules(directory)
    finally:
        rules_module._CACHE.pop(directory.resolve(), None)


def _file(rule_text: str, family: str = "XX") -> str:
    return f"family: {family}\ntitle: test family\nrules:\n{rule_text}"


def test_the_shipped_rules_load_and_are_consistent():
    ruleset = load_rules()
    ids = [r.id for r in ruleset.rules]
    assert len(ids) == len(set(ids)) > 50
    assert {"HOST", "EP", "QP", "SDK", "SRCH"} <= set(ruleset.families)
    for rule in ruleset.rules:
        assert rule.id.startswith(rule.family) and rule.kind in KINDS
        assert rule.doc_url.startswith("https://")
        assert rule.fixable or rule.message, rule.id
    assert "nylas" in ruleset.triggers()


def test_a_good_file_in_a_custom_dir_loads(tmp_path, monkeypatch):
    ruleset = _load(tmp_path, monkeypatch, {"x.yaml": _file(GOOD_RULE)})
    (rule,) = ruleset.rules
    assert (rule.id, rule.kind, rule.family, rule.fixable, rule.source) == ("XX001", "host", "XX", True, "x.yaml")
    assert rule.get("replace") == "api.us.nylas.com" and ruleset.families == {"XX": "test family"}


def _bad(rule_text=None, whole=None):
    return whole if whole is not None else _file(rule_text)


BAD = {
    "bad_yaml": (_bad(whole="family: XX\nrules: [\n"), ["bad.yaml", "not valid YAML (line 3, column 1)"]),
    "not_a_mapping": (_bad(whole="- 1\n- 2\n"), ["bad.yaml", "expected a mapping"]),
    "unknown_top_key": (_bad(whole=_file(GOOD_RULE) + "extra: 1\n"), ["bad.yaml", "unknown top-level key", "extra"]),
    "bad_family": (_bad(whole=_file(GOOD_RULE, family="x1")), ["bad.yaml", "'family'"]),
    "empty_rules": (_bad(whole="family: XX\ntitle: t\nrules: []\n"), ["bad.yaml", "'rules'"]),
    "unknown_field": (_bad(GOOD_RULE + "    bogus: 1\n"), ["bad.yaml", "rule XX001", "bogus", "'host'"]),
    "missing_field": (_bad(GOOD_RULE.replace("    replace: api.us.nylas.com\n", "")),
                      ["bad.yaml", "rule XX001", "missing", "replace"]),
    "missing_common_field": (_bad(GOOD_RULE.replace('    summary: "a host"\n', "")),
                             ["bad.yaml", "rule XX001", "missing", "summary"]),
    "bad_id": (_bad(GOOD_RULE.replace("XX001", "XX01")), ["bad.yaml", "rule XX01", "'id'"]),
    "no_id": (_bad(GOOD_RULE.replace("  - id: XX001\n    kind", "  - kind")), ["bad.yaml", "rule #1", "'id'"]),
    "id_not_family": (_bad(GOOD_RULE.replace("XX001", "YY001")), ["bad.yaml", "rule YY001", "'id'", "'XX'"]),
    "unknown_kind": (_bad(GOOD_RULE.replace("kind: host", "kind: teleport")), ["bad.yaml", "rule XX001", "'kind'"]),
    "http_doc_url": (_bad(GOOD_RULE.replace("https://developer", "http://developer")),
                     ["bad.yaml", "rule XX001", "'doc_url'"]),
    "example_not_mapping": (_bad(GOOD_RULE.replace("{before: 'a', after: 'b'}", "'a'")),
                            ["bad.yaml", "rule XX001", "'example'"]),
    "bad_confidence": (_bad(GOOD_RULE + "    confidence: maybe\n"), ["bad.yaml", "rule XX001", "'confidence'"]),
    "field_wrong_type": (_bad(GOOD_RULE.replace("replace: api.us.nylas.com", "replace: [1]")),
                         ["bad.yaml", "rule XX001", "'replace'"]),
    "manual_without_message": (_bad("""\
  - id: XX001
    kind: header
    summary: "a header"
    doc_url: https://developer.nylas.com/docs/v2/upgrade-to-v3/
    header: X-Thing
    message: "   "
    example: {before: 'a'}
"""), ["bad.yaml", "rule XX001", "'message'"]),
    "endpoint_methods_not_mapping": (_bad("""\
  - id: XX001
    kind: endpoint
    summary: "an endpoint"
    doc_url: https://developer.nylas.com/docs/v2/upgrade-to-v3/
    path: /messages
    to: /v3/grants/{grant}/messages
    methods: [GET]
    example: {before: 'a'}
"""), ["bad.yaml", "rule XX001", "'methods'"]),
    "endpoint_methods_lowercase": (_bad("""\
  - id: XX001
    kind: endpoint
    summary: "an endpoint"
    doc_url: https://developer.nylas.com/docs/v2/upgrade-to-v3/
    path: /messages
    to: /v3/grants/{grant}/messages
    methods: {get: GET}
    example: {before: 'a'}
"""), ["bad.yaml", "rule XX001", "'methods'"]),
    "manual_endpoint_methods_mapping": (_bad("""\
  - id: XX001
    kind: manual_endpoint
    summary: "an endpoint"
    doc_url: https://developer.nylas.com/docs/v2/upgrade-to-v3/
    path: /outbox
    message: gone
    methods: {GET: GET}
    example: {before: 'a'}
"""), ["bad.yaml", "rule XX001", "'methods'"]),
    "endpoint_path_not_absolute": (_bad("""\
  - id: XX001
    kind: endpoint
    summary: "an endpoint"
    doc_url: https://developer.nylas.com/docs/v2/upgrade-to-v3/
    path: messages
    to: /v3/grants/{grant}/messages
    methods: {GET: GET}
    example: {before: 'a'}
"""), ["bad.yaml", "rule XX001", "'path'"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_malformed_rule_files_name_file_rule_and_field(tmp_path, monkeypatch, case):
    text, expected = BAD[case]
    with pytest.raises(RuleError) as info:
        _load(tmp_path, monkeypatch, {"a_good.yaml": _file(GOOD_RULE.replace("XX", "AA"), "AA"), "bad.yaml": text})
    message = str(info.value)
    assert "\n" not in message  # the CLI prints it as one line
    for word in expected:
        assert word in message, (case, message)


def test_duplicate_id_names_file_and_rule(tmp_path, monkeypatch):
    with pytest.raises(RuleError) as info:
        _load(tmp_path, monkeypatch, {"a.yaml": _file(GOOD_RULE + GOOD_RULE)})
    assert str(info.value) == "a.yaml: rule XX001: id already used in a.yaml"


def test_same_family_in_two_files_is_refused(tmp_path, monkeypatch):
    files = {"a.yaml": _file(GOOD_RULE), "b.yaml": _file(GOOD_RULE.replace("XX001", "XX002"))}
    with pytest.raises(RuleError, match=r"b\.yaml: family 'XX' is already defined"):
        _load(tmp_path, monkeypatch, files)


def test_missing_and_empty_rules_dir(tmp_path, monkeypatch):
    with pytest.raises(RuleError, match="rules directory not found"):
        load_rules(tmp_path / "nowhere")
    with pytest.raises(RuleError, match="no rules found"):
        _load(tmp_path, monkeypatch, {"notes.txt": "hello"})


def test_yaml_tags_that_build_objects_are_refused(tmp_path, monkeypatch):
    hostile = "family: XX\ntitle: !!python/object/apply:os.system ['echo pwned']\nrules: []\n"
    with pytest.raises(RuleError, match="bad.yaml: not valid YAML"):
        _load(tmp_path, monkeypatch, {"bad.yaml": hostile})


def test_env_var_points_the_default_loader_at_another_dir(tmp_path, monkeypatch):
    directory = _dir(tmp_path, monkeypatch, {"x.yaml": _file(GOOD_RULE)})
    monkeypatch.setenv("NYLAS_UPGRADE_RULES_DIR", str(directory))
    assert rules_module.default_rules_dir() == directory.resolve()
    rules_module._CACHE.pop(directory.resolve(), None)
    try:
        assert [r.id for r in load_rules().rules] == ["XX001"]
    finally:
        rules_module._CACHE.pop(directory.resolve(), None)
