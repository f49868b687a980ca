"""Contract: every fixture's migrated output runs against the local v3 contract server (tests/contract).

Each fixture declares its entry points in `<stem>.contract.yaml` beside it (format: tests/contract/runner.py).
The module is migrated by the tool as in the snapshot tests (NYLAS_UPGRADE_RULES_DIR is honoured), imported,
and its entry points called; every request they send must be valid v3, and every call must complete, except
the places the tool reported and left for a human, which must fail."""
from __future__ import annotations

import ast
import re
import shutil

import pytest

from contract import runner
from contract.server import shared
from fixture_support import FIXTURES, ROOT, all_fixtures, options_for

MODULES = all_fixtures() + sorted((FIXTURES / "example").glob("*.py"))
IDS = [f"{p.parent.name}/{p.name}" for p in MODULES]


@pytest.fixture(scope="session")
def contract_server():
    return shared()


def test_contract_every_fixture_has_a_sidecar():
    missing = [i for i, p in zip(IDS, MODULES) if runner.load_sidecar(p) is None]
    assert not missing, f"fixtures without a .contract.yaml sidecar: {missing}"


def _public_functions(module):
    tree = ast.parse(module.read_bytes())
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name
        elif isinstance(node, ast.ClassDef):
            yield from (f.name for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)))


def test_contract_sidecars_call_every_public_function():
    """A fixture that runs calls each of its public functions, or says in `not_called:` why it cannot."""
    uncalled = {}
    for name, module in zip(IDS, MODULES):
        sidecar = runner.load_sidecar(module) or {}
        if sidecar.get("skip") or sidecar.get("import_left"):  # nothing runs, or its import must fail
            continue
        calls = " ".join(c if isinstance(c, str) else c["call"] for c in sidecar.get("calls") or ())
        excused = sidecar.get("not_called") or {}
        missing = [f for f in _public_functions(module) if not f.startswith("_") and f not in excused
                   and not re.search(rf"\b{f}\(", calls)]
        if missing:
            uncalled[name] = missing
    assert not uncalled, f"public functions no entry point calls (call them, or list them in not_called): {uncalled}"


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_contract_fixture_runs_against_v3(module, contract_server, request):
    sidecar = runner.load_sidecar(module)
    if sidecar is None:
        pytest.fail("no sidecar")
    if sidecar.get("xfail"):  # a defect in the tool's output not fixed yet: must keep failing until it is
        request.applymarker(pytest.mark.xfail(reason=sidecar["xfail"], strict=True))
    raw = module.read_bytes()
    run = runner.run_module(module, runner.migrate(module, raw, options_for(raw)), sidecar, contract_server)
    if run.skipped:
        pytest.skip(run.skipped)
    problems = run.problems()
    assert not problems, "\n".join(problems)


def test_contract_catches_a_wrong_rename_in_the_rules(tmp_path, monkeypatch, contract_server):
    """A rules/ copy where the v2 thread filter last_message_after is renamed to a name v3 does not have
    (raw HTTP: QP012; SDK where(): SDK031). The tool runs with NYLAS_UPGRADE_RULES_DIR, as every contract
    test does, and the fixtures that send the filter now fail."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    for name, old, new in (("query_params.yaml", "rename: latest_message_after\n", "rename: newest_message_after\n"),
                           ("sdk.yaml", "last_message_after: latest_message_after}", "last_message_after: newest_message_after}")):
        text = (rules / name).read_text(encoding="utf-8")
        assert old in text
        (rules / name).write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setenv("NYLAS_UPGRADE_RULES_DIR", str(rules))
    for name in ("http/fstrings.py", "sdk/collections.py", "example/nylas_v2_client.py"):
        module = FIXTURES / name
        raw = module.read_bytes()
        run = runner.run_module(module, runner.migrate(module, raw, options_for(raw)), runner.load_sidecar(module),
                                contract_server)
        assert any("'newest_message_after' is not a v3 parameter" in p for p in run.problems()), name


def test_contract_a_call_left_for_a_human_must_fail_where_the_tool_said_so(contract_server):
    """`left: RULE` is no blanket excuse: the failure must come from code where the tool reported RULE."""
    module = FIXTURES / "http" / "fstrings.py"
    raw = module.read_bytes()
    result = runner.migrate(module, raw, options_for(raw))
    wrong_place = {"calls": [{"call": 'attachment("a1")', "left": "QP004"}]}  # QP004 is reported in thread()
    problems = runner.run_module(module, result, wrong_place, contract_server).problems()
    assert len(problems) == 1 and "where the tool did not report QP004" in problems[0]
    works = {"calls": [{"call": 'draft("d1")', "left": "EP101"}]}
    assert "v3 accepted it" in runner.run_module(module, result, works, contract_server).problems()[0]


def test_contract_dev_aid_prints_requests_and_rejections(tmp_path, capsys):
    from contract.__main__ import main

    shutil.copy(FIXTURES / "http" / "concatenation.py", tmp_path / "app.py")  # no sidecar: entry points guessed
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "ok       GET /v3/grants/me/threads/x1" in out
    assert "REJECTED GET /v3/grants/me/messages?limit=x1&offset=x1" in out
    assert "query parameter 'offset' is not a v3 parameter" in out


def test_contract_a_handler_the_tool_rewrote_is_no_excuse(contract_server):
    """An error escaping a try passes through its except clauses, so `left:` may name a rule reported on a
    handler (RUN001) or a retry decorator (RUN002); but not a handler the tool fixed: thread_or_none() catches
    NylasApiError now and re-raises a 500 itself, which no finding of its function explains."""
    module = FIXTURES / "sdk" / "error_handlers.py"
    raw = module.read_bytes()
    result = runner.migrate(module, raw, options_for(raw))
    stubs = {"stubs": runner.load_sidecar(module)["stubs"]}  # backoff, tenacity
    escaped = dict(stubs, calls=[{"call": 'thread_or_none("t1")', "answer": 500, "left": "RUN001"}])
    (problem,) = runner.run_module(module, result, escaped, contract_server).problems()
    assert "where the tool did not report RUN001" in problem
    caught = dict(stubs, calls=[{"call": 'thread_or_none("t1")', "answer": 404}])  # the rewritten handler works
    assert runner.run_module(module, result, caught, contract_server).problems() == []
