"""A test's mock of a Nylas URL moves to v3 only with the requests it answers (codemods/analysis/mocks.py)."""
from __future__ import annotations

import shutil

import pytest

from codemods.analysis.requests_made import RequestMade, paired, registers_mocks
from codemods.engine import process_bytes, run
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules
from fixture_support import FIXTURES


def _request(endpoint, method, moves, line=1):
    return RequestMade("app/mail.py", line, endpoint, method, moves)


def test_a_mock_pairs_with_the_same_path_and_the_same_method_where_both_say_it():
    made = [_request("/threads", "GET", True, 1), _request("/threads", None, False, 2),
            _request("/threads", "POST", True, 3), _request("/threads/{id}", "GET", True, 4)]
    assert [r.line for r in paired(made, "/threads", "GET")] == [1, 2]
    assert [r.line for r in paired(made, "/threads", None)] == [1, 2, 3]


def test_a_module_that_may_mock_is_found_by_its_imports_and_fixtures_not_by_a_word():
    assert registers_mocks(b"import responses\n")
    assert registers_mocks(b"def test_x(requests_mock):\n    pass\n")
    assert registers_mocks(b"get.assert_called_once_with(url)\n")
    assert not registers_mocks(b"responses = [requests.get(u) for u in urls]\n")


def _project(tmp_path, monkeypatch, name):
    copy = tmp_path / name
    shutil.copytree(FIXTURES / "projects" / name, copy)
    monkeypatch.chdir(copy)
    return copy


def test_pre_commit_over_the_tests_alone_moves_no_mock(tmp_path, monkeypatch):
    """The code under test is not in the run: nothing says its requests move, so no mock does (EP115)."""
    copy = _project(tmp_path, monkeypatch, "mocks_moved")
    result = run([copy / "tests" / "test_mail.py", copy / "tests" / "test_mocker.py"], load_rules(), Options(), jobs=1)
    assert not result.changed
    assert {(f.path, f.line) for f in result.findings if f.rule == "EP115"} == {
        ("tests/test_mail.py", 12), ("tests/test_mail.py", 18), ("tests/test_mail.py", 26),
        ("tests/test_mocker.py", 8), ("tests/test_mocker.py", 14)}
    assert not [f for f in result.findings if f.rule == "RUN052"]


def test_mocks_follow_code_already_on_v3(tmp_path, monkeypatch):
    """The code under test was moved first (another run): its v3 requests let the tests' mocks move now."""
    copy = _project(tmp_path, monkeypatch, "mocks_moved")
    assert run([copy / "app"], load_rules(), Options(), write=True, jobs=1).changed
    result = run([copy], load_rules(), Options(), jobs=1)
    assert sorted(r.path for r in result.changed) == ["tests/test_mail.py", "tests/test_mocker.py"]
    assert [(f.path, f.line) for f in result.findings if f.rule == "EP115"] == [("tests/test_mocker.py", 14)]


def test_the_same_run_with_a_worker_pool_decides_the_same(tmp_path, monkeypatch):
    copy = _project(tmp_path, monkeypatch, "mocks_held")
    for i in range(8):  # enough modules for the pool
        (copy / "app" / f"extra_{i}.py").write_text(f'import requests\nURL = "https://api.nylas.com/folders/{i}"\n')
    alone = run([copy], load_rules(), Options(), jobs=1)
    pooled = run([copy], load_rules(), Options(), jobs=2)
    assert alone.findings == pooled.findings
    assert sorted(r.path for r in pooled.changed) == [f"app/extra_{i}.py" for i in range(8)]
    assert [f.line for f in pooled.findings if f.rule == "EP114" and f.path == "tests/test_mail.py"] == [11, 17, 25]


def _one(text):
    return process_bytes(text.encode(), "test_mail.py", load_rules(), Options())


BASE_BUILT = '''import responses

API = "https://api.nylas.com"


@responses.activate
def test_threads():
    responses.add(responses.GET, API + "/threads", json=[{"id": "t1"}])
'''


def test_a_kept_mock_built_on_a_base_keeps_the_base_on_the_v2_host():
    """Moving the base's host alone would send the kept mock's v2 path to the v3 host."""
    result = _one(BASE_BUILT)
    assert result.status is Status.UNCHANGED
    assert [f.rule for f in result.findings] == ["EP111", "EP115"]


@pytest.mark.parametrize("mock", [
    'respx.get("https://api.nylas.com/threads").mock(return_value=httpx.Response(200, json=[]))',
    'respx_mock.get("https://api.nylas.com/threads")',
    'httpretty.register_uri(httpretty.GET, "https://api.nylas.com/threads", body="[]")',
    'httpx_mock.add_response(url="https://api.nylas.com/threads", json=[])',
    'responses.add(responses.Response(method="GET", url="https://api.nylas.com/threads", json=[]))',
])
def test_every_mocking_library_the_tool_sees_keeps_an_unpaired_mock(mock):
    imports = "import httpretty\nimport httpx\nimport respx\nimport responses\n"
    text = f"{imports}\n\ndef test_x(respx_mock, httpx_mock):\n    {mock}\n"
    result = _one(text)
    assert result.status is Status.UNCHANGED
    assert [f.rule for f in result.findings] == ["EP115"]


def test_aioresponses_in_a_with_block_is_a_mock():
    text = ('from aioresponses import aioresponses\n\n\nasync def test_x():\n    with aioresponses() as m:\n'
            '        m.get("https://api.nylas.com/threads", payload=[{"id": "t1"}])\n')
    assert [f.rule for f in _one(text).findings] == ["EP115"]


def test_a_request_is_not_a_mock_even_in_a_test_module():
    """`session.get(url)` on a requests.Session sends the request: it moves, and nothing is held."""
    text = ('import requests\nimport responses\n\n\ndef test_live():\n    session = requests.Session()\n'
            '    assert session.get("https://api.nylas.com/threads").ok\n')
    result = _one(text)
    assert result.status is Status.CHANGED and "/v3/grants/me/threads" in result.new_text
    assert not [f for f in result.findings if f.rule in ("EP114", "EP115")]


def test_a_request_the_tool_cannot_rewrite_holds_its_mock_and_is_named():
    """`.format()` cannot take an f-string grant (EP106): that request stays on v2, so its mock does; the other
    request of the module moves, and its mock with it."""
    text = ('import requests\nimport responses\n\n\ndef thread(tid):\n'
            '    return requests.get("https://api.nylas.com/threads/{}".format(tid)).json()\n\n\n'
            'def messages():\n    return requests.get("https://api.nylas.com/messages").json()\n\n\n'
            '@responses.activate\ndef test_thread():\n'
            '    responses.add(responses.GET, "https://api.nylas.com/threads/t1", json={"id": "t1"})\n'
            '    responses.add(responses.GET, "https://api.nylas.com/messages", json=[])\n')
    result = process_bytes(text.encode(), "test_mail.py", load_rules(), Options(grant="user.grant_id"))
    held = [f for f in result.findings if f.rule == "EP114"]
    assert [f.line for f in held] == [15]
    assert held[0].message.startswith("GET /threads/{id}: held back by line 6 GET /threads/{id} (stays on v2: EP106)")
    assert 'responses.add(responses.GET, "https://api.nylas.com/threads/t1"' in result.new_text
    assert '/v3/grants/{user.grant_id}/messages", json=[])' in result.new_text


def test_a_kept_mock_keeps_its_body_keys_too():
    """`responses.post(url, json=...)` reads like a request with a body: its v3 renames (tracking →
    tracking_options, payload → label) are taken back with the URL."""
    text = ('import responses\n\n\n@responses.activate\ndef test_send():\n'
            '    responses.post("https://api.nylas.com/send", json={"id": "m1", "tracking": {"payload": "p"}})\n')
    result = _one(text)
    assert result.status is Status.UNCHANGED
    assert [f.rule for f in result.findings] == ["EP115"]


@pytest.mark.parametrize("name", ["mocks_held", "mocks_moved"])
def test_a_second_run_over_the_project_changes_nothing_and_says_the_same(tmp_path, monkeypatch, name):
    copy = _project(tmp_path, monkeypatch, name)
    first = run([copy], load_rules(), Options(), write=True, jobs=1)
    again = run([copy], load_rules(), Options(), jobs=1)
    assert not again.changed
    kept = lambda result: [(f.path, f.line, f.message) for f in result.findings if f.rule in ("EP114", "EP115")]  # noqa: E731
    assert kept(again) == kept(first) and kept(first)
