"""Engine-level checks of the RUN family (issue 14) that fixtures alone do not show."""
from __future__ import annotations

from codemods.engine import process_bytes
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules

HANDLER = b'''from nylas import APIClient
from requests.exceptions import HTTPError

client = APIClient(CLIENT_ARGS)


def thread(tid):
    try:
        return client.threads.get(tid)
    except HTTPError as e:
        if e.response.status_code == 404:
            return None
        raise
'''


def _run(raw: bytes, **options):
    return process_bytes(raw, "m.py", load_rules(), Options(**options))


def test_the_handler_moves_with_its_module():
    raw = HANDLER.replace(b"CLIENT_ARGS", b'"id", "secret", "token"')
    result = _run(raw)
    assert result.status is Status.CHANGED
    assert b"from nylas.models.errors import NylasApiError\n" in result.new_bytes
    assert b"except NylasApiError as e:" in result.new_bytes and b"if e.status_code == 404" in result.new_bytes
    assert [f.fixable for f in result.findings if f.rule == "RUN001"] == [True]


def test_a_selection_without_the_sdk_rewrite_leaves_the_handler_on_nylas_5():
    raw = HANDLER.replace(b"CLIENT_ARGS", b'"id", "secret", "token"')
    result = _run(raw, select=("RUN",))
    assert result.status is Status.UNCHANGED  # `except NylasApiError` next to a v5 APIClient would not import
    assert [f.fixable for f in result.findings if f.rule == "RUN001"] == [False]


def test_a_module_kept_on_v2_keeps_its_handler_silently():
    result = _run(HANDLER.replace(b"CLIENT_ARGS", b"**settings.NYLAS"))
    rules = {f.rule for f in result.findings}
    assert "SDK003" in rules and "RUN010" in rules  # kept on v2, and its import is said to fail under nylas 6
    assert not rules & {"RUN001", "RUN003"}  # nylas 5 still raises a requests.HTTPError there
    assert result.status is Status.UNCHANGED


def test_run010_is_said_once_per_module_and_not_next_to_sdk007():
    kept = _run(HANDLER.replace(b"CLIENT_ARGS", b"**settings.NYLAS").replace(
        b"def thread", b"other = APIClient(**more)\n\n\ndef thread"))
    assert [f.rule for f in kept.findings].count("RUN010") == 1
    import_only = _run(b"from nylas import APIClient\n\n\ndef check(api):\n    assert isinstance(api, APIClient)\n")
    assert {f.rule for f in import_only.findings} & {"SDK007", "RUN010"} == {"SDK007"}
