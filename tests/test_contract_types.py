"""Contract: every migrated SDK fixture type-checks against the installed nylas 6 (basedpyright, one run for
all of them). An error on text the tool wrote fails, unless it is the dynamic-TypedDict false positive
(tests/contract/typecheck.py) or listed with its reason under `type_errors:` in the fixture's .contract.yaml
(strict: a listed error that no longer occurs fails too, so the list cannot go stale). Errors on text the
tool did not write (v5 leftovers it reported, the fixture's own code) are printed, not failed."""
from __future__ import annotations

import pytest

from contract import runner, typecheck
from fixture_support import FIXTURES, options_for

pytest.importorskip("nylas.models.messages", reason="needs nylas 6")
SDK = sorted((FIXTURES / "sdk").glob("*.py"))

# Probes in the same checker run: each (before, after) is checked like a migrated module.
CLIENT = "from nylas import Client\n\nnylas = Client(api_key='key')\n"
PROBES = {
    "probe_grant_missing": CLIENT + "inbox = nylas.messages.list().data\n",
    "probe_valid_query_params": CLIENT + "inbox = nylas.messages.list('me', query_params={'limit': 10, 'in': 'INBOX'}).data\n"
                                         "threads = nylas.threads.list('me', query_params={'limit': 5, 'unread': True}).data\n",
    "probe_real_error_same_line": CLIENT + "inbox = nylas.messages.list('me', query_params={'limit': 10}).data.nope\n",
    "probe_unknown_key": CLIENT + "threads = nylas.threads.list('me', query_params={'limit': 5, 'offset': 10}).data\n",
    "probe_wrong_value_type": CLIENT + "inbox = nylas.messages.list('me', query_params={'limit': 'ten'}).data\n",
}


@pytest.fixture(scope="session")
def type_report():
    modules = {}
    for path in SDK:
        raw = path.read_bytes()
        result = runner.migrate(path, raw, options_for(raw))
        modules[path.stem] = (raw, result.new_bytes if result.new_bytes is not None else raw)
    modules.update({name: (b"", text.encode()) for name, text in PROBES.items()})  # every probe line is "written"
    return typecheck.run(modules)


def _of(report, name):
    return [d for d in report if d.module == name]


@pytest.mark.parametrize("module", SDK, ids=[f"sdk/{p.name}" for p in SDK])
def test_contract_types_of_migrated_sdk_fixture(module, type_report):
    diagnostics = _of(type_report, module.stem)
    for d in diagnostics:
        if not d.written:
            print(f"untouched by the tool (listed, not failed): {d}")
    failing = typecheck.failures(diagnostics)
    known = (runner.load_sidecar(module) or {}).get("type_errors") or []
    unexplained = [d for d in failing if not any(k["match"] in d.message for k in known)]
    stale = [k["match"] for k in known if not any(k["match"] in d.message for d in failing)]
    assert not unexplained, "errors on code the tool wrote:\n" + "\n".join(map(str, unexplained))
    assert not stale, f"listed in type_errors but no longer reported (remove them): {stale}"


def test_contract_types_fail_a_known_bad_v6_call(type_report):
    (error,) = typecheck.failures(_of(type_report, "probe_grant_missing"))
    assert error.rule == "reportCallIssue" and "identifier" in error.message


def test_contract_types_exempt_only_the_dynamic_typeddict_class(type_report):
    valid = _of(type_report, "probe_valid_query_params")
    assert valid and all(d.exempt for d in valid)  # flagged by pyright, valid at run time
    assert typecheck.failures(valid) == []
    same_line = _of(type_report, "probe_real_error_same_line")
    assert [d.exempt for d in same_line if d.rule == "reportArgumentType"] == [True]
    assert [d.rule for d in typecheck.failures(same_line)] == ["reportAttributeAccessIssue"]
    for probe in ("probe_unknown_key", "probe_wrong_value_type"):  # a key v3 lacks, a value of the wrong type
        assert [d.rule for d in typecheck.failures(_of(type_report, probe))] == ["reportArgumentType"], probe


def test_contract_types_place_errors_on_the_text_the_tool_wrote():
    before = b"x = client.messages.where(in_='inbox')['subject']\n"
    after = b"x = client.messages.list('me', query_params={'in': 'inbox'}).data['subject']\n"
    written = typecheck.written_text(before, after)
    assert (1, after.index(b"list")) in written and (1, after.index(b"['subject']")) not in written
